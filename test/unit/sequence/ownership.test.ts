import fc from 'fast-check';
import { parseEnv } from '../../../config/env';
import { configFromEnv } from '../../../config';
import { configProblems } from '../../helpers/config';
import { customerMatches, mergeForUpdate } from '../../../src/sequence/merge';
import { diffCustomer } from '../../../src/sequence/field-diff';
import {
  applyOwnership,
  DEFAULT_OWNERSHIP,
  FIELD_GROUPS,
  FIELD_OWNERS,
  needsCurrentContacts,
  ownershipHash,
  type FieldGroup,
  type FieldOwnership,
} from '../../../src/sequence/ownership';
import { hashPayload } from '../../../src/shared/hash';
import type { CreateOrUpdateCustomerRequest, Customer } from '../../../src/sequence/schemas';

const desired: CreateOrUpdateCustomerRequest = {
  legalName: 'Acme Ltd',
  address: { line1: '1 Market Street', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
  url: 'https://acme.example',
  label: 'Key account',
  taxStatus: 'TAXED',
  integrationIds: [{ service: 'HubSpot', id: '101' }],
  customerAliases: ['hubspot-company-101'],
  contacts: [{ name: 'Ann Payer', email: 'ann@acme.example', billingPreference: 'PRIMARY' }],
  customProperties: { industry: 'Retail', region: 'North' },
};

function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cus_1',
    createdAt: '2026-01-01T00:00:00Z',
    legalName: 'Acme Limited (finance)',
    address: { line1: '9 Ledger Lane', town: 'York', postcode: 'YO1 7HH', country: 'GB' },
    url: 'https://billing.acme.example',
    label: 'Finance label',
    taxStatus: 'TAX_EXEMPT',
    integrationIds: [{ service: 'HubSpot', id: '101' }],
    contacts: [{ id: 'c1', name: 'Fin Ance', email: 'ap@acme.example', billingPreference: 'PRIMARY', createdAt: 'x', updatedAt: 'x' }],
    customProperties: { industry: 'Finance says', other: 'kept' },
    ...overrides,
  };
}

const policy = (groups: Partial<Record<FieldGroup, (typeof FIELD_OWNERS)[number]>>): FieldOwnership => ({ ...DEFAULT_OWNERSHIP, ...groups });

describe('FIELD_OWNERSHIP setting', () => {
  const problemsOf = (value: string) => configProblems({ FIELD_OWNERSHIP: value });

  it('defaults to HubSpot owning every group, and reads a partial map', () => {
    expect(configFromEnv(parseEnv({})).mapping.fieldOwnership).toEqual(DEFAULT_OWNERSHIP);
    const read = configFromEnv(parseEnv({ FIELD_OWNERSHIP: '{"address":"create-only","contacts":"fill-empty"}' })).mapping.fieldOwnership;
    expect(read).toEqual({ ...DEFAULT_OWNERSHIP, address: 'create-only', contacts: 'fill-empty' });
  });

  it('names the group and lists the allowed values for a bad owner', () => {
    const [problem, ...rest] = problemsOf('{"address":"sequence"}');
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^FIELD_OWNERSHIP: address: "sequence" is not an owner; allowed: hubspot, create-only, fill-empty/);
  });

  it('names an unknown group and lists the groups', () => {
    expect(problemsOf('{"billingAddress":"hubspot"}')[0]).toContain('unknown field group "billingAddress"; groups are legalName, address, url, label, taxStatus, contacts, customProperties');
  });

  it('rejects what is not a JSON object', () => {
    expect(problemsOf('["address"]')[0]).toMatch(/^FIELD_OWNERSHIP: must be a JSON object of field group → owner/);
    expect(problemsOf('{oops')[0]).toMatch(/^FIELD_OWNERSHIP: must be a JSON object/);
  });
});

describe('applyOwnership', () => {
  it('writes everything from HubSpot at creation, whatever the policy', () => {
    const all = policy(Object.fromEntries(FIELD_GROUPS.map((g) => [g, 'create-only'])));
    expect(applyOwnership(desired, undefined, all).request).toEqual(desired);
  });

  it('leaves the request alone under the default policy', () => {
    expect(applyOwnership(desired, customer(), DEFAULT_OWNERSHIP)).toEqual({ request: desired, kept: [], notes: [] });
  });

  it('create-only keeps Sequence’s value of every group, HubSpot’s for the others', () => {
    const current = customer();
    const out = applyOwnership(desired, current, policy({ address: 'create-only', contacts: 'create-only', label: 'create-only', customProperties: 'create-only' }));
    expect(out.kept).toEqual(['address', 'label', 'contacts', 'customProperties']);
    expect(out.request.address).toEqual(current.address);
    expect(out.request.label).toBe('Finance label');
    expect(out.request.contacts).toEqual([{ name: 'Fin Ance', email: 'ap@acme.example', billingPreference: 'PRIMARY' }]);
    expect(out.request.customProperties).toBeUndefined(); // omitted: Sequence keeps all of them
    expect(out.request.legalName).toBe('Acme Ltd');
    expect(out.request.url).toBe('https://acme.example');
    // The PUT body keeps finance's custom properties as they are.
    expect(mergeForUpdate(out.request, current).customProperties).toBeUndefined();
  });

  it('fill-empty writes HubSpot’s value only where Sequence’s is empty', () => {
    const empty = customer({ url: null, label: '  ', contacts: [{ id: 'c1', name: 'Old', email: 'old@acme.example', billingPreference: 'PRIMARY', createdAt: 'x', updatedAt: 'x', archivedAt: 'y' }], customProperties: { industry: '', other: 'kept' } });
    const all = policy({ url: 'fill-empty', label: 'fill-empty', contacts: 'fill-empty', customProperties: 'fill-empty', address: 'fill-empty' });
    const filled = applyOwnership(desired, empty, all);
    expect(filled.request.url).toBe(desired.url);
    expect(filled.request.label).toBe(desired.label);
    expect(filled.request.contacts).toEqual(desired.contacts);
    expect(filled.request.customProperties).toEqual({ industry: 'Retail', region: 'North' });
    expect(filled.request.address).toEqual(empty.address); // not empty: kept
    expect(filled.kept).toEqual(['address']);

    const set = customer();
    const kept = applyOwnership(desired, set, all);
    expect(kept.request.url).toBe(set.url);
    expect(kept.request.label).toBe(set.label);
    expect(kept.request.contacts).toEqual([{ name: 'Fin Ance', email: 'ap@acme.example', billingPreference: 'PRIMARY' }]);
    // industry is set in Sequence (kept by the merge), region is not (filled).
    expect(kept.request.customProperties).toEqual({ region: 'North' });
    expect(mergeForUpdate(kept.request, set).customProperties).toEqual({ industry: 'Finance says', other: 'kept', region: 'North' });
  });

  it('fills an empty address as a whole, never street from one side and town from the other', () => {
    const blankAddress = customer({ address: { line1: ' ', town: '', postcode: '', country: 'GB' } });
    expect(applyOwnership(desired, blankAddress, policy({ address: 'fill-empty' })).request.address).toEqual(desired.address);
  });

  it('writes HubSpot’s value, with a note, when Sequence’s cannot be sent back', () => {
    const noContacts = customer({ contacts: [] });
    const out = applyOwnership(desired, noContacts, policy({ contacts: 'create-only' }));
    expect(out.request.contacts).toEqual(desired.contacts);
    expect(out.kept).toEqual([]);
    expect(out.notes).toEqual([expect.stringMatching(/^contacts: Sequence's value cannot be sent back \(.*at least one contact/)]);
  });
});

it('says when an update needs the contacts Sequence has (the listing does not give them)', () => {
  expect(needsCurrentContacts(DEFAULT_OWNERSHIP)).toBe(false);
  expect(needsCurrentContacts(undefined)).toBe(false);
  expect(needsCurrentContacts(policy({ address: 'create-only' }))).toBe(false);
  expect(needsCurrentContacts(policy({ contacts: 'fill-empty' }))).toBe(true);
});

describe('ownershipHash', () => {
  it('is the plain payload hash under the default policy (links written before stay valid)', () => {
    expect(ownershipHash(desired, DEFAULT_OWNERSHIP)).toBe(hashPayload(desired));
    expect(ownershipHash(desired, undefined)).toBe(hashPayload(desired));
  });

  it('ignores HubSpot changes to create-only groups, not to fill-empty or HubSpot ones', () => {
    const p = policy({ address: 'create-only', url: 'fill-empty' });
    const base = ownershipHash(desired, p);
    expect(ownershipHash({ ...desired, address: { ...desired.address, line1: '2 Other Road' } }, p)).toBe(base);
    expect(ownershipHash({ ...desired, url: 'https://new.example' }, p)).not.toBe(base);
    expect(ownershipHash({ ...desired, legalName: 'Acme Group' }, p)).not.toBe(base);
  });

  it('changes with the policy', () => {
    expect(ownershipHash(desired, policy({ url: 'fill-empty' }))).not.toBe(ownershipHash(desired, policy({ url: 'create-only', label: 'fill-empty' })));
    expect(ownershipHash(desired, policy({ url: 'fill-empty' }))).not.toBe(ownershipHash(desired, DEFAULT_OWNERSHIP));
  });
});

// ---- property: the policy's groups never show up in an update's diff --------------------------

const text = fc.constantFrom('', ' ', 'Acme', 'Acme Ltd', 'Northwind', 'Ünïcødé GmbH');
const nonBlank = fc.constantFrom('Acme', 'Acme Ltd', 'Northwind', 'Ünïcødé GmbH', '1 Market St', 'LS1 1AA');
const email = fc.constantFrom('ann@acme.example', 'ANN@acme.example', 'bob@acme.example', 'ap@acme.example', 'carl@x.example');
const preference = fc.constantFrom('PRIMARY', 'STANDARD', 'NONE') as fc.Arbitrary<'PRIMARY' | 'STANDARD' | 'NONE'>;
const contact = fc.record({ name: nonBlank, email, billingPreference: preference });
const contacts = fc.array(contact, { minLength: 1, maxLength: 4 }).map((list) => [{ ...list[0]!, billingPreference: 'PRIMARY' as const }, ...list.slice(1)]);
const address = fc.record({
  line1: nonBlank,
  line2: fc.option(text, { nil: undefined }),
  town: nonBlank,
  postcode: nonBlank,
  country: fc.constantFrom('GB', 'FR', 'DE') as fc.Arbitrary<'GB' | 'FR' | 'DE'>,
});
const props = fc.dictionary(fc.constantFrom('industry', 'region', 'tier'), text, { maxKeys: 3 });
const taxStatus = fc.constantFrom('TAXED', 'TAX_EXEMPT', 'REVERSE_CHARGED') as fc.Arbitrary<'TAXED' | 'TAX_EXEMPT' | 'REVERSE_CHARGED'>;
const url = fc.option(fc.constantFrom('https://acme.example', 'https://billing.example/x'), { nil: undefined });

const request: fc.Arbitrary<CreateOrUpdateCustomerRequest> = fc.record({
  legalName: nonBlank,
  address,
  url,
  label: fc.option(nonBlank, { nil: undefined }),
  taxStatus,
  contacts,
  integrationIds: fc.constant([{ service: 'HubSpot' as const, id: '101' }]),
  customProperties: fc.option(props, { nil: undefined }),
}).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as CreateOrUpdateCustomerRequest);

const current: fc.Arbitrary<Customer> = fc.record({
  legalName: nonBlank,
  address,
  url: fc.option(fc.constantFrom('https://acme.example', 'https://finance.example'), { nil: null }),
  label: fc.option(text, { nil: null }),
  taxStatus,
  contacts: fc.tuple(contacts, fc.array(contact, { maxLength: 2 })).map(([active, archived]) => [
    ...active.map((c, i) => ({ ...c, id: `a${i}`, createdAt: 'x', updatedAt: 'x' })),
    ...archived.map((c, i) => ({ ...c, id: `z${i}`, createdAt: 'x', updatedAt: 'x', archivedAt: 'y' })),
  ]),
  customProperties: props,
}).map((c) => ({ id: 'cus_1', createdAt: 'x', integrationIds: [{ service: 'HubSpot', id: '101' }], ...c }));

const ownership: fc.Arbitrary<FieldOwnership> = fc.record(
  Object.fromEntries(FIELD_GROUPS.map((g) => [g, fc.constantFrom(...FIELD_OWNERS)])) as Record<FieldGroup, fc.Arbitrary<(typeof FIELD_OWNERS)[number]>>,
);

describe('applying the policy, then diffing (property)', () => {
  it('never reports a change in a create-only group, nor in a fill-empty group Sequence has a value for', () => {
    fc.assert(
      fc.property(request, current, ownership, (wanted, existing, p) => {
        const { request: owned, notes } = applyOwnership(wanted, existing, p);
        expect(notes).toEqual([]); // generated customers are always sendable
        const changes = diffCustomer(existing, mergeForUpdate(owned, existing));
        for (const change of changes) {
          if (change.field === 'integrationIds') continue;
          const owner = p[change.field];
          if (owner === 'create-only') throw new Error(`create-only ${change.field} changed: ${JSON.stringify(change)}`);
          if (owner !== 'fill-empty') continue;
          // fill-empty: a change only ever fills what Sequence has empty.
          if (change.field === 'customProperties') {
            for (const c of change.changed) expect((c.before ?? '').trim()).toBe('');
          } else if (change.field === 'url' || change.field === 'label') {
            expect((change.before ?? '').trim()).toBe('');
          } else {
            throw new Error(`fill-empty ${change.field} changed although Sequence has a value: ${JSON.stringify(change)}`);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports a change whenever the upsert would write (diff empty ⇒ nothing to write)', () => {
    fc.assert(
      fc.property(request, current, ownership, (wanted, existing, p) => {
        const body = mergeForUpdate(applyOwnership(wanted, existing, p).request, existing);
        if (diffCustomer(existing, body).length === 0) expect(customerMatches(body, existing)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the parent group', () => {
  const withParent = (parentId: string | undefined) => (parentId ? { ...desired, parentId } : desired);
  const finance = customer({ parentId: 'cus_finance_parent' });
  const orphan = customer();

  it('hubspot (default): HubSpot’s parent, or none, is what an update sends', () => {
    expect(applyOwnership(withParent('cus_hubspot_parent'), finance, DEFAULT_OWNERSHIP).request.parentId).toBe('cus_hubspot_parent');
    expect(applyOwnership(withParent(undefined), finance, DEFAULT_OWNERSHIP).request.parentId).toBeUndefined();
  });

  it('create-only keeps Sequence’s parent (or none); fill-empty fills only a customer without one', () => {
    expect(applyOwnership(withParent('cus_hubspot_parent'), finance, policy({ parent: 'create-only' })).request.parentId).toBe('cus_finance_parent');
    expect(applyOwnership(withParent('cus_hubspot_parent'), orphan, policy({ parent: 'create-only' })).request.parentId).toBeUndefined();
    expect(applyOwnership(withParent('cus_hubspot_parent'), finance, policy({ parent: 'fill-empty' })).request.parentId).toBe('cus_finance_parent');
    expect(applyOwnership(withParent('cus_hubspot_parent'), orphan, policy({ parent: 'fill-empty' })).request.parentId).toBe('cus_hubspot_parent');
  });

  it('create-only leaves the parent out of the hash; the default hash is the one of earlier releases', () => {
    expect(ownershipHash(withParent('a'), policy({ parent: 'create-only' }))).toBe(ownershipHash(withParent('b'), policy({ parent: 'create-only' })));
    expect(ownershipHash(desired, DEFAULT_OWNERSHIP)).toBe(hashPayload(desired));
  });

  it('without parents from HubSpot, an update always sends Sequence’s parent back (a PUT without one may clear it)', () => {
    expect(mergeForUpdate(desired, finance, { keepParent: true }).parentId).toBe('cus_finance_parent');
    expect(mergeForUpdate(withParent('cus_x'), orphan, { keepParent: true }).parentId).toBeUndefined();
    expect(customerMatches(mergeForUpdate(desired, finance, { keepParent: true }), finance)).toBe(customerMatches(mergeForUpdate(desired, orphan, { keepParent: true }), orphan));
    // With parents from HubSpot, a different parent is a change to write.
    expect(customerMatches({ ...mergeForUpdate(desired, finance), parentId: 'cus_other' }, finance)).toBe(false);
    expect(diffCustomer(finance, { ...desired, parentId: 'cus_other' }).find((c) => c.field === 'parent')).toEqual({ field: 'parent', before: 'cus_finance_parent', after: 'cus_other' });
  });
});
