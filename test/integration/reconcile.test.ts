/** Reconciliation runs against the simulators: full, incremental, archive, dry run, the 10k search cap. */
import { startApp, type App } from '../../src/app';
import { formatStatus } from '../../src/cli/commands/status';
import { collectStatus } from '../../src/status/collect';
import { SyncJobResult } from '../../src/queue/payloads';
import { SEARCH_MAX_RESULTS } from '../../src/simulators/hubspot';
import { hubspotRoute, reconcileAndWait, seedBillable, startStack, sequenceWrites, type TestStack } from '../helpers/stack';
import { itOnSingleTarget } from '../helpers/targets';


describe('full and incremental reconciliation', () => {
  let stack: TestStack;
  let app: App;
  let ids: string[];

  beforeAll(async () => {
    stack = await startStack({ env: { SYNC_BATCH_SIZE: '50', RECONCILE_LOOKBACK_MS: '60000' } });
    app = await startApp(stack.services, { schedules: false });
    ids = seedBillable(stack, 240);
    stack.hubspot.store.createCompany({ name: 'No Address Ltd' }); // cannot be billed
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  it('a full run creates every billable company once and reports the rest', async () => {
    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ mode: 'full', status: 'finished', scanned: 241, created: 240, failed: 1, archived: 0 });
    expect(report.failures[0]?.reason).toMatch(/address/);
    expect(report.hubspotCalls).toBeGreaterThan(0);
    expect(report.sequenceCalls).toBeGreaterThanOrEqual(240);
    expect(stack.sequence.store.count()).toBe(240);
    expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
  });

  it('finished batch jobs keep their company ids, counts per action and failures: not the companies read, not each result', async () => {
    const finished = await stack.services.queues.sync.getJobs(['completed']);
    expect(finished.length).toBeGreaterThan(1);
    let companies = 0;
    for (const job of finished) {
      expect(Object.keys(job.data as object).sort()).toEqual(['companyIds', 'runId', 'source']);
      const kept = SyncJobResult.strict().parse(job.returnvalue);
      const ids = (job.data as { companyIds: string[] }).companyIds;
      expect(Object.values(kept.counts).reduce((a, b) => a + b, 0)).toBe(ids.length);
      expect(kept.failures).toHaveLength(kept.counts.failed ?? 0);
      companies += ids.length;
    }
    expect(companies).toBe(241);
    const failure = finished.flatMap((job) => SyncJobResult.parse(job.returnvalue).failures)[0];
    expect(failure).toMatchObject({ companyId: expect.any(String), message: expect.stringContaining('cannot be billed') });
  });

  it('an incremental run after 15 edits writes exactly those 15', async () => {
    const edited = ids.slice(100, 115);
    for (const id of edited) stack.hubspot.store.updateCompany(id, { name: `Renamed ${id}` });
    const before = sequenceWrites(stack);
    const report = await reconcileAndWait(stack, 'incremental');
    expect(sequenceWrites(stack) - before).toBe(15);
    expect(report.updated).toBe(15);
    expect(report.created).toBe(0);
    for (const id of edited) expect(stack.sequence.store.byAlias(`hubspot-company-${id}`)?.legalName).toBe(`Renamed ${id}`);
  });

  it('a dry run says what would change and writes nothing', async () => {
    stack.hubspot.store.updateCompany(ids[0]!, { name: 'Dry Run Co' });
    seedBillable(stack, 2, 1000);
    const before = sequenceWrites(stack);
    const report = await reconcileAndWait(stack, 'full', { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, created: 2, updated: 1, failed: 1 });
    expect(sequenceWrites(stack)).toBe(before);
    // Its log lines say so: nobody reading the log takes them for writes that happened (issue 22, item 14).
    const lines = stack.logs.lines.filter((l) => l.runId === report.id && (l.action === 'created' || l.action === 'updated'));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatchObject({ dryRun: true, msg: `company ${String(line.action)} (dry run: nothing written)` });
  });

  it("a dry run's archive lines are marked too, and archive nothing", async () => {
    const deleted = ids[200]!;
    const customer = stack.sequence.store.byAlias(`hubspot-company-${deleted}`)!;
    stack.hubspot.store.deleteCompany(deleted);
    try {
      const report = await reconcileAndWait(stack, 'full', { dryRun: true });
      expect(report).toMatchObject({ dryRun: true, archived: 1 });
      const lines = stack.logs.lines.filter((l) => l.runId === report.id && l.action === 'archived');
      expect(lines).toEqual([expect.objectContaining({ companyId: deleted, dryRun: true, msg: 'company archived (dry run: nothing written)' })]);
      expect(stack.sequence.store.get(customer.id)?.archivedAt).toBeFalsy();
    } finally {
      stack.hubspot.store.restoreCompany(deleted);
    }
  });

  it('a full run archives the customers of deleted companies, and none other', async () => {
    // A customer of another HubSpot account (an integration id this account has never had, no alias of ours).
    const foreign = stack.sequence.store.seedCustomer({
      legalName: 'Other Portal Ltd',
      address: { line1: '1 Elsewhere', town: 'Oslo', postcode: '0150', country: 'NO' },
      taxStatus: 'TAXED',
      contacts: [{ name: 'Ola', email: 'ola@other.example', billingPreference: 'PRIMARY' }],
      integrationIds: [{ service: 'HubSpot', id: '987654321' }],
    });
    const deleted = ids.slice(0, 3);
    for (const id of deleted) stack.hubspot.store.deleteCompany(id);
    const archivesBefore = stack.sequence.stats.count({ method: 'POST', route: '/customers/:id/archive' });
    const report = await reconcileAndWait(stack, 'full');
    expect(report.archived).toBe(3);
    expect(stack.sequence.stats.count({ method: 'POST', route: '/customers/:id/archive' }) - archivesBefore).toBe(3);
    const archived = stack.sequence.store.all().filter((c) => c.archivedAt).map((c) => c.integrationIds.find((i) => i.service === 'HubSpot')?.id);
    expect(archived.sort()).toEqual([...deleted].sort());
    expect(stack.sequence.store.get(foreign.id)?.archivedAt).toBeUndefined();
  });

  it('after Redis lost every link, a full run still archives only customers this installation made', async () => {
    await stack.services.redis.del(stack.services.links.key);
    const [gone] = ids.slice(3, 4);
    stack.hubspot.store.deleteCompany(gone!);
    const report = await reconcileAndWait(stack, 'full');
    expect(report.archived).toBe(1);
    expect(stack.sequence.store.byAlias(`hubspot-company-${gone}`)?.archivedAt).toBeDefined();
    expect(stack.sequence.store.all().filter((c) => c.archivedAt)).toHaveLength(4);
  });
});

describe('incremental reconciliation past the 10,000-result search cap', () => {
  let stack: TestStack;
  let app: App;

  beforeAll(async () => {
    stack = await startStack({
      env: { SYNC_BATCH_SIZE: '500', HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND: '1000', HUBSPOT_RATE_LIMIT_PER_10S: '100000', FALLBACK_BILLING_EMAIL: 'billing@example.com' },
    });
    app = await startApp(stack.services, { schedules: false, concurrency: 4 });
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  // HubSpot's search cap, not Redis: on the single target only.
  itOnSingleTarget('sees all 25,000 companies modified in the same millisecond', async () => {
    const at = Date.now() - 1000;
    const ids = new Set<string>();
    for (let i = 0; i < 25_000; i += 1) {
      const c = stack.hubspot.store.createCompany({ name: `Bulk ${i}`, address: '1 Road', city: 'Paris', zip: '75001', country: 'France' }, { createdAt: at, updatedAt: at });
      ids.add(c.id);
    }
    expect(ids.size).toBeGreaterThan(SEARCH_MAX_RESULTS);
    const report = await reconcileAndWait(stack, 'incremental', { dryRun: true, timeoutMs: 120_000 });
    expect(report.scanned).toBe(25_000);
    expect(report.created).toBe(25_000);
    expect(stack.hubspot.stats.count({ route: hubspotRoute('objects', 'companies/search'), status: 400 })).toBe(0);
  }, 150_000);
});

describe('duplicate customers found by a full run', () => {
  let stack: TestStack;
  let app: App;

  beforeAll(async () => {
    stack = await startStack();
    app = await startApp(stack.services, { schedules: false });
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  it('reports companies with two active customers, adopts an active customer over an archived one, and lists them in status', async () => {
    const [twice, archivedAndActive, archivedOnly] = seedBillable(stack, 3, 2000);
    const { store } = stack.sequence;
    const hubspot = (id: string) => ({ integrationIds: [{ service: 'HubSpot' as const, id }] });
    const first = store.seedCustomer({ legalName: 'Twice Ltd (native import)', ...hubspot(twice!) });
    const second = store.seedCustomer({ legalName: 'Twice Ltd (by hand)', ...hubspot(twice!) });
    const archived = store.seedCustomer({ legalName: 'Old Ltd', ...hubspot(archivedAndActive!) }, { archived: true });
    const active = store.seedCustomer({ legalName: 'Current Ltd', ...hubspot(archivedAndActive!) });
    const gone = store.seedCustomer({ legalName: 'Gone Ltd', ...hubspot(archivedOnly!) }, { archived: true });
    store.seedCustomer({ legalName: 'Gone Again Ltd', ...hubspot(archivedOnly!) }, { archived: true });

    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ status: 'finished', created: 0, updated: 3, failed: 0 });
    expect(report.duplicateCustomers).toEqual({ count: 1, items: [{ companyId: twice, customerIds: [first.id, second.id] }] });
    // Adoption: the oldest active customer; an active one over an archived one; else the oldest archived.
    expect(store.byAlias(`hubspot-company-${twice}`)?.id).toBe(first.id);
    expect(store.byAlias(`hubspot-company-${archivedAndActive}`)?.id).toBe(active.id);
    expect(store.aliasesOf(archived.id)).toEqual([]);
    expect(store.byAlias(`hubspot-company-${archivedOnly}`)?.id).toBe(gone.id);
    const warning = stack.logs.lines.find((l) => l.level === 40 && typeof l.msg === 'string' && l.msg.includes('more than one active customer'));
    expect(warning).toMatchObject({ runId: report.id, count: 1 });

    const status = await collectStatus({ redis: stack.services.redis, queues: stack.services.queues, limiter: stack.services.limiter, failures: stack.services.failures, prefix: stack.prefix });
    expect(status.duplicateCustomers).toEqual({ count: 1, items: [{ companyId: twice, customerIds: [first.id, second.id], linkedCustomerId: first.id }] });
    const table = formatStatus(status, 20);
    expect(table).toContain('1 company has more than one active customer in Sequence');
    expect(table).toContain(second.id);

    // Once someone archives the extra customer in Sequence, the next full run clears the list.
    store.archiveCustomer(second.id);
    const next = await reconcileAndWait(stack, 'full');
    expect(next.duplicateCustomers).toEqual({ count: 0, items: [] });
    expect((await collectStatus({ redis: stack.services.redis, queues: stack.services.queues, limiter: stack.services.limiter, failures: stack.services.failures, prefix: stack.prefix })).duplicateCustomers.count).toBe(0);
  });
});
