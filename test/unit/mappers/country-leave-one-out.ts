/**
 * A development check for the country index's inexact rules that uses no held-out spelling: for each
 * of world-countries' 23 translation languages, the index is built WITHOUT that language's
 * world-countries names and Debian's iso-codes translations into it, and those names (official and
 * common) are looked up. Names that a remaining
 * source still spells the same way are counted apart ("known"); the others measure what the rules
 * (state forms, case endings, adjectives, skeletons, initials) do with official names nobody listed:
 * how many they resolve, and above all how many they send to a wrong country.
 *
 *   npx tsx test/unit/mappers/country-leave-one-out.ts          per language
 *   ... --list                                                 also every wrong and unknown name
 */
import { buildCountryIndex, countryNameSources } from '../../../src/mappers/country-index';
import { lookupCountry, useCountryIndex } from '../../../src/mappers/country';
import { keysOf } from '../../../src/mappers/country-keys';

export interface LeaveOneOutFigures {
  language: string;
  known: number;
  total: number;
  right: number;
  refused: number;
  unknown: number;
  wrong: string[];
  misses: string[];
}

export function leaveOneOut(languages?: readonly string[]): LeaveOneOutFigures[] {
  const sources = countryNameSources();
  const byLanguage = new Map<string, Array<{ name: string; code: string }>>();
  for (const { source, code, name } of sources) {
    const match = /^wc:([a-z]{3})$/.exec(source);
    if (!match || match[1] === 'eng') continue;
    const list = byLanguage.get(match[1]!) ?? [];
    list.push({ name, code });
    byLanguage.set(match[1]!, list);
  }
  const out: LeaveOneOutFigures[] = [];
  try {
    for (const [language, names] of byLanguage) {
      if (languages && !languages.includes(language)) continue;
      // Debian's iso-codes translations of the same language are left out too: they spell most of them.
      const isoLanguage = Intl.getCanonicalLocales(language)[0]!.split('-')[0]!;
      const isoSource = new RegExp(`^iso-codes:${isoLanguage}(?:[_@]|$)`);
      const left = (source: string) => !source.startsWith(`wc:${language}`) && !isoSource.test(source);
      const index = buildCountryIndex(undefined, left);
      useCountryIndex(index);
      const figures: LeaveOneOutFigures = { language, known: 0, total: 0, right: 0, refused: 0, unknown: 0, wrong: [], misses: [] };
      const seen = new Set<string>();
      for (const { name, code } of names) {
        if (seen.has(`${code} ${name}`)) continue;
        seen.add(`${code} ${name}`);
        const keys = keysOf(name);
        if (index.loose.has(keys.loose) || index.exact.has(keys.exact)) {
          figures.known++;
          continue;
        }
        figures.total++;
        const found = lookupCountry(name);
        if ((found.kind === 'found' || found.kind === 'not-accepted') && found.code === code) figures.right++;
        else if (found.kind === 'found' || found.kind === 'not-accepted') figures.wrong.push(`${name} (${code}) → ${found.code}`);
        else if (found.kind === 'ambiguous' && found.codes.includes(code)) {
          figures.refused++;
          figures.misses.push(`${name} (${code}) refused: ${found.codes.join('/')}`);
        }
        else if (found.kind === 'ambiguous') figures.wrong.push(`${name} (${code}) → ${found.codes.join('/')}`);
        else {
          figures.unknown++;
          figures.misses.push(`${name} (${code})`);
        }
      }
      out.push(figures);
    }
  } finally {
    useCountryIndex(undefined);
  }
  return out;
}

if (require.main === module) {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const figures = leaveOneOut(only.length > 0 ? only : undefined);
  const pad = (text: string | number, width: number) => String(text).padStart(width);
  process.stdout.write(`language known unlisted right refused unknown wrong  share\n`);
  const all = { known: 0, total: 0, right: 0, refused: 0, unknown: 0, wrong: 0 };
  for (const f of figures) {
    process.stdout.write(
      `${f.language.padEnd(8)} ${pad(f.known, 5)} ${pad(f.total, 8)} ${pad(f.right, 5)} ${pad(f.refused, 7)} ${pad(f.unknown, 7)} ${pad(f.wrong.length, 5)} ${pad(`${((f.right / Math.max(1, f.total)) * 100).toFixed(1)}%`, 6)}\n`,
    );
    all.known += f.known;
    all.total += f.total;
    all.right += f.right;
    all.refused += f.refused;
    all.unknown += f.unknown;
    all.wrong += f.wrong.length;
  }
  process.stdout.write(
    `${'all'.padEnd(8)} ${pad(all.known, 5)} ${pad(all.total, 8)} ${pad(all.right, 5)} ${pad(all.refused, 7)} ${pad(all.unknown, 7)} ${pad(all.wrong, 5)} ${pad(`${((all.right / Math.max(1, all.total)) * 100).toFixed(1)}%`, 6)}\n`,
  );
  for (const f of figures) for (const wrong of f.wrong) process.stdout.write(`${f.language} WRONG ${wrong}\n`);
  if (process.argv.includes('--list')) for (const f of figures) for (const miss of f.misses) process.stdout.write(`${f.language} unknown ${miss}\n`);
}
