import { COUNTRY_CODES } from '../../../src/sequence/enums';
import { lookupCountry, resolveCountry } from '../../../src/mappers';

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
  ['Korea', 'KR'],
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
    ['x'.repeat(10_000)],
  ])('%j does not resolve', (text) => {
    expect(resolveCountry(text)).toBeUndefined();
  });

  test.each([
    ['Congo', ['CD', 'CG']],
    ['Kongo', ['CD', 'CG']],
  ])('%j is ambiguous', (text, codes) => {
    expect(lookupCountry(text)).toEqual({ kind: 'ambiguous', codes });
  });

  test('every Sequence country code resolves to itself, in either case', () => {
    for (const code of COUNTRY_CODES) {
      expect(resolveCountry(code)).toBe(code);
      expect(resolveCountry(code.toLowerCase())).toBe(code);
    }
  });
});
