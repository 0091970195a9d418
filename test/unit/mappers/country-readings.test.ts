/**
 * Readings the index makes of text no source lists as it is written, each written before its rule
 * (issue 21, second pass). No example here is in a held-out set: those measure the rules.
 */
import { lookupCountry } from '../../../src/mappers';

describe('"of (North) America" after the United States\' name, in any language', () => {
  // The one official name that names a continent: "United States of America". Forms and press write
  // "of North America" too; the continent is CLDR's name of the Americas or North America, in any
  // case ending, after a link word.
  test.each([
    ['Verenigde Staten van Noord-Amerika'],
    ['Estados Unidos da América do Norte'],
    ['Stany Zjednoczone Ameryki Północnej'],
    ["États-Unis d'Amérique du Nord"],
    ['Vereinigte Staaten von Nordamerika'],
    ['Соединённые Штаты Северной Америки'],
    ['United States of North America'],
  ])('%j → US', (text) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code: 'US' });
  });

  test.each([
    // Another country before a continent is not read: its name does not name one.
    ['Canada North America'],
    ['Mexico of America'],
    // A continent alone, or South America, is not a country.
    ['North America'],
    ['Estados Unidos de Sudamérica'],
    // The continent must follow a name: "Latin America" is not "Latin" + America.
    ['Latin America'],
  ])('%j is not read as the US', (text) => {
    expect(lookupCountry(text)).not.toEqual({ kind: 'found', code: 'US' });
  });
});

describe('initials that two countries\' names give', () => {
  test('are refused naming both, so that a name beside them decides', () => {
    // "РФ": the Russian Federation, and the Republics of Fiji, Finland, France and the Philippines
    // ("Республика Фиджи", "Французская Республика").
    expect(lookupCountry('РФ')).toEqual({ kind: 'ambiguous', codes: ['FI', 'FJ', 'FR', 'PH', 'RU'] });
    expect(lookupCountry('Россия (РФ)')).toEqual({ kind: 'found', code: 'RU' });
    expect(lookupCountry('Фиджи (РФ)')).toEqual({ kind: 'found', code: 'FJ' });
  });
});

describe('Korean names in McCune–Reischauer (North Korea\'s romanisation, and older English texts)', () => {
  test.each([
    ["Han'guk", 'KR'],
    ['Hanguk', 'KR'],
    ['Taehan Minguk', 'KR'],
    ['Pukhan', 'KP'],
    ['Chosŏn', 'KP'],
  ])('%j → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });
});

describe('a name in another romanisation inside a state form', () => {
  // Alone, these are read by their spelling skeleton; inside a form they were not.
  test.each([
    ['Respublika Khorvatiya', 'HR'],
    ['Republic of Turtsiya', 'TR'],
  ])('%j → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });

  test('a skeleton that several countries share is not guessed inside a form either', () => {
    // "Nigeria" and "Niger" (and Dominica/Dominican Republic) are named alike.
    expect(lookupCountry('Republic of Nijer')).not.toEqual({ kind: 'found', code: 'NG' });
  });
});

describe('Sino-Vietnamese names: the Vietnamese readings of the Chinese names', () => {
  // Older and literary Vietnamese names are the Hán-Việt readings of the Chinese ones (意大利 "Ý Đại
  // Lợi", 俄罗斯 "Nga La Tư"), with or without their accents.
  test.each([
    ['Ý Đại Lợi', 'IT'],
    ['Y Dai Loi', 'IT'],
    ['Nga La Tư', 'RU'],
    ['Áo Địa Lợi', 'AT'],
    ['Tô Cách Lan', 'GB'],
  ])('%j → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });
});

describe('a Chinese name two sources give to two countries', () => {
  test('is refused in its Sino-Vietnamese readings too, naming both (issue 21, class 2)', () => {
    // 多米尼加: Dominica in one source, the Dominican Republic in others.
    expect(lookupCountry('Đa Mễ Ni Gia')).toEqual({ kind: 'ambiguous', codes: ['DM', 'DO'] });
    expect(lookupCountry('Da Me Ni Gia Cong Hoa Quoc')).toEqual({ kind: 'ambiguous', codes: ['DM', 'DO'] });
  });
});
