/**
 * Mapping micro-bench: the country index build (once per process) and the time to map one company
 * with one contact, over a mix of country spellings (codes, English, other languages and scripts,
 * ambiguous names, state codes in the country field). No I/O, no Redis.
 *
 *   npx tsx bench/mapping.ts          prints the figures (also printed by `npm run bench`)
 */
import { configFromEnv, parseEnv } from '../config';
import { mapCompanyToCustomer } from '../src/mappers';
import { countryIndex } from '../src/mappers/country';
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
];

function company(i: number): CompanyBundle {
  const [country, state] = COUNTRIES[i % COUNTRIES.length]!;
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
  companies: number;
}

export function mappingMicroBench(companies = 20_000): MappingBench {
  const config = configFromEnv(parseEnv({})).mapping;
  const indexBuildMs = countryIndex().buildMs;
  const inputs = Array.from({ length: 1000 }, (_, i) => company(i));
  for (const input of inputs) mapCompanyToCustomer(input, config); // warm up
  const started = performance.now();
  for (let i = 0; i < companies; i++) mapCompanyToCustomer(inputs[i % inputs.length]!, config);
  return { indexBuildMs, msPerCompany: (performance.now() - started) / companies, companies };
}

if (require.main === module) {
  const result = mappingMicroBench();
  process.stdout.write(
    `country index build: ${result.indexBuildMs.toFixed(1)} ms (once per process)\n` +
      `mapping: ${result.msPerCompany.toFixed(4)} ms per company with one contact (${result.companies} companies; target ≤ 0.05 ms)\n`,
  );
}
