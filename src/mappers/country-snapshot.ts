/**
 * A snapshot of the country index on disk, so that a worker starts in milliseconds instead of
 * reading ~60,000 names from ICU (0.3–0.4 s of CPU). A snapshot is used only when its key matches,
 * and the key changes whenever the live build could give another index:
 *   - the snapshot format (INDEX_FORMAT_VERSION);
 *   - the Node version (full, not only the major) and its ICU, CLDR and Unicode versions: the CLDR
 *     names, the locales ICU has data for, and normalisation/lowercasing all come from there;
 *   - the package.json of each name source: i18n-iso-countries (its language files come with it),
 *     world-countries, opencc-js (the traditional-to-simplified Chinese tables the keys use) and
 *     any-ascii (the romanisation of native names);
 *   - the contents of the modules that build the index (country-index, country-keys, country-forms,
 *     country-romanised, country-fuzzy, country-data, country-generated-names, text; the last-but-one
 *     records the versions of the CLDR and ISO 3166-3 packages it was generated from), read
 *     from disk where Node loaded them (.ts under tsx/jest, .js in dist): any change of data or code,
 *     even one nobody remembered to flag with a version bump, is a new key.
 * state-names.ts is not an input: the country index holds countries only.
 * When any of these cannot be read (a bundle without the files), there is no key and no snapshot.
 *
 * Writes are atomic (a temporary file, then rename), so two processes writing at once leave one
 * whole file. A snapshot that cannot be read, parsed or checked is ignored with a problem noted,
 * and the index is built live: the cache can never fail or change start-up, only speed it up.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildCountryIndex, type Codes, type CountryIndex } from './country-index';

/** Bump when the snapshot's layout (not the index's content) changes. */
export const INDEX_FORMAT_VERSION = 4;

/** The modules whose contents the index depends on (resolved relative to this one). */
const SOURCE_MODULES = [
  './country-index',
  './country-keys',
  './country-forms',
  './country-romanised',
  './country-fuzzy',
  './country-data',
  './country-generated-names',
  './text',
] as const;
/** The packages the index reads names or key rules from: their package.json carries the version. */
const SOURCE_PACKAGES = ['i18n-iso-countries', 'world-countries', 'opencc-js', 'any-ascii'] as const;

export interface SnapshotKeyInputs {
  format: number;
  node: string;
  icu: string | undefined;
  cldr: string | undefined;
  unicode: string | undefined;
  /** The contents of the index's source modules and of its source packages' package.json. */
  files: Buffer[];
}

/**
 * A package's package.json. Found through the package's entry point, as Node resolves it: a package
 * whose `exports` does not list ./package.json (opencc-js) cannot be resolved by that path.
 */
function packageJson(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const file = join(dir, 'package.json');
    try {
      const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isRecord(pkg) && pkg.name === name) return file;
    } catch {
      // no package.json here: look higher
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${name} not found`);
    dir = parent;
  }
}

/** This process's inputs; throws when a file cannot be read. */
export function snapshotKeyInputs(): SnapshotKeyInputs {
  const files = [...SOURCE_MODULES.map((name) => require.resolve(name)), ...SOURCE_PACKAGES.map(packageJson)];
  const { icu, cldr, unicode } = process.versions;
  return { format: INDEX_FORMAT_VERSION, node: process.version, icu, cldr, unicode, files: files.map((file) => readFileSync(file)) };
}

/** A digest of every input: a different input, a different key. */
export function keyOf(inputs: SnapshotKeyInputs): string {
  const { files, ...versions } = inputs;
  const hash = createHash('sha256');
  hash.update(JSON.stringify(versions));
  for (const file of files) hash.update(`\0${file.length}\0`).update(file);
  return hash.digest('hex').slice(0, 24);
}

/** Cached: the inputs cannot change within a process. */
let cachedKey: string | null | undefined;

/** The snapshot key of this process, or null when a source file cannot be read (no snapshot then). */
export function snapshotKey(): string | null {
  if (cachedKey !== undefined) return cachedKey;
  try {
    cachedKey = keyOf(snapshotKeyInputs());
  } catch {
    cachedKey = null;
  }
  return cachedKey;
}

// ---- serialised form -------------------------------------------------------------------------------

/**
 * Compact JSON: each map as { code: "the keys filed under that code alone, space-separated" } (a key
 * is letters, digits and marks only, never a space) plus [key, codes] pairs for the keys filed under
 * several countries. Keys are sorted, so one index has one serialised form.
 */
interface SerialisedMap {
  one: Record<string, string>;
  many: Array<[string, string[]]>;
}

export interface CountryIndexSnapshot {
  format: number;
  key: string;
  names: number;
  exact: SerialisedMap;
  loose: SerialisedMap;
  parts: SerialisedMap;
  inside: SerialisedMap;
  skeletons: SerialisedMap;
  initials: SerialisedMap;
  ambiguous: Array<[string, string[]]>;
  continents: Array<{ words: string[]; codes: string[] }>;
  /** [code, alpha-2] pairs, sorted. */
  sports: Array<[string, string]>;
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function serialiseMap(map: Map<string, Codes>): SerialisedMap {
  const one = new Map<string, string[]>();
  const many: Array<[string, string[]]> = [];
  for (const [key, codes] of map) {
    if (typeof codes === 'string') {
      const keys = one.get(codes);
      if (keys) keys.push(key);
      else one.set(codes, [key]);
    } else many.push([key, [...codes]]);
  }
  const codes = [...one.keys()].sort();
  return { one: Object.fromEntries(codes.map((code) => [code, one.get(code)!.sort().join(' ')])), many: many.sort(byKey) };
}

export function serialiseCountryIndex(index: CountryIndex, key: string): CountryIndexSnapshot {
  return {
    format: INDEX_FORMAT_VERSION,
    key,
    names: index.names,
    exact: serialiseMap(index.exact),
    loose: serialiseMap(index.loose),
    parts: serialiseMap(index.parts),
    inside: serialiseMap(index.inside),
    skeletons: serialiseMap(index.skeletons),
    initials: serialiseMap(index.initials),
    ambiguous: [...index.ambiguous].map(([name, codes]): [string, string[]] => [name, [...codes]]).sort(byKey),
    continents: index.continents.map((continent) => ({ words: [...continent.words], codes: [...continent.codes] })),
    sports: [...index.sports].sort(byKey),
  };
}

/** Thrown by `restoreCountryIndex` on a snapshot of the wrong shape. */
export class SnapshotShapeError extends Error {}

function fail(where: string): never {
  throw new SnapshotShapeError(`country index snapshot: ${where} is not as written`);
}

const CODE = /^[A-Z]{2}$/;

function codeList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.length === 0) fail(where);
  for (const code of value) if (typeof code !== 'string' || !CODE.test(code)) fail(where);
  return value as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A cheap structural check while filling the map (zod over ~50,000 entries would cost more than it saves). */
function restoreMap(value: unknown, where: string): Map<string, Codes> {
  if (!isRecord(value) || !isRecord(value.one) || !Array.isArray(value.many)) fail(where);
  const map = new Map<string, Codes>();
  for (const [code, keys] of Object.entries(value.one)) {
    if (!CODE.test(code) || typeof keys !== 'string' || keys === '') fail(`${where}.one`);
    for (const key of keys.split(' ')) {
      if (key === '') fail(`${where}.one.${code}`);
      map.set(key, code);
    }
  }
  for (const entry of value.many as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') fail(`${where}.many`);
    const codes = codeList(entry[1], `${where}.many`);
    if (codes.length < 2) fail(`${where}.many`);
    map.set(entry[0], codes);
  }
  return map;
}

/** The index a snapshot holds; throws SnapshotShapeError when it is not one this version wrote. */
export function restoreCountryIndex(value: unknown, key: string): CountryIndex {
  const started = performance.now();
  if (!isRecord(value)) fail('the file');
  if (value.format !== INDEX_FORMAT_VERSION) fail('format');
  if (value.key !== key) fail('key');
  if (typeof value.names !== 'number' || !Number.isInteger(value.names) || value.names < 0) fail('names');
  const exact = restoreMap(value.exact, 'exact');
  const loose = restoreMap(value.loose, 'loose');
  const parts = restoreMap(value.parts, 'parts');
  const inside = restoreMap(value.inside, 'inside');
  const skeletons = restoreMap(value.skeletons, 'skeletons');
  const initials = restoreMap(value.initials, 'initials');
  if (!Array.isArray(value.ambiguous) || loose.size === 0) fail('ambiguous');
  const ambiguous = new Map<string, readonly string[]>();
  for (const entry of value.ambiguous as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') fail('ambiguous');
    ambiguous.set(entry[0], codeList(entry[1], 'ambiguous'));
  }
  if (!Array.isArray(value.continents) || value.continents.length === 0) fail('continents');
  const continents = (value.continents as unknown[]).map((entry) => {
    if (!isRecord(entry) || !Array.isArray(entry.words) || entry.words.length === 0) fail('continents');
    for (const word of entry.words) if (typeof word !== 'string' || word === '') fail('continents');
    return { words: entry.words as string[], codes: codeList(entry.codes, 'continents') };
  });
  if (!Array.isArray(value.sports)) fail('sports');
  const sports = new Map<string, string>();
  for (const entry of value.sports as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !/^[A-Z]{3}$/.test(entry[0])) fail('sports');
    if (typeof entry[1] !== 'string' || !CODE.test(entry[1])) fail('sports');
    sports.set(entry[0], entry[1]);
  }
  return { exact, loose, parts, ambiguous, inside, skeletons, initials, continents, sports, names: value.names, buildMs: performance.now() - started };
}

// ---- files ------------------------------------------------------------------------------------------

/** The root of this package: the nearest folder above this module with our package.json. */
function packageRoot(): string | undefined {
  let dir = __dirname;
  for (;;) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (isRecord(pkg) && pkg.name === 'crm-sequence-sync') return dir;
    } catch {
      // no package.json here: look higher
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The fallback in the shared temporary folder: one per user, private (mode 700), so nobody else can plant a snapshot. */
function privateTmpDir(): string {
  return join(tmpdir(), `crm-sequence-sync-${process.getuid?.() ?? 'user'}`);
}

/** False for a folder someone else owns or may write into (checked only for the temporary fallback). */
function trusted(dir: string): boolean {
  if (dir !== privateTmpDir() || !process.getuid) return true;
  try {
    const stat = statSync(dir);
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * Folders a snapshot may be in, in order. `setting` is COUNTRY_INDEX_CACHE: unset → the package's
 * node_modules/.cache/crm-sequence-sync, then <tmpdir>/crm-sequence-sync-<uid> when that is not
 * writable; `off` → none; else that folder alone.
 */
export function snapshotDirs(setting: string | undefined): string[] {
  if (setting?.toLowerCase() === 'off') return [];
  if (setting) return [setting];
  const root = packageRoot();
  const dirs = root ? [join(root, 'node_modules', '.cache', 'crm-sequence-sync')] : [];
  return [...dirs, privateTmpDir()];
}

export function snapshotFile(dir: string, key: string): string {
  return join(dir, `country-index-${key}.json`);
}

/** Writes `text` to `file` whole or not at all: a temporary file beside it, then rename. */
export function writeFileAtomic(file: string, text: string, dirMode?: number): void {
  mkdirSync(dirname(file), { recursive: true, ...(dirMode === undefined ? {} : { mode: dirMode }) });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

export interface PreparedCountryIndex {
  index: CountryIndex;
  /** `loaded`: from a snapshot; `built`: live from ICU and the data. */
  source: 'loaded' | 'built';
  /** The snapshot read or written; undefined when none was (cache off, no key, nothing writable). */
  file?: string;
  /** What went wrong with the cache (a corrupt file, an unwritable folder): worth a warning, never fatal. */
  problems: string[];
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Loads the index from a snapshot whose key matches, else builds it live and writes a snapshot for the
 * next start. Never throws because of the cache: every cache failure ends in a live build.
 */
export function prepareCountryIndex(setting: string | undefined, build: () => CountryIndex = buildCountryIndex): PreparedCountryIndex {
  const problems: string[] = [];
  const dirs = snapshotDirs(setting);
  const key = dirs.length > 0 ? snapshotKey() : null;
  if (dirs.length > 0 && key === null) problems.push('country index snapshot disabled: the index source files cannot be read to key it');
  if (key !== null) {
    for (const dir of dirs) {
      const file = snapshotFile(dir, key);
      if (!trusted(dir)) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // not there: the common first-start case
      }
      try {
        const started = performance.now();
        const index = restoreCountryIndex(JSON.parse(text), key);
        index.buildMs = performance.now() - started;
        return { index, source: 'loaded', file, problems };
      } catch (err) {
        problems.push(`country index snapshot ${file} ignored (${describe(err)}); building live`);
      }
    }
  }
  const index = build();
  if (key === null) return { index, source: 'built', problems };
  const text = JSON.stringify(serialiseCountryIndex(index, key));
  for (const dir of dirs) {
    const file = snapshotFile(dir, key);
    try {
      // The private temporary folder is made mode 700; elsewhere the umask decides (a Docker build
      // stage writes as root, the runtime reads as another user).
      writeFileAtomic(file, text, dir === privateTmpDir() ? 0o700 : undefined);
      return { index, source: 'built', file, problems };
    } catch (err) {
      problems.push(`country index snapshot not written to ${file} (${describe(err)})`);
    }
  }
  return { index, source: 'built', problems };
}
