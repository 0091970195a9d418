/**
 * decideUpsert: the one comparison of what HubSpot wants with the customer as Sequence has it, read
 * (with contacts) or listed (without).
 */
import fc from 'fast-check';
import type { CurrentCustomer } from '../../../src/sequence/customer-listing';
import type { CreateOrUpdateCustomerRequest } from '../../../src/sequence/schemas';
import { decideUpsert } from '../../../src/sequence/upsert';

const desired: CreateOrUpdateCustomerRequest = {
  legalName: 'Acme Ltd',
  address: { line1: '1 Main Street', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
  taxStatus: 'TAXED',
  contacts: [{ name: 'Bill Payer', email: 'billing@acme.example', billingPreference: 'PRIMARY' }],
  integrationIds: [{ service: 'HubSpot', id: '42' }],
  customerAliases: ['hubspot-company-42'],
};

const listed: CurrentCustomer = {
  id: 'cus_1',
  legalName: 'Acme Ltd',
  address: { line1: '1 Main Street', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
  taxStatus: 'TAXED',
  integrationIds: [{ service: 'HubSpot', id: '42' }],
  customProperties: {},
};

const contact = (email: string) => ({ id: 'con_1', name: 'Bill Payer', email, billingPreference: 'PRIMARY', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });

describe('decideUpsert', () => {
  it('a listed customer (no contacts) whose listed fields match needs no write', () => {
    expect(decideUpsert(listed, desired)).toMatchObject({ write: false });
  });

  it('a read customer is compared on its contacts too', () => {
    expect(decideUpsert({ ...listed, contacts: [contact('billing@acme.example')] }, desired)).toMatchObject({ write: false });
    expect(decideUpsert({ ...listed, contacts: [contact('old@acme.example')] }, desired).write).toBe(true);
  });

  it('force always writes', () => {
    expect(decideUpsert(listed, desired, { force: true }).write).toBe(true);
  });

  it('a write keeps the other integration ids and custom properties, and never sends aliases', () => {
    const current: CurrentCustomer = {
      ...listed,
      legalName: 'Acme (imported)',
      integrationIds: [{ service: 'HubSpot', id: '42' }, { service: 'Xero', id: 'x-1' }],
      customProperties: { region: 'north' },
    };
    const decision = decideUpsert(current, { ...desired, customProperties: { tier: 'gold' } });
    expect(decision.write).toBe(true);
    if (!decision.write) return;
    expect(decision.body.legalName).toBe('Acme Ltd');
    expect(decision.body.customerAliases).toBeUndefined();
    expect(decision.body.integrationIds).toEqual([{ service: 'HubSpot', id: '42' }, { service: 'Xero', id: 'x-1' }]);
    expect(decision.body.customProperties).toEqual({ region: 'north', tier: 'gold' });
  });

  it('any one changed listed field makes a write, and the merged body then matches', () => {
    const fields = fc.record({
      legalName: fc.constantFrom('Acme Ltd', 'Acme Limited'),
      line1: fc.constantFrom('1 Main Street', '2 High Street'),
      town: fc.constantFrom('Leeds', 'York'),
      taxStatus: fc.constantFrom('TAXED', 'TAX_EXEMPT'),
    });
    fc.assert(
      fc.property(fields, (f) => {
        const current: CurrentCustomer = { ...listed, legalName: f.legalName, taxStatus: f.taxStatus, address: { ...listed.address, line1: f.line1, town: f.town } };
        const same = f.legalName === desired.legalName && f.line1 === desired.address.line1 && f.town === desired.address.town && f.taxStatus === desired.taxStatus;
        const decision = decideUpsert(current, desired);
        expect(decision.write).toBe(!same);
        if (decision.write) {
          const written: CurrentCustomer = { ...current, legalName: decision.body.legalName, address: decision.body.address, taxStatus: decision.body.taxStatus };
          expect(decideUpsert(written, desired)).toMatchObject({ write: false });
        }
      }),
    );
  });
});
