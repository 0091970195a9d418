/**
 * Reconciliation runs read the billing scope, not the whole CRM (simulated HubSpot, numbered paths
 * refused): a full run finds the companies with a won deal through a deal search and associations,
 * plus every company already linked (so deletions are still seen); an incremental run catches a deal
 * won without a webhook; lifecycle: and property: search companies with their filter; a dry run
 * previews another scope.
 */
import { startApp, type App } from '../../src/app';
import { seedCompanies, seedDeals, type DealSeedSummary } from '../../src/simulators/hubspot';
import { syncCompanies } from '../../src/sync/sync-companies';
import { syncDeps } from '../../src/workers/sync-worker';
import { hubspotRoute, reconcileAndWait, startStack, type TestStack } from '../helpers/stack';

const OLD = Date.now() - 30 * 86_400_000;
const listCalls = (stack: TestStack) => stack.hubspot.stats.count({ method: 'GET', route: hubspotRoute('objects', 'companies') });

describe('BILLING_SCOPE=closed-won runs', () => {
  let stack: TestStack;
  let app: App;
  let companyIds: string[];
  let deals: DealSeedSummary;

  beforeAll(async () => {
    stack = await startStack({ env: { BILLING_SCOPE: 'closed-won', SYNC_BATCH_SIZE: '100', RECONCILE_LOOKBACK_MS: '60000' } });
    app = await startApp(stack.services, { schedules: false });
    // Old records: nothing is "modified since" the first checkpoint but what a test changes.
    companyIds = seedCompanies(stack.hubspot.store, { count: 2_000, contactsPerCompany: 2, seed: 5, unbillableRatio: 0, baseTime: OLD }).companyIds;
    deals = seedDeals(stack.hubspot.store, { companyIds, wonRatio: 0.1, otherRatio: 0.3, seed: 5, baseTime: OLD });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);

  it('on 2,000 companies of which 10% have a won deal, a full run creates exactly those, without listing every company', async () => {
    expect(deals.wonCompanyIds).toHaveLength(200);
    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ status: 'finished', created: 200, failed: 0, outOfScope: 0, scanned: 200, scope: 'closed-won' });
    const made = stack.sequence.store.all().map((c) => c.integrationIds[0]!.id).sort();
    expect(made).toEqual([...deals.wonCompanyIds].sort());
    expect(listCalls(stack)).toBe(0);
    expect(stack.hubspot.stats.count({ status: 410 })).toBe(0);
    // The search, the associations, the companies and their contacts: far below one call per company.
    expect(report.hubspotCalls / 200).toBeLessThan(0.1);
  });

  it('a deal won with no webhook is caught by one incremental run', async () => {
    const company = deals.otherCompanyIds[0]!;
    const open = stack.hubspot.store.getCompanyDeals(company)[0]!;
    stack.hubspot.store.moveDeal(open, 'closedwon');
    const report = await reconcileAndWait(stack, 'incremental');
    expect(report).toMatchObject({ status: 'finished', created: 1, failed: 0 });
    expect(customerOf(company)).toBeDefined();
  });

  it('a won deal associated with a company, with no webhook, is caught by one incremental run (the company\'s deal count moves its modification date)', async () => {
    const withDeals = new Set([...deals.wonCompanyIds, ...deals.otherCompanyIds]);
    const company = companyIds.find((id) => !withDeals.has(id))!;
    // Won long ago and never modified since: only the association is new, so the deal search of an
    // incremental run cannot see it; the company's num_associated_deals (set by HubSpot) moved.
    const won = stack.hubspot.store.createDeal({ dealname: 'Signed last year', dealstage: 'closedwon' }, { createdAt: OLD });
    stack.hubspot.store.associateDeal(won.id, company);
    expect(Date.parse(stack.hubspot.store.getCompany(company)!.properties.hs_lastmodifieddate!)).toBeGreaterThan(Date.now() - 60_000);
    const report = await reconcileAndWait(stack, 'incremental');
    expect(report).toMatchObject({ status: 'finished', created: 1, failed: 0 });
    expect(customerOf(company)).toBeDefined();
  });

  it('a deal created as won, with no webhook, is caught by one incremental run through the deal search', async () => {
    const withDeals = new Set([...deals.wonCompanyIds, ...deals.otherCompanyIds]);
    const company = companyIds.filter((id) => !withDeals.has(id) && !customerOf(id))[1]!;
    const won = stack.hubspot.store.createDeal({ dealname: 'Signed today', dealstage: 'closedwon' });
    // The association dated long ago: only the new deal can bring the company in.
    stack.hubspot.store.associateDeal(won.id, company, { at: OLD });
    expect(Date.parse(stack.hubspot.store.getCompany(company)!.properties.hs_lastmodifieddate!)).toBeLessThan(Date.now() - 86_400_000);
    const report = await reconcileAndWait(stack, 'incremental');
    expect(report).toMatchObject({ status: 'finished', created: 1, failed: 0 });
    expect(customerOf(company)).toBeDefined();
  });

  it('the deal moved back to lost leaves the customer as it is, through incremental and full runs', async () => {
    const company = deals.otherCompanyIds[0]!;
    const customer = customerOf(company)!;
    for (const dealId of stack.hubspot.store.getCompanyDeals(company)) stack.hubspot.store.moveDeal(dealId, 'closedlost');
    stack.hubspot.store.updateCompany(company, { name: 'Lost the deal, kept the customer' });
    const incremental = await reconcileAndWait(stack, 'incremental');
    expect(incremental).toMatchObject({ updated: 1, created: 0, archived: 0 });
    const full = await reconcileAndWait(stack, 'full');
    // The 200 won at the start, and the three the tests above brought into the scope.
    expect(full).toMatchObject({ created: 0, updated: 0, archived: 0, failed: 0, scanned: 203 });
    expect(stack.sequence.store.get(customer.id)).toMatchObject({ legalName: 'Lost the deal, kept the customer' });
    expect(stack.sequence.store.get(customer.id)?.archivedAt).toBeFalsy();
  });

  it('a company linked before the scope narrowed keeps updating, and a deleted one is archived, without a full listing', async () => {
    const [earlier, deleted] = [deals.otherCompanyIds[5]!, deals.wonCompanyIds[3]!];
    const linked = await syncCompanies({ ...syncDeps(stack.services), scope: { kind: 'all' } }, { companyIds: [earlier], source: 'cli', attempt: 1, finalAttempt: true });
    expect(linked.results[0]).toMatchObject({ action: 'created' });
    stack.hubspot.store.updateCompany(earlier, { name: 'Linked before the scope narrowed' });
    stack.hubspot.store.deleteCompany(deleted);
    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ updated: 1, archived: 1, created: 0, failed: 0 });
    expect(customerOf(earlier)?.legalName).toBe('Linked before the scope narrowed');
    expect(customerOf(deleted)?.archivedAt).toBeTruthy();
    expect(listCalls(stack)).toBe(0);
  });

  it('a dry run previews another scope: how many customers it would create, writing nothing', async () => {
    const customers = companyIds.filter((id) => stack.hubspot.store.getCompany(id)?.properties.lifecyclestage === 'customer');
    const linked = new Set(stack.sequence.store.all().map((c) => c.integrationIds[0]!.id));
    const before = stack.sequence.store.count({ includeArchived: true });
    const report = await reconcileAndWait(stack, 'full', { dryRun: true, scope: { setting: 'lifecycle:customer' } });
    expect(report).toMatchObject({ dryRun: true, scope: 'lifecycle:customer', created: customers.filter((id) => !linked.has(id) && !stack.hubspot.store.getCompany(id)?.archived).length });
    expect(stack.sequence.store.count({ includeArchived: true })).toBe(before);
  });
});

describe.each([
  ['lifecycle:customer', (i: number) => ({ lifecyclestage: i % 4 === 0 ? 'customer' : 'lead' })],
  ['property:billing_enabled', (i: number) => ({ billing_enabled: i % 4 === 0 ? 'true' : 'false' })],
])('BILLING_SCOPE=%s runs', (scope, props) => {
  let stack: TestStack;
  let app: App;
  let inScope: string[];
  let ids: string[];
  const inScopeProps = props(0);
  const outOfScopeProps = props(1);

  beforeAll(async () => {
    stack = await startStack({ env: { BILLING_SCOPE: scope, SYNC_BATCH_SIZE: '100', RECONCILE_LOOKBACK_MS: '60000' } });
    app = await startApp(stack.services, { schedules: false });
    ids = seedCompanies(stack.hubspot.store, { count: 400, contactsPerCompany: 1, seed: 8, unbillableRatio: 0, baseTime: OLD }).companyIds;
    ids.forEach((id, i) => stack.hubspot.store.updateCompany(id, props(i), { at: OLD }));
    inScope = ids.filter((_, i) => i % 4 === 0);
  });
  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  it('a full run searches the scope and creates exactly those, without listing every company', async () => {
    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ status: 'finished', created: 100, scanned: 100, failed: 0 });
    expect(stack.sequence.store.all().map((c) => c.integrationIds[0]!.id).sort()).toEqual([...inScope].sort());
    expect(listCalls(stack)).toBe(0);
  });

  it('entering the scope with no webhook is caught by one incremental run; leaving it keeps the customer, updated', async () => {
    const company = ids.find((_, i) => i % 4 === 1)!;
    stack.hubspot.store.updateCompany(company, inScopeProps);
    const entered = await reconcileAndWait(stack, 'incremental');
    expect(entered).toMatchObject({ status: 'finished', created: 1, failed: 0 });
    const customer = stack.sequence.store.byAlias(`hubspot-company-${company}`)!;
    stack.hubspot.store.updateCompany(company, { ...outOfScopeProps, name: 'Left the scope, kept the customer' });
    const left = await reconcileAndWait(stack, 'incremental');
    expect(left).toMatchObject({ status: 'finished', created: 0, updated: 1, archived: 0, failed: 0 });
    expect(stack.sequence.store.get(customer.id)).toMatchObject({ legalName: 'Left the scope, kept the customer' });
    expect(stack.sequence.store.get(customer.id)?.archivedAt).toBeFalsy();
  });

  it('an out-of-scope company that could not be billed is no failure: counted out of scope, not in the report\'s failures or the failure index', async () => {
    const company = ids.find((_, i) => i % 4 === 2)!;
    stack.hubspot.store.updateCompany(company, { country: '' });
    const report = await reconcileAndWait(stack, 'incremental');
    expect(report).toMatchObject({ status: 'finished', failed: 0, outOfScope: 1 });
    expect(report.failures).toEqual([]);
    expect(await stack.services.failures.ids()).not.toContain(company);
  });
});
