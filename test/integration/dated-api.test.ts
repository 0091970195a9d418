/**
 * The service on HubSpot's date-based APIs, with the simulated HubSpot refusing every numbered
 * (v3/v4) path as HubSpot will after September 2027: full and incremental reconciliation on both
 * tested versions, within the call budget, and a contact's change reaching Sequence through one
 * incremental run with no webhook at all.
 */
import { startApp, type App } from '../../src/app';
import { RunStore } from '../../src/reconcile/runs';
import { reconcileAndWait, startStack, type TestStack } from '../helpers/stack';

const COMPANIES = 1000;
const HOUR = 3_600_000;

/** Billable companies with one primary contact each, all last modified an hour ago. */
function seedOld(stack: TestStack, count: number): string[] {
  const { store } = stack.hubspot;
  const at = Date.now() - HOUR;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const company = store.createCompany({ name: `Company ${i}`, address: `${i} Main Street`, city: 'Leeds', zip: 'LS1 1AA', country: 'GB' }, { createdAt: at });
    const contact = store.createContact({ email: `billing${i}@company${i}.example`, firstname: 'Bill', lastname: `Payer ${i}` }, { createdAt: at });
    store.associate(company.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    ids.push(company.id);
  }
  return ids;
}

describe.each(['2026-03', '2026-09'])('HubSpot API %s, numbered paths refused', (version) => {
  let stack: TestStack;
  let app: App;
  let ids: string[];
  const count = (route: string, status?: number) => stack.hubspot.stats.count({ route: `/crm/${route.replace('V', version)}`, ...(status ? { status } : {}) });

  beforeAll(async () => {
    stack = await startStack({ env: { HUBSPOT_API_VERSION: version, RECONCILE_LOOKBACK_MS: '0' }, hubspot: { refuseNumberedPaths: true } });
    app = await startApp(stack.services, { schedules: false });
    ids = seedOld(stack, COMPANIES);
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  afterEach(() => {
    expect(stack.hubspot.stats.count({ status: 410 })).toBe(0);
    expect(stack.hubspot.stats.count({ status: 404 })).toBe(0);
  });

  it(`a full run syncs every company at ≤ 0.05 HubSpot calls per company, all on /crm/…/${version}/ paths`, async () => {
    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ status: 'finished', scanned: COMPANIES, created: COMPANIES, failed: 0 });
    expect(stack.sequence.store.count()).toBe(COMPANIES);
    expect(report.hubspotCalls / COMPANIES).toBeLessThanOrEqual(0.05);
    expect(count('objects/V/companies', 200)).toBe(COMPANIES / 100);
    expect(stack.hubspot.stats.total).toBe(report.hubspotCalls);
  });

  it('a contact whose email changed, with no webhook, reaches Sequence through one incremental run', async () => {
    const [renamed, viaContact] = [ids[10]!, ids[20]!];
    const contact = stack.hubspot.store.getCompanyContacts(viaContact)[0]!;
    stack.hubspot.store.updateContact(contact.id, { email: 'new.billing@company20.example' });
    stack.hubspot.store.updateCompany(renamed, { name: 'Renamed Ltd' });
    const searchesBefore = count('objects/V/contacts/search');
    const associationsBefore = count('associations/V/contacts/companies/batch/read');

    const report = await reconcileAndWait(stack, 'incremental');
    expect(report).toMatchObject({ status: 'finished', scanned: 2, updated: 2, failed: 0 });
    const customer = stack.sequence.store.byAlias(`hubspot-company-${viaContact}`);
    expect(customer?.contacts?.map((c) => c.email)).toEqual(['new.billing@company20.example']);
    expect(stack.sequence.store.byAlias(`hubspot-company-${renamed}`)?.legalName).toBe('Renamed Ltd');
    // One page of changed contacts (and the empty page that ends the walk), one association call.
    expect(count('objects/V/contacts/search') - searchesBefore).toBe(2);
    expect(count('associations/V/contacts/companies/batch/read') - associationsBefore).toBe(1);
    const record = await new RunStore(stack.services.redis, stack.prefix).get(report.id);
    expect(record).toMatchObject({ companiesListed: true, contactsScanned: 1, contactCursor: contact.id });
  });

  it('a company modified and with a modified contact is synced once; a full run archives a deleted company', async () => {
    const [both] = [ids[30]!];
    stack.hubspot.store.updateCompany(both, { name: 'Both Ltd' });
    stack.hubspot.store.updateContact(stack.hubspot.store.getCompanyContacts(both)[0]!.id, { firstname: 'Both' });
    const incremental = await reconcileAndWait(stack, 'incremental');
    expect(incremental).toMatchObject({ scanned: 1, updated: 1 });

    const gone = ids[40]!;
    stack.hubspot.store.deleteCompany(gone);
    const full = await reconcileAndWait(stack, 'full');
    expect(full).toMatchObject({ status: 'finished', archived: 1, failed: 0 });
    expect(stack.sequence.store.byAlias(`hubspot-company-${gone}`)?.archivedAt).toBeDefined();
  });
});

describe('an untested HubSpot API version', () => {
  it('is used as configured, with one warning when the worker starts', async () => {
    const stack = await startStack({ env: { HUBSPOT_API_VERSION: '2027-03' } });
    const app = await startApp(stack.services, { schedules: false });
    try {
      const warnings = stack.logs.lines.filter((l) => l.hubspotApiVersion === '2027-03');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: 40, tested: false, msg: expect.stringContaining('2026-03, 2026-09') });
      expect(stack.services.gateway.apiVersion).toBe('2027-03');
    } finally {
      await app.close();
      await stack.close();
    }
  });
});
