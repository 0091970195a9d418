import { diffCustomer, FieldChange, formatChange, formatFieldCounts } from '../../../src/sequence/field-diff';
import type { CreateOrUpdateCustomerRequest, Customer } from '../../../src/sequence/schemas';

const contact = (name: string, email: string, billingPreference: string, archivedAt?: string) => ({ id: email, name, email, billingPreference, createdAt: 'x', updatedAt: 'x', ...(archivedAt ? { archivedAt } : {}) });

const current: Customer = {
  id: 'cus_1',
  createdAt: 'x',
  legalName: 'Acme Ltd',
  address: { line1: '1 Market Street', line2: null, town: 'Leeds', state: null, postcode: 'LS1 1AA', country: 'GB' },
  url: 'https://acme.example',
  label: null,
  taxStatus: 'TAXED',
  integrationIds: [{ service: 'HubSpot', id: '101' }, { service: 'SomethingNew', id: 'z' }],
  contacts: [contact('Ann Payer', 'ann@acme.example', 'PRIMARY'), contact('Bob', 'bob@acme.example', 'STANDARD'), contact('Gone', 'gone@acme.example', 'STANDARD', 'y')],
  customProperties: { industry: 'Retail', other: 'kept' },
};

const same: CreateOrUpdateCustomerRequest = {
  legalName: 'Acme Ltd',
  address: { line1: '1 Market Street', line2: '', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
  url: 'https://acme.example',
  taxStatus: 'TAXED',
  integrationIds: [{ service: 'HubSpot', id: '101' }],
  contacts: [
    { name: 'Bob', email: 'bob@acme.example', billingPreference: 'STANDARD' },
    { name: 'Ann Payer', email: 'ANN@acme.example', billingPreference: 'PRIMARY' },
  ],
  customProperties: { industry: 'Retail', other: 'kept' },
};

describe('diffCustomer', () => {
  it('finds nothing when the write would change nothing (order, email case, blank line2, unknown services aside)', () => {
    expect(diffCustomer(current, same)).toEqual([]);
  });

  it('lists each changed field, before → after, in a fixed order', () => {
    const next: CreateOrUpdateCustomerRequest = {
      ...same,
      legalName: 'Acme Group',
      address: { ...same.address, line1: '2 High Street' },
      url: undefined,
      label: 'Key account',
      taxStatus: 'REVERSE_CHARGED',
      integrationIds: [{ service: 'HubSpot', id: '101' }, { service: 'Stripe', id: 'cus_S' }],
      contacts: [
        { name: 'Ann Payer', email: 'ann@acme.example', billingPreference: 'STANDARD' },
        { name: 'Cleo', email: 'cleo@acme.example', billingPreference: 'PRIMARY' },
      ],
      customProperties: { industry: 'Wholesale', other: 'kept', region: 'North' },
    };
    const changes = diffCustomer(current, next);
    expect(changes.map((c) => c.field)).toEqual(['legalName', 'address', 'url', 'label', 'taxStatus', 'contacts', 'customProperties', 'integrationIds']);
    expect(changes).toEqual([
      { field: 'legalName', before: 'Acme Ltd', after: 'Acme Group' },
      {
        field: 'address',
        before: { line1: '1 Market Street', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
        after: { line1: '2 High Street', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
      },
      { field: 'url', before: 'https://acme.example', after: null },
      { field: 'label', before: null, after: 'Key account' },
      { field: 'taxStatus', before: 'TAXED', after: 'REVERSE_CHARGED' },
      {
        field: 'contacts',
        added: [{ name: 'Cleo', email: 'cleo@acme.example', billingPreference: 'PRIMARY' }],
        removed: [{ name: 'Bob', email: 'bob@acme.example', billingPreference: 'STANDARD' }],
        changed: [{ email: 'ann@acme.example', before: { name: 'Ann Payer', email: 'ann@acme.example', billingPreference: 'PRIMARY' }, after: { name: 'Ann Payer', email: 'ann@acme.example', billingPreference: 'STANDARD' } }],
      },
      { field: 'customProperties', changed: [{ name: 'industry', before: 'Retail', after: 'Wholesale' }, { name: 'region', before: null, after: 'North' }] },
      { field: 'integrationIds', added: ['Stripe:cus_S'], removed: [] },
    ]);
    // The shapes are what job results and reports parse.
    for (const change of changes) expect(FieldChange.parse(change)).toEqual(change);
  });

  it('leaves out customProperties and integrationIds the body omits (PUT keeps them)', () => {
    const { customProperties: _c, integrationIds: _i, ...rest } = same;
    expect(diffCustomer({ ...current, customProperties: { x: '1' } }, rest)).toEqual([]);
  });

  it('reads as one line per field', () => {
    const lines = diffCustomer(current, {
      ...same,
      address: { ...same.address, line1: '2 High Street', state: undefined },
      label: 'VIP',
      contacts: [{ name: 'Ann Payer', email: 'ann@acme.example', billingPreference: 'PRIMARY' }, { name: 'Cleo', email: 'cleo@acme.example', billingPreference: 'NONE' }],
    }).map(formatChange);
    expect(lines).toEqual([
      'address: 1 Market Street, Leeds, LS1 1AA, GB → 2 High Street, Leeds, LS1 1AA, GB',
      'label: (none) → "VIP"',
      'contacts: added Cleo <cleo@acme.example> NONE; removed Bob <bob@acme.example> STANDARD',
    ]);
  });

  it('counts customers per field', () => {
    expect(formatFieldCounts({ contacts: 3, address: 12, url: 0 })).toBe('address: 12 customers, contacts: 3');
    expect(formatFieldCounts({ legalName: 1 })).toBe('legalName: 1 customer');
    expect(formatFieldCounts({})).toBe('');
  });
});
