/**
 * Debian's iso-codes (https://salsa.debian.org/iso-codes-team/iso-codes, LGPL-2.1+, the Debian package
 * `iso-codes`): ISO 3166-1 and 3166-3 as JSON, and their translations as GNU .mo files. Read by
 * scripts/gen-country-names.ts (a source of the country index) and by the country tests that check
 * the index against it. $ISO_CODES_DIR (the folder holding `json/`) and $ISO_CODES_LOCALE_DIR point
 * at another copy.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readMo } from './gettext-mo';

const ISO_CODES_DIR = process.env.ISO_CODES_DIR ?? '/usr/share/iso-codes';
const LOCALE_DIR = process.env.ISO_CODES_LOCALE_DIR ?? '/usr/share/locale';
export const ISO_3166_1_JSON = join(ISO_CODES_DIR, 'json', 'iso_3166-1.json');
const ISO_3166_3_JSON = join(ISO_CODES_DIR, 'json', 'iso_3166-3.json');

export const ISO_CODES_FIELDS = ['name', 'official_name', 'common_name'] as const;
export type IsoCodesField = (typeof ISO_CODES_FIELDS)[number];

const Current = z.object({
  '3166-1': z.array(
    z.object({ alpha_2: z.string().regex(/^[A-Z]{2}$/), name: z.string(), official_name: z.string().optional(), common_name: z.string().optional() }),
  ),
});
const Former = z.object({ '3166-3': z.array(z.object({ alpha_4: z.string(), name: z.string() })) });

export function isoCodesAvailable(): boolean {
  return existsSync(ISO_3166_1_JSON) && existsSync(LOCALE_DIR);
}

export type CurrentEntry = z.infer<typeof Current>['3166-1'][number];

/** ISO 3166-1's entries, with their English names. */
export function currentCountries(): CurrentEntry[] {
  if (!existsSync(ISO_3166_1_JSON)) throw new Error(`${ISO_3166_1_JSON} is not here: install Debian's iso-codes (apt-get install iso-codes) or set ISO_CODES_DIR`);
  return Current.parse(JSON.parse(readFileSync(ISO_3166_1_JSON, 'utf8')))['3166-1'];
}

/** ISO 3166-3's entries (former countries), with their English names. */
export function formerCountries(): Array<{ alpha_4: string; name: string }> {
  return Former.parse(JSON.parse(readFileSync(ISO_3166_3_JSON, 'utf8')))['3166-3'];
}

/** Each language that has a translation of `domain` ("iso_3166-1"), sorted, with its msgid → msgstr table. */
export function translations(domain: string): Array<{ language: string; messages: Map<string, string> }> {
  return readdirSync(LOCALE_DIR)
    .sort()
    .map((language) => ({ language, file: join(LOCALE_DIR, language, 'LC_MESSAGES', `${domain}.mo`) }))
    .filter(({ file }) => existsSync(file))
    .map(({ language, file }) => ({ language, messages: readMo(readFileSync(file)) }));
}

export interface CurrentTranslation {
  language: string;
  code: string;
  field: IsoCodesField;
  name: string;
  /** Every country its language gives this text to, when there are two or more (a translator's slip). */
  shared?: string[];
}

/** Every translation of ISO 3166-1's names that differs from the English one, per language and field. */
export function currentTranslations(countries: readonly CurrentEntry[] = currentCountries()): CurrentTranslation[] {
  const out: CurrentTranslation[] = [];
  for (const { language, messages } of translations('iso_3166-1')) {
    const here: CurrentTranslation[] = [];
    const codesOf = new Map<string, Set<string>>();
    for (const entry of countries) {
      for (const field of ISO_CODES_FIELDS) {
        const english = entry[field];
        const name = english === undefined ? undefined : messages.get(english);
        if (!name || name === english) continue;
        here.push({ language, code: entry.alpha_2, field, name });
        codesOf.set(name, (codesOf.get(name) ?? new Set()).add(entry.alpha_2));
      }
    }
    for (const row of here) {
      const codes = codesOf.get(row.name)!;
      out.push(codes.size > 1 ? { ...row, shared: [...codes].sort() } : row);
    }
  }
  return out;
}
