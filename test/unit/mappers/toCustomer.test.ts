import type { MappingConfig } from '../../../config/mapping';
import { COMPANY_PROPERTIES, type CompanyBundle, type HubSpotProperties } from '../../../src/hubspot/types';
import {
  companyAlias,
  companyPropertiesToRead,
  formatProblem,
  mapCompanyToCustomer,
  type MapOutcome,
} from '../../../src/mappers';
import { CreateOrUpdateCustomerRequest } from '../../../src/sequence/schemas';
import { BILLING_LABEL, bundle, config, contact, defaultContact } from './fixtures';

function problems(outcome: MapOutcome): string[] {
  return outcome.ok ? [] : outcome.problems.map(formatProblem);
}
function warnings(outcome: MapOutcome): string[] {
  return outcome.warnings.map((w) => w.message);
}
function request(outcome: MapOutcome): CreateOrUpdateCustomerRequest {
  if (!outcome.ok) throw new Error(`expected ok, got ${problems(outcome).join(' | ')}`);
  expect(CreateOrUpdateCustomerRequest.safeParse(outcome.request).success).toBe(true);
  return outcome.request;
}

describe('a billable company', () => {
  test('maps every field', () => {
    const outcome = mapCompanyToCustomer(bundle({ address2: ' Floor 3 ' }), config());
    expect(request(outcome)).toEqual({
      legalName: 'Acme Widgets Ltd',
      address: { line1: '1 Market Street', line2: 'Floor 3', town: 'London', postcode: 'EC1A 1BB', country: 'GB' },
      url: 'https://www.acme.example',
      taxStatus: 'TAXED',
      customerAliases: ['hubspot-company-1001'],
      integrationIds: [{ service: 'HubSpot', id: '1001' }],
      contacts: [{ name: 'Jane Doe', email: 'jane.doe@acme.example', billingPreference: 'PRIMARY' }],
    });
    expect(outcome.warnings).toEqual([]);
  });

  /** [description, company properties, config, what the request must contain, warnings expected] */
  const SUCCESSES: Array<[string, HubSpotProperties, Partial<MappingConfig>, Record<string, unknown>, RegExp[]]> = [
    ['legal name trimmed, inner whitespace collapsed', { name: '  Acme \n  Widgets\tLtd  ' }, {}, { legalName: 'Acme Widgets Ltd' }, []],
    ['US address from "USA" and "new york"', { country: 'USA', state: 'new york', city: 'New York', zip: '10001' }, {}, { address: { line1: '1 Market Street', town: 'New York', state: 'NY', postcode: '10001', country: 'US' } }, []],
    ['US address from "United States" and "CA"', { country: 'United States', state: 'CA', city: 'San Francisco', zip: '94105' }, {}, { address: { line1: '1 Market Street', town: 'San Francisco', state: 'CA', postcode: '94105', country: 'US' } }, []],
    ['Canadian address from "Canada" and "Ont."', { country: 'Canada', state: 'Ont.', city: 'Toronto', zip: 'M5V 2T6' }, {}, { address: { line1: '1 Market Street', town: 'Toronto', state: 'ON', postcode: 'M5V 2T6', country: 'CA' } }, []],
    ['Canadian address from "CA" and "Québec"', { country: 'CA', state: 'Québec', city: 'Montréal', zip: 'H2Y 1C6' }, {}, { address: { line1: '1 Market Street', town: 'Montréal', state: 'QC', postcode: 'H2Y 1C6', country: 'CA' } }, []],
    ['"Deutschland" with a Land: state kept out, warned', { country: 'Deutschland', state: 'Bayern', city: 'München', zip: '80331' }, {}, { address: { line1: '1 Market Street', town: 'München', postcode: '80331', country: 'DE' } }, [/state "Bayern" is not sent/]],
    ['a US-looking state with a non-US country is warned about', { country: 'GB', state: 'California' }, {}, { address: { line1: '1 Market Street', town: 'London', postcode: 'EC1A 1BB', country: 'GB' } }, [/looks like a US state; check the country/]],
    ['blank address2 is left out', { address2: '   ' }, {}, { address: { line1: '1 Market Street', town: 'London', postcode: 'EC1A 1BB', country: 'GB' } }, []],
    ['website without scheme', { website: 'Acme.example/EN' }, {}, { url: 'https://acme.example/EN' }, []],
    ['no website: domain', { website: null, domain: 'acme.example' }, {}, { url: 'https://acme.example' }, []],
    ['bad website: domain, with a warning', { website: 'see linkedin', domain: 'acme.example' }, {}, { url: 'https://acme.example' }, [/"see linkedin" is not a hostname/]],
    ['neither usable: no url, with a warning', { website: 'n/a', domain: null }, {}, { url: undefined }, [/"n\/a"/]],
    ['tax status from a configured property and value map, case-blind', { vat_status: ' exempt ' }, { taxStatusProperty: 'vat_status', taxStatusValues: { Exempt: 'TAX_EXEMPT', 'EU reverse charge': 'REVERSE_CHARGED' } }, { taxStatus: 'TAX_EXEMPT' }, []],
    ['tax status given as Sequence\'s own value', { vat_status: 'reverse charged' }, { taxStatusProperty: 'vat_status' }, { taxStatus: 'REVERSE_CHARGED' }, []],
    ['empty tax property: the default', { vat_status: '' }, { taxStatusProperty: 'vat_status', defaultTaxStatus: 'TAX_EXEMPT' }, { taxStatus: 'TAX_EXEMPT' }, []],
    ['label from a configured property', { account_code: ' ACME-01 ' }, { labelProperty: 'account_code' }, { label: 'ACME-01' }, []],
    ['empty label property: no label', { account_code: null }, { labelProperty: 'account_code' }, { label: undefined }, []],
    ['custom properties in name order, empty ones left out', { industry: 'Manufacturing', tier: '', owner: ' Ann ' }, { customProperties: { segment: 'industry', tier: 'tier', accountOwner: 'owner' } }, { customProperties: { accountOwner: 'Ann', segment: 'Manufacturing' } }, []],
    ['no custom properties configured: key absent', { industry: 'Manufacturing' }, {}, { customProperties: undefined }, []],
    ['a configured alias prefix', {}, { aliasPrefix: 'hs-' }, { customerAliases: ['hs-1001'] }, []],
  ];

  test.each(SUCCESSES)('%s', (_description, properties, overrides, expected, expectedWarnings) => {
    const outcome = mapCompanyToCustomer(bundle(properties), config(overrides));
    const req = request(outcome);
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(Object.keys(req)).not.toContain(key);
      else expect(req[key as keyof CreateOrUpdateCustomerRequest]).toEqual(value);
    }
    const messages = warnings(outcome);
    expect(messages).toHaveLength(expectedWarnings.length);
    expectedWarnings.forEach((pattern, i) => expect(messages[i]).toMatch(pattern));
  });

  test('the same company gives byte-identical JSON, whatever the order of properties and contacts', () => {
    const contacts = [
      defaultContact,
      contact('502', { email: 'ap@acme.example', firstname: 'AP', createdate: '2024-01-01T00:00:00Z' }, [BILLING_LABEL]),
      contact('503', { email: 'ops@acme.example', createdate: '2022-01-01T00:00:00Z' }),
    ];
    const cfg = config({ customProperties: { b: 'city', a: 'zip' } });
    const first = mapCompanyToCustomer(bundle({}, contacts), cfg);
    const reversedProperties = Object.fromEntries(Object.entries(bundle().company.properties).reverse());
    const second = mapCompanyToCustomer({ company: { id: '1001', properties: reversedProperties }, contacts: [...contacts].reverse() }, cfg);
    expect(JSON.stringify(request(second))).toBe(JSON.stringify(request(first)));
    expect(request(first).contacts.map((c) => c.email)).toEqual(['ap@acme.example', 'ops@acme.example', 'jane.doe@acme.example']);
  });
});

describe('a company that cannot be billed', () => {
  /** [description, company properties, contacts (undefined = one good contact), config, the problem lines] */
  const FAILURES: Array<[string, HubSpotProperties, CompanyBundle['contacts'] | undefined, Partial<MappingConfig>, string[]]> = [
    ['no name', { name: null }, undefined, {}, ['legalName: HubSpot property "name" is not set; set the company name in HubSpot']],
    ['blank name', { name: '   ' }, undefined, {}, ['legalName: HubSpot property "name" is blank ("   "); set the company name in HubSpot']],
    ['no street address', { address: null }, undefined, {}, ['address.line1: HubSpot property "address" is not set; set the street address of the company in HubSpot']],
    ['empty city', { city: '' }, undefined, {}, ['address.town: HubSpot property "city" is empty; set the city of the company in HubSpot']],
    ['no zip', { zip: null }, undefined, {}, ['address.postcode: HubSpot property "zip" is not set; set the postal code of the company in HubSpot']],
    ['not a country', { country: 'Narnia' }, undefined, {}, ['address.country: HubSpot property "country" is "Narnia", not a country; set an ISO code or a country name']],
    ['no country', { country: null }, undefined, {}, ['address.country: HubSpot property "country" is not set; set an ISO code or a country name']],
    ['no country, but a US state', { country: '', state: 'new york' }, undefined, {}, ['address.country: HubSpot property "country" is empty, but "state" is "new york", which looks like a US state (NY); set country to US']],
    ['no country, but a Canadian province', { country: null, state: 'Ont.' }, undefined, {}, ['address.country: HubSpot property "country" is not set, but "state" is "Ont.", which looks like a Canadian province (ON); set country to CA']],
    ['no country, but a US territory as state', { country: null, state: 'Puerto Rico' }, undefined, {}, ['address.country: HubSpot property "country" is not set, but "state" is "Puerto Rico", which looks like Puerto Rico; set country to PR']],
    ['an ambiguous country', { country: 'Congo' }, undefined, {}, ['address.country: HubSpot property "country" is "Congo", which could mean Democratic Republic of the Congo (CD) or Republic of the Congo (CG); set the ISO code: CD or CG']],
    ['a state typed as the country', { country: 'California', state: null }, undefined, {}, ['address.country: HubSpot property "country" is "California", not a country; it looks like a US state: set country to US and state to CA']],
    ['US without a state', { country: 'US', state: null }, undefined, {}, ['address.state: HubSpot property "state" is not set, but Sequence requires a state when the country is US; set a US state code or name (e.g. "NY" or "New York")']],
    ['Canada without a province', { country: 'Canada', state: ' ' }, undefined, {}, ['address.state: HubSpot property "state" is blank (" "), but Sequence requires a state when the country is CA; set a Canadian province code or name (e.g. "ON" or "Ontario")']],
    ['US with a Canadian province', { country: 'USA', state: 'Ontario' }, undefined, {}, ['address.state: HubSpot property "state" is "Ontario", a Canadian province (ON), but the country is US; set a US state, or change country to CA']],
    ['Canada with a US state', { country: 'Canada', state: 'California' }, undefined, {}, ['address.state: HubSpot property "state" is "California", a US state (CA), but the country is CA; set a Canadian province, or change country to US']],
    ['US with something that is not a state', { country: 'USA', state: 'Bavaria' }, undefined, {}, ['address.state: HubSpot property "state" is "Bavaria", not a US state; set a US state code or name (e.g. "NY" or "New York")']],
    ['US with a territory as state', { country: 'US', state: 'PR' }, undefined, {}, ['address.state: HubSpot property "state" is "PR", Puerto Rico, which Sequence treats as a country of its own; set country to PR and leave state empty']],
    ['an unmapped tax value', { vat_status: 'Maybe' }, undefined, { taxStatusProperty: 'vat_status', taxStatusValues: { Exempt: 'TAX_EXEMPT' } }, ['taxStatus: HubSpot property "vat_status" is "Maybe", not a known tax status; set it to one of "Exempt", TAXED, TAX_EXEMPT, REVERSE_CHARGED (or empty for TAXED), or add the value to TAX_STATUS_VALUES']],
    ['a tax value mapped to nonsense', { vat_status: 'exempt' }, undefined, { taxStatusProperty: 'vat_status', taxStatusValues: { Exempt: 'FREE' } }, ['taxStatus: HubSpot property "vat_status" is "exempt", which TAX_STATUS_VALUES maps to "FREE", not a Sequence tax status; map it to one of TAXED, TAX_EXEMPT, REVERSE_CHARGED in TAX_STATUS_VALUES']],
    ['no contacts', {}, [], {}, ['contacts: the company has no associated contacts; associate a contact with a valid email (label it "Billing contact"), or set FALLBACK_BILLING_EMAIL']],
    ['no contact with a valid email', {}, [contact('1', { email: 'jane(at)acme' })], {}, ['contacts: none of the 1 associated contact has a valid email; associate a contact with a valid email (label it "Billing contact"), or set FALLBACK_BILLING_EMAIL']],
    ['a value with line breaks stays on one line', { country: 'Nar\nnia' }, undefined, {}, ['address.country: HubSpot property "country" is "Nar\\nnia", not a country; set an ISO code or a country name']],
    [
      'every address problem at once, in field order',
      { name: 'Acme', address: '', city: null, zip: ' ', country: 'Atlantis', state: 'Ont.' },
      [],
      {},
      [
        'address.line1: HubSpot property "address" is empty; set the street address of the company in HubSpot',
        'address.town: HubSpot property "city" is not set; set the city of the company in HubSpot',
        'address.postcode: HubSpot property "zip" is blank (" "); set the postal code of the company in HubSpot',
        'address.country: HubSpot property "country" is "Atlantis", not a country; set an ISO code or a country name',
        'contacts: the company has no associated contacts; associate a contact with a valid email (label it "Billing contact"), or set FALLBACK_BILLING_EMAIL',
      ],
    ],
  ];

  test.each(FAILURES)('%s', (_description, properties, contacts, overrides, expected) => {
    const outcome = mapCompanyToCustomer(bundle(properties, contacts), config(overrides));
    expect(outcome.ok).toBe(false);
    expect(problems(outcome)).toEqual(expected);
    if (!outcome.ok) {
      for (const problem of outcome.problems) {
        expect(problem.fix).not.toBe('');
        expect(formatProblem(problem)).not.toMatch(/\n/);
      }
    }
  });

  test('a problem carries field, property and the value found', () => {
    const outcome = mapCompanyToCustomer(bundle({ country: 'Narnia' }), config());
    expect(outcome).toMatchObject({
      ok: false,
      problems: [{ field: 'address.country', property: 'country', value: 'Narnia', fix: 'set an ISO code or a country name' }],
    });
  });

  test('a huge value is shortened in the problem', () => {
    const outcome = mapCompanyToCustomer(bundle({ country: 'x'.repeat(1_000_000) }), config());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems[0]?.value?.length).toBeLessThan(200);
      expect(formatProblem(outcome.problems[0]!)).toContain('(1000000 characters)');
    }
  });

  test('a blank company id', () => {
    const outcome = mapCompanyToCustomer(bundle({}, undefined, '  '), config());
    expect(problems(outcome)).toEqual(['integrationIds: the company has no id; map a company as HubSpot returns it, with its id']);
  });

  test('input that does not even match the type is a problem, not an exception', () => {
    const broken = { company: null, contacts: 'nope' } as unknown as CompanyBundle;
    const outcome = mapCompanyToCustomer(broken, config());
    expect(outcome.ok).toBe(false);
  });
});

describe('helpers', () => {
  test('companyAlias', () => {
    expect(companyAlias('1001', { aliasPrefix: 'hubspot-company-' })).toBe('hubspot-company-1001');
  });

  test('companyPropertiesToRead adds configured properties once', () => {
    const names = companyPropertiesToRead(
      config({ taxStatusProperty: 'vat_status', labelProperty: 'name', customProperties: { a: 'industry', b: 'vat_status', c: 'industry' } }),
    );
    expect(names).toEqual([...COMPANY_PROPERTIES, 'vat_status', 'industry']);
  });

  test('formatProblem gives the documented line', () => {
    expect(
      formatProblem({
        field: 'address.country',
        property: 'country',
        value: 'Narnia',
        message: 'HubSpot property "country" is "Narnia", not a country',
        fix: 'set an ISO code or a country name',
      }),
    ).toBe('address.country: HubSpot property "country" is "Narnia", not a country; set an ISO code or a country name');
  });
});
