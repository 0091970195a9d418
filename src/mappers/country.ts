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
 *   6. both halves of "A (B)", "A, B", "A - B" or "A / B" ("Germany (Deutschland)"): they must agree;
 *      "Georgia (US)" is refused;
 *   7. a name inside a state form ("Republika Angola", "Reino de Marruecos", "荷兰王国"), whole or
 *      with a case ending or as an adjective ("Kreikan tasavalta", "Franska republiken": see
 *      country-fuzzy.ts); "State of Georgia" is not Georgia; "Korea" and "Congo" are told apart by
 *      the form ("People's", "Democratic");
 *   8. parts of names ("Moldova" from "Moldova, Republic of");
 *   9. initials of a name, for text in capitals ("США", "ФРГ", "RFA");
 *  10. three-letter ISO codes ("DEU"), only now: "Nga" is Vietnamese for Russia, not NGA (Nigeria);
 *      in capitals, "NGA" could be either and is refused;
 *  11. the spelling skeleton of a Latin name ("Rossijskaja Federacija" = "Rossiyskaya Federatsiya"),
 *      when it is one country's.
 * Olympic and FIFA codes are never guessed: "GER" alone is unknown, and a three-letter text that is
 * one country's sports code and another's name or ISO code ("SAM": Samoa's code, an Irish
 * abbreviation of the United States; "BRN": Bahrain's Olympic code, Brunei's ISO code) is refused
 * naming both.
 */
import { CountryCode } from '../sequence/enums';
import { COUNTRY_VARIANTS, FORM_AMBIGUOUS, FORM_DISAMBIGUATION } from './country-data';
import {
  alpha3ToAlpha2,
  englishName,
  buildCountryIndex,
  codesOf,
  keysOf,
  invertedForms,
  isIsoCode,
  isLinkWord,
  unionCodes,
  type Codes,
  type CountryIndex,
} from './country-index';
import { beforeContinent } from './country-continent';
import { formWordsStartingWith, nameInsideForm, type InsideForm } from './country-forms';
import { skeleton, stemCountries } from './country-fuzzy';
import { findState } from './state';
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

/** The index, built once per process: by the worker at start-up, else on first use. */
export function countryIndex(): CountryIndex {
  index ??= buildCountryIndex();
  return index;
}

/** True once the index is in this process (built, or restored by `useCountryIndex`). */
export function countryIndexReady(): boolean {
  return index !== undefined;
}

/** Makes `value` the index of this process (restored from a snapshot at start-up); undefined forgets it (tests). */
export function useCountryIndex(value: CountryIndex | undefined): void {
  index = value;
  recent.clear();
}

/**
 * The answers for the country texts seen last: a CRM's country field holds the same few texts over
 * and over ("United States", "DE", "Deutschland"), and a text that takes the inexact readings costs
 * 15–250 µs. Bounded (the oldest text leaves first); emptied when the index changes. The answers are
 * frozen: every caller gets the same object.
 */
export const RECENT_COUNTRY_TEXTS = 1024;
const recent = new Map<string, CountryLookup>();

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

const PAREN_PAIR = /^([^()]+?)\s*\(([^()]+)\)\s*$/;
const COMMA_PAIR = /^([^,()]+),\s*([^,()]+)$/;
/** "US - United States", "Germany / Deutschland" (a hyphen inside a name, "Guinea-Bissau", is not one). */
const DASH_PAIR = /^([^,()/]+?)\s+[-–—]\s+([^,()/]+)$|^([^,()/]+?)\s*\/\s*([^,()/]+)$/;

/** The countries a lookup names: one when found, several when ambiguous, none when unknown. */
function candidates(found: CountryLookup): string[] {
  if (found.kind === 'found' || found.kind === 'not-accepted') return [found.code];
  return found.kind === 'ambiguous' ? found.codes : [];
}

/**
 * "Germany (Deutschland)", "Taiwan, Republic of China", "Georgia (US)": both halves are read. They
 * agree (or one narrows the other's ambiguity) → that country; they disagree → refused, naming both.
 */
function fromPair(first: string, second: string): CountryLookup | undefined {
  const a = lookup(first, true);
  const b = lookup(second, true);
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  const inA = candidates(a);
  const inB = candidates(b);
  const both = inA.filter((code) => inB.includes(code));
  const [only] = both;
  if (both.length === 1 && only && (inA.length === 1 || inB.length === 1)) return fromCode(only);
  if (both.length === 0) return { kind: 'ambiguous', codes: [...new Set([...inA, ...inB])].sort() };
  return undefined;
}

/** Resolves country text and says why it did not resolve. Never throws. */
export function lookupCountry(text: string): CountryLookup {
  if (typeof text !== 'string') return { kind: 'unknown' };
  const known = recent.get(text);
  if (known) return known;
  const found = lookup(text, false);
  if (found.kind === 'ambiguous') Object.freeze(found.codes);
  Object.freeze(found);
  if (text.length <= MAX_CACHED_TEXT) {
    if (recent.size >= RECENT_COUNTRY_TEXTS) recent.delete(recent.keys().next().value!);
    recent.set(text, found);
  }
  return found;
}

/** How many texts the cache holds now (tests). */
export function recentCountryTextCount(): number {
  return recent.size;
}

/** Longer texts are not kept (they are refused as unknown at once: see `lookup`). */
const MAX_CACHED_TEXT = 200;

function lookup(text: string, half: boolean): CountryLookup {
  if (typeof text !== 'string') return { kind: 'unknown' };
  const cleaned = cleanText(text);
  if (!cleaned || cleaned.length > 200) return { kind: 'unknown' };
  const { exact, loose, parts, ambiguous, sports } = countryIndex();
  const keys = keysOf(cleaned);
  if (!keys.loose) return { kind: 'unknown' };
  const letters = cleaned.replace(/[.\s]/g, '').toUpperCase();
  const threeLetters = THREE_LETTERS.test(cleaned);
  // The countries three letters name as a code: ISO alpha-3, or an Olympic or FIFA code.
  const asCode = threeLetters ? unionCodes(alpha3ToAlpha2(letters), sports.get(letters)) : undefined;
  // "NGA" in capitals reads as a code (Nigeria) as much as a name ("Nga", Vietnamese for Russia).
  const codeReading = asCode && cleaned === cleaned.toUpperCase() ? asCode : undefined;
  const named = (codes: Codes): CountryLookup => fromCodes(unionCodes(codes, codeReading) ?? codes);

  const forced = ambiguous.get(keys.loose);
  if (forced) return { kind: 'ambiguous', codes: [...forced] };
  // Two letters are a code first: "AS" is American Samoa, though Malay writes the US as "AS". Written
  // as a word ("Bi", "My"), they may be a name typed without accents (Vietnamese "Bỉ" is Belgium).
  if (TWO_LETTERS.test(cleaned) && isIsoCode(letters)) {
    const asName = /^[A-Z][a-z]$/.test(cleaned) ? loose.get(keys.loose) : undefined;
    if (asName && asName !== letters) return { kind: 'ambiguous', codes: [...new Set([...codesOf(asName), letters])].sort() };
    return fromCode(letters);
  }
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
  if (!half) {
    const pair = PAREN_PAIR.exec(cleaned) ?? COMMA_PAIR.exec(cleaned);
    const dash = pair ? undefined : DASH_PAIR.exec(cleaned);
    const [first, second] = pair ? [pair[1], pair[2]] : dash ? [dash[1] ?? dash[3], dash[2] ?? dash[4]] : [];
    const paired = first && second ? fromPair(first, second) : undefined;
    if (paired) return paired;
  }
  // "Republika Angola", "Reino de Marruecos", "荷兰王国", "Kreikan tasavalta": a state form around a name.
  const inner = nameInsideForm(cleaned);
  const byForm = inner && fromForm(inner);
  if (byForm) return byForm;
  const byPart = parts.get(keys.loose);
  if (byPart) return named(byPart);
  // "США", "ФРГ", "R.F.A.": initials, in capitals only ("Usa" is not read as initials).
  const upper = cleaned.replace(/[^\p{L}\p{M}]/gu, '');
  if (upper.length >= 2 && upper.length <= 6 && upper === upper.toUpperCase() && upper !== upper.toLowerCase()) {
    const byInitials = countryIndex().initials.get(keysOf(upper).exact);
    if (byInitials) return fromCodes(byInitials);
  }

  // "Rép. tchèque", "Ver. Königreich", "Bundesrep. Deutschland": form words written short.
  const byAbbreviation = half ? undefined : fromAbbreviations(cleaned);
  if (byAbbreviation) return byAbbreviation;
  // "Estados Unidos de Norteamérica": a name and the continent its official name names.
  const byContinent = half ? undefined : fromContinent(cleaned);
  if (byContinent) return byContinent;

  // An ISO alpha-3 code; refused when it is another country's sports code too, and a sports code alone is not guessed.
  if (asCode && (typeof asCode !== 'string' || alpha3ToAlpha2(letters))) return fromCodes(asCode);
  // A Latin spelling of a name in another romanisation ("Rossijskaja Federacija"), when only one country's names fit.
  const spelling = skeleton(keys.loose);
  const bySkeleton = spelling === undefined ? undefined : countryIndex().skeletons.get(spelling);
  if (typeof bySkeleton === 'string') return fromCode(bySkeleton);
  return { kind: 'unknown' };
}

const ABBREVIATED = /(?<![\p{L}\p{M}])([\p{L}\p{M}]{2,})\./gu;
/** Readings tried for one text at most: "Rep. Fed." is 10 × 8 of them. */
const MAX_EXPANSIONS = 200;

/**
 * Text with form words written short ("Rép.", "Rep.", "Ver.", "Fed.", "Bundesrep."): each is read as
 * every form word it may stand for, and the readings that resolve must name one country.
 */
function fromAbbreviations(text: string): CountryLookup | undefined {
  const abbreviations = [...text.matchAll(ABBREVIATED)];
  if (abbreviations.length === 0 || abbreviations.length > 3) return undefined;
  const choices = abbreviations.map((match) => formWordsStartingWith(match[1]!));
  if (choices.some((words) => words.length === 0)) return undefined;
  if (choices.reduce((product, words) => product * words.length, 1) > MAX_EXPANSIONS) return undefined;
  let readings = [''];
  let from = 0;
  abbreviations.forEach((match, at) => {
    const before = text.slice(from, match.index);
    readings = readings.flatMap((reading) => choices[at]!.map((word) => `${reading}${before}${word}`));
    from = match.index! + match[0].length;
  });
  const rest = text.slice(from);
  const texts = readings.map((reading) => `${reading}${rest}`);
  // Names as listed first (a map look-up per reading); the whole resolution only when none is.
  const { exact, loose } = countryIndex();
  const listed = texts.flatMap((reading) => {
    const keys = keysOf(reading);
    const codes = unionCodes(exact.get(keys.exact), loose.get(keys.loose));
    return codes === undefined ? [] : [fromCodes(codes)];
  });
  const results = listed.length > 0 ? listed : texts.map((reading) => lookup(reading, true)).filter((result) => result.kind !== 'unknown');
  const [first] = results;
  if (!first || results.some((result) => JSON.stringify(result) !== JSON.stringify(first))) return undefined;
  return first.kind === 'found' || first.kind === 'not-accepted' ? first : undefined;
}

/**
 * A country's name followed by the continent its official name names ("Bandaríki Norður-Ameríku"):
 * the name as listed, or in a case ending of one country's name; that country only.
 */
function fromContinent(text: string): CountryLookup | undefined {
  const split = beforeContinent(text, countryIndex().continents, (word) => word === '' || isLinkWord(word));
  if (!split) return undefined;
  const found = lookup(split.rest, true);
  if (found.kind === 'found' || found.kind === 'not-accepted') return split.codes.includes(found.code) ? found : undefined;
  if (found.kind !== 'unknown') return undefined;
  const [only, ...more] = stemReading(countryIndex(), split.rest) ?? [];
  return only && more.length === 0 && split.codes.includes(only) ? fromCode(only) : undefined;
}

/** Same countries, in any order. */
function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code) => b.includes(code));
}

/**
 * The country of the name inside a state form: the name as a source writes it, else as a case ending
 * or an adjective of one (one country's only). "Korea" and "Congo" are told apart by the form's words.
 */
function fromForm(inner: InsideForm): CountryLookup | undefined {
  const idx = countryIndex();
  if (inner.names.length === 0) {
    // "Сполучене Королівство", "Združene države": "United Kingdom" and "United States" in words of the form alone.
    if (inner.unitedKingdom) return fromCode('GB');
    if (inner.unitedStates) return fromCode('US');
    if (inner.unitedEmirates) return fromCode('AE');
    return undefined;
  }
  // Each reading of the name left (with or without the link words before it) must agree: "Dél-szudáni
  // Köztársaság" is not Sudan because "dél" is also a Spanish link word. Names as listed first, then
  // names left inside the sources' forms, then case endings and adjectives.
  const readings = inner.names.map((name) => ({ name, ...readName(idx, name) }));
  for (const tier of ['listed', 'derived', 'stem', 'skeleton'] as const) {
    const fits = readings.filter((reading) => reading.codes !== undefined && reading.tier === tier);
    if (fits.length === 0) continue;
    const results = fits.map((reading) => decideForm(inner, reading.name, reading.codes!, tier));
    const first = results[0];
    if (results.some((result) => JSON.stringify(result) !== JSON.stringify(first))) return undefined;
    return first;
  }
  return undefined;
}

type Tier = 'listed' | 'derived' | 'stem' | 'skeleton';

/**
 * The countries a name left inside a form names: as a source lists it, as a name left inside a
 * source's own form ("derived"), else as a case ending or adjective of a name ("stem"), else by its
 * spelling skeleton, one country's only ("skeleton").
 */
function readName(idx: CountryIndex, name: string): { codes: readonly string[] | undefined; tier: Tier } {
  const key = keysOf(name).loose;
  const listed = idx.ambiguous.get(key) ?? codesOrUndefined(idx.loose.get(key));
  if (listed) return { codes: listed, tier: 'listed' };
  const derived = codesOrUndefined(idx.inside.get(key));
  if (derived) return { codes: derived, tier: 'derived' };
  const stems = stemReading(idx, name);
  if (stems === undefined) return { codes: undefined, tier: 'stem' };
  if (stems.length > 0) return { codes: stems, tier: 'stem' };
  // "Respublika Khorvatiya": a Latin spelling in another romanisation, when only one country's names fit.
  const spelling = skeleton(key);
  const bySkeleton = spelling === undefined ? undefined : idx.skeletons.get(spelling);
  return { codes: typeof bySkeleton === 'string' ? [bySkeleton] : undefined, tier: 'skeleton' };
}

/**
 * The countries whose names `name` is a case-ended or adjectival form of (only its last word may
 * differ); undefined when that reading is a guess: "su Mali" (Sardinian "the Mali") read as one word
 * begins like "Sumalia", Somalia, but its last word is itself another country's name.
 */
function stemReading(idx: CountryIndex, name: string): string[] | undefined {
  const words = name.split(' ');
  const lastWord = words.length > 1 ? keysOf(words.slice(0, -1).join(' ')).loose.length : 0;
  const stems = stemCountries(idx, keysOf(name).loose, lastWord);
  const last = words.length > 1 ? idx.loose.get(keysOf(words[words.length - 1]!).loose) : undefined;
  return last !== undefined && codesOf(last).some((code) => !stems.includes(code)) ? undefined : stems;
}

function decideForm(inner: InsideForm, name: string, found: readonly string[], tier: Tier): CountryLookup | undefined {
  let codes = found;
  if (codes.length > 1) {
    const rule = FORM_DISAMBIGUATION.find((entry) => sameCodes(entry.codes, codes));
    const decided =
      rule &&
      ((inner.peoples && rule.peoples) ||
        (inner.democratic && rule.democratic) ||
        (!inner.uncertain && !inner.peoples && !inner.democratic && inner.republic && rule.republic));
    if (decided) codes = [decided];
    // Only names as listed are refused naming their countries; an inexact reading is not offered.
    else if (tier !== 'listed') return undefined;
    else return { kind: 'ambiguous', codes: [...codes].sort() };
  }
  const code = codes[0]!;
  const confused = FORM_AMBIGUOUS[code];
  if (confused && !(confused.unlessPeoples && inner.peoples)) return { kind: 'ambiguous', codes: [...confused.codes] };
  // An inexact reading is never guessed between countries named alike: "Dominikánské společenství"
  // is Dominica's, though "dominikánsk-" is the Dominican Republic's adjective too.
  if (tier !== 'listed') {
    const alike = Object.values(FORM_AMBIGUOUS).find((entry) => entry.codes.includes(code));
    if (alike && !(alike.unlessPeoples && inner.peoples && code === 'CN')) return undefined;
  }
  // "State of Georgia" is the US state.
  if (inner.stateForm && findState(name)) return undefined;
  return fromCode(code);
}

function codesOrUndefined(codes: Codes | undefined): readonly string[] | undefined {
  return codes === undefined ? undefined : codesOf(codes);
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
