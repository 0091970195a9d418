/**
 * Writes src/mappers/country-generated-names.ts, the country names the index reads from four public
 * packages that are too large to ship (devDependencies; the service never loads them):
 *
 *   - cldr-subdivisions-full: CLDR's names of the UK's constituent countries (gbeng, gbsct, gbwls,
 *     gbnir) in every language it has them in; no other subdivision (a state or province is not a
 *     country, see state.ts);
 *   - cldr-localenames-full: CLDR's territory names that Node's ICU does not give: the alt-variant and
 *     alt-short names ("East Timor", "Swaziland", "Ivory Coast", "Czech Republic" in ~450 locales),
 *     and the names of locales the index does not read through ICU (CLDR_LOCALE_CANDIDATES);
 *   - cldr-annotations-derived-full: the names in CLDR's flag annotations ("Flagge: Schottland") of
 *     every locale, the UK's constituent countries' flags among them;
 *   - iso-3166 (wooorm): ISO 3166-3, the formerly used country names and what they became ("Upper
 *     Volta" → BF; "USSR" split into 13, refused naming them);
 *   - the countries gem (hexorx/countries, MIT; Debian's ruby-countries, read from its data files, no
 *     Ruby needed): the names of ISO 3166-2's UK nations (GB-ENG, GB-SCT, GB-WLS, GB-NIR, and GB-GBN,
 *     GB-UKM, GB-EAW: Great Britain, the United Kingdom, England and Wales) in up to 60 languages.
 *     CLDR names Northern Ireland in English alone and Great Britain not at all; and each country's
 *     unofficial names ("Weißrussland", "Mazedonien"), less those a wrong encoding garbled. Found at
 *     $COUNTRIES_GEM_DIR, else where Debian installs it (`apt-get install ruby-countries`);
 *   - Debian's iso-codes (LGPL-2.1-or-later): ISO 3166-1's short, official and common names in English
 *     and as its translators wrote them in about 150 languages ("Islamische Republik Afghanistan",
 *     "Kīngitanga o Huitene"). Found at $ISO_CODES_DIR (its json folder's parent), else /usr/share
 *     (`apt-get install iso-codes`);
 *   - m17n-db's Hán-Việt input method (vi-han.mim, HueCIT, LGPL-2.1+; Debian's m17n-db): the
 *     Sino-Vietnamese readings of the Han characters in the sources' Chinese names, without their
 *     tones, from which the index reads the Chinese names the Vietnamese way ("Ý Đại Lợi", 意大利).
 *     Found at $M17N_DIR, else /usr/share/m17n (`apt-get install m17n-db`).
 *
 * Only what the index needs: a name ICU already gives for that country in a locale the index reads
 * is left out, and each (country, name) pair is kept once, under the first source that gives it.
 * The output depends on the installed packages and country-data.ts alone: a test regenerates it and
 * fails when the committed file differs.
 *
 *   npx tsx scripts/gen-country-names.ts           rewrites src/mappers/country-generated-names.ts
 *   npx tsx scripts/gen-country-names.ts --print   prints it instead
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLDR_LOCALE_CANDIDATES } from '../src/mappers/country-data';
import {
  currentCountries,
  currentTranslations,
  formerCountries as isoCodesFormerCountries,
  ISO_3166_1_JSON,
  ISO_CODES_FIELDS,
  translations,
} from './iso-codes';

const ROOT = join(__dirname, '..');
export const GENERATED_FILE = join(ROOT, 'src', 'mappers', 'country-generated-names.ts');

/** The UK's constituent countries: the only subdivisions read, and filed under GB. */
const CONSTITUENT_COUNTRIES: Readonly<Record<string, string>> = { gbeng: 'GB', gbsct: 'GB', gbwls: 'GB', gbnir: 'GB' };

/** Where Debian's m17n-db puts its input methods. */
const M17N_DIR = process.env.M17N_DIR ?? '/usr/share/m17n';

/** ISO 3166-2:GB's nations: the whole country, Great Britain, England and Wales, and the four constituent countries. */
const UK_NATIONS = ['ENG', 'SCT', 'WLS', 'NIR', 'GBN', 'UKM', 'EAW'] as const;
/** Where Debian's ruby-countries puts the gem. */
const DEBIAN_GEMS = '/usr/share/rubygems-integration/all/gems';
/** The gem marks some names with a footnote ("Böyük Britaniya²"). */
const FOOTNOTE_MARKS = /[\u00b2\u00b3\u00b9\u2070-\u2079]+$/u;
/** A locale with fewer flags than this does not show its flag label reliably (see flagNames). */
const MIN_FLAGS = 20;

interface PackageInfo {
  name: string;
  version: string;
  license: string;
  dir: string;
}

function packageInfo(name: string): PackageInfo {
  const file = require.resolve(`${name}/package.json`);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string; license: string };
  return { name: pkg.name, version: pkg.version, license: pkg.license, dir: dirname(file) };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` at `path`, or undefined when a step is missing (a locale without that data). */
function at(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const step of path) {
    if (!isRecord(here)) return undefined;
    here = here[step];
  }
  return here;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Every locale folder of a cldr-json package's data folder, sorted (one output for one input). */
function locales(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** ISO 3166-1 alpha-2 codes and XK, as the index files them (i18n-iso-countries' list). */
function isoCodes(): Set<string> {
  const countries = require('i18n-iso-countries') as { getAlpha2Codes(): Record<string, string> };
  return new Set(Object.keys(countries.getAlpha2Codes()));
}

class Table {
  /** label → code → names, in the order found. */
  readonly byLabel = new Map<string, Map<string, string[]>>();
  private readonly kept = new Set<string>();

  constructor(private readonly skip: (code: string, name: string) => boolean) {}

  add(label: string, code: string, raw: string): void {
    const name = raw.normalize('NFC').trim();
    if (!name || name === code || this.skip(code, name)) return;
    const pair = `${code}\u0000${name}`;
    if (this.kept.has(pair)) return;
    this.kept.add(pair);
    let byCode = this.byLabel.get(label);
    if (!byCode) this.byLabel.set(label, (byCode = new Map()));
    byCode.set(code, [...(byCode.get(code) ?? []), name]);
  }
}

/** The countries gem's folder: $COUNTRIES_GEM_DIR, or Debian's ruby-countries (the newest version installed). */
function countriesGem(): PackageInfo {
  let dir = process.env.COUNTRIES_GEM_DIR;
  if (!dir && existsSync(DEBIAN_GEMS)) {
    const versions = readdirSync(DEBIAN_GEMS).filter((name) => /^countries-\d/.test(name));
    const newest = versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
    if (newest) dir = join(DEBIAN_GEMS, newest);
  }
  if (!dir || !existsSync(join(dir, 'lib', 'countries', 'version.rb'))) {
    throw new Error(
      `the countries gem's data is not here (${dir ?? DEBIAN_GEMS + '/countries-*'}): install Debian's ruby-countries (apt-get install ruby-countries) or set COUNTRIES_GEM_DIR to the gem's folder`,
    );
  }
  const version = /VERSION\s*=\s*'([^']+)'/.exec(readFileSync(join(dir, 'lib', 'countries', 'version.rb'), 'utf8'))?.[1];
  if (!version) throw new Error(`no VERSION in ${join(dir, 'lib', 'countries', 'version.rb')}`);
  return { name: 'countries (Ruby gem)', version, license: 'MIT', dir };
}

/** The gem's names of ISO 3166-2:GB's nations, filed under GB. */
function ukNationNames(table: Table, gem: PackageInfo): void {
  const file = join(gem.dir, 'lib', 'countries', 'data', 'subdivisions', 'GB.yaml');
  const subdivisions: unknown = parseYaml(readFileSync(file, 'utf8'));
  for (const nation of UK_NATIONS) {
    const names = stringRecord(at(subdivisions, nation, 'translations'));
    if (Object.keys(names).length === 0) throw new Error(`${file}: no translations for ${nation}`);
    for (const locale of Object.keys(names).sort()) {
      table.add(`countries-gem:${locale} (subdivision)`, 'GB', names[locale]!.replace(FOOTNOTE_MARKS, ''));
    }
  }
}

/** Two bytes of UTF-8 read as Latin-1 ("Ã©" for "é"): a name garbled by a wrong encoding. */
const MOJIBAKE = /Ã[\u0080-\u00bf]/u;

/** The gem's unofficial names of each country ("Weißrussland", "Mazedonien"), but those a wrong encoding garbled. */
function unofficialNames(table: Table, gem: PackageInfo, iso: Set<string>): void {
  const dir = join(gem.dir, 'lib', 'countries', 'data', 'countries');
  for (const file of readdirSync(dir).sort()) {
    const data: unknown = parseYaml(readFileSync(join(dir, file), 'utf8'));
    if (!isRecord(data)) continue;
    for (const [code, entry] of Object.entries(data)) {
      const names = at(entry, 'unofficial_names');
      if (!iso.has(code) || !Array.isArray(names)) continue;
      for (const name of names) if (typeof name === 'string' && !MOJIBAKE.test(name)) table.add('countries-gem (unofficial)', code, name);
    }
  }
}

/** A Debian package's version as dpkg records it, or the environment's `fallback` setting. */
function debianVersion(name: string, fallback: string): string {
  const dpkg = spawnSync('dpkg-query', ['-W', '-f', '${Version}', name], { encoding: 'utf8' });
  const version = dpkg.status === 0 && dpkg.stdout.trim() ? dpkg.stdout.trim() : process.env[fallback];
  if (!version) throw new Error(`the version of ${name} is not known: dpkg-query has no record of it (set ${fallback})`);
  return version;
}

/** Debian's iso-codes: ISO 3166-1's names in English and in each language it has a translation for. */
function isoCodesNames(table: Table, iso: Set<string>): PackageInfo {
  const countries = currentCountries().filter((entry) => iso.has(entry.alpha_2));
  for (const entry of countries) for (const field of ISO_CODES_FIELDS) if (entry[field]) table.add('iso-codes:en', entry.alpha_2, entry[field]);
  // A translation its language gives to two countries is a translator's slip for one of them
  // (Gujarati "Republic of Germany" for Somalia, Turkmen "Litwiýa" for Latvia): neither is kept.
  for (const row of currentTranslations(countries)) if (!row.shared) table.add(`iso-codes:${row.language}`, row.code, row.name);
  return { name: 'iso-codes (Debian)', version: debianVersion('iso-codes', 'ISO_CODES_VERSION'), license: 'LGPL-2.1-or-later', dir: dirname(ISO_3166_1_JSON) };
}

/** m17n-db's Hán-Việt input method, and the package's version as dpkg records it. */
function m17nDb(): PackageInfo {
  const file = join(M17N_DIR, 'vi-han.mim');
  if (!existsSync(file)) throw new Error(`${file} is not here: install Debian's m17n-db (apt-get install m17n-db) or set M17N_DIR to its folder`);
  return { name: 'm17n-db (Debian)', version: debianVersion('m17n-db', 'M17N_DB_VERSION'), license: 'LGPL-2.1-or-later', dir: M17N_DIR };
}

/**
 * A Telex syllable of the input method, without its tone and its vowels' marks ("hwowng" → "huong",
 * "quoocs" → "quoc", "ddaij" → "dai"): the index's loose keys fold them anyway.
 */
export function telexBase(syllable: string): string {
  return syllable
    .replace(/(?<=.)[sfrxj]$/, '')
    .replace(/dd/g, 'd')
    .replace(/a[aw]/g, 'a')
    .replace(/ee/g, 'e')
    .replace(/o[ow]/g, 'o')
    .replace(/uw/g, 'u')
    .replace(/w/g, 'u');
}

/** Han character → its Sino-Vietnamese readings, for the characters in `wanted` only. */
function hanVietReadings(pkg: PackageInfo, wanted: Set<string>): Map<string, string[]> {
  const text = readFileSync(join(pkg.dir, 'vi-han.mim'), 'utf8');
  const readings = new Map<string, string[]>();
  for (const match of text.matchAll(/^\s*\("([a-z]+)"\s+\("([^"]+)"\)\)/gm)) {
    const reading = telexBase(match[1]!);
    for (const char of match[2]!) {
      if (!wanted.has(char)) continue;
      const list = readings.get(char) ?? [];
      if (!list.includes(reading)) list.push(reading);
      readings.set(char, list);
    }
  }
  return readings;
}

/** The Han characters of every Chinese name the index reads (ICU's, the generated ones, world-countries', i18n-iso-countries'). */
function chineseNameCharacters(iso: Set<string>, table: Table): Set<string> {
  const names: string[] = [];
  for (const locale of CLDR_LOCALE_CANDIDATES.filter((candidate) => /^(?:zh|yue)(?:-|$)/.test(candidate))) {
    const display = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
    for (const code of iso) names.push(display.of(code) ?? '');
  }
  for (const [label, byCode] of table.byLabel) if (/^cldr:(?:zh|yue)(?:[-_ ]|$)/.test(label)) for (const list of byCode.values()) names.push(...list);
  const world = require('world-countries') as Array<{ name: { native?: Record<string, { common: string; official: string }> }; translations?: Record<string, { common: string; official: string }> }>;
  for (const country of world) {
    for (const entry of [country.translations?.zho, country.name.native?.zho]) if (entry) names.push(entry.common, entry.official);
  }
  const zh = require('i18n-iso-countries/langs/zh.json') as { countries: Record<string, string | string[]> };
  for (const value of Object.values(zh.countries)) names.push(...(typeof value === 'string' ? [value] : value));
  const chars = new Set<string>();
  for (const name of names) for (const char of name) if (/\p{Script=Han}/u.test(char)) chars.add(char);
  return chars;
}

function subdivisionNames(table: Table, pkg: PackageInfo): void {
  const dir = join(pkg.dir, 'subdivisions');
  for (const locale of locales(dir)) {
    for (const file of readdirSync(join(dir, locale)).sort()) {
      const names = stringRecord(at(readJson(join(dir, locale, file)), 'subdivisions', 'localeDisplayNames', 'subdivisions'));
      for (const [subdivision, code] of Object.entries(CONSTITUENT_COUNTRIES)) {
        const name = names[subdivision];
        if (name) table.add(`cldr:${locale} (subdivision)`, code, name);
      }
    }
  }
}

function territoryNames(pkg: PackageInfo, locale: string): Record<string, string> {
  const file = join(pkg.dir, 'main', locale, 'territories.json');
  let data: unknown;
  try {
    data = readJson(file);
  } catch {
    return {}; // a locale with no territory names
  }
  return stringRecord(at(data, 'main', locale, 'localeDisplayNames', 'territories'));
}

/** The alt names of every locale, then the names of the locales the index does not read through ICU. */
function localeNames(table: Table, pkg: PackageInfo, iso: Set<string>): void {
  const all = locales(join(pkg.dir, 'main'));
  const readThroughIcu = new Set(CLDR_LOCALE_CANDIDATES);
  for (const locale of all) {
    for (const [key, name] of Object.entries(territoryNames(pkg, locale))) {
      const [code, alt] = key.split('-alt-');
      if (alt && code && iso.has(code)) table.add(`cldr:${locale} (alt-${alt})`, code, name);
    }
  }
  for (const locale of all) {
    if (readThroughIcu.has(locale)) continue;
    for (const [code, name] of Object.entries(territoryNames(pkg, locale))) if (iso.has(code)) table.add(`cldr:${locale}`, code, name);
  }
}

/** The country a flag emoji stands for: regional indicators ("🇩🇪" → DE), or a constituent country's tag sequence. */
function flagCountry(emoji: string, iso: Set<string>): string | undefined {
  const points = [...emoji].map((char) => char.codePointAt(0)!);
  if (points.length === 2 && points.every((point) => point >= 0x1f1e6 && point <= 0x1f1ff)) {
    const code = String.fromCharCode(...points.map((point) => point - 0x1f1e6 + 65));
    return iso.has(code) ? code : undefined;
  }
  if (points[0] === 0x1f3f4 && points.at(-1) === 0xe007f) {
    return CONSTITUENT_COUNTRIES[String.fromCharCode(...points.slice(1, -1).map((point) => point - 0xe0000))];
  }
  return undefined;
}

/** Characters that may end a flag label ("Flagge: ", "drapeau : ", "ባንዴራ፦ ", "အလံ − "). */
const SEPARATOR = /[\p{P}\p{Z}\p{S}\s]/u;

/**
 * The label all of a locale's flag names share before the name, in whole characters and ending at a
 * separator: a name's first letters are never taken for the label, even when every name shares them.
 */
function commonLabel(texts: string[], fromEnd: boolean): number {
  const chars = texts.map((text) => (fromEnd ? [...text].reverse() : [...text]));
  let length = 0;
  while (chars.every((c) => c.length > length && c[length] === chars[0]![length])) length++;
  // Back to the last separator of the shared part (the label's end), then count its UTF-16 length.
  while (length > 0 && !SEPARATOR.test(chars[0]![length - 1]!)) length--;
  return chars[0]!.slice(0, length).join('').length;
}

/**
 * A locale's flag annotations name each flag "<flag label><separator><name>" ("Flagge: Schottland",
 * "drapeau : Écosse", "ባንዴራ፦ ስኮትላንድ"): the label is what all of its flags' names have in common.
 */
function flagNames(table: Table, pkg: PackageInfo, iso: Set<string>): void {
  const dir = join(pkg.dir, 'annotationsDerived');
  for (const locale of locales(dir)) {
    const annotations = at(readJson(join(dir, locale, 'annotations.json')), 'annotationsDerived', 'annotations');
    if (!isRecord(annotations)) continue;
    const flags: Array<[string, string]> = [];
    for (const [emoji, entry] of Object.entries(annotations)) {
      const code = flagCountry(emoji, iso);
      const tts = at(entry, 'tts');
      if (code && Array.isArray(tts) && typeof tts[0] === 'string') flags.push([code, tts[0]]);
    }
    if (flags.length < MIN_FLAGS) continue;
    const texts = flags.map(([, text]) => text);
    const prefix = commonLabel(texts, false);
    const suffix = commonLabel(texts, true);
    for (const [code, text] of flags) table.add(`cldr:${locale} (flag)`, code, text.slice(prefix, text.length - suffix));
  }
}

interface FormerCountry {
  name: string;
  codes: string[];
}

/**
 * ISO 3166-3: a former name and the assigned countries it became (several when it split), in English
 * (iso-3166) and in the languages of Debian's iso-codes ("Obervolta, Republik", "Tchécoslovaquie").
 */
function formerCountries(pkg: PackageInfo, iso: Set<string>, currentNames: ReadonlyMap<string, ReadonlySet<string>>): FormerCountry[] {
  // iso-3166 is an ES module; Node 22.12+ loads it with require.
  const { iso31663 } = require(join(pkg.dir, '3.js')) as {
    iso31663: Array<{ alpha4: string; type: string; from: { name: string }; to: Array<{ state: string; alpha2: string }> }>;
  };
  const out = new Map<string, FormerCountry>();
  const add = (name: string, codes: string[]) => {
    const clean = name.normalize('NFC').trim();
    if (clean) out.set(`${clean}\u0000${codes.join(' ')}`, { name: clean, codes });
  };
  const byAlpha4 = new Map<string, string[]>();
  for (const entry of iso31663) {
    const codes = [...new Set(entry.to.filter((to) => to.state === 'assigned' && iso.has(to.alpha2)).map((to) => to.alpha2))].sort();
    // A split of which one successor alone is listed is not a rename: the name is not that country's.
    if (codes.length === 0 || (entry.type === 'split' && codes.length < 2)) continue;
    byAlpha4.set(entry.alpha4, codes);
    add(entry.from.name, codes);
  }
  const former = isoCodesFormerCountries().flatMap((entry) => {
    const codes = byAlpha4.get(entry.alpha_4);
    return codes ? [{ english: entry.name, codes }] : [];
  });
  for (const { english, codes } of former) add(english, codes);
  for (const { messages } of translations('iso_3166-3')) {
    // As for the current names: a translation its language gives to two former countries is a slip,
    // and so is one that is a current country's name (in any language of the sources read so far)
    // that it did not become: Armenian gives the German Democratic Republic the Central African
    // Republic's name, and a Kurdish one calls the Netherlands Antilles "Holanda".
    const byName = new Map<string, string[][]>();
    for (const { english, codes } of former) {
      const translated = messages.get(english)?.normalize('NFC').trim();
      const now = translated === undefined ? undefined : currentNames.get(translated);
      // Too short to be a name ("i"), or a current country's name in some language that it did not become.
      if (!translated || translated === english || [...translated].length < 3) continue;
      if (now && [...now].some((code) => !codes.includes(code))) continue;
      byName.set(translated, [...(byName.get(translated) ?? []), codes]);
    }
    for (const [name, codes] of byName) if (codes.length === 1) add(name, codes[0]!);
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.codes.join() < b.codes.join() ? -1 : 1));
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The text of src/mappers/country-generated-names.ts for the installed packages. */
export function generateCountryNames(): string {
  const iso = isoCodes();
  const subdivisions = packageInfo('cldr-subdivisions-full');
  const localenames = packageInfo('cldr-localenames-full');
  const annotations = packageInfo('cldr-annotations-derived-full');
  const iso3166 = packageInfo('iso-3166');
  const gem = countriesGem();
  const m17n = m17nDb();

  // The names ICU gives the index already: each code's own name in a locale read through ICU.
  const icuNames = new Set<string>();
  for (const locale of CLDR_LOCALE_CANDIDATES) {
    for (const [code, name] of Object.entries(territoryNames(localenames, locale))) if (iso.has(code)) icuNames.add(`${code}\u0000${name.normalize('NFC')}`);
  }
  const table = new Table((code, name) => icuNames.has(`${code}\u0000${name}`));
  subdivisionNames(table, subdivisions);
  localeNames(table, localenames, iso);
  flagNames(table, annotations, iso);
  ukNationNames(table, gem);
  unofficialNames(table, gem, iso);
  const isoCodesPackage = isoCodesNames(table, iso);
  // Every current country's names read so far, ICU's included: a former name must not be one of another's.
  const currentNames = new Map<string, Set<string>>();
  const named = (name: string, code: string) => currentNames.set(name, (currentNames.get(name) ?? new Set()).add(code));
  for (const pair of icuNames) named(pair.slice(3), pair.slice(0, 2));
  for (const byCode of table.byLabel.values()) for (const [code, names] of byCode) for (const name of names) named(name, code);
  const former = formerCountries(iso3166, iso, currentNames);
  const readings = hanVietReadings(m17n, chineseNameCharacters(iso, table));

  const packages = [subdivisions, localenames, annotations, iso3166, gem, isoCodesPackage, m17n];
  let count = 0;
  const labels = [...table.byLabel.keys()].sort();
  const lines: string[] = [];
  for (const label of labels) {
    const byCode = table.byLabel.get(label)!;
    const codes = [...byCode.keys()].sort();
    lines.push(`  ${quote(label)}: {`);
    for (const code of codes) {
      const names = byCode.get(code)!;
      count += names.length;
      lines.push(`    ${code}: [${names.map(quote).join(', ')}],`);
    }
    lines.push('  },');
  }
  return [
    '// GENERATED by scripts/gen-country-names.ts from the packages listed below: do not edit.',
    '// Regenerate with `npx tsx scripts/gen-country-names.ts` after updating them (a test fails until then).',
    '/**',
    ' * Country names from public packages too large to ship (devDependencies), read by the country index',
    ' * (country-index.ts) like its other sources and held to the same cross-source conflict check.',
    ` * ${count} names and ${former.length} former country names; see scripts/gen-country-names.ts for what is read.`,
    ' */',
    '',
    '/** The packages, versions and licences the names come from. */',
    'export const GENERATED_NAME_PACKAGES: readonly { name: string; version: string; license: string }[] = [',
    ...packages.map((pkg) => `  { name: ${quote(pkg.name)}, version: ${quote(pkg.version)}, license: ${quote(pkg.license)} },`),
    '];',
    '',
    '/**',
    ' * Source label → ISO code → names. Labels: `cldr:<locale> (subdivision)` (the UK\'s constituent',
    ' * countries), `countries-gem:<locale> (subdivision)` (the UK\'s nations), `countries-gem (unofficial)`,',
    ' * `iso-codes:<language>` (Debian\'s iso-codes),',
    ' * `cldr:<locale> (alt-variant)` and other alt names, `cldr:<locale>` (a locale the index does not read',
    ' * through ICU), `cldr:<locale> (flag)` (flag annotations).',
    ' */',
    'export const GENERATED_NAMES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {',
    ...lines,
    '};',
    '',
    '/**',
    ' * The Sino-Vietnamese readings of the Han characters in the sources\' Chinese names, without tones',
    ' * (m17n-db\'s vi-han.mim): 意 → y, 大 → dai.',
    ' */',
    'export const HAN_VIET_READINGS: Readonly<Record<string, readonly string[]>> = {',
    ...[...readings.keys()].sort().map((char) => `  ${quote(char)}: [${readings.get(char)!.map(quote).join(', ')}],`),
    '};',
    '',
    '/** ISO 3166-3 former country names and the countries they became: several when the country split. */',
    'export const FORMER_COUNTRY_NAMES: readonly { name: string; codes: readonly string[] }[] = [',
    ...former.map((entry) => `  { name: ${quote(entry.name)}, codes: [${entry.codes.map(quote).join(', ')}] },`),
    '];',
    '',
  ].join('\n');
}

if (require.main === module) {
  const text = generateCountryNames();
  if (process.argv.includes('--print')) process.stdout.write(text);
  else writeFileSync(GENERATED_FILE, text);
}
