/**
 * Native names in Latin letters: "Rossiya" for "Россия", "Sakartvelo" for "საქართველო", "Hanguk"
 * and "Han'guk" for "한국". The romanisation is any-ascii's (maintained, one table per script, close to
 * the BGN/PCGN and national systems people write; for Korean, McCune–Reischauer too), applied only to a country's names in its own
 * language and only for scripts whose letters say how a name is read: Cyrillic, Greek, Georgian,
 * Armenian, Hangul, Ethiopic, and Han for the Chinese-speaking countries (pinyin; never Japanese
 * kanji, whose reading is not the Chinese one). Arabic, Hebrew, Indic and Thai scripts are left
 * out: without their vowels, the romanisation is not what anyone writes.
 *
 * The romanised names are one more source of the index: a name that also belongs to another
 * country is refused like any other name two sources disagree on.
 */

type AnyAscii = (text: string) => string;
let anyAscii: AnyAscii | undefined;

/** Loaded on first use (index build only): a snapshot-restored process never loads it. */
function romanise(text: string): string {
  anyAscii ??= (require('any-ascii') as { default: AnyAscii }).default;
  return anyAscii(text);
}

const ROMANISED_SCRIPTS = /^[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Georgian}\p{Script=Armenian}\p{Script=Hangul}\p{Script=Ethiopic}\s\p{P}\p{M}]+$/u;
const HAN_NAME = /^[\p{Script=Han}\s\p{P}]+$/u;
const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;
/** Countries whose own language is written in Han characters read as Chinese. */
const CHINESE_SPEAKING = new Set(['CN', 'TW', 'HK', 'MO', 'SG']);

/**
 * Hangul syllable by syllable, with the Revised Romanization's final consonants (k, t, p): any-ascii
 * spells a final ㄱ like an initial one ("HanGug"), people write "Hanguk".
 */
function romaniseHangul(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (!HANGUL_SYLLABLE.test(char)) {
      out += romanise(char);
      continue;
    }
    const hasFinal = (code - 0xac00) % 28 !== 0;
    let syllable = romanise(char).toLowerCase();
    if (hasFinal && !syllable.endsWith('ng')) syllable = syllable.replace(/g$/, 'k').replace(/d$/, 't').replace(/b$/, 'p');
    out += syllable;
  }
  return out;
}

// McCune–Reischauer, North Korea's romanisation and that of older English texts ("Chosŏn", "Han'guk",
// "Taehan Min'guk"): a syllable's consonants depend on its neighbours, which any-ascii does not read.
const MR_INITIALS = ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch', "ch'", "k'", "t'", "p'", 'h'];
/** ㄱ ㄷ ㅂ ㅈ are voiced after a vowel, a nasal or l. */
const MR_VOICED: Readonly<Record<number, string>> = { 0: 'g', 3: 'd', 7: 'b', 12: 'j' };
const MR_VOWELS = ['a', 'ae', 'ya', 'yae', 'ŏ', 'e', 'yŏ', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wŏ', 'we', 'wi', 'yu', 'ŭ', 'ŭi', 'i'];
const MR_FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];
const SILENT = 11;
const NIEUN = 2;
const MIEUM = 6;
const RIEUL = 5;

/** McCune–Reischauer without its apostrophes, for a text of Hangul syllables (spaces kept). */
export function mccuneReischauer(text: string): string {
  const chars = [...text];
  const parts = chars.map((char) => {
    const code = char.codePointAt(0)! - 0xac00;
    if (code < 0 || code > 11171) return undefined;
    return { initial: Math.floor(code / 588), vowel: Math.floor((code % 588) / 28), final: code % 28 };
  });
  let out = '';
  parts.forEach((part, at) => {
    if (!part) {
      out += chars[at];
      return;
    }
    const before = parts[at - 1];
    const after = parts[at + 1];
    const previous = before ? MR_FINALS[before.final]! : undefined;
    let initial = MR_INITIALS[part.initial]!;
    if (before && (previous === '' || previous === 'n' || previous === 'm' || previous === 'ng' || previous === 'l')) {
      initial = MR_VOICED[part.initial] ?? initial;
    }
    if (part.initial === RIEUL) initial = previous === 'l' || previous === 'n' ? 'l' : previous === 'm' || previous === 'ng' || previous === 'k' || previous === 'p' ? 'n' : 'r';
    let final = MR_FINALS[part.final]!;
    if (after) {
      // Consonants meeting across syllables: 국민 "kungmin", 합니다 "hamnida", 신라 "Silla"; a final before a vowel is voiced.
      if (after.initial === NIEUN || after.initial === MIEUM) final = { k: 'ng', p: 'm', t: 'n' }[final] ?? final;
      else if (after.initial === RIEUL && final === 'n') final = 'l';
      else if (after.initial === SILENT) final = { k: 'g', p: 'b', t: 'd' }[final] ?? final;
    }
    out += initial + MR_VOWELS[part.vowel]! + final;
  });
  return out;
}

/**
 * The Latin spellings of a country's own-language name (none for a name in another script).
 * `bulgarian`: ъ is written "a" ("Balgariya") as well as dropped.
 */
export function romanisedNames(name: string, code: string): string[] {
  if (HAN_NAME.test(name)) return CHINESE_SPEAKING.has(code) ? [romanise(name)] : [];
  if (!ROMANISED_SCRIPTS.test(name)) return [];
  if (HANGUL_SYLLABLE.test(name)) return [...new Set([romaniseHangul(name), mccuneReischauer(name)])];
  const latin = romanise(name);
  const forms = [latin];
  // any-ascii writes the hard and soft signs as apostrophes: dropped by the keys; Bulgarian ъ is a vowel.
  if (code === 'BG' && latin.includes("'")) forms.push(latin.replace(/(?<=\p{L})'(?=\p{L})/gu, 'a'));
  return forms;
}

/** Readings made for one Chinese name at most: more means too many characters read several ways. */
const MAX_HAN_VIET_READINGS = 16;
const HAN_ONLY = /^[\p{Script=Han}\s·・]+$/u;

/**
 * A Chinese name read the Sino-Vietnamese way, one syllable per character ("意大利" → "y dai loi"),
 * every reading of a character that has several, without tones (the loose keys fold them); none
 * when a character has no reading or the readings would be too many.
 */
export function hanVietNames(name: string, readings: Readonly<Record<string, readonly string[]>>): string[] {
  if (!HAN_ONLY.test(name)) return [];
  let out = [''];
  for (const char of name) {
    if (!/\p{Script=Han}/u.test(char)) continue;
    const options = readings[char];
    if (!options || options.length === 0 || out.length * options.length > MAX_HAN_VIET_READINGS) return [];
    out = out.flatMap((before) => options.map((reading) => (before ? `${before} ${reading}` : reading)));
  }
  return out[0] ? out : [];
}
