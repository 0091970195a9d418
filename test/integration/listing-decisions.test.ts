/**
 * Deciding from the listing: after a lost link store, or against customers made by Sequence's own
 * HubSpot integration, a full run costs list pages (plus the writes something really needs), not a
 * read per company; and the guarantees hold (no duplicate, nothing written when nothing changed,
 * what others set kept, a stale listing corrected by the next run).
 */
import { startApp, type App } from '../../src/app';
import { JOB } from '../../src/queue/names';
import { RunStore } from '../../src/reconcile/runs';
import { spawnWorker, stopWorker, type WorkerProcess } from '../helpers/processes';
import { reconcileAndWait, seedBillable, startStack, testEnv, waitFor, sequenceWrites, type TestStack } from '../helpers/stack';

jest.setTimeout(120_000);

const alias = (id: string) => `hubspot-company-${id}`;
const listPages = (stack: TestStack) =>
  stack.sequence.stats.count({ method: 'GET', route: '/customers' }) + stack.sequence.stats.count({ method: 'GET', route: '/customer-aliases' });

/** Customers as Sequence's own integration makes them: the HubSpot id, a placeholder contact, no alias of ours. */
function seedNativeCustomers(stack: TestStack, companyIds: readonly string[]) {
  return companyIds.map((id, i) =>
    stack.sequence.store.seedCustomer({
      legalName: `Imported ${id}`,
      address: { line1: 'Unknown', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
      taxStatus: 'TAXED',
      contacts: [{ name: 'Placeholder', email: 'placeholder@example.com', billingPreference: 'PRIMARY' }],
      integrationIds: [{ service: 'HubSpot', id }, ...(i % 2 === 0 ? [{ service: 'Xero' as const, id: `xero-${id}` }] : [])],
      ...(i % 3 === 0 ? { customerAliases: [`finance-${id}`] } : {}),
    }),
  );
}

describe('deciding from the listing', () => {
  let stack: TestStack;
  let app: App;

  beforeEach(async () => {
    stack = await startStack({ env: { SYNC_BATCH_SIZE: '50' } });
    app = await startApp(stack.services, { schedules: false });
  });

  afterEach(async () => {
    await app.close();
    await stack.close();
  });

  it('after a backfill and a flushed link store, a full run costs list pages only: no read per company, no write, no duplicate', async () => {
    seedBillable(stack, 200);
    expect(await reconcileAndWait(stack, 'full')).toMatchObject({ created: 200, failed: 0 });
    await stack.services.redis.del(stack.services.links.key);
    stack.sequence.stats.reset();

    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ scanned: 200, created: 0, updated: 0, unchanged: 200, failed: 0 });
    // 200 customers and 200 aliases, 100 a page.
    expect(stack.sequence.stats.total).toBe(listPages(stack));
    expect(listPages(stack)).toBeLessThanOrEqual(6);
    expect(sequenceWrites(stack)).toBe(0);
    expect(stack.sequence.store.count()).toBe(200);
    expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
    expect(await stack.services.links.count()).toBe(200);

    // And again (the links now hold no hash): still list pages only.
    stack.sequence.stats.reset();
    expect(await reconcileAndWait(stack, 'full')).toMatchObject({ unchanged: 200, failed: 0 });
    expect(stack.sequence.stats.total).toBe(listPages(stack));
  });

  it('a full run with the link store intact still writes a change in the contacts alone, which the listing cannot show', async () => {
    const ids = seedBillable(stack, 20, 2000);
    expect(await reconcileAndWait(stack, 'full')).toMatchObject({ created: 20, failed: 0 });
    // No webhook: only the contact's email changes in HubSpot.
    const contactId = stack.hubspot.store.getCompanyContacts(ids[3]!)[0]!.id;
    stack.hubspot.store.updateContact(contactId, { email: 'new-billing@company2003.example' });
    stack.sequence.stats.reset();

    expect(await reconcileAndWait(stack, 'full')).toMatchObject({ updated: 1, unchanged: 19, failed: 0 });
    const customer = stack.sequence.store.byAlias(alias(ids[3]!))!;
    expect(customer.contacts.map((c) => c.email)).toEqual(['new-billing@company2003.example']);
    // Decided from the listing: one PUT, no read of the customer.
    expect(sequenceWrites(stack)).toBe(1);
    expect(stack.sequence.stats.count({ method: 'GET', route: '/customers/:id' })).toBe(0);
  });

  it('a first run against N customers made by Sequence\'s own integration costs N alias writes + N updates + list pages', async () => {
    const ids = seedBillable(stack, 60, 1000);
    const native = seedNativeCustomers(stack, ids);
    stack.sequence.stats.reset();

    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ scanned: 60, created: 0, updated: 60, failed: 0 });
    const aliasWrites = stack.sequence.stats.count({ method: 'POST', route: '/customer-aliases' });
    const puts = stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' });
    expect(aliasWrites).toBe(60);
    expect(puts).toBe(60);
    expect(stack.sequence.stats.total).toBe(aliasWrites + puts + listPages(stack));
    expect(stack.sequence.store.count()).toBe(60);
    expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
    native.forEach((customer, i) => {
      const id = ids[i]!;
      expect(stack.sequence.store.byAlias(alias(id))?.id).toBe(customer.id);
      const after = stack.sequence.store.get(customer.id)!;
      expect(after.legalName).toBe(`Company ${1000 + i}`);
      expect(after.contacts.map((c) => c.email)).toEqual([`billing${1000 + i}@company${1000 + i}.example`]);
      // What others set is kept: other services' integration ids, other aliases.
      const expectedIds = [`HubSpot:${id}`, ...(i % 2 === 0 ? [`Xero:xero-${id}`] : [])].sort();
      expect(after.integrationIds.map((x) => `${x.service}:${x.id}`).sort()).toEqual(expectedIds);
      const expectedAliases = [alias(id), ...(i % 3 === 0 ? [`finance-${id}`] : [])].sort();
      expect(stack.sequence.store.aliasesOf(customer.id)?.map((a) => a.value).sort()).toEqual(expectedAliases);
    });

    // Nothing changed since: the next run writes nothing.
    stack.sequence.stats.reset();
    expect(await reconcileAndWait(stack, 'full')).toMatchObject({ unchanged: 60, failed: 0 });
    expect(sequenceWrites(stack)).toBe(0);
  });

  it('a decision made from a stale listing (the customer changed in Sequence after it) is corrected by the next run', async () => {
    const [id] = seedBillable(stack, 1, 2000);
    await reconcileAndWait(stack, 'full');
    const customerId = stack.sequence.store.byAlias(alias(id!))!.id;
    await stack.services.redis.del(stack.services.links.key);
    // The listing is taken, then someone renames the customer in Sequence before the company is synced.
    await stack.services.index.rebuild();
    const current = stack.sequence.store.get(customerId)!;
    stack.sequence.store.updateCustomer(customerId, {
      legalName: 'Renamed in Sequence',
      address: { line1: current.address.line1, town: current.address.town, postcode: current.address.postcode, country: 'GB' },
      taxStatus: 'TAXED',
      contacts: current.contacts.map((c) => ({ name: c.name, email: c.email, billingPreference: 'PRIMARY' as const })),
      integrationIds: current.integrationIds.map((i) => ({ service: 'HubSpot' as const, id: i.id })),
    });
    const job = await stack.services.queues.sync.add(JOB.syncCompanies, { companyIds: [id!], source: 'cli' });
    await waitFor(async () => (await stack.services.queues.sync.getJobState(job.id!)) === 'completed', 15_000, 'sync job');
    // Decided from the listing, which still showed the old name: left as it is, for now.
    expect(stack.sequence.store.get(customerId)?.legalName).toBe('Renamed in Sequence');

    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ updated: 1, failed: 0 });
    expect(stack.sequence.store.get(customerId)?.legalName).toBe('Company 2000');
    expect(stack.sequence.store.count()).toBe(1);
  });
});

describe('deciding from the listing in two worker processes', () => {
  let stack: TestStack;
  const workers: WorkerProcess[] = [];

  beforeEach(async () => {
    stack = await startStack();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => stopWorker(w, 'SIGKILL')));
    await stack.close();
  });

  it('two workers on the same run, half the companies new and half native customers: no duplicate, one alias write and one update per native customer', async () => {
    const ids = seedBillable(stack, 200, 3000);
    const nativeIds = ids.filter((_, i) => i % 2 === 0);
    seedNativeCustomers(stack, nativeIds);
    stack.sequence.faults.latencyMs = 3;
    const env = testEnv(stack.prefix, stack.hubspot, stack.sequence, { LOG_LEVEL: 'info', SYNC_BATCH_SIZE: '20', WORKER_CONCURRENCY: '2' });
    for (let i = 0; i < 2; i += 1) workers.push(spawnWorker(env));
    await Promise.all(workers.map((w) => w.waitForLine((l) => l.msg === 'worker started')));
    stack.sequence.stats.reset();

    const runId = 'run-two-workers-listing';
    await stack.services.queues.reconcile.add(JOB.reconcile, { mode: 'full', requestedBy: 'test' }, { jobId: runId });
    const runs = new RunStore(stack.services.redis, stack.prefix);
    const report = await waitFor(() => runs.report(runId), 90_000, 'report');
    expect(report).toMatchObject({ status: 'finished', scanned: 200, created: 100, updated: 100, failed: 0 });
    expect(stack.sequence.store.count()).toBe(200);
    expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
    expect(stack.sequence.stats.count({ method: 'POST', route: '/customer-aliases' })).toBe(100);
    expect(stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' })).toBe(100);
    expect(stack.sequence.stats.count({ method: 'POST', route: '/customers' })).toBe(100);
    for (const id of ids) expect(stack.sequence.store.byAlias(alias(id))).toBeDefined();
    const byProcess = workers.map((w) => w.lines.filter((l) => l.action === 'created' || l.action === 'updated').length);
    expect(byProcess.every((n) => n > 0)).toBe(true);
  });
});
