/**
 * The country index snapshot: restores exactly the live index, is used only under its own key, and
 * every cache failure (corrupt file, wrong key, unwritable folder, `off`) ends in a live build.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { countryIndex, lookupCountry, useCountryIndex } from '../../../src/mappers/country';
import { buildCountryIndex, type CountryIndex } from '../../../src/mappers/country-index';
import {
  INDEX_FORMAT_VERSION,
  keyOf,
  prepareCountryIndex,
  restoreCountryIndex,
  serialiseCountryIndex,
  SnapshotShapeError,
  snapshotDirs,
  snapshotFile,
  snapshotKey,
  snapshotKeyInputs,
} from '../../../src/mappers/country-snapshot';
import { ISSUE_CASES, NATIVE_NAMES, OTHER_LANGUAGES, WORLD_BANK_AND_CRM, AMBIGUOUS } from './country-spellings.fixture';
import { HELD_OUT, HELD_OUT_AFTER_TUNING } from './country-held-out.fixture';
import { HELD_OUT_THIRD } from './country-held-out-third.fixture';
import { HELD_OUT_FOURTH } from './country-held-out-fourth.fixture';

const run = promisify(execFile);
const CHILD = join(__dirname, '../../helpers/snapshot-child.ts');
const childArgs = (...args: string[]) => ['--require', require.resolve('tsx/cjs'), CHILD, ...args];

let live: CountryIndex;
let key: string;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'country-snapshot-test-'));
  dirs.push(dir);
  return dir;
}

/** Counts live builds, so a test can tell a load from a build. */
function countingBuild(): { build: () => CountryIndex; count: () => number } {
  let builds = 0;
  return {
    build: () => {
      builds++;
      return live;
    },
    count: () => builds,
  };
}

beforeAll(() => {
  live = buildCountryIndex();
  key = snapshotKey()!;
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('country index snapshot', () => {
  it('has a key in this checkout (the index source files are readable)', () => {
    expect(key).toMatch(/^[0-9a-f]{24}$/);
  });

  it('restores an identical index: same serialised form, same maps, same names', () => {
    const snapshot = serialiseCountryIndex(live, key);
    const restored = restoreCountryIndex(JSON.parse(JSON.stringify(snapshot)), key);
    expect(serialiseCountryIndex(restored, key)).toEqual(snapshot);
    for (const map of ['exact', 'loose', 'parts', 'inside', 'skeletons', 'initials', 'ambiguous', 'sports'] as const) {
      expect(restored[map].size).toBe(live[map].size);
      expect(new Map(restored[map])).toEqual(new Map(live[map]));
    }
    expect(restored.names).toBe(live.names);
    expect(restored.continents).toEqual(live.continents);
    expect(restored.loose.size).toBeGreaterThan(20_000);
  });

  it('resolves a sample of spellings exactly as the live index does', () => {
    const sample = [
      ...[...ISSUE_CASES, ...NATIVE_NAMES, ...OTHER_LANGUAGES, ...WORLD_BANK_AND_CRM, ...AMBIGUOUS].map(([text]) => text),
      ...HELD_OUT.map((row) => row.spelling),
      ...HELD_OUT_AFTER_TUNING.map((row) => row.spelling),
      ...HELD_OUT_THIRD.map((row) => row.spelling),
      ...HELD_OUT_FOURTH.map((row) => row.spelling),
      ...['SAM', 'BRN', 'GER', 'UAE', 'NGA', '美利堅合眾國', 'USSR', 'Wallis', 'SAE', 'Verenigde Staten van Noord-Amerika'],
    ];
    expect(sample.length).toBeGreaterThan(300);
    useCountryIndex(live);
    const before = sample.map((text) => lookupCountry(text));
    const restored = restoreCountryIndex(JSON.parse(JSON.stringify(serialiseCountryIndex(live, key))), key);
    useCountryIndex(restored);
    expect(countryIndex()).toBe(restored);
    expect(sample.map((text) => lookupCountry(text))).toEqual(before);
    useCountryIndex(undefined);
  });

  it('changes its key with every input: the modules (the generated names among them), and the package.json of i18n-iso-countries, world-countries, opencc-js and any-ascii', () => {
    const inputs = snapshotKeyInputs();
    // country-index, -keys, -forms, -romanised, -fuzzy, -data, -generated-names, text; four packages.
    expect(inputs.files.length).toBe(12);
    // The generated table, which records the CLDR and ISO 3166-3 package versions it was made from.
    expect(inputs.files.some((file) => file.includes('GENERATED_NAME_PACKAGES') && file.includes('cldr-subdivisions-full'))).toBe(true);
    expect(keyOf(inputs)).toBe(key);
    const changed = [
      { ...inputs, format: INDEX_FORMAT_VERSION + 1 },
      { ...inputs, node: 'v99.0.0' },
      { ...inputs, icu: '99.1' },
      { ...inputs, cldr: '99.0' },
      { ...inputs, unicode: '99.0' },
      ...inputs.files.map((_, at) => ({ ...inputs, files: inputs.files.map((file, i) => (i === at ? Buffer.concat([file, Buffer.from(' ')]) : file)) })),
    ];
    const keys = changed.map(keyOf);
    expect(new Set([key, ...keys]).size).toBe(changed.length + 1);
  });

  it('refuses a snapshot of another key or of the wrong shape', () => {
    const good = () => JSON.parse(JSON.stringify(serialiseCountryIndex(live, key))) as Record<string, unknown> & { loose: { one: Record<string, string>; many: unknown[] } };
    expect(() => restoreCountryIndex(good(), 'another-key')).toThrow(SnapshotShapeError);
    expect(() => restoreCountryIndex({ ...good(), format: INDEX_FORMAT_VERSION + 1 }, key)).toThrow(/format/);
    expect(() => restoreCountryIndex({ ...good(), names: 'many' }, key)).toThrow(/names/);
    expect(() => restoreCountryIndex({ ...good(), parts: [] }, key)).toThrow(/parts/);
    expect(() => restoreCountryIndex({ ...good(), skeletons: undefined }, key)).toThrow(/skeletons/);
    const badInitials = good() as unknown as Record<string, unknown> & { initials: { one: Record<string, string>; many: unknown[] } };
    badInitials.initials.many.push(['abc', ['DE']]);
    expect(() => restoreCountryIndex(badInitials, key)).toThrow(/initials/);
    expect(() => restoreCountryIndex({ ...good(), continents: [] }, key)).toThrow(/continents/);
    expect(() => restoreCountryIndex({ ...good(), continents: [{ words: ['america'], codes: ['usa'] }] }, key)).toThrow(/continents/);
    const badCode = good();
    badCode.loose.one.Germany = 'deutschland';
    expect(() => restoreCountryIndex(badCode, key)).toThrow(/loose\.one/);
    const badMany = good();
    badMany.loose.many.push(['congo', ['CG']]);
    expect(() => restoreCountryIndex(badMany, key)).toThrow(/loose\.many/);
    expect(() => restoreCountryIndex(null, key)).toThrow(SnapshotShapeError);
  });

  it('builds live and writes a snapshot on first start, then loads it', () => {
    const dir = tempDir();
    const first = countingBuild();
    const built = prepareCountryIndex(dir, first.build);
    expect(built).toMatchObject({ source: 'built', file: snapshotFile(dir, key), problems: [] });
    expect(first.count()).toBe(1);
    expect(readdirSync(dir)).toEqual([`country-index-${key}.json`]);

    const second = countingBuild();
    const loaded = prepareCountryIndex(dir, second.build);
    expect(loaded).toMatchObject({ source: 'loaded', file: snapshotFile(dir, key), problems: [] });
    expect(second.count()).toBe(0);
    expect(serialiseCountryIndex(loaded.index, key)).toEqual(serialiseCountryIndex(live, key));
  });

  it('ignores a snapshot under another key (its file is not even read)', () => {
    const dir = tempDir();
    writeFileSync(snapshotFile(dir, '0123456789abcdef01234567'), JSON.stringify(serialiseCountryIndex(live, '0123456789abcdef01234567')));
    const counting = countingBuild();
    expect(prepareCountryIndex(dir, counting.build)).toMatchObject({ source: 'built', problems: [] });
    expect(counting.count()).toBe(1);
    expect(existsSync(snapshotFile(dir, key))).toBe(true);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), /JSON|Unterminated|Unexpected/],
    ['empty', () => '', /JSON|Unexpected/],
    ['another key inside', (text: string) => text.replace(`"key":"${key}"`, '"key":"feedfeedfeedfeedfeedfeed"'), /key/],
    ['a changed code', (text: string) => text.replace('"DE":"', '"Deu":"'), /loose\.one|exact\.one|parts\.one/],
  ])('ignores a corrupt snapshot (%s) with a problem noted, builds live and rewrites it', (_, corrupt, reason) => {
    const dir = tempDir();
    const file = snapshotFile(dir, key);
    const good = JSON.stringify(serialiseCountryIndex(live, key));
    writeFileSync(file, corrupt(good));
    const counting = countingBuild();
    const prepared = prepareCountryIndex(dir, counting.build);
    expect(prepared.source).toBe('built');
    expect(counting.count()).toBe(1);
    expect(prepared.problems).toHaveLength(1);
    expect(prepared.problems[0]).toContain(file);
    expect(prepared.problems[0]).toMatch(reason);
    expect(readFileSync(file, 'utf8')).toBe(good);
  });

  it('with off reads and writes nothing', () => {
    expect(snapshotDirs('off')).toEqual([]);
    expect(snapshotDirs('OFF')).toEqual([]);
    const counting = countingBuild();
    expect(prepareCountryIndex('off', counting.build)).toEqual({ index: live, source: 'built', problems: [] });
    expect(counting.count()).toBe(1);
  });

  it('starts anyway when the folder cannot be written', () => {
    const dir = tempDir();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const counting = countingBuild();
    const prepared = prepareCountryIndex(join(blocker, 'cache'), counting.build);
    expect(prepared.source).toBe('built');
    expect(prepared.index).toBe(live);
    expect(prepared.file).toBeUndefined();
    expect(prepared.problems).toEqual([expect.stringContaining('not written')]);
  });

  it('defaults to the package node_modules cache, then a private temporary folder', () => {
    const [first, second, ...rest] = snapshotDirs(undefined);
    expect(rest).toEqual([]);
    expect(first).toBe(join(__dirname, '../../../node_modules/.cache/crm-sequence-sync'));
    expect(second).toMatch(/crm-sequence-sync-\w+$/);
    expect(snapshotDirs('/some/folder')).toEqual(['/some/folder']);
  });

  it('two processes writing at once never leave a torn file', async () => {
    const dir = tempDir();
    const file = join(dir, 'snapshot.json');
    const writers = ['a', 'b'].map((writer) => run(process.execPath, childArgs('write', file, writer, '60')));
    let done = false;
    const finished = Promise.all(writers).finally(() => {
      done = true;
    });
    let reads = 0;
    while (!done) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // not written yet
      const parsed = JSON.parse(text) as { writer: string; pad: string };
      expect(parsed.pad).toBe(parsed.writer.repeat(400_000));
      reads++;
    }
    await finished;
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['snapshot.json']);
  });

  it('two workers starting at once on an empty folder leave one whole snapshot that loads', async () => {
    const dir = tempDir();
    const results = await Promise.all([run(process.execPath, childArgs('prepare', dir)), run(process.execPath, childArgs('prepare', dir))]);
    for (const { stdout } of results) expect(JSON.parse(stdout)).toMatchObject({ file: snapshotFile(dir, key), problems: [] });
    expect(readdirSync(dir)).toEqual([`country-index-${key}.json`]);
    const counting = countingBuild();
    const loaded = prepareCountryIndex(dir, counting.build);
    expect(loaded.source).toBe('loaded');
    expect(serialiseCountryIndex(loaded.index, key)).toEqual(serialiseCountryIndex(live, key));
  });
});
