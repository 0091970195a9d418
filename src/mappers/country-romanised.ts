/**
 * Native names in Latin letters: "Rossiya" for "Россия", "Sakartvelo" for "საქართველო", "Hanguk"
 * for "한국". The romanisation is any-ascii's (maintained, one table per script, close to the
 * BGN/PCGN and national systems people write), applied only to a country's names in its own
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

/**
 * The Latin spellings of a country's own-language name (none for a name in another script).
 * `bulgarian`: ъ is written "a" ("Balgariya") as well as dropped.
 */
export function romanisedNames(name: string, code: string): string[] {
  if (HAN_NAME.test(name)) return CHINESE_SPEAKING.has(code) ? [romanise(name)] : [];
  if (!ROMANISED_SCRIPTS.test(name)) return [];
  if (HANGUL_SYLLABLE.test(name)) return [romaniseHangul(name)];
  const latin = romanise(name);
  const forms = [latin];
  // any-ascii writes the hard and soft signs as apostrophes: dropped by the keys; Bulgarian ъ is a vowel.
  if (code === 'BG' && latin.includes("'")) forms.push(latin.replace(/(?<=\p{L})'(?=\p{L})/gu, 'a'));
  return forms;
}
