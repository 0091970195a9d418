/**
 * US state and Canadian province text → the code in Sequence's `State` enum.
 * Codes ("NY"), full names ("new york"), names in other languages ("Californie", "Nueva York",
 * "Colombie-Britannique", see state-names.ts), postal, AP, GPO and older abbreviations ("Calif.",
 * "Kent.", "NoDak", "P.E.I.") are recognised, blind to case, accents, punctuation and spacing.
 * Nothing else is guessed.
 */
import type { State } from '../sequence/enums';
import { STATE_OTHER_NAMES } from './state-names';
import { lookupKey } from './text';

export type StateCountry = 'US' | 'CA';

export interface ResolvedState {
  code: State;
  country: StateCountry;
  /** English name, for messages. */
  name: string;
}

interface StateEntry {
  code: State;
  name: string;
  /** Other spellings: abbreviations, French names, old codes. */
  aliases: readonly string[];
}

export const US_STATES: readonly StateEntry[] = [
  { code: 'AL', name: 'Alabama', aliases: ['Ala.'] },
  { code: 'AK', name: 'Alaska', aliases: ['Alas.'] },
  { code: 'AZ', name: 'Arizona', aliases: ['Ariz.'] },
  { code: 'AR', name: 'Arkansas', aliases: ['Ark.'] },
  { code: 'CA', name: 'California', aliases: ['Calif.', 'Cal.', 'Cali'] },
  { code: 'CO', name: 'Colorado', aliases: ['Colo.'] },
  { code: 'CT', name: 'Connecticut', aliases: ['Conn.'] },
  { code: 'DC', name: 'District of Columbia', aliases: ['D.C.', 'Washington D.C.', 'Washington, DC', 'Wash. D.C.'] },
  { code: 'DE', name: 'Delaware', aliases: ['Del.'] },
  { code: 'FL', name: 'Florida', aliases: ['Fla.', 'Flor.'] },
  { code: 'GA', name: 'Georgia', aliases: [] },
  { code: 'HI', name: 'Hawaii', aliases: ["Hawai'i", 'Hawaiʻi'] },
  { code: 'ID', name: 'Idaho', aliases: ['Ida.'] },
  { code: 'IL', name: 'Illinois', aliases: ['Ill.', 'Ills.'] },
  { code: 'IN', name: 'Indiana', aliases: ['Ind.'] },
  { code: 'IA', name: 'Iowa', aliases: [] },
  { code: 'KS', name: 'Kansas', aliases: ['Kan.', 'Kans.'] },
  { code: 'KY', name: 'Kentucky', aliases: [] },
  { code: 'LA', name: 'Louisiana', aliases: [] },
  { code: 'ME', name: 'Maine', aliases: [] },
  { code: 'MD', name: 'Maryland', aliases: [] },
  { code: 'MA', name: 'Massachusetts', aliases: ['Mass.'] },
  { code: 'MI', name: 'Michigan', aliases: ['Mich.'] },
  { code: 'MN', name: 'Minnesota', aliases: ['Minn.'] },
  { code: 'MS', name: 'Mississippi', aliases: ['Miss.'] },
  { code: 'MO', name: 'Missouri', aliases: [] },
  { code: 'MT', name: 'Montana', aliases: ['Mont.'] },
  { code: 'NE', name: 'Nebraska', aliases: ['Neb.', 'Nebr.'] },
  { code: 'NV', name: 'Nevada', aliases: ['Nev.'] },
  { code: 'NH', name: 'New Hampshire', aliases: ['N.H.'] },
  { code: 'NJ', name: 'New Jersey', aliases: ['N.J.'] },
  { code: 'NM', name: 'New Mexico', aliases: ['N.M.', 'N.Mex.'] },
  { code: 'NY', name: 'New York', aliases: ['N.Y.', 'New York State', 'NYS'] },
  { code: 'NC', name: 'North Carolina', aliases: ['N.C.', 'N. Car.'] },
  { code: 'ND', name: 'North Dakota', aliases: ['N.D.', 'N. Dak.'] },
  { code: 'OH', name: 'Ohio', aliases: [] },
  { code: 'OK', name: 'Oklahoma', aliases: ['Okla.'] },
  { code: 'OR', name: 'Oregon', aliases: ['Ore.', 'Oreg.'] },
  { code: 'PA', name: 'Pennsylvania', aliases: ['Penn.', 'Penna.'] },
  { code: 'RI', name: 'Rhode Island', aliases: ['R.I.'] },
  { code: 'SC', name: 'South Carolina', aliases: ['S.C.', 'S. Car.'] },
  { code: 'SD', name: 'South Dakota', aliases: ['S.D.', 'S. Dak.'] },
  { code: 'TN', name: 'Tennessee', aliases: ['Tenn.'] },
  { code: 'TX', name: 'Texas', aliases: ['Tex.'] },
  { code: 'UT', name: 'Utah', aliases: [] },
  { code: 'VT', name: 'Vermont', aliases: [] },
  { code: 'VA', name: 'Virginia', aliases: [] },
  { code: 'WA', name: 'Washington', aliases: ['Wash.', 'Washington State', 'WA State'] },
  { code: 'WV', name: 'West Virginia', aliases: ['W.Va.', 'W. Virginia'] },
  { code: 'WI', name: 'Wisconsin', aliases: ['Wis.', 'Wisc.'] },
  { code: 'WY', name: 'Wyoming', aliases: ['Wyo.'] },
];

export const CA_PROVINCES: readonly StateEntry[] = [
  { code: 'AB', name: 'Alberta', aliases: ['Alta.'] },
  { code: 'BC', name: 'British Columbia', aliases: ['B.C.', 'Colombie-Britannique', 'C.-B.'] },
  { code: 'MB', name: 'Manitoba', aliases: ['Man.'] },
  { code: 'NB', name: 'New Brunswick', aliases: ['N.B.', 'Nouveau-Brunswick'] },
  {
    code: 'NL',
    name: 'Newfoundland and Labrador',
    aliases: ['Newfoundland', 'Newfoundland & Labrador', 'Nfld.', 'NF', 'Terre-Neuve-et-Labrador', 'T.-N.-L.'],
  },
  { code: 'NS', name: 'Nova Scotia', aliases: ['N.S.', 'Nouvelle-Écosse'] },
  { code: 'NT', name: 'Northwest Territories', aliases: ['N.W.T.', 'NWT', 'Territoires du Nord-Ouest', 'T.N.-O.'] },
  { code: 'NU', name: 'Nunavut', aliases: ['Nvt.'] },
  { code: 'ON', name: 'Ontario', aliases: ['Ont.'] },
  { code: 'PE', name: 'Prince Edward Island', aliases: ['P.E.I.', 'PEI', 'Île-du-Prince-Édouard', 'Î.-P.-É.'] },
  { code: 'QC', name: 'Quebec', aliases: ['Québec', 'Que.', 'PQ', 'Province of Quebec', 'Qué.'] },
  { code: 'SK', name: 'Saskatchewan', aliases: ['Sask.'] },
  { code: 'YT', name: 'Yukon', aliases: ['Yukon Territory', 'Yuk.', 'YK', 'Y.T.'] },
];

/**
 * US territories with a USPS code: Sequence lists each as a country of its own (country PR, no
 * state), so a US address with one of these as state needs its country changed instead.
 */
export const US_TERRITORIES: readonly { country: string; name: string; aliases: readonly string[] }[] = [
  { country: 'PR', name: 'Puerto Rico', aliases: ['PR'] },
  { country: 'GU', name: 'Guam', aliases: ['GU'] },
  { country: 'VI', name: 'U.S. Virgin Islands', aliases: ['VI', 'US Virgin Islands', 'Virgin Islands'] },
  { country: 'AS', name: 'American Samoa', aliases: ['AS'] },
  { country: 'MP', name: 'Northern Mariana Islands', aliases: ['MP', 'CNMI'] },
];

interface StateIndex {
  states: Map<string, ResolvedState>;
  territories: Map<string, { country: string; name: string }>;
  /** Keys two entries gave different states: left out, listed for the test that keeps this empty. */
  conflicts: Map<string, string[]>;
}

let index: StateIndex | undefined;

function buildIndex(): StateIndex {
  const states = new Map<string, ResolvedState>();
  const conflicts = new Map<string, string[]>();
  const put = (entries: readonly StateEntry[], country: StateCountry) => {
    for (const entry of entries) {
      const resolved: ResolvedState = { code: entry.code, country, name: entry.name };
      for (const spelling of [entry.code, entry.name, ...entry.aliases, ...(STATE_OTHER_NAMES[entry.code] ?? [])]) {
        const key = lookupKey(spelling);
        const existing = states.get(key);
        if (existing && existing.code !== entry.code) conflicts.set(key, [existing.code, entry.code]);
        else if (key) states.set(key, resolved);
      }
    }
  };
  put(US_STATES, 'US');
  put(CA_PROVINCES, 'CA');
  for (const key of conflicts.keys()) states.delete(key);
  const territories = new Map<string, { country: string; name: string }>();
  for (const territory of US_TERRITORIES) {
    for (const spelling of [territory.name, ...territory.aliases]) territories.set(lookupKey(spelling), territory);
  }
  return { states, territories, conflicts };
}

/** Spellings that would name two states or provinces (none, when the tables are sound). */
export function stateNameConflicts(): Map<string, string[]> {
  return getIndex().conflicts;
}

function getIndex(): StateIndex {
  index ??= buildIndex();
  return index;
}

function stateKey(text: string): string {
  // "State of New York", "Province of Ontario", "Province de Québec" → the name alone.
  return lookupKey(text.replace(/^\s*(state|province|commonwealth)\s+(of|de|du)\s+/i, ''));
}

/** A US state (or DC) or Canadian province, whichever the text names; codes and names never overlap. */
export function findState(text: string): ResolvedState | undefined {
  if (typeof text !== 'string') return undefined;
  const key = stateKey(text);
  if (!key || key.length > 60) return undefined;
  return getIndex().states.get(key);
}

/**
 * The state code for text, restricted to `country` when one is given: "Ontario" resolves with
 * country CA or no country, not with country US.
 */
export function resolveState(text: string, country?: StateCountry): State | undefined {
  const found = findState(text);
  if (!found) return undefined;
  return country === undefined || found.country === country ? found.code : undefined;
}

/** A US territory named as a state ("Puerto Rico", "PR"): Sequence wants it as the country instead. */
export function findUsTerritory(text: string): { country: string; name: string } | undefined {
  if (typeof text !== 'string') return undefined;
  const key = stateKey(text);
  if (!key || key.length > 60) return undefined;
  return getIndex().territories.get(key);
}

export function isStateCountry(country: string): country is StateCountry {
  return country === 'US' || country === 'CA';
}

export function stateCountryName(country: StateCountry): string {
  return country === 'US' ? 'US state' : 'Canadian province';
}
