/**
 * "United States of North America", "Estados Unidos de Norteamérica", "Bandaríki Norður-Ameríku": a
 * country's name followed by the continent its official name names. The continent is CLDR's name of
 * that region in any locale Node's ICU ships (`Intl.DisplayNames`), each word in any case ending
 * ("Ameryki Północnej" for "Ameryka Północna"); the link words before it are left out.
 */
import { CLDR_LOCALE_CANDIDATES, CONTINENT_IN_NAME } from './country-data';
import { keysOf } from './country-keys';

/** Letters a word must share with the continent's word, and the endings either may add. */
const MIN_COMMON = 4;
const MAX_NAME_ENDING = 2;
const MAX_TEXT_ENDING = 3;
/** "d'Amérique", "dell'America": an elided link word is a word of its own. */
const ELIDED = /(^|\s)(\p{L}{1,4})['’](?=\p{L})/gu;

/** A continent's name in one language, as loose keys of its words, and the countries it may follow. */
export interface ContinentName {
  readonly words: readonly string[];
  readonly codes: readonly string[];
}

/**
 * Every locale's names of the continents of CONTINENT_IN_NAME, the longest first ("North America"
 * before "America"). Made when the index is built (it reads ICU's data for every locale) and kept in
 * its snapshot, so that a worker never loads ICU's data for all of them.
 */
export function continentNames(): ContinentName[] {
  const byKey = new Map<string, { words: string[]; codes: string[] }>();
  for (const [code, regions] of Object.entries(CONTINENT_IN_NAME)) {
    for (const locale of CLDR_LOCALE_CANDIDATES) {
      const display = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
      for (const region of regions) {
        const name = display.of(region);
        if (!name || /[()]/.test(name)) continue; // "Ameryka Północna (USA, Kanada)": a note, not a name
        const words = wordsOf(name);
        const key = words.join(' ');
        const entry = byKey.get(key) ?? { words, codes: [] };
        if (!entry.codes.includes(code)) entry.codes.push(code);
        byKey.set(key, entry);
      }
    }
  }
  return [...byKey.values()].sort((a, b) => b.words.length - a.words.length || (a.words.join(' ') < b.words.join(' ') ? -1 : 1));
}

function wordsOf(text: string): string[] {
  return text
    .replace(ELIDED, '$1$2 ')
    .split(/\s+/u)
    .map((word) => keysOf(word).loose)
    .filter((word) => word.length > 0);
}

/** The same word, or one case ending of it: "amerikи" for "америка", "północnej" for "północna". */
function sameWord(text: string, name: string): boolean {
  if (text === name) return true;
  const a = [...text];
  const b = [...name];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= MIN_COMMON && b.length - common <= MAX_NAME_ENDING && a.length - common <= MAX_TEXT_ENDING;
}

/**
 * The text before a continent that ends it, with the link words between them left out, and the
 * countries whose names may precede that continent; undefined when no such continent ends the text.
 */
export function beforeContinent(
  text: string,
  continents: readonly ContinentName[],
  isLinkWord: (word: string) => boolean,
): { rest: string; codes: readonly string[] } | undefined {
  const words = text.replace(ELIDED, '$1$2 ').split(/\s+/u).filter(Boolean);
  const keys = words.map((word) => keysOf(word).loose);
  for (const continent of continents) {
    const count = continent.words.length;
    if (keys.length <= count) continue;
    const tail = keys.slice(-count);
    if (!tail.every((word, at) => sameWord(word, continent.words[at]!))) continue;
    let end = words.length - count;
    while (end > 0 && isLinkWord(keys[end - 1]!)) end--;
    if (end === 0) continue;
    return { rest: words.slice(0, end).join(' '), codes: continent.codes };
  }
  return undefined;
}
