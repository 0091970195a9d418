/**
 * Property tests: whatever HubSpot sends (unicode, empty, huge, null, missing), the mapper never
 * throws, and what it returns is either a payload Sequence's strict schema accepts or a non-empty
 * list of one-line problems.
 */
import fc from 'fast-check';
import type { MappingConfig } from '../../../config/mapping';
import { CompanyBundle, COMPANY_PROPERTIES, type AssociatedContact, type HubSpotProperties } from '../../../src/hubspot/types';
import { formatProblem, mapCompanyToCustomer, type MapOutcome } from '../../../src/mappers';
import { CreateOrUpdateCustomerRequest } from '../../../src/sequence/schemas';
import { baseConfig } from './fixtures';

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const oddChars = fc.constantFrom('\u200b', '\u00a0', '\u2028', '\ufeff', '\u0301', '👩‍👩‍👧', 'ß', 'İ', '\u202e', '"', '\\', '@', '.', '/', ':');

/** Any text HubSpot could hold. */
const anyText: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\n\t', '   \u200b ') },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, controlChar, oddChars, fc.string({ unit: 'grapheme-ascii', maxLength: 1 })) }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1000, max: 60_000 })).map(([s, n]) => s.repeat(n)) },
);

/** Text that is often valid, so the success path is exercised too. */
const realisticText = (values: readonly string[]): fc.Arbitrary<string | null> =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: anyText });

const REALISTIC: Record<string, readonly string[]> = {
  name: ['Acme Ltd', '  Northwind   Traders ', 'Ünïcødé GmbH', '株式会社テスト'],
  address: ['1 Market Street', '350 Fifth Ave', 'Hauptstraße 5'],
  address2: ['Suite 4', '', 'Floor 3'],
  city: ['London', 'New York', 'Toronto', 'München'],
  zip: ['EC1A 1BB', '10118', 'M5V 2T6', '80331'],
  state: ['new york', 'NY', 'Ont.', 'Québec', 'Bayern', 'California', 'CA', 'Pennsylvania', 'GA', 'Atlanta', 'Nueva York', 'NoDak'],
  country: ['USA', 'U.K.', 'Deutschland', 'Canada', 'CA', 'United States', 'Narnia', 'Congo', 'fr', 'PA', 'Georgia', 'Korea', 'Nga', 'NGA', '대한민국', 'Tanzania, United Republic of'],
  website: ['acme.com', 'https://www.acme.com/en', 'http://x', 'not a site', 'info@acme.com'],
  domain: ['acme.com', 'northwind.example'],
  vat_status: ['exempt', 'TAXED', 'reverse charge', 'maybe'],
  account_code: ['ACME-01', ''],
  industry: ['Manufacturing', ''],
};

const propertyNames = [...new Set([...COMPANY_PROPERTIES, ...Object.keys(REALISTIC)])];

function propertiesArb(realistic: boolean): fc.Arbitrary<HubSpotProperties> {
  const model: Record<string, fc.Arbitrary<string | null>> = {};
  for (const name of propertyNames) model[name] = realistic && REALISTIC[name] ? realisticText(REALISTIC[name]) : anyText;
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<HubSpotProperties>;
}

function contactArb(realistic: boolean): fc.Arbitrary<AssociatedContact> {
  const email = realistic
    ? realisticText(['jane@acme.com', 'JANE@acme.com', 'ap@acme.com', 'mailto:bob@acme.com', 'nope', 'a@b'])
    : anyText;
  const timestamp = fc.oneof(anyText, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.nat().map(String));
  return fc.record({
    id: fc.oneof(fc.nat().map(String), fc.string({ minLength: 1 })),
    properties: fc.record({ email, firstname: anyText, lastname: anyText, createdate: timestamp }, { requiredKeys: [] }) as fc.Arbitrary<HubSpotProperties>,
    associationTypes: fc.array(
      fc.record({
        typeId: fc.oneof(fc.constantFrom(1, 2, 37, 280), fc.integer()),
        label: fc.oneof(fc.constant(null), fc.constantFrom('Billing contact', 'billing CONTACT', 'Primary'), fc.string()),
        category: fc.constantFrom('HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', ''),
      }),
      { maxLength: 3 },
    ),
  });
}

function bundleArb(realistic: boolean): fc.Arbitrary<CompanyBundle> {
  return fc.record({
    company: fc.record({ id: fc.oneof(fc.nat().map(String), fc.string({ minLength: 1 })), properties: propertiesArb(realistic) }),
    contacts: fc.array(contactArb(realistic), { maxLength: 8 }),
  });
}

const configArb: fc.Arbitrary<MappingConfig> = fc.record({
  aliasPrefix: fc.constantFrom('hubspot-company-', 'hs-', ''),
  billingContactLabel: fc.constantFrom('Billing contact', '', 'Accounts payable'),
  otherContactsPreference: fc.constantFrom('STANDARD', 'NONE', 'PRIMARY'),
  maxContacts: fc.integer({ min: 1, max: 5 }),
  defaultTaxStatus: fc.constantFrom('TAXED', 'TAX_EXEMPT', 'REVERSE_CHARGED'),
  taxStatusProperty: fc.constantFrom(undefined, 'vat_status'),
  taxStatusValues: fc.constantFrom<Record<string, string>>({}, { Exempt: 'TAX_EXEMPT', 'Reverse charge': 'REVERSE_CHARGED' }, { broken: 'NOPE' }),
  labelProperty: fc.constantFrom(undefined, 'account_code', 'name'),
  customProperties: fc.constantFrom<Record<string, string>>({}, { industry: 'industry', code: 'account_code', phone: 'phone' }),
  fallbackBillingEmail: fc.constantFrom(undefined, 'billing@ourcompany.example', 'broken'),
});

/** For well-typed input every problem comes from a mapping rule: no internal error, no schema surprise. */
function checkRulesCoverEverything(outcome: MapOutcome): void {
  if (outcome.ok) return;
  for (const problem of outcome.problems) {
    expect(problem.field).not.toBe('(mapper)');
    expect(problem.message).not.toMatch(/^Sequence's schema rejects/);
  }
}

function checkOutcome(outcome: MapOutcome): void {
  if (outcome.ok) {
    const parsed = CreateOrUpdateCustomerRequest.safeParse(outcome.request);
    expect(parsed.success).toBe(true);
    expect(outcome.request.contacts.filter((c) => c.billingPreference === 'PRIMARY').length).toBeGreaterThanOrEqual(1);
  } else {
    expect(outcome.problems.length).toBeGreaterThan(0);
    for (const problem of outcome.problems) {
      expect(typeof problem.field).toBe('string');
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.fix.length).toBeGreaterThan(0);
      expect(formatProblem(problem)).not.toMatch(/[\r\n\u2028\u2029]/);
      expect((problem.value ?? '').length).toBeLessThan(400);
    }
  }
}

describe('mapCompanyToCustomer over arbitrary HubSpot data', () => {
  test('arbitrary values: never throws; a schema-valid payload or problems; deterministic', () => {
    fc.assert(
      fc.property(bundleArb(false), configArb, (bundle, config) => {
        expect(CompanyBundle.safeParse(bundle).success).toBe(true);
        const outcome = mapCompanyToCustomer(bundle, config);
        checkOutcome(outcome);
        checkRulesCoverEverything(outcome);
        expect(JSON.stringify(mapCompanyToCustomer(bundle, config))).toBe(JSON.stringify(outcome));
      }),
      { numRuns: 300 },
    );
  });

  test('mostly realistic values: the same guarantees, and the success path is reached', () => {
    let successes = 0;
    fc.assert(
      fc.property(bundleArb(true), configArb, (bundle, config) => {
        const outcome = mapCompanyToCustomer(bundle, config);
        checkOutcome(outcome);
        checkRulesCoverEverything(outcome);
        if (outcome.ok) successes += 1;
      }),
      { numRuns: 500 },
    );
    expect(successes).toBeGreaterThan(10);
  });

  test('input outside the type (wrong shapes at run time) still never throws nor fails inside', () => {
    const weird = fc.anything({ withNullPrototype: true, withMap: true, withBigInt: true });
    const company = fc.oneof(
      weird,
      fc.record({
        id: weird,
        properties: fc.oneof(weird, fc.dictionary(fc.constantFrom('name', 'address', 'city', 'zip', 'state', 'country', 'website'), weird)),
      }),
    );
    const contacts = fc.oneof(
      weird,
      fc.array(
        fc.oneof(
          weird,
          fc.record({
            id: weird,
            properties: fc.oneof(weird, fc.dictionary(fc.constantFrom('email', 'firstname', 'lastname', 'createdate'), weird)),
            associationTypes: fc.oneof(weird, fc.array(weird)),
            createdAt: weird,
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(company, contacts, (c, cs) => {
        const outcome = mapCompanyToCustomer({ company: c, contacts: cs } as unknown as CompanyBundle, baseConfig);
        checkOutcome(outcome);
        if (!outcome.ok) expect(outcome.problems.map((p) => p.field)).not.toContain('(mapper)');
      }),
      { numRuns: 300 },
    );
  });
});
