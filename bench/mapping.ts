/**
 * Mapping micro-bench: the country index build (once per process) and the time to map one company
 * with one contact, over a mix of country spellings (codes, English, other languages and scripts,
 * official long names, traditional Chinese, ambiguous names, sports codes, state codes in the
 * country field, names from the generated CLDR and ISO 3166-3 table). No I/O, no Redis. The mix
 * repeats, as a CRM's country field does, so most lookups are answered by the cache of recent country
 * texts; the same mix with every text new to that cache is timed too.
 *
 *   npx tsx bench/mapping.ts          prints the per-company time, the cold index build and the cold
 *                                     snapshot load (3 fresh processes each); `npm run bench` prints
 *                                     the per-company time and the in-process build
 *   npx tsx bench/mapping.ts --index  builds the index cold in 7 fresh processes (as a worker does at
 *                                     start-up): min and median wall and CPU ms, and the share that is
 *                                     ICU reading CLDR names (the same Intl calls, nothing else); then
 *                                     the same for loading it from a snapshot (COUNTRY_INDEX_CACHE)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, parseEnv } from '../config';
import { mapCompanyToCustomer } from '../src/mappers';
import { countryIndex, RECENT_COUNTRY_TEXTS } from '../src/mappers/country';
import { CLDR_SHORT_NAME_CODES } from '../src/mappers/country-data';
import { cldrLocales, ISO_CODES } from '../src/mappers/country-index';
import { prepareCountryIndex } from '../src/mappers/country-snapshot';
import type { CompanyBundle } from '../src/hubspot/types';

const COUNTRIES: Array<[string, string | null]> = [
  ['US', 'NY'],
  ['United States', 'California'],
  ['Deutschland', null],
  ['Royaume-Uni', null],
  ['日本', null],
  ['Corea del Sur', null],
  ['Tanzania, United Republic of', null],
  ['Россия', null],
  ['Korea', null],
  ['PA', 'Pennsylvania'],
  ['Canada', 'Québec'],
  ['Nga', null],
  ['Republika Angola', null],
  ['République islamique d\'Afghanistan', null],
  ['アフガニスタン・イスラム共和国', null],
  ['美利堅合眾國', null],
  ['جمهورية أنغولا', null],
  ['Guyane', null],
  ['SAM', null],
  // The second round's readings (none from the held-out sets): a case ending inside a state form,
  // an adjective, a form word written short, a Latin spelling of a native name.
  ['Kenijos Respublika', null],
  ['Peruánská republika', null],
  ['Rép. centrafricaine', null],
  ['Rossiskaya Federatsia', null],
  // The third round's sources (none from the held-out sets): a constituent country of the UK, a CLDR
  // alt-variant name, a former name and a former country that split (refused).
  ['Engeland', null],
  ['Đông Timor', null],
  ['Byelorussian SSR', null],
  ['USSR', null],
];

/**
 * `unique`: the country text of each company differs from every other's by trailing spaces (which the
 * lookup ignores), so none is in the cache of recent country texts: each lookup does the whole work.
 */
function company(i: number, unique = false): CompanyBundle {
  const [text, state] = COUNTRIES[i % COUNTRIES.length]!;
  const country = unique && text !== null ? `${text}${' '.repeat(Math.floor(i / COUNTRIES.length))}` : text;
  return {
    company: {
      id: String(100_000 + i),
      properties: {
        name: `Company ${i} Ltd`,
        domain: `company${i}.example`,
        address: `${i} Market Street`,
        city: 'Springfield',
        state,
        zip: '12345',
        country,
      },
    },
    contacts: [{ id: String(i), properties: { email: `billing${i}@company${i}.example`, firstname: 'Jo', lastname: 'Doe' }, associationTypes: [] }],
  };
}

export interface MappingBench {
  indexBuildMs: number;
  msPerCompany: number;
  /** The same mix with every country text new to the cache of recent texts (RECENT_COUNTRY_TEXTS). */
  msPerCompanyUncached: number;
  companies: number;
}

export function mappingMicroBench(companies = 20_000): MappingBench {
  const config = configFromEnv(parseEnv({})).mapping;
  const indexBuildMs = countryIndex().buildMs;
  const timed = (inputs: CompanyBundle[]) => {
    // Warm up with a whole untimed pass: the first pass after the index build also pays for the
    // build's garbage and for the JIT, and would time those rather than the mapping.
    for (let i = 0; i < companies; i++) mapCompanyToCustomer(inputs[i % inputs.length]!, config);
    const started = performance.now();
    for (let i = 0; i < companies; i++) mapCompanyToCustomer(inputs[i % inputs.length]!, config);
    return (performance.now() - started) / companies;
  };
  const msPerCompany = timed(Array.from({ length: 1000 }, (_, i) => company(i)));
  // More distinct texts than the cache holds, taken in turn: every lookup misses.
  const msPerCompanyUncached = timed(Array.from({ length: 2 * RECENT_COUNTRY_TEXTS }, (_, i) => company(i, true)));
  return { indexBuildMs, msPerCompany, msPerCompanyUncached, companies };
}

type ColdWhat = 'index' | 'icu' | 'snapshot';

/**
 * One cold run in this process: wall and CPU milliseconds, and the heap then (after a full GC: the
 * child runs with --expose-gc). `snapshot` loads the one in `dir` as start-up does.
 */
function coldRun(what: ColdWhat, dir?: string): { wallMs: number; cpuMs: number; heapMb: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (what === 'index') countryIndex();
  else if (what === 'snapshot') {
    const prepared = prepareCountryIndex(dir, () => {
      throw new Error(`no snapshot to load in ${dir ?? '(no folder)'}`);
    });
    if (prepared.source !== 'loaded') throw new Error('snapshot not loaded');
  } else {
    for (const locale of cldrLocales()) {
      const long = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
      for (const code of ISO_CODES) long.of(code);
      const short = new Intl.DisplayNames(locale, { type: 'region', style: 'short', fallback: 'none' });
      for (const code of CLDR_SHORT_NAME_CODES) short.of(code);
    }
  }
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  (globalThis as { gc?: () => void }).gc?.();
  return { wallMs, cpuMs: (used.user + used.system) / 1000, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
}

export interface ColdFigures {
  runs: number;
  wallMs: { min: number; median: number };
  cpuMs: { min: number; median: number };
  /** Heap used after the run and a full GC (the process holds the index and the modules it loaded). */
  heapMb: { min: number; median: number };
}

/** `what` built cold in `runs` fresh processes (the first build in a process is the one a worker pays). */
export function coldBench(what: ColdWhat, runs = 7, dir?: string): ColdFigures {
  const results = Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, [...process.execArgv, '--expose-gc', __filename, `--${what}-once`, ...(dir ? [dir] : [])], { encoding: 'utf8' });
    return JSON.parse(out) as { wallMs: number; cpuMs: number; heapMb: number };
  });
  const stats = (values: number[]) => {
    const ordered = [...values].sort((a, b) => a - b);
    return { min: ordered[0] ?? NaN, median: ordered[Math.floor(ordered.length / 2)] ?? NaN };
  };
  return { runs, wallMs: stats(results.map((r) => r.wallMs)), cpuMs: stats(results.map((r) => r.cpuMs)), heapMb: stats(results.map((r) => r.heapMb)) };
}

const once = process.argv.find((arg) => arg === '--index-once' || arg === '--icu-once' || arg === '--snapshot-once');
if (require.main === module && once) {
  const what = once.slice(2, -'-once'.length) as ColdWhat;
  process.stdout.write(JSON.stringify(coldRun(what, process.argv[process.argv.indexOf(once) + 1])));
} else if (require.main === module && process.argv.includes('--index')) {
  const show = (label: string, f: ColdFigures) =>
    `${label}: wall min ${f.wallMs.min.toFixed(0)} ms, median ${f.wallMs.median.toFixed(0)} ms; CPU min ${f.cpuMs.min.toFixed(0)} ms, median ${f.cpuMs.median.toFixed(0)} ms; heap after ${f.heapMb.median.toFixed(0)} MB (${f.runs} fresh processes)\n`;
  process.stdout.write(show('country index build, cold', coldBench('index')));
  process.stdout.write(show('of which ICU alone (the same Intl.DisplayNames calls)', coldBench('icu')));
  const dir = mkdtempSync(join(tmpdir(), 'country-index-bench-'));
  try {
    if (prepareCountryIndex(dir).file === undefined) throw new Error(`no snapshot written in ${dir}`);
    process.stdout.write(show('country index loaded from its snapshot, cold (key, read, parse, restore)', coldBench('snapshot', 7, dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else if (require.main === module) {
  const result = mappingMicroBench();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  process.stdout.write(
    `country index build: ${result.indexBuildMs.toFixed(1)} ms in this process\n` +
      `mapping: ${result.msPerCompany.toFixed(4)} ms per company with one contact (${result.companies} companies; target ≤ 0.05 ms)\n` +
      `mapping, every country text new to the cache of recent texts: ${result.msPerCompanyUncached.toFixed(4)} ms per company\n` +
      `heap used with the index: ${heapMb.toFixed(0)} MB\n`,
  );
  const cold = coldBench('index', 3);
  process.stdout.write(
    `country index build, cold: median ${cold.wallMs.median.toFixed(0)} ms wall, ${cold.cpuMs.median.toFixed(0)} ms CPU, heap after ${cold.heapMb.median.toFixed(0)} MB (3 fresh processes)\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'country-index-bench-'));
  try {
    if (prepareCountryIndex(dir).file === undefined) throw new Error(`no snapshot written in ${dir}`);
    const loaded = coldBench('snapshot', 3, dir);
    process.stdout.write(
      `country index loaded from its snapshot, cold: median ${loaded.wallMs.median.toFixed(0)} ms wall, heap after ${loaded.heapMb.median.toFixed(0)} MB (3 fresh processes)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
