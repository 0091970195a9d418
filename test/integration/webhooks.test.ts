/** Signed HubSpot webhooks → pending changes → batched sync jobs → Sequence. */
import { startApp, type App } from '../../src/app';
import { PendingDrainer } from '../../src/triggers/drainer';
import { PENDING_KINDS, PendingChanges } from '../../src/triggers/pending';
import { deliverWebhook, replayWebhook, simulatedEvent } from '../../src/simulators/hubspot/webhooks';
import { seedBillable, startStack, waitFor, type TestStack } from '../helpers/stack';

const SECRET = 'webhook-secret';

describe('HubSpot webhooks', () => {
  let stack: TestStack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    stack = await startStack({ env: { WEBHOOK_DEBOUNCE_MS: '300', SYNC_BATCH_SIZE: '100' } });
    app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1' });
    url = `${app.url}/webhooks/hubspot`;
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);
  const webhookOutcomes = () => stack.logs.lines.filter((l) => l.source === 'webhook' && typeof l.action === 'string');

  async function nothingEnqueued(): Promise<boolean> {
    const pending = new PendingChanges(stack.services.redis, stack.prefix);
    for (const kind of PENDING_KINDS) {
      const size = await pending.size(kind);
      if (size.waiting || size.inflight) return false;
    }
    const counts = await stack.services.queues.sync.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    return Object.values(counts).every((n) => n === 0);
  }

  it('rejects tampered, wrongly signed, stale and replayed requests with nothing enqueued', async () => {
    const [id] = seedBillable(stack, 1, 900);
    const events = [simulatedEvent('company.propertyChange', id!, { propertyName: 'name', propertyValue: 'x' })];
    expect((await deliverWebhook(url, SECRET, events, { tamper: (b) => b.replace('"name"', '"domain"') })).status).toBe(401);
    expect((await deliverWebhook(url, 'not-the-secret', events)).status).toBe(401);
    expect((await deliverWebhook(url, SECRET, events, { timestamp: Date.now() - 6 * 60_000 })).status).toBe(401);
    // Accepted once, then the identical request again is a replay.
    const accepted = await deliverWebhook(url, SECRET, events);
    expect(accepted.status).toBe(200);
    const pending = new PendingChanges(stack.services.redis, stack.prefix);
    await pending.claim('companies', Date.now() + 60_000, 100).then((ids) => pending.ack('companies', ids));
    await stack.services.queues.sync.drain(true);
    expect(await replayWebhook(url, accepted.headers, accepted.requestBody)).toBe(401);
    expect(await nothingEnqueued()).toBe(true);
  });

  it('a signed change reaches Sequence in seconds', async () => {
    const [id] = seedBillable(stack, 1, 1000);
    const answer = await deliverWebhook(url, SECRET, [simulatedEvent('company.creation', id!)]);
    expect(answer.status).toBe(200);
    // No time assertion here: latency is measured by the benchmark (npm run bench, S5).
    await waitFor(() => customerOf(id!), 10_000, 'customer');
  });

  it('a bulk of 2,000 creation events costs at most ~0.1 HubSpot calls per company', async () => {
    const ids = seedBillable(stack, 2000, 5000);
    const hubspotBefore = stack.hubspot.stats.total;
    for (let i = 0; i < ids.length; i += 100) {
      const answer = await deliverWebhook(url, SECRET, ids.slice(i, i + 100).map((id) => simulatedEvent('company.creation', id)));
      expect(answer.status).toBe(200);
    }
    await waitFor(() => ids.every((id) => customerOf(id)), 60_000, '2000 customers');
    const perCompany = (stack.hubspot.stats.total - hubspotBefore) / ids.length;
    expect(perCompany).toBeLessThanOrEqual(0.1);
  }, 90_000);

  it('a contact change syncs the companies the contact belongs to', async () => {
    const [id] = seedBillable(stack, 1, 1200);
    const contact = stack.hubspot.store.getCompanyContacts(id!)[0]!;
    await deliverWebhook(url, SECRET, [simulatedEvent('company.creation', id!)]);
    await waitFor(() => customerOf(id!), 10_000, 'customer');
    stack.hubspot.store.updateContact(contact.id, { firstname: 'Renamed' });
    await deliverWebhook(url, SECRET, [simulatedEvent('contact.propertyChange', contact.id, { propertyName: 'firstname', propertyValue: 'Renamed' })]);
    await waitFor(() => customerOf(id!)?.contacts.some((c) => c.name.startsWith('Renamed')), 10_000, 'contact renamed in Sequence');
  });

  it('a contact deletion removes the contact from the customers of every company it belonged to', async () => {
    const [first, second, other] = seedBillable(stack, 3, 1250);
    const { store } = stack.hubspot;
    const shared = store.createContact({ email: 'ap@shared.example', firstname: 'Shared', lastname: 'Accounts' });
    store.associate(first!, shared.id, [{ typeId: 280, category: 'HUBSPOT_DEFINED' }]);
    store.associate(second!, shared.id, [{ typeId: 280, category: 'HUBSPOT_DEFINED' }]);
    await deliverWebhook(url, SECRET, [first!, second!, other!].map((id) => simulatedEvent('company.creation', id)));
    const emails = (id: string) => customerOf(id)?.contacts.map((c) => c.email).sort();
    await waitFor(() => emails(first!)?.length === 2 && emails(second!)?.length === 2 && customerOf(other!), 10_000, 'customers with the shared contact');
    // The link records the company's contacts after the customer is written: wait for both links too.
    const linked = async (id: string) => (await stack.services.links.get(id))?.contactIds?.includes(shared.id);
    await waitFor(async () => (await linked(first!)) && (await linked(second!)), 10_000, 'links with the shared contact');

    // HubSpot drops the deleted contact's associations: only the link store knows its companies.
    store.deleteContact(shared.id);
    const putsBefore = stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' });
    const answer = await deliverWebhook(url, SECRET, [simulatedEvent('contact.deletion', shared.id)]);
    expect(answer.status).toBe(200);
    await waitFor(() => emails(first!)?.length === 1 && emails(second!)?.length === 1, 10_000, 'shared contact removed');
    expect(emails(first!)).toEqual(['billing1250@company1250.example']);
    expect(emails(second!)).toEqual(['billing1251@company1251.example']);
    await new Promise((r) => setTimeout(r, 300));
    // Only the two companies that had the contact were written.
    expect(stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' }) - putsBefore).toBe(2);
  });

  it('a deletion archives the customer; a deletion undone before it is processed archives nothing', async () => {
    const [gone, back] = seedBillable(stack, 2, 1300);
    await deliverWebhook(url, SECRET, [simulatedEvent('company.creation', gone!), simulatedEvent('company.creation', back!)]);
    await waitFor(() => customerOf(gone!) && customerOf(back!), 10_000, 'customers');
    stack.hubspot.store.deleteCompany(gone!);
    stack.hubspot.store.deleteCompany(back!);
    stack.hubspot.store.restoreCompany(back!);
    await deliverWebhook(url, SECRET, [simulatedEvent('company.deletion', gone!), simulatedEvent('company.deletion', back!)]);
    await waitFor(() => customerOf(gone!)?.archivedAt, 10_000, 'archived');
    await new Promise((r) => setTimeout(r, 500));
    expect(customerOf(back!)?.archivedAt).toBeUndefined();
  });

  it('a merge moves the merged company\'s customer to the surviving company when it has none', async () => {
    const [survivor, merged] = seedBillable(stack, 2, 1400);
    await deliverWebhook(url, SECRET, [simulatedEvent('company.creation', merged!)]);
    await waitFor(() => customerOf(merged!), 10_000, 'customer of the merged company');
    const customerId = customerOf(merged!)!.id;
    stack.hubspot.store.mergeCompanies(survivor!, merged!);
    const answer = await deliverWebhook(url, SECRET, [
      simulatedEvent('company.merge', survivor!, { primaryObjectId: Number(survivor), mergedObjectIds: [Number(merged)], newObjectId: Number(survivor) }),
    ]);
    expect(answer.status).toBe(200);
    await waitFor(() => customerOf(survivor!)?.id === customerId && customerOf(survivor!)?.legalName === `Company 1400`, 10_000, 'customer moved to the survivor');
    expect(stack.sequence.store.get(customerId)?.archivedAt).toBeUndefined();
    expect(stack.sequence.store.all().filter((c) => !c.archivedAt && c.integrationIds.some((i) => i.id === survivor))).toHaveLength(1);
  });

  it('a merge into a survivor with its own customer archives the merged company\'s customer', async () => {
    const [survivor, merged] = seedBillable(stack, 2, 1450);
    await deliverWebhook(url, SECRET, [simulatedEvent('company.creation', survivor!), simulatedEvent('company.creation', merged!)]);
    await waitFor(() => customerOf(survivor!) && customerOf(merged!), 10_000, 'both customers');
    const mergedCustomer = customerOf(merged!)!.id;
    stack.hubspot.store.mergeCompanies(survivor!, merged!);
    await deliverWebhook(url, SECRET, [
      simulatedEvent('company.merge', survivor!, { primaryObjectId: Number(survivor), mergedObjectIds: [Number(merged)], newObjectId: Number(survivor) }),
    ]);
    await waitFor(() => stack.sequence.store.get(mergedCustomer)?.archivedAt, 10_000, 'merged customer archived');
    expect(customerOf(survivor!)?.archivedAt).toBeUndefined();
  });

  it('a merge HubSpot does not confirm archives nothing and syncs every named company', async () => {
    const [survivor, stillThere, reallyMerged] = seedBillable(stack, 3, 1470);
    await deliverWebhook(url, SECRET, [survivor!, stillThere!, reallyMerged!].map((id) => simulatedEvent('company.creation', id)));
    await waitFor(() => customerOf(survivor!) && customerOf(stillThere!) && customerOf(reallyMerged!), 10_000, 'three customers');
    const customers = [survivor!, stillThere!, reallyMerged!].map((id) => customerOf(id)!.id);
    // Only one of the two named companies was merged; the other still exists as its own company.
    stack.hubspot.store.mergeCompanies(survivor!, reallyMerged!);
    stack.hubspot.store.updateCompany(stillThere!, { name: 'Still Here Ltd' });
    const answer = await deliverWebhook(url, SECRET, [
      simulatedEvent('company.merge', survivor!, {
        primaryObjectId: Number(survivor),
        mergedObjectIds: [Number(stillThere), Number(reallyMerged)],
        newObjectId: Number(survivor),
      }),
    ]);
    expect(answer.status).toBe(200);
    await waitFor(() => customerOf(stillThere!)?.legalName === 'Still Here Ltd', 10_000, 'the named company synced');
    const warning = await waitFor(() => stack.logs.lines.find((l) => l.msg?.toString().startsWith('merge not confirmed') && l.companyId === survivor), 10_000, 'warning');
    expect(warning.reasons).toEqual([`company ${stillThere} still exists in HubSpot as its own company`]);
    for (const id of customers) expect(stack.sequence.store.get(id)?.archivedAt).toBeUndefined();
    expect((await stack.services.links.get(stillThere!))?.mergedInto).toBeUndefined();
    expect((await stack.services.links.get(reallyMerged!))?.mergedInto).toBeUndefined();
  });
});

/**
 * Coalescing, without depending on timing: this app does not drain, so every event is in the pending
 * set before the test drains it once. (With the drainer running, a burst that outlasts the debounce
 * window on a loaded machine rightly costs a second sync of the companies it touches again.)
 */
describe('HubSpot webhooks: coalescing', () => {
  let stack: TestStack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    stack = await startStack({ env: { WEBHOOK_DEBOUNCE_MS: '300', SYNC_BATCH_SIZE: '100' } });
    app = await startApp(stack.services, { schedules: false, drainPending: false, port: 0, host: '127.0.0.1' });
    url = `${app.url}/webhooks/hubspot`;
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  it('100 events for 3 companies, in 4 concurrent requests, cause 3 syncs in one job', async () => {
    const ids = seedBillable(stack, 3, 1100);
    const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);
    const events = Array.from({ length: 100 }, (_, i) => simulatedEvent('company.propertyChange', ids[i % 3]!, { propertyName: 'name', propertyValue: `v${i}` }));
    const answers = await Promise.all([0, 25, 50, 75].map((start) => deliverWebhook(url, SECRET, events.slice(start, start + 25))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);

    const pending = new PendingChanges(stack.services.redis, stack.prefix);
    expect(await pending.size('companies')).toEqual({ waiting: 3, inflight: 0 });
    const drainer = new PendingDrainer(pending, stack.services.queues, stack.services.logger, { debounceMs: 300, batchSize: 100 });
    await drainer.drain(Date.now() + 1000);
    expect(await pending.size('companies')).toEqual({ waiting: 0, inflight: 0 });
    const jobs = await stack.services.queues.sync.getJobs(['waiting', 'active', 'completed', 'delayed']);
    expect(jobs.map((j) => [...(j.data as { companyIds: string[] }).companyIds].sort())).toEqual([[...ids].sort()]);

    await waitFor(() => ids.every((id) => customerOf(id)), 10_000, 'three customers');
    expect(stack.sequence.stats.count({ method: 'POST', route: '/customers' })).toBe(3);
  });
});
