/**
 * Debian's iso-codes (https://salsa.debian.org/iso-codes-team/iso-codes, LGPL-2.1+, the Debian package
 * `iso-codes`): ISO 3166-1's short, official and common names, translated by Debian's translators
 * into about 150 languages (40,000 names; 15,000 official long names). Until issue 21's second pass
 * it was a measure the index never read; it is one of the index's sources now
 * (scripts/gen-country-names.ts), and this list checks that the index resolves what it says: every
 * name to its country, or refused naming it, and none to another.
 *
 * Some translations name another country than their code (Occitan gives Iran, Afghanistan, Kyrgyzstan
 * and Syria the name of the Dominican Republic): SOURCE_ERRORS lists them with what the text names
 * (they are corrected in country-data.ts), and some give one text to two countries of the same
 * language (`shared`: the generator keeps neither); both are counted apart.
 *
 *   npx tsx test/unit/mappers/country-held-out.ts --iso-codes [--by-language] [--list]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readMo } from '../../../scripts/gettext-mo';
import { SOURCE_CORRECTIONS } from '../../../src/mappers/country-data';
import type { HeldOutRow } from './country-held-out.fixture';

const ISO_CODES_JSON = process.env.ISO_CODES_JSON ?? '/usr/share/iso-codes/json/iso_3166-1.json';
const LOCALE_DIR = process.env.ISO_CODES_LOCALE_DIR ?? '/usr/share/locale';

export function isoCodesAvailable(): boolean {
  return existsSync(ISO_CODES_JSON) && existsSync(LOCALE_DIR);
}

const Entries = z.object({
  '3166-1': z.array(
    z.object({ alpha_2: z.string().regex(/^[A-Z]{2}$/), name: z.string(), official_name: z.string().optional(), common_name: z.string().optional() }),
  ),
});

export { readMo };

export type IsoCodesField = 'name' | 'official_name' | 'common_name';
const FIELD_LABELS: Record<IsoCodesField, string> = { name: 'short names', official_name: 'official names', common_name: 'common names' };

export interface IsoCodesRow extends HeldOutRow {
  language: string;
  field: IsoCodesField;
  /** Every country its language gives this text to, when there are two or more (a translator's slip). */
  shared?: string[];
}

/** Every translated name that differs from the English one, per language and field. */
export function isoCodesRows(): IsoCodesRow[] {
  const entries = Entries.parse(JSON.parse(readFileSync(ISO_CODES_JSON, 'utf8')))['3166-1'];
  const rows: IsoCodesRow[] = [];
  for (const language of readdirSync(LOCALE_DIR).sort()) {
    const file = join(LOCALE_DIR, language, 'LC_MESSAGES', 'iso_3166-1.mo');
    if (!existsSync(file)) continue;
    const messages = readMo(readFileSync(file));
    const here: IsoCodesRow[] = [];
    const codesOf = new Map<string, Set<string>>();
    for (const entry of entries) {
      for (const field of ['name', 'official_name', 'common_name'] as const) {
        const english = entry[field];
        const translated = english === undefined ? undefined : messages.get(english);
        if (!translated || translated === english) continue;
        here.push({ list: `iso-codes ${FIELD_LABELS[field]}`, language, field, spelling: translated, expected: entry.alpha_2 });
        codesOf.set(translated, (codesOf.get(translated) ?? new Set()).add(entry.alpha_2));
      }
    }
    for (const row of here) {
      const codes = codesOf.get(row.spelling)!;
      rows.push(codes.size > 1 ? { ...row, shared: [...codes].sort() } : row);
    }
  }
  return rows;
}

/** `${language} ${code} ${name}` of a row. */
export function isoCodesKey(row: Pick<IsoCodesRow, 'language' | 'expected' | 'spelling'>): string {
  return `${row.language} ${row.expected} ${row.spelling}`;
}

/**
 * Translations that name another country than their code: the index's answer (`names`) is the text's
 * country. They are the iso-codes entries of SOURCE_CORRECTIONS (country-data.ts), which file them there.
 */
export const SOURCE_ERRORS: ReadonlyMap<string, { names: string; why: string }> = new Map(
  SOURCE_CORRECTIONS.filter((entry) => entry.source.startsWith('iso-codes:') && entry.actual !== null).map((entry) => [
    `${entry.source.slice('iso-codes:'.length)} ${entry.listed} ${entry.name}`,
    { names: entry.actual!, why: entry.why },
  ]),
);
