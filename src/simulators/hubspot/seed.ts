/**
 * Realistic, messy HubSpot data for tests, the benchmark and the demo: companies from many
 * countries with the country, state, website and phone written every which way, contacts with
 * and without names, duplicate emails, "Billing contact" labels and primary associations, and a
 * share of companies that cannot be billed (no contacts, country "Narnia", no address...).
 * Deterministic for a given seed (and `baseTime`). 100,000 companies with 3 contacts each take
 * about a second.
 */
import { AssociationTypeInput, HubSpotPropertyValues, HubSpotStore, ObjectRecord, TimeInput, hasLink, toEpochMs } from './store';

export type UnbillableReason =
  | 'no_contacts'
  | 'unknown_country'
  | 'missing_address'
  | 'missing_city'
  | 'missing_zip'
  | 'us_without_state'
  | 'missing_country'
  | 'no_contact_email';

export interface SeedOptions {
  /** Companies to create. */
  count: number;
  /** Average contacts per company (default 3); the actual number varies from 1 to 2×avg−1. */
  contactsPerCompany?: number;
  /** Default 1. */
  seed?: number;
  /** Share of companies made unbillable on purpose (default 0.05). */
  unbillableRatio?: number;
  /** Timestamps are spread over the two years before this (default 2025-06-01T00:00:00Z). */
  baseTime?: TimeInput;
  /** The USER_DEFINED label put on billing contacts (default "Billing contact"). */
  billingLabel?: string;
}

export interface SeedSummary {
  companyIds: string[];
  contactIds: string[];
  associations: number;
  /** Company id → why it was made unbillable. */
  unbillable: Map<string, UnbillableReason>;
  /** Type id (company → contact) of the billing label. */
  billingLabelTypeId: number;
  /** Companies with a contact carrying the billing label. */
  withBillingLabel: number;
  /** Companies with a primary (type 2) contact. */
  withPrimary: number;
  /** Contacts whose email duplicates another contact's (case-insensitively). */
  duplicateEmails: number;
  /** Contacts associated with more than one company. */
  sharedContacts: number;
}

interface Country {
  code: string;
  spellings: readonly string[];
  tlds: readonly string[];
  cities: readonly string[];
  zip: (r: Rng) => string;
  streets: readonly string[];
  street: (r: Rng, name: string) => string;
  states?: readonly (readonly string[])[];
  phone: (r: Rng) => string;
  weight: number;
}

// Globals captured once: inside jest's vm sandbox every global lookup (Math, String...) is an
// interceptor call, which made seeding ~6x slower there than in plain node.
const { floor, min, max, round, imul } = Math;
const toStr = String;

/** The same generator as `mulberry32` in ../faults (same sequence), with `Math.imul` captured. */
function mulberry32Fast(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32Fast(seed);
  }
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)] as T;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += toStr(floor(this.next() * 10));
    return s;
  }
}

const US_STATES: readonly (readonly string[])[] = [
  ['NY', 'New York', 'new york', 'N.Y.', 'ny'],
  ['CA', 'California', 'Calif.', 'california', 'CA '],
  ['TX', 'Texas', 'Tex.', 'tx'],
  ['MA', 'Massachusetts', 'Mass.'],
  ['IL', 'Illinois', 'Ill.'],
  ['WA', 'Washington', 'Wash.'],
  ['FL', 'Florida', 'Fla.'],
  ['CO', 'Colorado', 'Colo.'],
  ['GA', 'Georgia', 'Ga.'],
  ['DC', 'District of Columbia', 'D.C.', 'Washington DC'],
  ['PA', 'Pennsylvania', 'Penn.'],
  ['NJ', 'New Jersey', 'N.J.'],
];
const US_CITIES: Record<string, readonly string[]> = {
  NY: ['New York', 'Brooklyn', 'Buffalo'],
  CA: ['San Francisco', 'Los Angeles', 'San Diego', 'Palo Alto'],
  TX: ['Austin', 'Dallas', 'Houston'],
  MA: ['Boston', 'Cambridge'],
  IL: ['Chicago'],
  WA: ['Seattle', 'Redmond'],
  FL: ['Miami', 'Tampa'],
  CO: ['Denver', 'Boulder'],
  GA: ['Atlanta'],
  DC: ['Washington'],
  PA: ['Philadelphia', 'Pittsburgh'],
  NJ: ['Newark', 'Jersey City'],
};
const CA_PROVINCES: readonly (readonly string[])[] = [
  ['ON', 'Ontario', 'Ont.', 'ontario'],
  ['QC', 'Quebec', 'Québec', 'Que.', 'PQ'],
  ['BC', 'British Columbia', 'B.C.'],
  ['AB', 'Alberta', 'Alta.'],
  ['MB', 'Manitoba', 'Man.'],
  ['NS', 'Nova Scotia', 'N.S.'],
];
const CA_CITIES: Record<string, readonly string[]> = {
  ON: ['Toronto', 'Ottawa', 'Waterloo'],
  QC: ['Montréal', 'Montreal', 'Québec City'],
  BC: ['Vancouver', 'Victoria'],
  AB: ['Calgary', 'Edmonton'],
  MB: ['Winnipeg'],
  NS: ['Halifax'],
};

const upper = 'ABCEGHJKLMNPRSTVWXYZ';
const streetNames = ['Main', 'High', 'Station', 'Park', 'Church', 'Mill', 'King', 'Queen', 'Market', 'Oak', 'Maple', 'Harbour'];

const COUNTRIES: readonly Country[] = [
  {
    code: 'US',
    spellings: ['USA', 'United States', 'US', 'U.S.A.', 'United States of America', 'usa', 'U.S.'],
    tlds: ['.com', '.io', '.us', '.co'],
    cities: [],
    zip: (r) => (r.chance(0.1) ? `${r.digits(5)}-${r.digits(4)}` : r.digits(5)),
    streets: ['St', 'Street', 'Ave', 'Avenue', 'Blvd', 'Rd'],
    street: (r, n) => `${1 + r.int(9999)} ${n} ${r.pick(['St', 'Street', 'Ave', 'Avenue', 'Blvd', 'Rd'])}${r.chance(0.2) ? `, Suite ${100 + r.int(900)}` : ''}`,
    states: US_STATES,
    phone: (r) => r.pick([`+1 ${r.digits(3)}-${r.digits(3)}-${r.digits(4)}`, `(${r.digits(3)}) ${r.digits(3)}-${r.digits(4)}`, `${r.digits(3)}.${r.digits(3)}.${r.digits(4)}`]),
    weight: 34,
  },
  {
    code: 'GB',
    spellings: ['United Kingdom', 'UK', 'U.K.', 'GB', 'Great Britain', 'united kingdom'],
    tlds: ['.co.uk', '.com', '.uk'],
    cities: ['London', 'Manchester', 'Edinburgh', 'Bristol', 'Leeds', 'Cambridge'],
    zip: (r) => `${r.pick(['SW1A', 'EC2A', 'M1', 'EH1', 'BS1', 'LS1', 'CB2', 'N1'])} ${r.int(10)}${upper[r.int(upper.length)]}${upper[r.int(upper.length)]}`,
    streets: ['Road', 'Street', 'Lane'],
    street: (r, n) => `${1 + r.int(300)} ${n} ${r.pick(['Road', 'Street', 'Lane', 'Row'])}`,
    phone: (r) => r.pick([`+44 20 ${r.digits(4)} ${r.digits(4)}`, `020 ${r.digits(4)} ${r.digits(4)}`, `+44 (0)161 ${r.digits(3)} ${r.digits(4)}`]),
    weight: 14,
  },
  {
    code: 'DE',
    spellings: ['Germany', 'Deutschland', 'DE', 'germany'],
    tlds: ['.de', '.com'],
    cities: ['Berlin', 'München', 'Munich', 'Hamburg', 'Köln', 'Frankfurt am Main'],
    zip: (r) => r.digits(5),
    streets: ['straße', 'str.', 'weg'],
    street: (r, n) => `${n}${r.pick(['straße', 'str.', 'weg', 'allee'])} ${1 + r.int(200)}`,
    phone: (r) => r.pick([`+49 30 ${r.digits(8)}`, `030 ${r.digits(4)} ${r.digits(4)}`, `+49 (0)89 ${r.digits(7)}`]),
    weight: 10,
  },
  {
    code: 'FR',
    spellings: ['France', 'FR', 'france'],
    tlds: ['.fr', '.com'],
    cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes'],
    zip: (r) => `${r.pick(['75', '69', '13', '31', '44'])}${r.digits(3)}`,
    streets: ['rue'],
    street: (r, n) => `${1 + r.int(150)} ${r.pick(['rue', 'avenue', 'boulevard'])} ${r.pick(['de la Paix', 'Victor Hugo', 'du Moulin', n])}`,
    phone: (r) => r.pick([`+33 1 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`, `01 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`]),
    weight: 8,
  },
  {
    code: 'CA',
    spellings: ['Canada', 'CAN', 'CA', 'canada'],
    tlds: ['.ca', '.com'],
    cities: [],
    zip: (r) => `${upper[r.int(upper.length)]}${r.int(10)}${upper[r.int(upper.length)]} ${r.int(10)}${upper[r.int(upper.length)]}${r.int(10)}`,
    streets: ['St'],
    street: (r, n) => `${1 + r.int(2000)} ${n} ${r.pick(['St', 'Street', 'Ave', 'Rue'])}`,
    states: CA_PROVINCES,
    phone: (r) => `+1 ${r.digits(3)} ${r.digits(3)} ${r.digits(4)}`,
    weight: 7,
  },
  {
    code: 'NL',
    spellings: ['Netherlands', 'The Netherlands', 'Holland', 'NL', 'Nederland'],
    tlds: ['.nl', '.com'],
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Den Haag'],
    zip: (r) => `${1000 + r.int(9000)} ${upper[r.int(upper.length)]}${upper[r.int(upper.length)]}`,
    streets: ['straat'],
    street: (r, n) => `${n}straat ${1 + r.int(300)}`,
    phone: (r) => `+31 20 ${r.digits(3)} ${r.digits(4)}`,
    weight: 5,
  },
  {
    code: 'AU',
    spellings: ['Australia', 'AU', 'AUS'],
    tlds: ['.com.au', '.com'],
    cities: ['Sydney', 'Melbourne', 'Brisbane'],
    zip: (r) => toStr(2000 + r.int(2000)),
    streets: ['St'],
    street: (r, n) => `${1 + r.int(500)} ${n} ${r.pick(['St', 'Street', 'Rd'])}`,
    states: [['NSW', 'New South Wales'], ['VIC', 'Victoria', 'Vic.'], ['QLD', 'Queensland']],
    phone: (r) => `+61 2 ${r.digits(4)} ${r.digits(4)}`,
    weight: 4,
  },
  {
    code: 'ES',
    spellings: ['Spain', 'España', 'ES'],
    tlds: ['.es', '.com'],
    cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla'],
    zip: (r) => `${r.pick(['28', '08', '46', '41'])}${r.digits(3)}`,
    streets: ['Calle'],
    street: (r, n) => `Calle ${n} ${1 + r.int(120)}`,
    phone: (r) => `+34 91 ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`,
    weight: 4,
  },
  {
    code: 'IE',
    spellings: ['Ireland', 'IE', 'Éire'],
    tlds: ['.ie', '.com'],
    cities: ['Dublin', 'Cork', 'Galway'],
    zip: (r) => `D${toStr(1 + r.int(24)).padStart(2, '0')} ${upper[r.int(upper.length)]}${r.digits(1)}${upper[r.int(upper.length)]}${r.digits(1)}`,
    streets: ['Street'],
    street: (r, n) => `${1 + r.int(100)} ${n} Street`,
    phone: (r) => `+353 1 ${r.digits(3)} ${r.digits(4)}`,
    weight: 3,
  },
  {
    code: 'CH',
    spellings: ['Switzerland', 'Schweiz', 'Suisse', 'CH'],
    tlds: ['.ch', '.com'],
    cities: ['Zürich', 'Zurich', 'Genève', 'Basel'],
    zip: (r) => toStr(1000 + r.int(9000)),
    streets: ['strasse'],
    street: (r, n) => `${n}strasse ${1 + r.int(100)}`,
    phone: (r) => `+41 44 ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`,
    weight: 3,
  },
  {
    code: 'SE',
    spellings: ['Sweden', 'Sverige', 'SE'],
    tlds: ['.se', '.com'],
    cities: ['Stockholm', 'Göteborg', 'Malmö'],
    zip: (r) => `${r.digits(3)} ${r.digits(2)}`,
    streets: ['gatan'],
    street: (r, n) => `${n}gatan ${1 + r.int(80)}`,
    phone: (r) => `+46 8 ${r.digits(3)} ${r.digits(3)} ${r.digits(2)}`,
    weight: 2,
  },
  {
    code: 'IT',
    spellings: ['Italy', 'Italia', 'IT'],
    tlds: ['.it', '.com'],
    cities: ['Milano', 'Milan', 'Roma', 'Torino'],
    zip: (r) => r.digits(5),
    streets: ['Via'],
    street: (r, n) => `Via ${n} ${1 + r.int(150)}`,
    phone: (r) => `+39 02 ${r.digits(4)} ${r.digits(4)}`,
    weight: 2,
  },
  {
    code: 'BR',
    spellings: ['Brazil', 'Brasil', 'BR'],
    tlds: ['.com.br', '.com'],
    cities: ['São Paulo', 'Sao Paulo', 'Rio de Janeiro'],
    zip: (r) => `${r.digits(5)}-${r.digits(3)}`,
    streets: ['Rua'],
    street: (r, n) => `Rua ${n}, ${1 + r.int(2000)}`,
    phone: (r) => `+55 11 ${r.digits(5)}-${r.digits(4)}`,
    weight: 2,
  },
  {
    code: 'JP',
    spellings: ['Japan', 'JP'],
    tlds: ['.jp', '.co.jp', '.com'],
    cities: ['Tokyo', 'Osaka', 'Kyoto'],
    zip: (r) => `${r.digits(3)}-${r.digits(4)}`,
    streets: ['chome'],
    street: (r) => `${1 + r.int(9)}-${1 + r.int(20)}-${1 + r.int(30)} ${r.pick(['Shibuya', 'Minato', 'Chiyoda'])}`,
    phone: (r) => `+81 3 ${r.digits(4)} ${r.digits(4)}`,
    weight: 1,
  },
  {
    code: 'XK',
    spellings: ['Kosovo', 'XK'],
    tlds: ['.com'],
    cities: ['Pristina', 'Prizren'],
    zip: (r) => toStr(10000 + r.int(90000)),
    streets: ['Rruga'],
    street: (r, n) => `Rruga ${n} ${1 + r.int(60)}`,
    phone: (r) => `+383 38 ${r.digits(3)} ${r.digits(3)}`,
    weight: 1,
  },
];

const WEIGHTED: readonly Country[] = COUNTRIES.flatMap((c) => Array<Country>(c.weight).fill(c));

const NAME_A = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne', 'Tyrell', 'Wonka', 'Aperture', 'Massive', 'Blue Sky', 'Northwind', 'Contoso', 'Fabrikam', 'Pied Piper', 'Gringotts', 'Oceanic', 'Monarch', 'Nakatomi', 'Zorg', 'Dunder', 'Bluth', 'Prestige', 'Sterling', 'Wolfram', 'Black Mesa', 'Müller', 'Łódź', 'Ørsted', 'Café', 'Élan'];
const NAME_B = ['Analytics', 'Logistics', 'Systems', 'Foods', 'Labs', 'Consulting', 'Robotics', 'Media', 'Energy', 'Partners', 'Capital', 'Software', 'Health', 'Dynamics', 'Holdings', 'Studios', 'Networks', 'Bau', 'Solutions', 'Trading', 'Industries', 'Ventures'];
const SUFFIX: Record<string, readonly string[]> = {
  US: ['Inc.', 'Inc', 'LLC', 'Corp.', 'Co.', ''],
  GB: ['Ltd', 'Ltd.', 'Limited', 'PLC', 'LLP', ''],
  DE: ['GmbH', 'AG', 'GmbH & Co. KG', 'UG', ''],
  FR: ['SAS', 'SARL', 'SA', ''],
  CA: ['Inc.', 'Ltd.', 'Corp.', 'Ltée', ''],
  NL: ['B.V.', 'BV', 'N.V.', ''],
  AU: ['Pty Ltd', 'Pty. Ltd.', ''],
  ES: ['S.L.', 'S.A.', ''],
  IE: ['Ltd', 'DAC', 'Teoranta', ''],
  CH: ['AG', 'GmbH', 'SA', ''],
  SE: ['AB', ''],
  IT: ['S.r.l.', 'S.p.A.', ''],
  BR: ['Ltda.', 'S.A.', ''],
  JP: ['K.K.', 'Co., Ltd.', ''],
  XK: ['L.L.C.', 'Sh.p.k.', ''],
};
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'Anna', 'Lukas', 'Sophie', 'Léa', 'Hugo', 'José', 'María', 'Zoë', 'Björn', 'Søren', 'Aoife', 'Siobhán', 'Chloé', 'François', 'Jürgen', 'Yuki', 'Priya', 'Mohammed', 'Olu', 'Wei', 'Ana', 'Liam', 'Emma', 'Noah'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Müller', 'Schmidt', 'Martin', 'Bernard', "O'Brien", 'García', 'Rossi', 'Nguyen', 'van der Berg', 'Andersson', 'Kowalski', 'Tanaka', 'Silva', 'Dubois', 'Murphy', 'Novak', 'Kelly', 'Singh', 'Lee', 'Fischer'];
const TITLES = ['CFO', 'Chief Financial Officer', 'Accounts Payable', 'Finance Director', 'CEO', 'Founder', 'Office Manager', 'Head of Finance', 'Bookkeeper', 'Procurement', 'CTO', 'Sales', ''];
const ROLE_INBOXES = ['billing', 'accounts', 'finance', 'ap', 'invoices', 'accounting'];
const UNKNOWN_COUNTRIES = ['Narnia', 'Narnia', 'Narnia', 'Atlantis', 'Wakanda', 'Middle-earth'];

function fold(text: string): string {
  return text.replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ß/g, 'ss');
}

const memo = new Map<string, string>();

/** slug/emailLocal of the (few distinct) names, computed once. */
function cached(kind: string, text: string, f: (t: string) => string): string {
  const key = kind + text;
  let v = memo.get(key);
  if (v === undefined) {
    v = f(text);
    memo.set(key, v);
  }
  return v;
}

function slug(text: string): string {
  return fold(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function emailLocal(text: string): string {
  return fold(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function website(r: Rng, domain: string): string | null {
  const roll = r.int(10);
  if (roll === 0) return null;
  if (roll <= 3) return `https://www.${domain}`;
  if (roll === 4) return `http://${domain}`;
  if (roll === 5) return `www.${domain}`;
  if (roll === 6) return domain;
  if (roll === 7) return `https://${domain}/`;
  if (roll === 8) return `HTTPS://WWW.${domain.toUpperCase()}/en/`;
  return `https://${domain}`;
}

const UNBILLABLE_REASONS: readonly UnbillableReason[] = [
  'no_contacts',
  'unknown_country',
  'missing_address',
  'missing_city',
  'missing_zip',
  'us_without_state',
  'missing_country',
  'no_contact_email',
];

/** Adds `count` companies with their contacts and associations to the store. */
export function seedCompanies(store: HubSpotStore, opts: SeedOptions): SeedSummary {
  const r = new Rng(opts.seed ?? 1);
  const avg = max(0, opts.contactsPerCompany ?? 3);
  const unbillableRatio = min(1, max(0, opts.unbillableRatio ?? 0.05));
  const base = toEpochMs(opts.baseTime ?? Date.UTC(2025, 5, 1));
  const span = 730 * 86_400_000;
  const billing = store.defineLabel(opts.billingLabel ?? 'Billing contact');
  const billingType: AssociationTypeInput = { typeId: billing.typeId, label: billing.label, category: 'USER_DEFINED' };
  const primaryType: AssociationTypeInput = { typeId: 2, label: 'Primary', category: 'HUBSPOT_DEFINED' };
  const companies = store.companyTable;
  const contacts = store.contactTable;

  const summary: SeedSummary = {
    companyIds: [],
    contactIds: [],
    associations: 0,
    unbillable: new Map(),
    billingLabelTypeId: billing.typeId,
    withBillingLabel: 0,
    withPrimary: 0,
    duplicateEmails: 0,
    sharedContacts: 0,
  };
  // Contacts that work for several companies (an outsourced bookkeeper), associated as they come.
  const sharedPool: ObjectRecord[] = [];
  const sharedSeen = new Set<number>();
  const usedDomains = new Set<string>();

  for (let i = 0; i < opts.count; i++) {
    const reason: UnbillableReason | undefined = r.chance(unbillableRatio) ? r.pick(UNBILLABLE_REASONS) : undefined;
    const country = reason === 'us_without_state' ? (COUNTRIES[0] as Country) : r.pick(WEIGHTED);
    const core = `${r.pick(NAME_A)} ${r.pick(NAME_B)}`;
    const suffix = r.pick(SUFFIX[country.code] ?? ['']);
    let name = suffix ? `${core} ${suffix}` : core;
    const nameRoll = r.int(40);
    if (nameRoll === 0) name = `  ${name} `;
    else if (nameRoll === 1) name = name.toUpperCase();
    else if (nameRoll === 2) name = name.toLowerCase();
    let domain = `${cached('s', core, slug)}${r.pick(country.tlds)}`;
    if (usedDomains.has(domain)) domain = `${cached('s', core, slug)}${i}${r.pick(country.tlds)}`;
    usedDomains.add(domain);

    let state: string | null = null;
    let city: string;
    if (country.code === 'US' || country.code === 'CA') {
      const entry = r.pick(country.states as readonly (readonly string[])[]);
      state = r.pick(entry);
      const cities = (country.code === 'US' ? US_CITIES : CA_CITIES)[entry[0] as string] ?? ['Springfield'];
      city = r.pick(cities);
    } else {
      city = r.pick(country.cities);
      if (country.states && r.chance(0.7)) state = r.pick(r.pick(country.states));
    }
    const props: HubSpotPropertyValues = {
      name,
      domain: r.chance(0.1) ? null : domain,
      website: website(r, domain),
      phone: r.chance(0.15) ? null : country.phone(r),
      address: country.street(r, r.pick(streetNames)),
      address2: r.chance(0.15) ? r.pick(['Floor 3', 'Unit 5', '2nd Floor', 'c/o Regus', 'Building B']) : null,
      city: r.chance(0.05) ? `${city} ` : city,
      state,
      zip: country.zip(r),
      country: r.pick(country.spellings),
      industry: r.chance(0.5) ? r.pick(['COMPUTER_SOFTWARE', 'FINANCIAL_SERVICES', 'RETAIL', 'MARKETING_AND_ADVERTISING', 'LOGISTICS_AND_SUPPLY_CHAIN']) : null,
      lifecyclestage: r.pick(['customer', 'customer', 'opportunity', 'lead']),
    };
    switch (reason) {
      case 'unknown_country':
        props.country = r.pick(UNKNOWN_COUNTRIES);
        break;
      case 'missing_address':
        props.address = r.chance(0.5) ? null : '';
        break;
      case 'missing_city':
        props.city = null;
        break;
      case 'missing_zip':
        props.zip = null;
        break;
      case 'us_without_state':
        props.state = r.chance(0.5) ? null : '';
        break;
      case 'missing_country':
        props.country = null;
        break;
      default:
        break;
    }
    const createdAt = base - span + floor(r.float() * span);
    const updatedAt = min(base, createdAt + floor(r.float() * 90 * 86_400_000));
    const company = companies.create(props, { createdAt, updatedAt });
    const companyId = toStr(company.idNum);
    summary.companyIds.push(companyId);
    if (reason) summary.unbillable.set(companyId, reason);

    if (reason === 'no_contacts' || avg === 0) continue;
    const n = avg <= 1 ? 1 : 1 + r.int(max(1, round(2 * avg - 1)));
    const billingIndex = r.chance(0.45) ? r.int(n) : -1;
    const primaryIndex = r.chance(0.6) ? r.int(n) : -1;
    if (billingIndex >= 0) summary.withBillingLabel++;
    if (primaryIndex >= 0) summary.withPrimary++;
    let previousEmail: string | null = null;
    for (let k = 0; k < n; k++) {
      const first = r.pick(FIRST);
      const last = r.pick(LAST);
      const nameRollC = r.int(20);
      const firstname = nameRollC === 0 ? null : nameRollC === 1 ? first.toLowerCase() : first;
      const lastname = nameRollC <= 1 || nameRollC === 2 ? null : last;
      let email: string | null;
      const emailRoll = r.int(100);
      if (reason === 'no_contact_email' || emailRoll < 3) email = null;
      else if (emailRoll < 6 && previousEmail) {
        // The same inbox twice at one company, sometimes in another case.
        email = r.chance(0.5) ? previousEmail : previousEmail.toUpperCase();
        summary.duplicateEmails++;
      } else if (k === billingIndex || emailRoll < 20) email = `${r.pick(ROLE_INBOXES)}@${domain}`;
      else if (emailRoll < 25) email = `${capitalize(cached('e', first, emailLocal))}.${capitalize(cached('e', last, emailLocal))}@${domain}`;
      else if (emailRoll < 28) email = ` ${cached('e', first, emailLocal)}@${domain} `;
      else email = `${cached('e', first, emailLocal)}.${cached('e', last, emailLocal)}@${domain}`;
      // Keep every billable company reachable: its last contact gets an address if none had one.
      if (!email && !previousEmail && k === n - 1 && reason !== 'no_contact_email') email = `${r.pick(ROLE_INBOXES)}@${domain}`;
      if (email) previousEmail = email.trim();
      const contactCreated = createdAt + floor(r.float() * 30 * 86_400_000);
      const contact = contacts.create(
        {
          email,
          firstname,
          lastname,
          phone: r.chance(0.4) ? country.phone(r) : null,
          jobtitle: k === billingIndex ? r.pick(['Accounts Payable', 'Finance', 'Billing', 'CFO']) : r.pick(TITLES) || null,
        },
        { createdAt: min(contactCreated, base), updatedAt: min(contactCreated, base) },
      );
      const contactId = toStr(contact.idNum);
      summary.contactIds.push(contactId);
      const types: AssociationTypeInput[] = [];
      if (k === billingIndex) types.push(billingType);
      if (k === primaryIndex) types.push(primaryType);
      store.associate(companyId, contactId, types);
      summary.associations++;
      if (r.chance(0.02)) sharedPool.push(contact);
    }
    // About 1 company in 50 also works with a bookkeeper already working for another company.
    if (sharedPool.length && r.chance(0.02)) {
      const shared = r.pick(sharedPool);
      if (!shared.archived && !hasLink(shared, company.idNum)) {
        store.associate(companyId, toStr(shared.idNum), []);
        summary.associations++;
        if (!sharedSeen.has(shared.idNum)) {
          sharedSeen.add(shared.idNum);
          summary.sharedContacts++;
        }
      }
    }
  }
  return summary;
}

export interface DealSeedOptions {
  /** Companies to give deals to (others get none). */
  companyIds: readonly string[];
  /** Share of the companies with a won deal (default 0.1). */
  wonRatio?: number;
  /** Share of the other companies with only open or lost deals: prospects and churned leads (default 0.3). */
  otherRatio?: number;
  /** Default 1. */
  seed?: number;
  /** Share of deals in a custom "Renewals" pipeline with numeric stage ids (default 0.2). */
  customPipelineShare?: number;
  /** Deal timestamps are spread over the 90 days before this (default 2025-06-01T00:00:00Z). */
  baseTime?: TimeInput;
}

export interface DealSeedSummary {
  /** Companies with at least one won deal, in id order. */
  wonCompanyIds: string[];
  /** Companies with deals, none of them won. */
  otherCompanyIds: string[];
  dealIds: string[];
  /** The custom pipeline's id. */
  customPipelineId: string;
}

/** The custom pipeline the seed adds (once per store), with a won, a lost and two open stages. */
export function renewalsPipeline(store: HubSpotStore) {
  const existing = store.pipelines.all().find((p) => p.label === 'Renewals');
  return (
    existing ??
    store.createDealPipeline('Renewals', [
      { label: 'Up for renewal', probability: 0.3 },
      { label: 'Quote sent', probability: 0.7 },
      { label: 'Renewed', probability: 1 },
      { label: 'Churned', probability: 0 },
    ])
  );
}

/**
 * Adds deals to companies: a share of them gets a won deal (sometimes beside open or lost ones,
 * sometimes two), another share only open or lost deals. Won companies are picked at random but
 * deterministically for a seed; the summary lists them.
 */
export function seedDeals(store: HubSpotStore, opts: DealSeedOptions): DealSeedSummary {
  const r = new Rng(opts.seed ?? 1);
  const wonRatio = min(1, max(0, opts.wonRatio ?? 0.1));
  const otherRatio = min(1, max(0, opts.otherRatio ?? 0.3));
  const customShare = min(1, max(0, opts.customPipelineShare ?? 0.2));
  const base = toEpochMs(opts.baseTime ?? Date.UTC(2025, 5, 1));
  const renewals = renewalsPipeline(store);
  const stageOf = (label: string) => renewals.stages.find((s) => s.label === label)!.id;
  const stages = {
    default: { won: 'closedwon', lost: 'closedlost', open: ['appointmentscheduled', 'qualifiedtobuy', 'contractsent'] },
    custom: { won: stageOf('Renewed'), lost: stageOf('Churned'), open: [stageOf('Up for renewal'), stageOf('Quote sent')] },
  };
  const summary: DealSeedSummary = { wonCompanyIds: [], otherCompanyIds: [], dealIds: [], customPipelineId: renewals.id };
  const ids = [...opts.companyIds];
  // Exactly round(wonRatio × n) won companies, drawn without replacement.
  const wonCount = round(wonRatio * ids.length);
  const order = ids.map((id) => ({ id, key: r.float() }));
  order.sort((a, b) => a.key - b.key);
  const won = new Set(order.slice(0, wonCount).map((o) => o.id));
  const deal = (companyId: string, kind: 'won' | 'lost' | 'open', n: number) => {
    const custom = r.chance(customShare);
    const set = custom ? stages.custom : stages.default;
    const stage = kind === 'won' ? set.won : kind === 'lost' ? set.lost : r.pick(set.open);
    const at = base - floor(r.float() * 90 * 86_400_000);
    const created = store.dealTable.create(
      { dealname: `Deal ${n} for ${companyId}`, dealstage: stage, pipeline: custom ? renewals.id : 'default', amount: toStr(1000 + r.int(50_000)) },
      { createdAt: at, updatedAt: at },
    );
    store.dealLinks.link(created.idNum, Number(companyId), true);
    summary.dealIds.push(toStr(created.idNum));
  };
  for (const companyId of ids) {
    if (won.has(companyId)) {
      summary.wonCompanyIds.push(companyId);
      if (r.chance(0.3)) deal(companyId, r.chance(0.5) ? 'lost' : 'open', 1);
      deal(companyId, 'won', 2);
      if (r.chance(0.1)) deal(companyId, 'won', 3);
    } else if (r.chance(otherRatio)) {
      summary.otherCompanyIds.push(companyId);
      const n = 1 + r.int(2);
      for (let k = 0; k < n; k++) deal(companyId, r.chance(0.4) ? 'lost' : 'open', k + 1);
    }
  }
  summary.wonCompanyIds.sort((a, b) => Number(a) - Number(b));
  return summary;
}
