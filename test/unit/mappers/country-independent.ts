/**
 * An independent, public list of country names that the index never reads and was never tuned on:
 * world_countries_lists (stefangabos/world_countries, CC BY-SA 4.0, a devDependency only), the
 * country names of Wikipedia's ISO 3166-1 pages in 37 languages, 249 countries each. It stands in
 * for the "independent public datasets" of issue 21's outside measurement.
 *
 * Do not add its names to the index's data (country-data.ts) or make it a source: it would then
 * measure nothing. A wrong answer it shows is fixed by its class, with a test of its own.
 *
 *   npx tsx test/unit/mappers/country-held-out.ts --independent [--list]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { HeldOutRow } from './country-held-out.fixture';

const Rows = z.array(z.object({ alpha2: z.string().regex(/^[a-z]{2}$/), name: z.string().min(1) }));

export const INDEPENDENT_LANGUAGES = 37;

export function independentRows(): HeldOutRow[] {
  const root = join(dirname(require.resolve('world_countries_lists/package.json')), 'data', 'countries');
  const rows: HeldOutRow[] = [];
  for (const language of readdirSync(root).filter((entry) => !entry.startsWith('_')).sort()) {
    const names = Rows.parse(JSON.parse(readFileSync(join(root, language, 'world.json'), 'utf8')));
    for (const { alpha2, name } of names) rows.push({ list: `Wikipedia names in ${language}`, spelling: name, expected: alpha2.toUpperCase() });
  }
  return rows;
}
