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
import { currentTranslations, isoCodesAvailable, type IsoCodesField } from '../../../scripts/iso-codes';
import { SOURCE_CORRECTIONS } from '../../../src/mappers/country-data';
import type { HeldOutRow } from './country-held-out.fixture';

export { readMo } from '../../../scripts/gettext-mo';
export { isoCodesAvailable };

const FIELD_LABELS: Record<IsoCodesField, string> = { name: 'short names', official_name: 'official names', common_name: 'common names' };

export interface IsoCodesRow extends HeldOutRow {
  language: string;
  field: IsoCodesField;
  /** Every country its language gives this text to, when there are two or more (a translator's slip). */
  shared?: string[];
}

/** Every translated name that differs from the English one, per language and field. */
export function isoCodesRows(): IsoCodesRow[] {
  return currentTranslations().map(({ language, code, field, name, shared }) => ({
    list: `iso-codes ${FIELD_LABELS[field]}`,
    language,
    field,
    spelling: name,
    expected: code,
    ...(shared ? { shared } : {}),
  }));
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
