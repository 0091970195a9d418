/**
 * The names the index reads from packages too large to ship (scripts/gen-country-names.ts writes
 * src/mappers/country-generated-names.ts from the installed devDependencies): the committed table is
 * exactly what the generator makes, and what it brings resolves as it should. No example here is in
 * a held-out set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISO_3166_1_JSON } from '../../../scripts/iso-codes';
import { lookupCountry } from '../../../src/mappers';
import { FORMER_COUNTRY_NAMES, GENERATED_NAME_PACKAGES, GENERATED_NAMES } from '../../../src/mappers/country-generated-names';

const ROOT = join(__dirname, '..', '..', '..');
const GEM = 'countries (Ruby gem)';
const M17N = 'm17n-db (Debian)';
const ISO_CODES = 'iso-codes (Debian)';

// The generator also reads three Debian packages (.ci/run installs them); elsewhere the two tests that
// need them say why they did not run.
const DEBIAN_DATA = [
  ['iso-codes', ISO_3166_1_JSON],
  ['m17n-db', join(process.env.M17N_DIR ?? '/usr/share/m17n', 'vi-han.mim')],
  ['ruby-countries', process.env.COUNTRIES_GEM_DIR ?? '/usr/share/rubygems-integration/all/gems'],
] as const;
const missing = DEBIAN_DATA.filter(([, path]) => !existsSync(path)).map(([name]) => name);
if (missing.length > 0 && !process.env.CI) {
  process.stderr.write(`country-generated-names.test.ts: the generator's checks skipped, Debian's ${missing.join(', ')} not installed (apt-get install ${missing.join(' ')})\n`);
}
const withDebianData = missing.length === 0 || process.env.CI ? test : test.skip;

describe('the generated country name table', () => {
  withDebianData('is exactly what scripts/gen-country-names.ts makes from the installed packages', () => {
    // In a process of its own: the generator parses ~130 MB of CLDR JSON.
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/gen-country-names.ts'), '--print'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // When this fails after a package update: `npx tsx scripts/gen-country-names.ts`, then review the diff.
    expect(run.stdout === readFileSync(join(ROOT, 'src/mappers/country-generated-names.ts'), 'utf8')).toBe(true);
  });

  withDebianData('records each package with its installed version and licence', () => {
    for (const { name, version, license } of GENERATED_NAME_PACKAGES.filter((pkg) => !pkg.name.includes(' '))) {
      const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string; license: string };
      expect({ name, version, license }).toEqual({ name, version: pkg.version, license: pkg.license });
    }
    expect(GENERATED_NAME_PACKAGES.map((pkg) => pkg.name).sort()).toEqual(['cldr-annotations-derived-full', 'cldr-localenames-full', 'cldr-subdivisions-full', GEM, 'iso-3166', ISO_CODES, M17N]);
    // The gem is read from Debian's ruby-countries (.ci/run installs it): its version.rb and Debian's copyright.
    const gem = GENERATED_NAME_PACKAGES.find((pkg) => pkg.name === GEM)!;
    const gemDir = process.env.COUNTRIES_GEM_DIR ?? `/usr/share/rubygems-integration/all/gems/countries-${gem.version}`;
    expect(readFileSync(join(gemDir, 'lib/countries/version.rb'), 'utf8')).toContain(`VERSION = '${gem.version}'`);
    expect(gem.license).toBe('MIT');
    // iso-codes and m17n-db are read from Debian's packages (.ci/run installs them): the versions dpkg records.
    for (const [name, debian, fallback] of [[ISO_CODES, 'iso-codes', 'ISO_CODES_VERSION'], [M17N, 'm17n-db', 'M17N_DB_VERSION']] as const) {
      const recorded = GENERATED_NAME_PACKAGES.find((pkg) => pkg.name === name)!;
      const dpkg = spawnSync('dpkg-query', ['-W', '-f', '${Version}', debian], { encoding: 'utf8' });
      expect(dpkg.stdout.trim() || process.env[fallback]).toBe(recorded.version);
    }
  });
});

describe("the UK's constituent countries are billed to GB", () => {
  const constituent = Object.entries(GENERATED_NAMES)
    .filter(([label]) => label.endsWith('(subdivision)'))
    .flatMap(([label, byCode]) => (byCode.GB ?? []).map((name) => [label, name] as const));

  test('CLDR names them in at least 80 languages', () => {
    expect(new Set(constituent.map(([label]) => label)).size).toBeGreaterThanOrEqual(80);
  });

  test.each([
    ['Engeland'],
    ['Skotlandi'],
    ['Ingalaterra'],
    ['Vels'],
    ['Шотланд'],
    ['ස්කොට්ලන්තය'],
    ['വെയിൽസ്'],
    ['Ilẹ̀gẹ̀ẹ́sì'],
  ])('%j → GB', (text) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code: 'GB' });
  });

  test('every name CLDR gives them resolves to GB, or is refused naming GB among others', () => {
    const wrong = constituent
      .map(([label, name]) => ({ label, name, found: lookupCountry(name) }))
      .filter(({ found }) => !(found.kind === 'found' && found.code === 'GB') && !(found.kind === 'ambiguous' && found.codes.includes('GB')))
      .map(({ label, name, found }) => `${label}: ${name} → ${JSON.stringify(found)}`);
    expect(wrong).toEqual([]);
  });

  test('"Wallis" (Afrikaans for Wales, Wallis Island, the Swiss canton) is refused naming all three', () => {
    expect(lookupCountry('Wallis')).toEqual({ kind: 'ambiguous', codes: ['CH', 'GB', 'WF'] });
  });
});

describe("ISO 3166-2's names for the UK's nations, from the countries gem (Debian ruby-countries)", () => {
  // CLDR names Northern Ireland in English alone and Great Britain not at all; the gem's ISO 3166-2
  // data names GB-NIR, GB-GBN, GB-UKM and GB-EAW in up to 60 languages.
  test.each([
    ['Паўночная Ірландыя'],
    ['Ipar Irlanda'],
    ['Şimali İrlandiya'],
    ['Ireland Utara'],
    ['Böyük Britaniya'],
    ['Gran Bretanya'],
    ['Groot-Brittanje'],
    ['Anglaterra i Gal·les'],
  ])('%j → GB', (text) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code: 'GB' });
  });

  test('its footnote marks are not part of a name', () => {
    const names = Object.entries(GENERATED_NAMES)
      .filter(([label]) => label.startsWith('countries-gem:'))
      .flatMap(([, byCode]) => Object.values(byCode).flat());
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((name) => /[\u00b2\u00b3\u00b9\u2070-\u2079]/u.test(name))).toEqual([]);
  });

  test('Brittany and the Irish island stay what they are', () => {
    expect(lookupCountry('Bretagne')).not.toEqual({ kind: 'found', code: 'GB' });
    expect(lookupCountry('Irlanda')).toEqual({ kind: 'found', code: 'IE' });
  });
});

describe("the countries gem's unofficial names", () => {
  test.each([
    ['Île de Norfolk', 'NF'],
    ['Guernsey und Alderney', 'GG'],
    ['Îles Turks et Caïcos', 'TC'],
  ])('%j → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });

  test('a name garbled by a wrong encoding ("Nouvelle ZÃ©lande") is not filed', () => {
    const names = Object.entries(GENERATED_NAMES)
      .filter(([label]) => label.startsWith('countries-gem'))
      .flatMap(([, byCode]) => Object.values(byCode).flat());
    expect(names.filter((name) => /Ã[\u0080-\u00bf]/u.test(name))).toEqual([]);
    expect(lookupCountry('Nouvelle ZÃ©lande')).toEqual({ kind: 'unknown' });
  });
});

describe("Debian's iso-codes: ISO 3166-1's short, official and common names in about 150 languages", () => {
  test.each([
    ['São Tomén ja Príncipen demokraattinen tasavalta', 'ST'],
    ['Չադի Հանրապետություն', 'TD'],
    ['Kīngitanga o Huitene', 'SE'],
    ['ஸ்லோவாக் குடியரசு', 'SK'],
    ['ኢጣልያዊት ሪፓብሊክ', 'IT'],
  ])('%j → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });

  test('a translation that names another country is filed under the country it names', () => {
    // Occitan gives Iran the Dominican Republic's name.
    expect(lookupCountry('Republica Dominicana')).toEqual({ kind: 'found', code: 'DO' });
  });
});

describe('CLDR alt-variant names and the names of locales ICU does not ship', () => {
  test.each([
    ['東チモール', 'TL'],
    ['Đông Timor', 'TL'],
    ['象牙海岸', 'CI'],
    ['Kongo (Republik)', 'CG'],
    ['Apganistan', 'AF'],
    ['Dètslan', 'DE'],
  ])('%j → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });
});

describe('ISO 3166-3 former country names', () => {
  test.each([
    ['New Hebrides', 'VU'],
    ['Southern Rhodesia', 'ZW'],
    ['Byelorussian SSR', 'BY'],
    ['German Democratic Republic', 'DE'],
  ])('%j, renamed or merged, → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });

  test.each([
    ['Obervolta', 'BF'],
    ['Alto Volta, Repubblica dell\'', 'BF'],
    ['Górna Wolta', 'BF'],
    ['Zair', 'CD'],
  ])('%j, in the languages of Debian\'s iso-codes, → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });

  test('a country that split is refused in other languages too', () => {
    expect(lookupCountry('Tchécoslovaquie')).toEqual({ kind: 'ambiguous', codes: ['CZ', 'SK'] });
  });

  test('a country that split is refused, naming the countries it became', () => {
    expect(lookupCountry('USSR')).toEqual({ kind: 'ambiguous', codes: ['AM', 'AZ', 'EE', 'GE', 'KG', 'KZ', 'LT', 'LV', 'MD', 'RU', 'TJ', 'TM', 'UZ'] });
    expect(lookupCountry('Pacific Islands (Trust Territory)')).toEqual({ kind: 'ambiguous', codes: ['FM', 'MH', 'MP', 'PW'] });
    for (const { name, codes } of FORMER_COUNTRY_NAMES.filter((entry) => entry.codes.length > 1)) {
      expect({ name, found: lookupCountry(name) }).toEqual({ name, found: { kind: 'ambiguous', codes: expect.arrayContaining([...codes]) } });
    }
  });
});
