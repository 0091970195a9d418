/**
 * The held-out figures: per list, how many spellings resolve to the right country, are refused
 * naming it among others, stay unknown, or go to a wrong country.
 *
 *   npx tsx test/unit/mappers/country-held-out.ts          the table
 *   npx tsx test/unit/mappers/country-held-out.ts --list   also every spelling not resolved right
 *   ... --after                                            the second set (written after the first tuning)
 *   ... --third                                            the third set (written before the second tuning)
 *   ... --fourth                                           the fourth set (written before the third tuning)
 *   ... --independent                                      Wikipedia's names in 37 languages (country-independent.ts)
 *   ... --iso-codes [--by-language]                        Debian's iso-codes translations (country-iso-codes.ts)
 */
import { lookupCountry } from '../../../src/mappers/country';
import { HELD_OUT, HELD_OUT_AFTER_TUNING, type HeldOutRow } from './country-held-out.fixture';
import { HELD_OUT_THIRD } from './country-held-out-third.fixture';
import { HELD_OUT_FOURTH } from './country-held-out-fourth.fixture';
import { independentRows } from './country-independent';
import { SOURCE_ERRORS, isoCodesKey, isoCodesRows } from './country-iso-codes';

export type HeldOutVerdict = 'right' | 'refused' | 'unknown' | 'wrong';

export function heldOutVerdict(row: HeldOutRow): HeldOutVerdict {
  const found = lookupCountry(row.spelling);
  switch (found.kind) {
    case 'found':
    case 'not-accepted':
      return found.code === row.expected ? 'right' : 'wrong';
    case 'ambiguous':
      return found.codes.includes(row.expected) ? 'refused' : 'wrong';
    case 'unknown':
      return 'unknown';
  }
}

export interface HeldOutFigures {
  list: string;
  total: number;
  right: number;
  refused: number;
  unknown: number;
  wrong: number;
  /** right / total: a refusal is not a resolution. */
  share: number;
  misses: string[];
}

export function measureHeldOut(rows: readonly HeldOutRow[] = HELD_OUT): HeldOutFigures[] {
  const byList = new Map<string, HeldOutFigures>();
  const all: HeldOutFigures = { list: 'all lists', total: 0, right: 0, refused: 0, unknown: 0, wrong: 0, share: 0, misses: [] };
  for (const row of rows) {
    let figures = byList.get(row.list);
    if (!figures) {
      figures = { list: row.list, total: 0, right: 0, refused: 0, unknown: 0, wrong: 0, share: 0, misses: [] };
      byList.set(row.list, figures);
    }
    const verdict = heldOutVerdict(row);
    for (const f of [figures, all]) {
      f.total += 1;
      f[verdict] += 1;
      if (verdict !== 'right' && f === figures) f.misses.push(`${verdict}: ${row.spelling} (${row.expected}) → ${JSON.stringify(lookupCountry(row.spelling))}`);
    }
  }
  for (const f of [...byList.values(), all]) f.share = f.total === 0 ? 1 : f.right / f.total;
  return [...byList.values(), all];
}

if (require.main === module) {
  const set = process.argv.includes('--iso-codes')
    ? isoCodesRows()
        .filter((row) => !SOURCE_ERRORS.has(isoCodesKey(row)) && !row.shared)
        .map((row) => (process.argv.includes('--by-language') ? { ...row, list: `iso-codes ${row.language}` } : row))
    : process.argv.includes('--independent')
      ? independentRows()
    : process.argv.includes('--fourth')
    ? HELD_OUT_FOURTH
    : process.argv.includes('--third')
      ? HELD_OUT_THIRD
      : process.argv.includes('--after')
        ? HELD_OUT_AFTER_TUNING
        : HELD_OUT;
  const figures = measureHeldOut(set);
  const pad = (text: string | number, width: number) => String(text).padStart(width);
  process.stdout.write(`${'list'.padEnd(100)} ${pad('total', 5)} ${pad('right', 5)} ${pad('refused', 7)} ${pad('unknown', 7)} ${pad('wrong', 5)} ${pad('share', 6)}\n`);
  for (const f of figures) {
    process.stdout.write(
      `${f.list.padEnd(100)} ${pad(f.total, 5)} ${pad(f.right, 5)} ${pad(f.refused, 7)} ${pad(f.unknown, 7)} ${pad(f.wrong, 5)} ${pad(`${(f.share * 100).toFixed(1)}%`, 6)}\n`,
    );
  }
  if (process.argv.includes('--list')) for (const f of figures) for (const miss of f.misses) process.stdout.write(`${f.list}: ${miss}\n`);
}
