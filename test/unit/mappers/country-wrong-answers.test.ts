/**
 * The classes of wrong answers issue 21 found from outside, one describe per class. Each was written
 * before its fix and failed on the index of that time.
 */
import { lookupCountry } from '../../../src/mappers';

describe('issue 21, class 1: names of the French overseas territories go to the territory', () => {
  test.each([
    // French
    ['Guyane', 'GF'],
    ['guyane', 'GF'],
    ['GUYANE', 'GF'],
    ['Guyane française', 'GF'],
    ['Guadeloupe', 'GP'],
    ['Martinique', 'MQ'],
    ['La Réunion', 'RE'],
    ['Réunion', 'RE'],
    ['Mayotte', 'YT'],
    ['Nouvelle-Calédonie', 'NC'],
    ['Polynésie française', 'PF'],
    ['Saint-Pierre-et-Miquelon', 'PM'],
    ['Wallis-et-Futuna', 'WF'],
    ['Saint-Barthélemy', 'BL'],
    ['Saint-Martin (partie française)', 'MF'],
    // other languages
    ['French Guiana', 'GF'],
    ['Französisch-Guayana', 'GF'],
    ['Guayana Francesa', 'GF'],
    ['Guiana Francesa', 'GF'],
    ['Frans-Guyana', 'GF'],
    ['Neukaledonien', 'NC'],
    ['Französisch-Polynesien', 'PF'],
    ['Wallis und Futuna', 'WF'],
  ])('%j → %s', (text, code) => {
    expect(lookupCountry(text)).toEqual({ kind: 'found', code });
  });

  test('"Saint-Martin" is the whole island in most languages: refused, naming the French and the Dutch part', () => {
    expect(lookupCountry('Saint-Martin')).toEqual({ kind: 'ambiguous', codes: ['MF', 'SX'] });
  });
});

describe('issue 21, class 2: a name that sources give to two countries is refused with both', () => {
  test.each([
    // Dominica in one dataset's Chinese, the Dominican Republic in another's
    ['多米尼加', ['DM', 'DO']],
  ])('%j is refused, naming %j', (text, codes) => {
    expect(lookupCountry(text)).toEqual({ kind: 'ambiguous', codes });
  });
});

describe('issue 21, class 3: regions that are not one country are refused with the candidates', () => {
  test.each([
    ['Papua', ['ID', 'PG']],
    ['Papúa', ['ID', 'PG']],
    ['Timor', ['ID', 'TL']],
    ['Timór', ['ID', 'TL']],
    ['Guiana', ['GF', 'GY', 'SR']],
    ['Columbia', ['CA', 'CO', 'US']],
    ['Colúmbia', ['CA', 'CO', 'US']],
  ])('%j is refused, naming %j', (text, codes) => {
    expect(lookupCountry(text)).toEqual({ kind: 'ambiguous', codes });
  });

  test.each([['Borneo'], ['New Guinea'], ['Hispaniola'], ['Guyanes']])('%j (an island or region of several countries) is never one country', (text) => {
    expect(lookupCountry(text).kind).not.toBe('found');
  });
});

describe('issue 21, class 4: a three-letter code that is not ISO alpha-3 is never guessed', () => {
  test('"SAM", the Olympic and FIFA code of Samoa, is not the United States (an Irish abbreviation): refused, naming both', () => {
    expect(lookupCountry('SAM')).toEqual({ kind: 'ambiguous', codes: ['US', 'WS'] });
  });

  test('"BRN", ISO alpha-3 of Brunei and Olympic code of Bahrain, is refused naming both', () => {
    expect(lookupCountry('BRN')).toEqual({ kind: 'ambiguous', codes: ['BH', 'BN'] });
  });

  test.each([['GER'], ['NED'], ['SUI'], ['POR'], ['CRO'], ['DEN'], ['NIG'], ['ENG'], ['IRI'], ['INA']])('%j, a sports code alone, is not guessed', (text) => {
    expect(lookupCountry(text)).toEqual({ kind: 'unknown' });
  });
});
