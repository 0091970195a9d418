/**
 * Country text → ISO 3166-1 alpha-2 code that Sequence accepts.
 *
 * Order of resolution (first hit wins):
 *   1. a small alias table for what people type and the ISO data lacks ("U.K.", "Holland", "England");
 *   2. 2-letter and 3-letter ISO codes ("de", "DEU");
 *   3. country names, official and common, in the languages registered below (i18n-iso-countries);
 *   4. parts of those names ("Moldova" from "Moldova, Republic of", "Vatican City State" from
 *      "Holy See (Vatican City State)").
 * Every comparison is blind to case, accents, punctuation and spacing, so "côte-d'ivoire",
 * "COTE D IVOIRE" and "Côte d’Ivoire" are the same. A name that means two countries ("Congo")
 * resolves to nothing and is reported as ambiguous.
 */
import * as countries from 'i18n-iso-countries';
import cs from 'i18n-iso-countries/langs/cs.json';
import da from 'i18n-iso-countries/langs/da.json';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fi from 'i18n-iso-countries/langs/fi.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import nb from 'i18n-iso-countries/langs/nb.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pl from 'i18n-iso-countries/langs/pl.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import sv from 'i18n-iso-countries/langs/sv.json';
import zh from 'i18n-iso-countries/langs/zh.json';
import { CountryCode } from '../sequence/enums';
import { lookupKey } from './text';

/** Languages whose country names are recognised. */
const LOCALES: readonly countries.LocaleData[] = [en, de, fr, es, it, nl, pt, sv, da, nb, fi, pl, cs, ru, ja, zh];
export const COUNTRY_NAME_LANGUAGES: readonly string[] = LOCALES.map((locale) => locale.locale);

/** What people type that the ISO name lists do not cover (or cover ambiguously). */
export const COUNTRY_ALIASES: Readonly<Record<string, CountryCode>> = {
  UK: 'GB',
  'U.K.': 'GB',
  'Great Britain': 'GB',
  Britain: 'GB',
  England: 'GB',
  Scotland: 'GB',
  Wales: 'GB',
  'Northern Ireland': 'GB',
  'Großbritannien': 'GB',
  Angleterre: 'GB',
  Inghilterra: 'GB',
  Engeland: 'GB',
  Inglaterra: 'GB',
  USA: 'US',
  'U.S.A.': 'US',
  'U.S.': 'US',
  'US of A': 'US',
  America: 'US',
  'United States': 'US',
  'EE.UU.': 'US',
  'États-Unis': 'US',
  'Stati Uniti': 'US',
  'Verenigde Staten': 'US',
  'Förenta staterna': 'US',
  EUA: 'US',
  UAE: 'AE',
  'U.A.E.': 'AE',
  Emirates: 'AE',
  VAE: 'AE',
  EAU: 'AE',
  Holland: 'NL',
  Éire: 'IE',
  'Republic of Ireland': 'IE',
  Korea: 'KR',
  'Republic of Korea': 'KR',
  ROK: 'KR',
  Czechia: 'CZ',
  Tschechien: 'CZ',
  Česko: 'CZ',
  'Tchéquie': 'CZ',
  Turkey: 'TR',
  Türkiye: 'TR',
  Macedonia: 'MK',
  Swaziland: 'SZ',
  Burma: 'MM',
  'Cabo Verde': 'CV',
  'East Timor': 'TL',
  Vatican: 'VA',
  'Vatican City': 'VA',
  PRC: 'CN',
  'Mainland China': 'CN',
  'Hong Kong SAR': 'HK',
  HKSAR: 'HK',
  Macau: 'MO',
  'Macau SAR': 'MO',
  Syria: 'SY',
  Laos: 'LA',
  Brunei: 'BN',
  Moldova: 'MD',
  Micronesia: 'FM',
  Russia: 'RU',
  'Viet Nam': 'VN',
  DRC: 'CD',
  'DR Congo': 'CD',
  'Congo-Kinshasa': 'CD',
  'Congo-Brazzaville': 'CG',
  Kosova: 'XK',
};

export type CountryLookup =
  | { kind: 'found'; code: CountryCode }
  /** A real ISO country that Sequence's enum does not list. */
  | { kind: 'not-accepted'; code: string }
  | { kind: 'ambiguous'; codes: CountryCode[] }
  | { kind: 'unknown' };

interface CountryIndex {
  aliases: Map<string, CountryCode>;
  /** Full names: a key that names two countries maps to both. */
  names: Map<string, Set<string>>;
  /** Parts of names (before a comma, with or without a parenthesis). */
  partNames: Map<string, Set<string>>;
}

let index: CountryIndex | undefined;

/** "St. Lucia" and "Saint Lucia", "The Gambia" and "Gambia", "Bosnia & Herzegovina" and "… and …" match. */
function countryKey(text: string): string {
  return lookupKey(
    text
      .replace(/^\s*the\s+/i, '')
      .replace(/\bSt\.?\s+/gi, 'Saint ')
      .replace(/\s*&\s*/g, ' and '),
  );
}

function add(map: Map<string, Set<string>>, key: string, code: string): void {
  if (!key) return;
  const codes = map.get(key) ?? new Set<string>();
  codes.add(code);
  map.set(key, codes);
}

function nameParts(name: string): string[] {
  const parts: string[] = [];
  const withoutParens = name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  if (withoutParens !== name) parts.push(withoutParens);
  for (const inner of name.matchAll(/\(([^)]*)\)/g)) if (inner[1]) parts.push(inner[1]);
  const comma = withoutParens.indexOf(',');
  if (comma > 0) parts.push(withoutParens.slice(0, comma));
  return parts;
}

function buildIndex(): CountryIndex {
  for (const locale of LOCALES) countries.registerLocale(locale);
  const names = new Map<string, Set<string>>();
  const partNames = new Map<string, Set<string>>();
  for (const locale of LOCALES) {
    const all = countries.getNames(locale.locale, { select: 'all' });
    for (const [code, list] of Object.entries(all)) {
      for (const name of list) {
        add(names, countryKey(name), code);
        for (const part of nameParts(name)) add(partNames, countryKey(part), code);
      }
    }
  }
  const aliases = new Map<string, CountryCode>();
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) aliases.set(countryKey(alias), code);
  return { aliases, names, partNames };
}

function getIndex(): CountryIndex {
  index ??= buildIndex();
  return index;
}

function fromCode(code: string): CountryLookup {
  const parsed = CountryCode.safeParse(code);
  return parsed.success ? { kind: 'found', code: parsed.data } : { kind: 'not-accepted', code };
}

function fromCodes(codes: Set<string>): CountryLookup {
  const [only] = codes;
  if (codes.size === 1 && only) return fromCode(only);
  const accepted = [...codes].flatMap((code) => {
    const parsed = CountryCode.safeParse(code);
    return parsed.success ? [parsed.data] : [];
  });
  return { kind: 'ambiguous', codes: accepted.sort() };
}

/** Resolves country text and says why it did not resolve. Never throws. */
export function lookupCountry(text: string): CountryLookup {
  if (typeof text !== 'string') return { kind: 'unknown' };
  const key = countryKey(text);
  if (!key || key.length > 200) return { kind: 'unknown' };
  const { aliases, names, partNames } = getIndex();

  const alias = aliases.get(key);
  if (alias) return { kind: 'found', code: alias };

  // Codes are letters, optionally with dots or spaces between them ("DE", "u.s.", "D E U"); "N/A" is not one.
  const looksLikeCode = /^(?:[A-Za-z][.\s]*){2,3}$/.test(text.trim());
  if (looksLikeCode && key.length === 2) {
    const code = key.toUpperCase();
    if (countries.isValid(code)) return fromCode(code);
  }
  if (looksLikeCode && key.length === 3) {
    const code = countries.alpha3ToAlpha2(key.toUpperCase());
    if (code) return fromCode(code);
  }

  const named = names.get(key);
  if (named) return fromCodes(named);
  const part = partNames.get(key);
  if (part) return fromCodes(part);
  return { kind: 'unknown' };
}

/** The Sequence country code for a name, alias or ISO code, in any registered language. */
export function resolveCountry(text: string): CountryCode | undefined {
  const found = lookupCountry(text);
  return found.kind === 'found' ? found.code : undefined;
}

/** English name of a code, for messages. */
export function countryName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}
