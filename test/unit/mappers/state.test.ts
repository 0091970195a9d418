import { findState, findUsTerritory, resolveState, US_STATES, CA_PROVINCES } from '../../../src/mappers';
import { stateNameConflicts } from '../../../src/mappers/state';
import { lookupKey } from '../../../src/mappers/text';
import { STATE_CODES } from '../../../src/sequence/enums';

/** Written out independently of src/mappers/state.ts: [code, name]. */
const US: Array<[string, string]> = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'],
  ['CO', 'Colorado'], ['CT', 'Connecticut'], ['DC', 'District of Columbia'], ['DE', 'Delaware'],
  ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'],
  ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'],
  ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'],
  ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'],
  ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'],
  ['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'],
  ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'], ['SD', 'South Dakota'],
  ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'],
  ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
];
const CA: Array<[string, string]> = [
  ['AB', 'Alberta'], ['BC', 'British Columbia'], ['MB', 'Manitoba'], ['NB', 'New Brunswick'],
  ['NL', 'Newfoundland and Labrador'], ['NS', 'Nova Scotia'], ['NT', 'Northwest Territories'],
  ['NU', 'Nunavut'], ['ON', 'Ontario'], ['PE', 'Prince Edward Island'], ['QC', 'Quebec'],
  ['SK', 'Saskatchewan'], ['YT', 'Yukon'],
];

describe('US states (and DC) by code and by name', () => {
  test('the table covers exactly the US part of Sequence\'s enum', () => {
    expect(US).toHaveLength(51);
    expect([...US.map(([c]) => c), ...CA.map(([c]) => c)].sort()).toEqual([...STATE_CODES].sort());
  });
  test.each(US)('%s / %s', (code, name) => {
    expect(resolveState(code, 'US')).toBe(code);
    expect(resolveState(code.toLowerCase(), 'US')).toBe(code);
    expect(resolveState(name, 'US')).toBe(code);
    expect(resolveState(name.toLowerCase(), 'US')).toBe(code);
    expect(resolveState(`  ${name.toUpperCase()}. `, 'US')).toBe(code);
    expect(resolveState(name, 'CA')).toBeUndefined();
    expect(findState(name)).toEqual({ code, country: 'US', name });
  });
});

describe('Canadian provinces and territories by code and by name', () => {
  test.each(CA)('%s / %s', (code, name) => {
    expect(resolveState(code, 'CA')).toBe(code);
    expect(resolveState(code.toLowerCase(), 'CA')).toBe(code);
    expect(resolveState(name, 'CA')).toBe(code);
    expect(resolveState(name.toLowerCase(), 'CA')).toBe(code);
    expect(resolveState(name.replace(/ /g, '-'), 'CA')).toBe(code);
    expect(resolveState(name, 'US')).toBeUndefined();
    expect(findState(name)?.country).toBe('CA');
  });
});

const SPELLINGS: Array<[string, string]> = [
  ['new york', 'NY'],
  ['N.Y.', 'NY'],
  ['State of New York', 'NY'],
  ['Calif.', 'CA'],
  ['Mass.', 'MA'],
  ['Penn.', 'PA'],
  ['Wash.', 'WA'],
  ['Washington State', 'WA'],
  ['Washington, D.C.', 'DC'],
  ['D.C.', 'DC'],
  ['W.Va.', 'WV'],
  ["Hawai'i", 'HI'],
  ['Ont.', 'ON'],
  ['ontario ', 'ON'],
  ['Québec', 'QC'],
  ['Que.', 'QC'],
  ['PQ', 'QC'],
  ['Colombie-Britannique', 'BC'],
  ['B.C.', 'BC'],
  ['P.E.I.', 'PE'],
  ['Île-du-Prince-Édouard', 'PE'],
  ['Nouvelle-Écosse', 'NS'],
  ['Terre-Neuve-et-Labrador', 'NL'],
  ['Newfoundland', 'NL'],
  ['N.W.T.', 'NT'],
  ['Sask.', 'SK'],
  ['Alta.', 'AB'],
  ['Yukon Territory', 'YT'],
];

describe('other spellings', () => {
  test.each(SPELLINGS)('%j → %s', (text, code) => {
    expect(findState(text)?.code).toBe(code);
  });

  test.each([['Bavaria'], ['NSW'], ['Greater London'], [''], ['N/A'], ['ZZ'], ['x'.repeat(5000)]])('%j is not a US/CA state', (text) => {
    expect(findState(text)).toBeUndefined();
  });

  test('US territories are recognised as such, not as states', () => {
    expect(findState('Puerto Rico')).toBeUndefined();
    expect(findUsTerritory('Puerto Rico')?.country).toBe('PR');
    expect(findUsTerritory('GU')?.country).toBe('GU');
  });

  test('no two spellings of different states share a key', () => {
    const seen = new Map<string, string>();
    for (const entry of [...US_STATES, ...CA_PROVINCES]) {
      for (const spelling of [entry.code, entry.name, ...entry.aliases]) {
        const key = lookupKey(spelling);
        expect([key, seen.get(key) ?? entry.code]).toEqual([key, entry.code]);
        seen.set(key, entry.code);
      }
    }
  });
});

describe('other languages and rarer abbreviations', () => {
  test('no spelling names two states or provinces', () => {
    expect([...stateNameConflicts()]).toEqual([]);
  });

  test.each([
    ['Californie', 'CA'],
    ['Nueva York', 'NY'],
    ['Colombie-Britannique', 'BC'],
    ['Terranova', 'NL'],
    ['Québec', 'QC'],
    ['Col.', 'CO'],
    ['Kent.', 'KY'],
    ['NoDak', 'ND'],
    ['SoDak', 'SD'],
    ['Calif.', 'CA'],
    ['Mass.', 'MA'],
    ['Penn.', 'PA'],
    ['Tenn.', 'TN'],
    ['Wash.', 'WA'],
    ['N.Dak.', 'ND'],
    ['ジョージア州', 'GA'],
    ['Джорджия', 'GA'],
  ])('%j → %s', (text, code) => {
    expect(findState(text)?.code).toBe(code);
  });

  test.each([['Carolina'], ['Dakota'], ['Columbia'], ['Virginia Beach']])('%j names no single state', (text) => {
    expect(findState(text)).toBeUndefined();
  });
});
