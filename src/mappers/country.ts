/**
 * Country text → ISO 3166-1 alpha-2 code that Sequence accepts. Never a wrong country: a name that
 * any source or language gives to two countries is refused, naming both.
 *
 * Order of resolution (first hit wins):
 *   1. names listed as ambiguous (country-data.ts) → refused;
 *   2. two-letter ISO codes ("de", "D.E.");
 *   3. full names, accents as typed, from every source (country-index.ts);
 *   4. full names ignoring accents, "the" and "and"/"&";
 *   5. the same for an inverted form of the text ("Tanzania, United Republic of", "Korea (Republic of)");
 *   6. parts of names ("Moldova" from "Moldova, Republic of");
 *   7. three-letter ISO codes ("DEU"), only now: "Nga" is Vietnamese for Russia, not NGA (Nigeria);
 *      in capitals, "NGA" could be either and is refused.
 */
import { CountryCode } from '../sequence/enums';
import { COUNTRY_VARIANTS } from './country-data';
import {
  alpha3ToAlpha2,
  englishName,
  buildCountryIndex,
  codesOf,
  keysOf,
  invertedForms,
  isIsoCode,
  unionCodes,
  type Codes,
  type CountryIndex,
} from './country-index';
import { cleanText } from './text';

/** Common variants by code (kept for callers that list them). */
export const COUNTRY_ALIASES = COUNTRY_VARIANTS;

export type CountryLookup =
  | { kind: 'found'; code: CountryCode }
  /** A real ISO country that Sequence's enum does not list. */
  | { kind: 'not-accepted'; code: string }
  /** The text names two or more countries (ISO codes, sorted). */
  | { kind: 'ambiguous'; codes: string[] }
  | { kind: 'unknown' };

let index: CountryIndex | undefined;

/** The index, built on first use (a few hundred milliseconds, once per process). */
export function countryIndex(): CountryIndex {
  index ??= buildCountryIndex();
  return index;
}

function fromCode(code: string): CountryLookup {
  const parsed = CountryCode.safeParse(code);
  return parsed.success ? { kind: 'found', code: parsed.data } : { kind: 'not-accepted', code };
}

function fromCodes(codes: Codes): CountryLookup {
  if (typeof codes === 'string') return fromCode(codes);
  return { kind: 'ambiguous', codes: [...codesOf(codes)] };
}

const TWO_LETTERS = /^(?:[A-Za-z][.\s]*){2}$/;
const THREE_LETTERS = /^(?:[A-Za-z][.\s]*){3}$/;

/** Resolves country text and says why it did not resolve. Never throws. */
export function lookupCountry(text: string): CountryLookup {
  if (typeof text !== 'string') return { kind: 'unknown' };
  const cleaned = cleanText(text);
  if (!cleaned || cleaned.length > 200) return { kind: 'unknown' };
  const { exact, loose, parts, ambiguous } = countryIndex();
  const keys = keysOf(cleaned);
  if (!keys.loose) return { kind: 'unknown' };
  const letters = cleaned.replace(/[.\s]/g, '').toUpperCase();
  // "NGA" in capitals reads as a code (Nigeria) as much as a name ("Nga", Vietnamese for Russia).
  const alpha3 = THREE_LETTERS.test(cleaned) && cleaned === cleaned.toUpperCase() ? alpha3ToAlpha2(letters) : undefined;
  const named = (codes: Codes): CountryLookup =>
    alpha3 && codes !== alpha3 ? { kind: 'ambiguous', codes: [...new Set([...codesOf(codes), alpha3])].sort() } : fromCodes(codes);

  const forced = ambiguous.get(keys.loose);
  if (forced) return { kind: 'ambiguous', codes: [...forced] };
  // Two letters are a code first: "AS" is American Samoa, though Malay writes the US as "AS".
  if (TWO_LETTERS.test(cleaned) && isIsoCode(letters)) return fromCode(letters);
  // Exactly as a source wrote it (accents included); a name without accents under that key counts too.
  const byExact = keys.exact === keys.loose ? undefined : unionCodes(exact.get(keys.exact), loose.get(keys.exact));
  if (byExact) return named(byExact);
  const byLoose = loose.get(keys.loose);
  if (byLoose) return named(byLoose);

  for (const form of invertedForms(cleaned)) {
    const formKeys = keysOf(form);
    const formForced = ambiguous.get(formKeys.loose);
    if (formForced) return { kind: 'ambiguous', codes: [...formForced] };
    const found = (formKeys.exact === formKeys.loose ? undefined : unionCodes(exact.get(formKeys.exact), loose.get(formKeys.exact))) ?? loose.get(formKeys.loose);
    if (found) return fromCodes(found);
  }
  const byPart = parts.get(keys.loose);
  if (byPart) return named(byPart);

  if (THREE_LETTERS.test(cleaned)) {
    const code = alpha3ToAlpha2(letters);
    if (code) return fromCode(code);
  }
  return { kind: 'unknown' };
}

/** The Sequence country code for a name, alias or ISO code, in any language CLDR knows. */
export function resolveCountry(text: string): CountryCode | undefined {
  const found = lookupCountry(text);
  return found.kind === 'found' ? found.code : undefined;
}

/** English name of a code, for messages. */
export function countryName(code: string): string {
  return englishName(code);
}
