/**
 * The keys a country name is filed and looked up under: an exact one (case, spacing and punctuation
 * ignored, accents kept) and a loose one (accents, "the" and "and"/"&" ignored too; traditional
 * Chinese read as simplified, Persian and Urdu letters as their Arabic forms). Shared by the index
 * (country-index.ts), the state-form rule (country-forms.ts) and the lookup (country.ts).
 */
import { cleanText } from './text';

const NON_WORD = /[^\p{L}\p{N}\p{M}]+/u;
/** Latin, Greek and Cyrillic accents; Arabic harakat and hamza marks; Hebrew points. */
const FOLDED_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0591-\u05c7]/g;
/**
 * Letters read as another: Latin ligatures and special letters; in Arabic script, the Persian and
 * Urdu forms of yeh, kaf and heh as the Arabic ones, teh marbuta as heh and the tatweel (a
 * stretching stroke) as nothing ("ايران" = "ایران", "السعوديه" = "السعودية").
 */
const FOLDED_LETTERS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  'ی': 'ي',
  'ى': 'ي',
  'ې': 'ي',
  'ک': 'ك',
  'ة': 'ه',
  'ہ': 'ه',
  'ە': 'ه',
  'ھ': 'ه',
  'ـ': '',
};
const FOLDED_LETTER = /[ßøæœłđðþıħیىېکةہەھـ]/g;
const HAN = /\p{Script=Han}/u;

type Convert = (text: string) => string;
let toSimplified: Convert | undefined;

/**
 * Traditional Chinese as simplified (OpenCC's tables, as mainland China writes it): "美利堅合眾國"
 * and "美利坚合众国" are one key, so a name in either script meets the other in the ambiguity check.
 * Made on first use (about 40 ms): a process that never sees Chinese text never pays for it.
 */
function simplified(text: string): string {
  if (!toSimplified) {
    const opencc = require('opencc-js/t2cn') as typeof import('opencc-js');
    toSimplified = opencc.Converter({ from: 't', to: 'cn' });
  }
  return toSimplified(text);
}

export interface CountryKeys {
  /** Case, spacing and punctuation ignored; accents kept ("Côte d'Ivoire" → "côtedivoire" in NFKD). */
  exact: string;
  /** Also blind to accents and to the words "the", "of" and "and"/"&": "St. Vincent & Grenadines" = "Saint Vincent and the Grenadines". */
  loose: string;
}

const NON_WORD_ALL = /[^\p{L}\p{N}\p{M}]+/gu;
/** Text with words the keys treat specially: "St.", "the", "and", "of", "Rep.", "S. Korea", "&", "(the)". */
const SPECIAL_WORDS = /(?:^|[^\p{L}\p{M}])(?:st|ste|the|and|of|rep|dem|sts|fed|pdr)(?![\p{L}\p{M}])|^[sn](?![\p{L}\p{M}])|[&(]/u;
/** Abbreviations of the World Bank, UN and CRM exports: "Korea, Rep.", "Congo, Dem. Rep.", "Lao PDR". */
const ABBREVIATIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  rep: 'republic',
  dem: 'democratic',
  sts: 'states',
  fed: 'federal',
  pdr: "people's democratic republic",
};
const ABBREVIATION_WORDS = new Map(Object.entries(ABBREVIATIONS).map(([short, long]) => [short, long.split(NON_WORD)]));
/** Only as the first of several words: "S. Korea", "N. Macedonia". */
const FIRST_WORD_ABBREVIATIONS: Record<string, string> = { s: 'south', n: 'north' };
const NON_ASCII = /[^\x00-\x7f]/;

function words(lowered: string): string[] {
  let text = lowered;
  if (text.includes('(')) text = text.replace(/\(\s*the\s*\)/g, ' ');
  if (text.includes('&')) text = text.replace(/&/g, ' and ');
  const list = text.split(NON_WORD).filter((word) => word !== '');
  if (list[0] === 'the' && list.length > 1) list.shift();
  const first = list[0] === undefined || list.length < 2 ? undefined : FIRST_WORD_ABBREVIATIONS[list[0]];
  if (first) list[0] = first;
  const out: string[] = [];
  for (const word of list) {
    const long = ABBREVIATION_WORDS.get(word);
    if (long) out.push(...long);
    else out.push(word);
  }
  return out;
}

/** The loose key's folding (accents, special letters, script variants) of text already lowercased in NFKD. */
export function foldKey(key: string): string {
  return fold(key);
}

function fold(key: string): string {
  if (!NON_ASCII.test(key)) return key;
  const folded = key.replace(FOLDED_MARKS, '').replace(FOLDED_LETTER, (letter) => FOLDED_LETTERS[letter] ?? letter);
  return HAN.test(folded) ? simplified(folded) : folded;
}

/** Keys of text typed by a person (cleaned first: broken UTF-16, control characters). */
export function countryKeys(text: string): CountryKeys {
  return keysOf(cleanText(text));
}

/** Letters that lowercasing changes (the regex spares an ICU call on text of scripts without case). */
const CASED = /\p{Changes_When_Lowercased}/u;

/** `text.normalize('NFKD').toLowerCase()`, without the work that cannot change the text. */
export function lowerNfkd(text: string): string {
  // ASCII has no compatibility decompositions, and V8 lowercases it without ICU.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  const decomposed = text.normalize('NFKD');
  // NFKD text is in NFD, where "no letter changes when lowercased" means toLowerCase is the identity.
  return CASED.test(decomposed) ? decomposed.toLowerCase() : decomposed;
}

/** Keys of text already passed through `cleanText`. */
export function keysOf(text: string): CountryKeys {
  const lowered = lowerNfkd(text);
  if (!SPECIAL_WORDS.test(lowered)) {
    // The common case (no "St.", "the", "and"): one pass, no word list.
    const exact = lowered.replace(NON_WORD_ALL, '');
    return { exact, loose: fold(exact) };
  }
  const list = words(lowered);
  const exact = list.join('');
  const loose = fold(list.filter((word) => word !== 'the' && word !== 'and' && word !== 'of').join(''));
  return { exact, loose };
}
