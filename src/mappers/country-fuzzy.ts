/**
 * The inexact readings of country text, each used only after every exact one failed, and each
 * refusing to answer when it would name more than one country:
 *
 *   - Arabic-script skeletons: Arabic, Persian and Urdu write long vowels, hamza and alef's forms at
 *     will ("طاجكستان", "طاجيكستان"); the skeleton keeps the other letters (the article included) and
 *     is read like a Latin one, from four letters, when at least three are left.
 *
 *   - Latin spelling skeletons: "Rossijskaja Federacija", "Rossiiskaia Federatsiia" and "Rossiyskaya
 *     Federatsiya" are one name in three romanisation systems. The skeleton is the loose key with the
 *     letters that romanisations and languages write differently made one (y/j/i, kh/h, ts/tz/c,
 *     sh/sch/š, zh/ž, ph/f) and doubled letters single. Voiced and voiceless stops stay apart: made one,
 *     they met other languages' names of other countries (Maltese "Ġappun", Japan, as German "Gabun",
 *     Gabon), at 1 right answer in 600 of Debian's iso-codes translations. It is filed for
 *     every Latin name of the index, so a skeleton two countries' names share is refused.
 *
 *   - Case endings and adjectives inside a state form: "Kreikan tasavalta" (Greece's, Finnish
 *     genitive), "Regatul Spaniei", "Vokietijos Respublika", "Franska republiken", "Γαλλική
 *     Δημοκρατία". The name left by the state form is compared with every name of the index in an
 *     alphabetic script: a name that differs from it only in its last two letters, when the text
 *     differs only in its last five, after at least four letters (and half of the word) in common.
 *     Every name that fits must be one country's.
 */
import type { Codes, CountryIndex } from './country-index';

function codeList(codes: Codes): readonly string[] {
  return typeof codes === 'string' ? [codes] : codes;
}

// ---- skeletons ---------------------------------------------------------------------------------------

const DIGRAPHS: Array<[RegExp, string]> = [
  [/shch|sch/g, 's'],
  [/tch/g, 'c'],
  [/ch|tz|ts|cz/g, 'c'],
  [/sh|sz/g, 's'],
  [/zh|dzh/g, 'z'],
  [/kh/g, 'h'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/gh/g, 'g'],
  [/ck|q/g, 'k'],
];
const LETTERS: Record<string, string> = { y: 'i', j: 'i', w: 'v', x: 'ks' };
const LATIN_KEY = /^[a-z]{4,}$/;

/**
 * Arabic-script keys in the letters of Arabic, Persian and Urdu, which write the long vowels at will.
 * Kurdish, Uyghur and Pashto vowel letters (ە ێ ۆ ۇ ې ...) rule a key out: those languages always
 * write their vowels, so a missing one is another word ("ئەنگویلا", Anguilla, is not "ئەنگۆلا", Angola).
 */
const ARABIC_KEY = /^[\u0621-\u064A\u0671\u067E\u0686\u0698\u06A9\u06AF\u06BA\u06BE\u06C1\u06CC\u06D2]{4,}$/u;
/** Letters Arabic-script spellings write or leave out at will: the long vowels, hamza's seats, alef's forms. */
const ARABIC_VOWELS = /[اأإآٱىيوؤئءیے]/gu;

function arabicConsonants(letters: string): string | undefined {
  const consonants = letters.replace(ARABIC_VOWELS, '').replace(/ة/gu, 'ه').replace(/(.)\1+/gu, '$1');
  return [...consonants].length >= 3 ? consonants : undefined;
}

/**
 * The skeletons a name is filed under: its skeleton, and for an Arabic-script name that begins with
 * "ال" the skeleton of the letters as well, since "ال" may be the article or the name's own letters
 * ("ألبانيا", Albania, written "ئالبانیا" in Kurdish): a text then meets every country it may be.
 */
export function filedSkeletons(looseKey: string): string[] {
  const spelling = skeleton(looseKey);
  const letters = ARABIC_KEY.test(looseKey) && looseKey.startsWith('ال') ? arabicConsonants(looseKey) : undefined;
  return [spelling, letters].filter((each): each is string => each !== undefined);
}

/** The spelling skeleton of a loose key in Latin or Arabic letters; undefined for other keys and short ones. */
export function skeleton(looseKey: string): string | undefined {
  if (ARABIC_KEY.test(looseKey)) {
    // The article is kept apart from the letters: "البيرو" (Peru) is not "ليبيريا" (Liberia), and
    // "المالديف" (the Maldives) not "مولدوفا" (Moldova).
    if (!looseKey.startsWith('ال')) return arabicConsonants(looseKey);
    const rest = arabicConsonants(looseKey.slice(2));
    return rest === undefined ? undefined : `#${rest}`;
  }
  if (!LATIN_KEY.test(looseKey)) return undefined;
  let text = looseKey;
  for (const [pattern, replacement] of DIGRAPHS) text = text.replace(pattern, replacement);
  text = text.replace(/[yjwx]/g, (letter) => LETTERS[letter] ?? letter);
  return text.replace(/(.)\1+/g, '$1');
}

// ---- stems ---------------------------------------------------------------------------------------------

/** Keys in an alphabetic script: the only ones a case ending or an adjective suffix applies to. */
const ALPHABETIC = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hebrew}\p{Script=Arabic}\p{M}]+$/u;
/** Articles written onto the word: Arabic al-, Hebrew ha-. */
const ATTACHED_ARTICLE = /^(?:ال|ה)(?=.{3})/u;

const MIN_COMMON = 4;
const MAX_NAME_ENDING = 2;
const MAX_TEXT_ENDING = 6;
/** Of the word, the share its beginning must have in common with the name. */
const MIN_SHARE = 0.4;

/** Every key of the index, sorted, for prefix searches: made once per index, on first use. */
const sortedKeys = new WeakMap<CountryIndex, string[]>();

function keysOf(index: CountryIndex): string[] {
  let keys = sortedKeys.get(index);
  if (!keys) {
    keys = [...new Set([...index.loose.keys(), ...index.inside.keys(), ...index.ambiguous.keys()])].filter((key) => ALPHABETIC.test(key)).sort();
    sortedKeys.set(index, keys);
  }
  return keys;
}

function firstAtLeast(keys: string[], prefix: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! < prefix) low = mid + 1;
    else high = mid;
  }
  return low;
}

function codesFor(index: CountryIndex, key: string): Codes | undefined {
  const forced = index.ambiguous.get(key);
  if (forced) return forced;
  const named = index.loose.get(key);
  const inside = index.inside.get(key);
  if (named === undefined || inside === undefined) return named ?? inside;
  return [...new Set([...codeList(named), ...codeList(inside)])];
}

/**
 * The countries whose names the text's key is a case-ended or adjectival form of: those of the names
 * sharing the longest beginning with it. Empty when none fits; several when names of several
 * countries fit as well (the caller refuses to guess then). Only the last word may differ:
 * `lastWord` is where it starts in the key (0 for a key of one word), and three of its letters
 * suffice then ("Κάτω Χωρών" for "Κάτω Χώρες").
 */
export function stemCountries(index: CountryIndex, looseKey: string, lastWord = 0): string[] {
  if (!ALPHABETIC.test(looseKey)) return [];
  const keys = keysOf(index);
  // An attached article ("ha-", "al-") may be one or part of the word: both readings are tried,
  // and the word as written must then share one more letter.
  const readings: Array<{ chars: string[]; fixed: number; extra: number }> = [{ chars: [...looseKey], fixed: lastWord, extra: 0 }];
  const bare = lastWord === 0 ? looseKey.replace(ATTACHED_ARTICLE, '') : looseKey;
  if (bare !== looseKey) {
    readings[0]!.extra = 1;
    readings.push({ chars: [...bare], fixed: 0, extra: 0 });
  }
  let best = 0;
  let found = new Set<string>();
  for (const { chars, fixed, extra } of readings) {
    const word = chars.length - fixed;
    const least = fixed > 0 ? MIN_COMMON - 1 : MIN_COMMON;
    const shortest = fixed + Math.max(least + extra, word - MAX_TEXT_ENDING, Math.ceil(word * MIN_SHARE));
    for (let length = chars.length; length >= shortest; length--) {
      const common = length - fixed - extra;
      if (common < best) break;
      const prefix = chars.slice(0, length).join('');
      const here = new Set<string>();
      for (let at = firstAtLeast(keys, prefix); at < keys.length && keys[at]!.startsWith(prefix); at++) {
        const key = keys[at]!;
        if ([...key].length - length > MAX_NAME_ENDING) continue;
        const codes = codesFor(index, key);
        if (codes) for (const code of codeList(codes)) here.add(code);
      }
      if (here.size === 0) continue;
      if (common > best) {
        best = common;
        found = here;
      } else for (const code of here) found.add(code);
      break;
    }
  }
  return [...found].sort();
}
