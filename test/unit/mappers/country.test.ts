import { COUNTRY_CODES } from '../../../src/sequence/enums';
import { lookupCountry, resolveCountry } from '../../../src/mappers';
import { CLDR_SHORT_NAME_CODES } from '../../../src/mappers/country-data';
import { cldrLocales, ISO_CODES, unexplainedConflicts, type CountryIndex } from '../../../src/mappers/country-index';
import { countryIndex, RECENT_COUNTRY_TEXTS, recentCountryTextCount, useCountryIndex } from '../../../src/mappers/country';

/** [what people typed, expected Sequence country code] */
const RESOLVES: Array<[string, string]> = [
  // United States, every way it shows up in HubSpot
  ['United States', 'US'],
  ['United States of America', 'US'],
  ['USA', 'US'],
  ['U.S.A.', 'US'],
  ['U.S.', 'US'],
  ['us', 'US'],
  ['America', 'US'],
  ['  united   states  ', 'US'],
  ['Vereinigte Staaten', 'US'],
  ['Estados Unidos', 'US'],
  ['États-Unis', 'US'],
  ['США', 'US'],
  // United Kingdom
  ['United Kingdom', 'GB'],
  ['UNITED KINGDOM', 'GB'],
  ['united-kingdom', 'GB'],
  ['UK', 'GB'],
  ['U.K.', 'GB'],
  ['Great Britain', 'GB'],
  ['England', 'GB'],
  ['Scotland', 'GB'],
  ['GB', 'GB'],
  ['GBR', 'GB'],
  ['Royaume-Uni', 'GB'],
  ['Reino Unido', 'GB'],
  ['Großbritannien', 'GB'],
  // Germany in many languages and as codes
  ['Germany', 'DE'],
  ['Deutschland', 'DE'],
  ['Allemagne', 'DE'],
  ['Alemania', 'DE'],
  ['Germania', 'DE'],
  ['Duitsland', 'DE'],
  ['Tyskland', 'DE'],
  ['Alemanha', 'DE'],
  ['Niemcy', 'DE'],
  ['Saksa', 'DE'],
  ['Německo', 'DE'],
  ['Германия', 'DE'],
  ['ドイツ', 'DE'],
  ['德国', 'DE'],
  ['deu', 'DE'],
  ['de', 'DE'],
  // the rest of Europe
  ['France', 'FR'],
  ['Frankreich', 'FR'],
  ['Francia', 'FR'],
  ['Spain', 'ES'],
  ['España', 'ES'],
  ['espana', 'ES'],
  ['Espagne', 'ES'],
  ['Italy', 'IT'],
  ['Italia', 'IT'],
  ['Netherlands', 'NL'],
  ['The Netherlands', 'NL'],
  ['Nederland', 'NL'],
  ['Holland', 'NL'],
  ['Pays-Bas', 'NL'],
  ['Niederlande', 'NL'],
  ['Switzerland', 'CH'],
  ['Schweiz', 'CH'],
  ['Suisse', 'CH'],
  ['Svizzera', 'CH'],
  ['Österreich', 'AT'],
  ['Sverige', 'SE'],
  ['Norge', 'NO'],
  ['Danmark', 'DK'],
  ['Suomi', 'FI'],
  ['Polska', 'PL'],
  ['Czech Republic', 'CZ'],
  ['Czechia', 'CZ'],
  ['Česko', 'CZ'],
  ['Belgique', 'BE'],
  ['België', 'BE'],
  ['Ireland', 'IE'],
  ['Éire', 'IE'],
  ['Republic of Ireland', 'IE'],
  ['Portugal', 'PT'],
  ['Kosovo', 'XK'],
  ['XK', 'XK'],
  ['Macedonia', 'MK'],
  ['North Macedonia', 'MK'],
  ['Moldova', 'MD'],
  ['Russia', 'RU'],
  ['Россия', 'RU'],
  ['Türkiye', 'TR'],
  ['Turkey', 'TR'],
  ['Bosnia & Herzegovina', 'BA'],
  // Americas
  ['Canada', 'CA'],
  ['CAN', 'CA'],
  ['Mexico', 'MX'],
  ['México', 'MX'],
  ['Brazil', 'BR'],
  ['Brasil', 'BR'],
  ['Puerto Rico', 'PR'],
  ['Trinidad & Tobago', 'TT'],
  ['St. Lucia', 'LC'],
  ['St Kitts and Nevis', 'KN'],
  // Asia, Africa, Oceania
  ['Japan', 'JP'],
  ['日本', 'JP'],
  ['China', 'CN'],
  ['中国', 'CN'],
  ["People's Republic of China", 'CN'],
  ['Hong Kong', 'HK'],
  ['Taiwan', 'TW'],
  ['South Korea', 'KR'],
  ['Republic of Korea', 'KR'],
  ['Viet Nam', 'VN'],
  ['Vietnam', 'VN'],
  ['India', 'IN'],
  ['Singapore', 'SG'],
  ['United Arab Emirates', 'AE'],
  ['UAE', 'AE'],
  ['U.A.E.', 'AE'],
  ['Iran', 'IR'],
  ['Israel', 'IL'],
  ["Côte d'Ivoire", 'CI'],
  ['Côte d’Ivoire', 'CI'],
  ['Cote d Ivoire', 'CI'],
  ['Ivory Coast', 'CI'],
  ['The Gambia', 'GM'],
  ['Gambia', 'GM'],
  ['South Africa', 'ZA'],
  ['Australia', 'AU'],
  ['New Zealand', 'NZ'],
];

describe('resolveCountry', () => {
  test.each(RESOLVES)('%j → %s', (text, code) => {
    expect(resolveCountry(text)).toBe(code);
  });

  test.each([
    ['Narnia'],
    [''],
    ['   '],
    ['Europe'],
    ['ZZ'],
    ['XYZ'],
    ['12345'],
    ['California'],
    ['n/a'],
    // qualifiers inside ISO and CLDR parentheses mean nothing alone
    ['North'],
    ['South'],
    ['British'],
    ['Republic'],
    ['French part'],
    ['Hol'],
    ['SAR'],
    ['Kingdom of'],
    ['x'.repeat(10_000)],
  ])('%j does not resolve', (text) => {
    expect(resolveCountry(text)).toBeUndefined();
  });

  test.each([
    ['Congo', ['CD', 'CG']],
    ['Kongo', ['CD', 'CG']],
    ['Korea', ['KP', 'KR']],
    ['Corea', ['KP', 'KR']],
    ['Saint Martin', ['MF', 'SX']],
    ['St. Martin', ['MF', 'SX']],
    ['Virgin Islands', ['VG', 'VI']],
    ['Republic of China', ['CN', 'TW']],
    // in capitals a three-letter word is as much a code (Nigeria) as Vietnamese for Russia
    ['NGA', ['NG', 'RU']],
    // written as a word, two letters may be a name typed without accents (Vietnamese "Bỉ", "Mỹ")
    ['Bi', ['BE', 'BI']],
    ['My', ['MY', 'US']],
  ])('%j is ambiguous', (text, codes) => {
    expect(lookupCountry(text)).toEqual({ kind: 'ambiguous', codes });
  });

  test.each([
    // i18n-iso-countries' Portuguese list swaps these two; the correction in country-data.ts wins
    ['República Democrática do Congo', 'CD'],
    ['República Popular do Congo', 'CG'],
    ['Nga', 'RU'],
    ['British Virgin Islands', 'VG'],
    ['U.S. Virgin Islands', 'VI'],
    ['Tanzania, United Republic of', 'TZ'],
    ['Congo, Democratic Republic of the', 'CD'],
    ["Korea, Democratic People's Republic of", 'KP'],
    ['Palestine, State of', 'PS'],
    ['Russian Federation (the)', 'RU'],
    ['Bolivia (Plurinational State of)', 'BO'],
    ['Korea (the Republic of)', 'KR'],
    ['Congo (DRC)', 'CD'],
    ['Hong Kong SAR China', 'HK'],
    ['St. Vincent & Grenadines', 'VC'],
    ['Republic of Zimbabwe', 'ZW'],
    ['Federal Republic of Germany', 'DE'],
    ['Kingdom of Spain', 'ES'],
    ['韓国', 'KR'],
    ['ロシア', 'RU'],
    ['Китай', 'CN'],
    ['Corea del Sur', 'KR'],
    ['Arabia Saudí', 'SA'],
    ['대한민국', 'KR'],
    ['ישראל', 'IL'],
    ['भारत', 'IN'],
    ['Ελλάδα', 'GR'],
    ['Україна', 'UA'],
    ['Almanya', 'DE'],
    ['Németország', 'DE'],
    ['Áo', 'AT'],
    ['AO', 'AO'],
  ])('issue 11: %j → %s', (text, code) => {
    expect(resolveCountry(text)).toBe(code);
  });

  test('no name is given to two countries by the sources unless an ambiguity entry explains it', () => {
    expect(unexplainedConflicts()).toEqual([]);
  });

  test('CLDR_SHORT_NAME_CODES lists every region whose short name differs from the long one, and narrow names are the short ones', () => {
    const differing = new Set<string>();
    const narrowNotShort: string[] = [];
    for (const locale of cldrLocales()) {
      const long = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
      const short = new Intl.DisplayNames(locale, { type: 'region', style: 'short', fallback: 'none' });
      const narrow = new Intl.DisplayNames(locale, { type: 'region', style: 'narrow', fallback: 'none' });
      for (const code of ISO_CODES) {
        if (long.of(code) !== short.of(code)) differing.add(code);
        if (narrow.of(code) !== short.of(code)) narrowNotShort.push(`${locale} ${code}`);
      }
    }
    expect([...differing].filter((code) => !CLDR_SHORT_NAME_CODES.includes(code))).toEqual([]);
    expect(narrowNotShort).toEqual([]);
  });

  test('Node ships CLDR region names for well over 40 languages', () => {
    expect(cldrLocales().length).toBeGreaterThan(200);
  });

  test('every Sequence country code resolves to itself, in either case', () => {
    for (const code of COUNTRY_CODES) {
      expect(resolveCountry(code)).toBe(code);
      expect(resolveCountry(code.toLowerCase())).toBe(code);
    }
  });
});

describe('the cache of recent country texts', () => {
  const texts = ['Deutschland', 'Korea', 'Rép. centrafricaine', 'Kenijos Respublika', 'Narnia', 'DEU', '  united   states  '];

  test('gives the same answers the second time, as frozen objects', () => {
    const first = texts.map((text) => lookupCountry(text));
    const second = texts.map((text) => lookupCountry(text));
    expect(second).toEqual(first);
    second.forEach((found, at) => expect(found).toBe(first[at]));
    expect(Object.isFrozen(first[1])).toBe(true);
    expect(first[1]).toEqual({ kind: 'ambiguous', codes: ['KP', 'KR'] });
    expect(() => (first[1] as { codes: string[] }).codes.push('XX')).toThrow(TypeError);
  });

  test('holds at most RECENT_COUNTRY_TEXTS texts, the oldest leaving first', () => {
    for (let i = 0; i < RECENT_COUNTRY_TEXTS + 500; i++) lookupCountry(`Deutschland ${i}`);
    expect(recentCountryTextCount()).toBe(RECENT_COUNTRY_TEXTS);
    expect(lookupCountry('Deutschland')).toEqual({ kind: 'found', code: 'DE' });
  });

  test('is emptied when the index changes', () => {
    const live = countryIndex();
    expect(lookupCountry('Deutschland')).toEqual({ kind: 'found', code: 'DE' });
    const empty: CountryIndex = {
      ...live,
      exact: new Map(),
      loose: new Map(),
      parts: new Map(),
      inside: new Map(),
      skeletons: new Map(),
      initials: new Map(),
    };
    try {
      useCountryIndex(empty);
      expect(recentCountryTextCount()).toBe(0);
      expect(lookupCountry('Deutschland')).toEqual({ kind: 'unknown' });
    } finally {
      useCountryIndex(live);
    }
    expect(lookupCountry('Deutschland')).toEqual({ kind: 'found', code: 'DE' });
  });
});
