/**
 * The country name index, built once per process from every source at hand:
 *   - CLDR region names in every language Node's ICU ships (`Intl.DisplayNames`, no dependency);
 *   - i18n-iso-countries' names and alternative spellings in all of its languages (about 80);
 *   - world-countries (mledoze/countries): common and official names in English, in every
 *     official language of each country (native names) and in its 23 translations, its
 *     alternative spellings, and the Olympic (IOC) codes;
 *   - names from packages too large to ship, extracted by scripts/gen-country-names.ts into
 *     country-generated-names.ts: CLDR's names of the UK's constituent countries (subdivisions and
 *     flag annotations), its alt-variant and alt-short names ("Osttimor", "Swasiland"), the names of
 *     locales Node's ICU does not ship, ISO 3166-3's former names ("Upper Volta"; a country that
 *     split, "USSR", is refused naming its successors), the countries gem's names of the UK's nations
 *     and unofficial names, and Debian's iso-codes translations in about 150 languages;
 *   - the Chinese names read the Sino-Vietnamese way ("Ý Đại Lợi"), from m17n-db's Hán-Việt table;
 *   - official long names, inverted ISO forms and common variants kept in country-data.ts;
 *   - the native names above in Latin letters (any-ascii; see country-romanised.ts).
 * Each name is filed under two keys: an exact one (case, spacing and punctuation ignored, accents
 * kept) and a loose one (accents, "the" and "and"/"&" ignored too; traditional Chinese read as
 * simplified, Persian and Urdu letters as their Arabic forms). A key that two sources give to
 * different countries maps to both, so it is refused as ambiguous rather than guessed.
 *
 * The sources other than CLDR are read only when the index is built, not when it is restored from
 * its snapshot: a worker that starts from a snapshot never loads them.
 */
import * as countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import {
  AMBIGUOUS_NAMES,
  CLDR_LOCALE_CANDIDATES,
  CLDR_SHORT_NAME_CODES,
  COUNTRY_VARIANTS,
  FIFA_CODES,
  FOREIGN_OFFICIAL_NAMES,
  FORM_DISAMBIGUATION,
  I18N_LANGUAGES,
  NATIVE_OFFICIAL_NAMES,
  OFFICIAL_NAMES,
  SHARED_BASE_PAIRS,
  SOURCE_CORRECTIONS,
} from './country-data';
import { continentNames, type ContinentName } from './country-continent';
import { nameInsideForm } from './country-forms';
import { filedSkeletons } from './country-fuzzy';
import { countryKeys, keysOf, lowerNfkd } from './country-keys';
import { hanVietNames, romanisedNames } from './country-romanised';

export { countryKeys, foldKey, keysOf, lowerNfkd, type CountryKeys } from './country-keys';

countries.registerLocale(en);
/** Every ISO 3166-1 alpha-2 code (plus XK), whether or not Sequence accepts it. */
export const ISO_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes());
const ISO_CODE_SET = new Set(ISO_CODES);
const ISO_CODE_INDEX = new Map(ISO_CODES.map((code, at) => [code, at]));

export function isIsoCode(code: string): boolean {
  return ISO_CODE_SET.has(code);
}

/** "Democratic Republic of the Congo", "United States of America": the ISO English name. */
export function englishName(code: string): string {
  return countries.getName(code, 'en') ?? code;
}

export function alpha3ToAlpha2(code: string): string | undefined {
  return countries.alpha3ToAlpha2(code);
}

/** The CLDR locales indexed: the candidates Node's ICU has data for. */
export function cldrLocales(): string[] {
  return Intl.DisplayNames.supportedLocalesOf([...CLDR_LOCALE_CANDIDATES], { localeMatcher: 'lookup' });
}

// ---- sources --------------------------------------------------------------------------------------

export interface NameSource {
  /** e.g. `cldr:fr`, `i18n:pt`, `official`, `variant`, `correction`. */
  source: string;
  code: string;
  name: string;
}

/** i18n-iso-countries' names for one language: code → a name or the names in use. */
interface I18nLanguageFile {
  countries: Record<string, string | string[]>;
}

/** The entries of world-countries (mledoze/countries) the index reads. */
interface WorldCountry {
  cca2: string;
  cca3: string;
  cioc: string;
  name: { common: string; official: string; native?: Record<string, { common: string; official: string }> };
  translations?: Record<string, { common: string; official: string }>;
  altSpellings?: string[];
  /** ISO 639-3 code → English name of each official language. */
  languages?: Record<string, string>;
}

/** Read on the first live build only (a snapshot-restored process never loads the 1.4 MB file). */
function worldCountries(): readonly WorldCountry[] {
  return require('world-countries') as WorldCountry[];
}

/** Read on the first live build only, like world-countries (224 KB of names). */
function generatedNames(): typeof import('./country-generated-names') {
  return require('./country-generated-names') as typeof import('./country-generated-names');
}

function i18nLanguage(language: string): I18nLanguageFile {
  return require(`i18n-iso-countries/langs/${language}.json`) as I18nLanguageFile;
}

/**
 * Olympic (IOC, from world-countries) and FIFA (country-data.ts) codes that are not the same
 * country's ISO alpha-3 code: code → alpha-2. A three-letter text that is one of these is never
 * resolved to another country (see country.ts).
 */
export function sportsCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const country of worldCountries()) {
    if (country.cioc && country.cioc !== country.cca3 && ISO_CODE_SET.has(country.cca2)) codes.set(country.cioc, country.cca2);
  }
  for (const [code, country] of Object.entries(FIFA_CODES)) if (countries.alpha3ToAlpha2(code) !== country) codes.set(code, country);
  return codes;
}

const correctionsByName = new Map<string, Array<(typeof SOURCE_CORRECTIONS)[number]>>();
for (const entry of SOURCE_CORRECTIONS) correctionsByName.set(entry.name, [...(correctionsByName.get(entry.name) ?? []), entry]);

const SERBIAN_LATIN: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к', l: 'л',
  m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж', lj: 'љ', nj: 'њ', dž: 'џ',
};

/** Serbian Latin in Cyrillic (Gaj's alphabet letter for letter), or undefined for a name with other letters. */
export function serbianCyrillic(latin: string): string | undefined {
  let out = '';
  const text = latin.normalize('NFC');
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const lower = char.toLowerCase();
    const pair = lower + (text[i + 1] ?? '').toLowerCase();
    const letter = SERBIAN_LATIN[pair] && pair.length === 2 ? SERBIAN_LATIN[pair] : SERBIAN_LATIN[lower];
    if (letter === undefined) {
      if (/\p{L}/u.test(char)) return undefined;
      out += char;
      continue;
    }
    if (letter === SERBIAN_LATIN[pair] && pair.length === 2) i++;
    out += char === lower ? letter : letter.toUpperCase();
  }
  return out;
}

/** Called once per (source, code, name); `source` is e.g. `cldr:fr`, `i18n:pt`, `wc:deu`, `official`. */
type NameVisitor = (name: string, code: string, source: string) => void;

function correctionFor(name: string, code: string, source: string) {
  return correctionsByName.get(name)?.find((e) => e.listed === code && (source === e.source || source.startsWith(`${e.source}:`)));
}

/** `visit`, with the corrections of country-data.ts applied: a name filed under another country, or dropped. */
function corrected(visit: NameVisitor): NameVisitor {
  return (name, code, source) => {
    const entry = correctionFor(name, code, source);
    if (!entry) visit(name, code, source);
    else if (entry.actual) visit(name, entry.actual, 'correction');
  };
}

/** The sources whose names are Chinese: CLDR's Chinese and Cantonese locales, world-countries' and i18n-iso-countries' Chinese. */
const CHINESE_SOURCE = /^(?:cldr:(?:zh|yue)(?:[-_ ]|$)|wc:zho$|wc:native:zho$|i18n:zh$)/;

/**
 * Reads every source in a fixed order, without a record per name (there are about 90,000).
 * `everyLocale` false skips a CLDR locale that resolves to one already read ("ms-Arab" is read as
 * "ms"): its names are the same, only the source label would differ.
 */
function visitNameSources(rawVisit: NameVisitor, everyLocale: boolean, keep?: (source: string) => boolean): void {
  const kept: NameVisitor = (name, code, source) => {
    if (!keep || keep(source)) rawVisit(name, code, source);
  };
  const visitOne = corrected(kept);
  const hanViet = generatedNames().HAN_VIET_READINGS;
  // A Chinese name is also read the Sino-Vietnamese way ("意大利" → "Ý Đại Lợi").
  const visit: NameVisitor = (name, code, source) => {
    visitOne(name, code, source);
    if (CHINESE_SOURCE.test(source)) for (const reading of hanVietNames(name, hanViet)) visitOne(reading, code, `han-viet:${source}`);
  };
  const resolvedRead = new Set<string>();
  const longNames: Array<string | undefined> = new Array<string | undefined>(ISO_CODES.length);
  // Neighbouring locales often name a country alike ("Kenya"); a name already given is passed over.
  const lastNames: Array<string | undefined> = new Array<string | undefined>(ISO_CODES.length);
  for (const locale of cldrLocales()) {
    const long = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
    if (!everyLocale) {
      const resolved = long.resolvedOptions().locale;
      if (resolvedRead.has(resolved)) continue;
      resolvedRead.add(resolved);
    }
    const source = `cldr:${locale}`;
    for (let i = 0; i < ISO_CODES.length; i++) {
      const code = ISO_CODES[i]!;
      const name = long.of(code);
      longNames[i] = name;
      if (name && name !== code && (everyLocale || name !== lastNames[i])) {
        lastNames[i] = name;
        visit(name, code, source);
      }
    }
    // CLDR's narrow names are its short ones (a test checks), so short alone is read.
    const short = new Intl.DisplayNames(locale, { type: 'region', style: 'short', fallback: 'none' });
    for (const code of CLDR_SHORT_NAME_CODES) {
      const name = short.of(code);
      const at = ISO_CODE_INDEX.get(code);
      if (name && name !== code && name !== (at === undefined ? long.of(code) : longNames[at])) visit(name, code, source);
    }
  }
  const generated = generatedNames();
  for (const [source, byCode] of Object.entries(generated.GENERATED_NAMES)) {
    for (const [code, names] of Object.entries(byCode)) if (ISO_CODE_SET.has(code)) for (const name of names) visit(name, code, source);
  }
  // A former country that became one: its name is that country's. One that split is refused (see AMBIGUOUS).
  for (const { name, codes } of generated.FORMER_COUNTRY_NAMES) if (codes.length === 1) visit(name, codes[0]!, 'iso3166-3');
  for (const language of I18N_LANGUAGES) {
    const source = `i18n:${language}`;
    for (const [code, names] of Object.entries(i18nLanguage(language).countries)) {
      if (!ISO_CODE_SET.has(code)) continue;
      for (const name of typeof names === 'string' ? [names] : names) visit(name, code, source);
    }
  }
  for (const country of worldCountries()) {
    const code = country.cca2;
    if (!ISO_CODE_SET.has(code)) continue;
    visit(country.name.common, code, 'wc:eng');
    visit(country.name.official, code, 'wc:eng');
    for (const [language, names] of Object.entries(country.name.native ?? {})) {
      visit(names.common, code, `wc:native:${language}`);
      visit(names.official, code, `wc:native:${language}`);
      for (const name of [names.common, names.official]) {
        for (const latin of romanisedNames(name, code)) visit(latin, code, `romanised:wc:native:${language}`);
      }
    }
    // CLDR's name of the country in its own languages, in Latin letters too ("북한" → "Bukhan", "Pukhan").
    for (const language of Object.keys(country.languages ?? {})) {
      const locale = ownLocale(language);
      const name = locale && cldrRegionNames(locale).of(code);
      if (name && name !== code) for (const latin of romanisedNames(name, code)) visit(latin, code, `romanised:cldr:${locale}`);
    }
    for (const [language, names] of Object.entries(country.translations ?? {})) {
      visit(names.common, code, `wc:${language}`);
      visit(names.official, code, `wc:${language}`);
      if (language === 'srp') {
        // Serbian is written in both scripts; world-countries gives the Latin one.
        for (const name of [names.common, names.official]) {
          const cyrillic = correctionFor(name, code, 'wc:srp') ? undefined : serbianCyrillic(name);
          if (cyrillic) visit(cyrillic, code, 'wc:srp (Cyrillic)');
        }
      }
    }
    // Two-letter entries are the country's own code, read as a code anyway.
    for (const name of country.altSpellings ?? []) if (name.length > 2) visit(name, code, 'wc:alt');
  }
  for (const [code, names] of Object.entries(OFFICIAL_NAMES)) for (const name of names) visit(name, code, 'official');
  for (const [code, names] of Object.entries(NATIVE_OFFICIAL_NAMES)) {
    for (const name of names) {
      visit(name, code, 'official (native)');
      for (const latin of romanisedNames(name, code)) visit(latin, code, 'romanised:official (native)');
    }
  }
  for (const [code, names] of Object.entries(FOREIGN_OFFICIAL_NAMES)) for (const name of names) visit(name, code, 'official (foreign)');
  for (const [code, names] of Object.entries(COUNTRY_VARIANTS)) for (const name of names) visit(name, code, 'variant');
}

const regionNames = new Map<string, Intl.DisplayNames>();
function cldrRegionNames(locale: string): Intl.DisplayNames {
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' })));
  return names;
}

/** The CLDR locale of an ISO 639-3 language ("kor" → "ko"), when Node's ICU has names for it. */
function ownLocale(language: string): string | undefined {
  try {
    const [locale] = Intl.getCanonicalLocales(language);
    return locale && Intl.DisplayNames.supportedLocalesOf([locale]).length > 0 ? locale : undefined;
  } catch {
    return undefined; // not a language tag ICU knows
  }
}

/** Every (source, code, name) the index is built from, every CLDR locale included (tests). */
export function countryNameSources(): NameSource[] {
  const all: NameSource[] = [];
  visitNameSources((name, code, source) => all.push({ source, code, name }), true);
  return all;
}

/** "Virgin Islands, British" → "British Virgin Islands"; "Korea (the Republic of)" → "the Republic of Korea". */
export function invertedForms(name: string): string[] {
  const forms: string[] = [];
  const paren = /^([^()]+?)\s*\(([^()]+)\)\s*$/.exec(name);
  if (paren?.[1] && paren[2]) forms.push(`${paren[2]} ${paren[1]}`);
  const comma = /^([^,()]+),\s*([^,()]+)$/.exec(name);
  if (comma?.[1] && comma[2]) forms.push(`${comma[2]} ${comma[1]}`);
  return forms;
}

/**
 * Qualifiers found inside parentheses ("Korea (North)", "Saint Martin (French part)", "Congo
 * (Republic)") that mean nothing alone: "North" must not resolve to North Korea.
 */
const QUALIFIER = /north|south|east|west|british|brit|french|franc|frans|fakafa|fakahol|dutch|neerland|nederland|holland|nizozem|republi|kingdom|state|province|part|cast|side|del$/;

/** "Moldova" from "Moldova, Republic of"; "Burma" from "Myanmar (Burma)"; never a bare qualifier. */
export function nameParts(name: string): string[] {
  const parts: string[] = [];
  const withoutParens = name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  if (withoutParens !== name) parts.push(withoutParens);
  for (const inner of name.matchAll(/\(([^)]*)\)/g)) {
    const key = inner[1] ? keysOf(inner[1]).loose : '';
    if (inner[1] && key.length > 4 && !QUALIFIER.test(key)) parts.push(inner[1]);
  }
  const comma = withoutParens.indexOf(',');
  if (comma > 0) parts.push(withoutParens.slice(0, comma));
  return parts;
}

// ---- derived keys ---------------------------------------------------------------------------------

/** Names with a space, or in a script written without spaces: the only ones a state form can be in. */
const MAY_HOLD_A_FORM = /\s|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

/**
 * The stem that adjectives are made from, in the languages that name a country "<stem> + land":
 * Hungarian "Svédország" (svéd), Estonian "Prantsusmaa" (prantsuse), Swedish and Norwegian
 * "Frankrike" (franska). Loose keys, accents folded.
 */
const COUNTRY_WORDS = /^(.{4,})(?:orszag|maa|rike)$/u;

function adjectiveStem(key: string): string | undefined {
  return COUNTRY_WORDS.exec(key)?.[1];
}

const MAY_HAVE_INITIALS = /[\s-]/;
/** ISO 4217 currency codes (ICU's list). */
const CURRENCY_CODES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Sources whose names give initials: not CLDR's (short names: the long ones are other sources'),
 * and not the English ones: English initials in use are listed as variants ("USA", "DRC", "KSA"),
 * and the others are also other things' ("SAR": a Special Administrative Region, not Syria).
 */
function initialsFrom(source: string): boolean {
  return !(
    source.startsWith('cldr:') ||
    source === 'wc:eng' ||
    source === 'wc:alt' ||
    source === 'official' ||
    source === 'variant' ||
    source === 'i18n:en' ||
    source === 'iso3166-3'
  );
}
/** Letters a name must keep for a case ending to be told from another name. */
const MIN_STEM = 4;
const INITIAL_WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ALL_ASCII = /^[a-z]+$/;

/**
 * The initials a name of two words or more is written with: every word's first letter, and the same
 * without the words that link the others ("United States of America" → "usa", "Соединённые Штаты
 * Америки" → "сша", "République fédérale d'Allemagne" → "rfa"). Exact keys (lowercase, accents
 * kept). Only three letters or more, or two outside the Latin alphabet ("РФ", "ČR").
 */
export function initialsOf(name: string): string[] {
  const words = lowerNfkd(name.normalize('NFC')).normalize('NFC').match(INITIAL_WORD);
  if (!words || words.length < 2) return [];
  const every = words.map((word) => [...word][0]!).join('');
  const linked = words.filter((word) => !LINK_WORDS.has(word)).map((word) => [...word][0]!).join('');
  const out: string[] = [];
  for (const initials of new Set([every, linked])) {
    const length = [...initials].length;
    if (length > 5 || length < 2 || (length === 2 && ALL_ASCII.test(initials))) continue;
    out.push(keysOf(initials).exact);
  }
  return out;
}

/** Words that link the words of a name, left out of its initials (any language; lowercase). */
const LINK_WORDS = new Set(
  (
    'of the and de du des d la le l les et del los las y e do da dos das di della dell dei degli der von und van het en ' +
    'och og i a al ale lui și ve va və ja és an ta ng na ya wa la և и і й та της του των και ال و של'
  ).split(' '),
);

/** A word that links the words of a name ("of", "de", "von", "של"), in any language; a loose key. */
export function isLinkWord(word: string): boolean {
  return LINK_WORDS.has(word);
}

// ---- the index ------------------------------------------------------------------------------------

/** A key's countries: one code, or a sorted list when sources disagree. */
export type Codes = string | readonly string[];

export interface CountryIndex {
  /** Exact keys of names whose exact key differs from their loose one (accents, "the", "and"). */
  exact: Map<string, Codes>;
  loose: Map<string, Codes>;
  /** Loose keys of name parts: consulted only when no full name matches. */
  parts: Map<string, Codes>;
  /** Loose keys of AMBIGUOUS_NAMES: always refused. */
  ambiguous: Map<string, readonly string[]>;
  /**
   * Loose keys of the names left inside the state forms of the sources' names ("anh" from the
   * Vietnamese "Vương quốc Anh", "kreikan" from a Finnish official name), and of the stems that
   * Hungarian, Estonian and Scandinavian adjectives are made from ("svéd" of "Svédország"):
   * consulted only for the name inside a state form.
   */
  inside: Map<string, Codes>;
  /** Spelling skeletons (country-fuzzy.ts) of the Latin names: consulted last. */
  skeletons: Map<string, Codes>;
  /**
   * Initials of the names of two words or more ("США", "ФРГ", "RFA", "ΗΠΑ"), by exact key: read only
   * for text in capitals; none that is an ISO or sports code, or a name.
   */
  initials: Map<string, Codes>;
  /** CLDR's names of the continents a country's official name names (country-continent.ts). */
  continents: readonly ContinentName[];
  /** Olympic and FIFA codes that are not the same country's ISO alpha-3 code: code → alpha-2. */
  sports: Map<string, string>;
  /** Distinct names filed (every source and language, inverted forms included). */
  names: number;
  /** Milliseconds the build took. */
  buildMs: number;
}

function addCode(map: Map<string, Codes>, key: string, code: string): void {
  if (!key) return;
  const existing = map.get(key);
  if (existing === undefined) map.set(key, code);
  else if (typeof existing === 'string') {
    if (existing !== code) map.set(key, [existing, code].sort());
  } else if (!existing.includes(code)) map.set(key, [...existing, code].sort());
}

export function codesOf(codes: Codes): readonly string[] {
  return typeof codes === 'string' ? [codes] : codes;
}

/** Both lists' countries (either may be missing). */
export function unionCodes(a: Codes | undefined, b: Codes | undefined): Codes | undefined {
  if (a === undefined || b === undefined || a === b) return a ?? b;
  const all = [...new Set([...codesOf(a), ...codesOf(b)])].sort();
  return all.length === 1 ? all[0] : all;
}

/** Who said what, per key: only built on request (tests, the cross-source check). */
export type Provenance = Map<string, Map<string, string[]>>;
export interface ProvenanceRecord {
  exact: Provenance;
  loose: Provenance;
  /** The loose key of each exact key. */
  looseOf: Map<string, string>;
}

/**
 * `keep` leaves sources out (a leave-one-source-out evaluation: country-held-out.ts --dev); every
 * source is read without it.
 */
export function buildCountryIndex(provenance?: ProvenanceRecord, keep?: (source: string) => boolean): CountryIndex {
  const started = performance.now();
  const exact = new Map<string, Codes>();
  const loose = new Map<string, Codes>();
  const parts = new Map<string, Codes>();
  const inside = new Map<string, Codes>();
  const initialsFound = new Map<string, Codes>();
  const note = (kind: 'exact' | 'loose', key: string, code: string, source: string) => {
    if (!provenance || !key) return;
    const byCode = provenance[kind].get(key) ?? new Map<string, string[]>();
    provenance[kind].set(key, byCode);
    const list = byCode.get(code) ?? [];
    byCode.set(code, list);
    if (list.length < 5) list.push(source);
  };
  // Many names recur across locales ("Kenya"): file each once per country.
  const seen = new Map<string, string | Set<string>>();
  /** False when the name was already filed under that country. */
  const addName = (name: string, code: string, source: string): boolean => {
    const codes = seen.get(name);
    if (codes === undefined) seen.set(name, code);
    else if (codes === code || (typeof codes !== 'string' && codes.has(code))) {
      if (!provenance) return false;
    } else seen.set(name, typeof codes === 'string' ? new Set([codes, code]) : codes.add(code));
    // Computed again only for the few names filed under two countries (and for provenance).
    const keys = keysOf(name);
    addCode(loose, keys.loose, code);
    // A name whose exact key is its loose key is found through the loose map: half the entries.
    if (keys.exact !== keys.loose) addCode(exact, keys.exact, code);
    if (provenance) {
      note('exact', keys.exact, code, `${source}: ${name}`);
      provenance.looseOf.set(keys.exact, keys.loose);
      note('loose', keys.loose, code, `${source}: ${name}`);
    }
    return true;
  };
  // The initials of every source's names, to refuse those that another country's name gives too ("SAE":
  // the Czech name of the UAE in CLDR, a Basque name of Syria in i18n-iso-countries); and the names whose
  // initials were filed from a source that gives initials (a name may come first from one that does not).
  const initialsOfAny = new Map<string, Codes>();
  const initialsFiled = new Set<string>();
  const initialsOfAnyFiled = new Set<string>();
  const pairNames = new Map<string, Set<string>>();
  const visit = (name: string, code: string, source: string): void => {
    if (PAIRED_CODES.has(code)) pairNames.set(code, (pairNames.get(code) ?? new Set()).add(name));
    const fresh = addName(name, code, source);
    if (MAY_HAVE_INITIALS.test(name)) {
      const pair = `${code} ${name}`;
      // Once per name and country, though the name was seen already as another's inverted form.
      if (!initialsOfAnyFiled.has(pair)) {
        initialsOfAnyFiled.add(pair);
        for (const initials of initialsOf(name)) addCode(initialsOfAny, initials, code);
      }
      if (initialsFrom(source)) {
        if (!initialsFiled.has(pair)) {
          initialsFiled.add(pair);
          for (const initials of initialsOf(name)) addCode(initialsFound, initials, code);
        }
      }
    }
    if (!fresh) return;
    if (name.includes(',') || name.includes('(')) {
      for (const form of invertedForms(name)) addName(form, code, `${source} (inverted)`);
      for (const part of nameParts(name)) addCode(parts, countryKeys(part).loose, code);
    }
    if (MAY_HOLD_A_FORM.test(name)) {
      const inner = nameInsideForm(name);
      // "Korea" in "Korejská republika" is both Koreas' until a form tells them apart (FORM_DISAMBIGUATION).
      const group = FORM_DISAMBIGUATION.find((entry) => entry.codes.includes(code))?.codes ?? [code];
      for (const left of inner?.names.slice(0, 1) ?? []) for (const member of group) addCode(inside, keysOf(left).loose, member);
    }
  };
  // With provenance every locale is read, so each name lists the locales that gave it.
  visitNameSources(visit, provenance !== undefined, keep);
  const ambiguous = new Map<string, readonly string[]>();
  /** The key is refused naming these countries too. */
  const refuse = (key: string, codes: readonly string[]) => ambiguous.set(key, [...new Set([...(ambiguous.get(key) ?? []), ...codes])].sort());
  const hanViet = generatedNames().HAN_VIET_READINGS;
  for (const entry of AMBIGUOUS_NAMES) {
    // A Chinese name that names two countries does so in its Sino-Vietnamese readings too.
    const names = entry.names.flatMap((name) => [name, ...hanVietNames(name, hanViet)]);
    for (const name of names) refuse(countryKeys(name).loose, entry.codes);
  }
  // A former country that split ("USSR", "Czechoslovakia") names each of the countries it became.
  for (const { name, codes } of generatedNames().FORMER_COUNTRY_NAMES) {
    if (codes.length < 2) continue;
    // "Tchécoslovaquie, république socialiste tchécoslovaque": its parts too, but one that names a
    // current country ("Holanda, Antillas de": the Netherlands Antilles are not the Netherlands).
    for (const each of [name, ...nameParts(name)]) {
      const key = countryKeys(each).loose;
      if (each !== name && loose.has(key)) continue;
      refuse(key, codes);
    }
  }
  for (const [key, codes] of sharedBases(pairNames, { loose, parts, inside })) refuse(key, codes);
  const sports = sportsCodes();
  for (const [key, codes] of loose) {
    const stem = adjectiveStem(key);
    if (stem) for (const code of codesOf(codes)) addCode(inside, stem, code);
  }
  // A name left inside a form that is another country's name with a one-letter case ending is that country's
  // too: "Δημοκρατία της Κίνας" is Taiwan's official name, but "Κίνας" is China's genitive.
  for (const [key, codes] of [...inside]) {
    if (typeof codes !== 'string') continue;
    const chars = [...key];
    for (let length = chars.length; length >= Math.max(MIN_STEM, chars.length - 1); length--) {
      const other = loose.get(chars.slice(0, length).join(''));
      if (typeof other === 'string' && other !== codes) addCode(inside, key, other);
    }
  }
  const skeletons = new Map<string, Codes>();
  for (const map of [loose, ambiguous] as const) {
    for (const [key, codes] of map) {
      for (const spelling of filedSkeletons(key)) for (const code of codesOf(codes)) addCode(skeletons, spelling, code);
    }
  }
  // Initials that names of two countries give ("РФ": the Russian Federation, the Republic of Fiji) are
  // kept with both, to be refused naming them: a name beside them ("Россия (РФ)") then decides.
  const initials = new Map<string, Codes>();
  for (const [key, found] of initialsFound) {
    if (loose.has(key) || exact.has(key) || ambiguous.has(key)) continue;
    const codes = unionCodes(found, initialsOfAny.get(key))!;
    const upper = key.toUpperCase();
    const asCode = upper.length === 2 ? (ISO_CODE_SET.has(upper) ? upper : undefined) : (countries.alpha3ToAlpha2(upper) ?? sports.get(upper));
    // Codes are read as codes: a sports code is never guessed, even as its own country's initials
    // ("IRI"); and a currency code is not a name's initials ("SAR": the Saudi riyal, not Syria).
    if (asCode === undefined && !CURRENCY_CODES.has(upper)) initials.set(key, codes);
  }
  return {
    exact,
    loose,
    parts,
    ambiguous,
    inside,
    skeletons,
    initials,
    continents: continentNames(),
    sports,
    names: seen.size,
    buildMs: performance.now() - started,
  };
}

const PAIRED_CODES = new Set(SHARED_BASE_PAIRS.flat());
const WORD_SEPARATORS = /[\s,()（）\-–]+/u;

/**
 * The words two names of a SHARED_BASE_PAIRS pair begin or end with alike (the longest run each way,
 * the whole of one name included): loose key → the pair. A run that is a state form ("Republic of
 * Korea"), that names a country outside the pair, or that is one word no source gives as a name is
 * not one.
 */
function sharedBases(
  pairNames: ReadonlyMap<string, ReadonlySet<string>>,
  maps: { loose: Map<string, Codes>; parts: Map<string, Codes>; inside: Map<string, Codes> },
): Map<string, readonly string[]> {
  const bases = new Map<string, readonly string[]>();
  for (const pair of SHARED_BASE_PAIRS) {
    const [first, second] = pair.map((code) => [...(pairNames.get(code) ?? [])].map((name) => name.split(WORD_SEPARATORS).filter(Boolean)));
    for (const a of first ?? []) {
      for (const b of second ?? []) {
        let lead = 0;
        while (lead < a.length && lead < b.length && lowerNfkd(a[lead]!) === lowerNfkd(b[lead]!)) lead++;
        let trail = 0;
        while (trail < a.length && trail < b.length && lowerNfkd(a[a.length - 1 - trail]!) === lowerNfkd(b[b.length - 1 - trail]!)) trail++;
        if (a.length === b.length && lead === a.length) continue;
        for (const words of [a.slice(0, lead), a.slice(a.length - trail)]) {
          if (words.length === 0) continue;
          const base = words.join(' ');
          const key = countryKeys(base).loose;
          if ([...key].length < 3 || nameInsideForm(base)) continue;
          const named = [maps.loose, maps.parts, maps.inside].flatMap((map) => codesOf(map.get(key) ?? []));
          // One word nobody gives as a name is a qualifier ("part", "Islands"), not a base.
          if (named.some((code) => !pair.includes(code)) || (named.length === 0 && words.length < 2)) continue;
          bases.set(key, [...pair].sort());
        }
      }
    }
  }
  return bases;
}

export interface NameConflict {
  layer: 'exact' | 'loose';
  key: string;
  /** code → the first few "source: name" entries that gave it. */
  sources: Record<string, string[]>;
}

/**
 * Keys that sources give to different countries and that no AMBIGUOUS_NAMES entry explains
 * (an entry explains a key when it lists all the key's countries). Empty when the data is sound.
 */
export function unexplainedConflicts(): NameConflict[] {
  const provenance: ProvenanceRecord = { exact: new Map(), loose: new Map(), looseOf: new Map() };
  const index = buildCountryIndex(provenance);
  const conflicts: NameConflict[] = [];
  for (const layer of ['exact', 'loose'] as const) {
    for (const [key, byCode] of provenance[layer]) {
      if (byCode.size < 2) continue;
      const looseKey = layer === 'loose' ? key : (provenance.looseOf.get(key) ?? key);
      const explained = index.ambiguous.get(looseKey);
      if (explained && [...byCode.keys()].every((code) => explained.includes(code))) continue;
      conflicts.push({ layer, key, sources: Object.fromEntries(byCode) });
    }
  }
  return conflicts;
}
