/**
 * The worker has the country index ready at start-up, before it takes jobs, and says so once: built
 * live (and written as a snapshot) on the first start, loaded from that snapshot on the next.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app';
import { countryIndex, useCountryIndex } from '../../src/mappers/country';
import { serialiseCountryIndex, snapshotFile, snapshotKey } from '../../src/mappers/country-snapshot';
import { startStack, type TestStack } from '../helpers/stack';

describe('worker start-up', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'startup-index-test-'));
  let stack: TestStack | undefined;
  let app: App | undefined;

  /** A worker process's first start: no index in memory yet. */
  async function start(cache: string): Promise<TestStack> {
    await app?.close();
    await stack?.close();
    useCountryIndex(undefined);
    stack = await startStack({ env: { COUNTRY_INDEX_CACHE: cache } });
    app = await startApp(stack.services, { schedules: false });
    return stack;
  }

  afterAll(async () => {
    await app?.close();
    await stack?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('builds the country index live when no snapshot matches, logs it once with ms and names, and writes a snapshot', async () => {
    const { logs } = await start(cacheDir);
    const built = logs.lines.filter((line) => line.msg === 'country index built');
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ ms: expect.any(Number), names: expect.any(Number), source: 'live', file: snapshotFile(cacheDir, snapshotKey()!) });
    expect(built[0]!.names).toBeGreaterThan(20_000);
    expect(logs.lines.filter((line) => line.msg === 'country index loaded')).toEqual([]);
    // The index the mapper uses is the one built then: a job no longer pays for it.
    expect(countryIndex().names).toBe(built[0]!.names);
    expect(Math.round(countryIndex().buildMs)).toBe(built[0]!.ms);
    expect(readdirSync(cacheDir)).toEqual([`country-index-${snapshotKey()!}.json`]);
  });

  it('loads the snapshot on the next start: the same index', async () => {
    const liveForm = serialiseCountryIndex(countryIndex(), snapshotKey()!);
    const { logs } = await start(cacheDir);
    const loaded = logs.lines.filter((line) => line.msg === 'country index loaded');
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({ source: 'snapshot', file: snapshotFile(cacheDir, snapshotKey()!), names: liveForm.names });
    expect(logs.lines.filter((line) => line.msg === 'country index built')).toEqual([]);
    expect(serialiseCountryIndex(countryIndex(), snapshotKey()!)).toEqual(liveForm);
  });

  it('warns about a corrupt snapshot and builds live', async () => {
    const file = snapshotFile(cacheDir, snapshotKey()!);
    writeFileSync(file, '{"format":1,');
    const { logs } = await start(cacheDir);
    expect(logs.lines.filter((line) => line.level === 40 && String(line.msg).includes(file))).toHaveLength(1);
    expect(logs.lines.filter((line) => line.msg === 'country index built')).toHaveLength(1);
  });

  it('with COUNTRY_INDEX_CACHE=off builds live and reads or writes no snapshot', async () => {
    const { logs } = await start('off');
    const built = logs.lines.filter((line) => line.msg === 'country index built');
    expect(built).toEqual([expect.objectContaining({ source: 'live' })]);
    expect(built[0]).not.toHaveProperty('file');
    expect(logs.lines.filter((line) => line.level === 40)).toEqual([]);
  });
});
