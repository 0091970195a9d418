/**
 * Merges from signed webhooks: a merge is confirmed only by positive proof (the survivor lists the
 * merged-away id in hs_merged_object_ids); an id that is simply gone is a deletion.
 */
import { startApp, type App } from '../../src/app';
import { JOB } from '../../src/queue/names';
import { SyncJobResult } from '../../src/queue/payloads';
import { deliverWebhook, simulatedEvent, simulatedGenericEvent } from '../../src/simulators/hubspot/webhooks';
import { BILLING_STATUS, WRITE_BACK_PROPERTY } from '../../src/writeback/properties';
import { startRunningStack, type RunningStack } from '../helpers/jobs';
import { seedBillable, startStack, waitFor, type TestStack } from '../helpers/stack';

const SECRET = 'webhook-secret';

async function mergeStack(archiveOnDelete: boolean): Promise<{ stack: TestStack; app: App; url: string }> {
  const stack = await startStack({ env: { WEBHOOK_DEBOUNCE_MS: '100', SYNC_BATCH_SIZE: '100', ARCHIVE_ON_DELETE: String(archiveOnDelete) } });
  const app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1' });
  return { stack, app, url: `${app.url}/webhooks/hubspot` };
}

const mergeEvent = (primary: string, merged: string[]) =>
  simulatedEvent('company.merge', primary, { primaryObjectId: Number(primary), mergedObjectIds: merged.map(Number) });

describe.each([false, true])('a merge naming a deleted company (ARCHIVE_ON_DELETE=%s)', (archiveOnDelete) => {
  let stack: TestStack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    ({ stack, app, url } = await mergeStack(archiveOnDelete));
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);

  it('is a deletion of that company, not a merge: its customer is not handed to the survivor', async () => {
    const [deleted] = seedBillable(stack, 1, 100);
    await deliverWebhook(url, SECRET, [simulatedEvent('company.creation', deleted!)]);
    const before = await waitFor(() => customerOf(deleted!), 10_000, 'customer of the company to delete');
    stack.hubspot.store.deleteCompany(deleted!);
    const [unrelated] = seedBillable(stack, 1, 200);

    const answer = await deliverWebhook(url, SECRET, [mergeEvent(unrelated!, [deleted!])]);
    expect(answer.status).toBe(200);
    const survivorCustomer = await waitFor(() => customerOf(unrelated!), 10_000, "the survivor's customer");
    const outcome = await waitFor(() => stack.logs.lines.find((l) => l.companyId === deleted && typeof l.action === 'string' && (l.mergedInto !== undefined || l.source === 'merge')), 10_000, "the deleted company's outcome");

    // The unrelated company got a customer of its own; the deleted company's customer kept its name.
    expect(survivorCustomer.id).not.toBe(before.id);
    expect(survivorCustomer.legalName).toBe('Company 200');
    expect(stack.sequence.store.get(before.id)?.legalName).toBe('Company 100');
    expect(JSON.stringify(stack.logs.lines)).not.toContain('its customer now belongs to');
    expect((await stack.services.links.get(deleted!))?.mergedInto).toBeUndefined();
    // Handled as a deletion is: archived under ARCHIVE_ON_DELETE=true, kept otherwise.
    if (archiveOnDelete) {
      await waitFor(() => stack.sequence.store.get(before.id)?.archivedAt, 10_000, 'archived as deleted');
      expect(outcome).toMatchObject({ action: 'archived', notes: 'deleted in HubSpot' });
    } else {
      expect(outcome).toMatchObject({ action: 'skipped', notes: 'ARCHIVE_ON_DELETE is off' });
      expect(stack.sequence.store.get(before.id)?.archivedAt).toBeUndefined();
    }
    // The finished merge job keeps counts per action and failures, not each company's result.
    const mergeJob = await waitFor(
      async () => (await stack.services.queues.sync.getJobs(['completed'])).find((j) => j.name === JOB.mergeCompanies && (j.data as { primaryId?: string }).primaryId === unrelated),
      10_000,
      'the finished merge job',
    );
    expect(SyncJobResult.strict().parse(mergeJob.returnvalue)).toEqual({ counts: { created: 1, [archiveOnDelete ? 'archived' : 'skipped']: 1 }, failures: [] });
  });

  it('sent as a generic object.merge to a survivor that already has its own customer: both customers stay what they were (the deleted one archived only as a deletion)', async () => {
    const [deleted, survivor] = seedBillable(stack, 2, 400);
    await deliverWebhook(url, SECRET, [simulatedEvent('company.creation', deleted!), simulatedEvent('company.creation', survivor!)]);
    const [gone, own] = await Promise.all([deleted, survivor].map((id) => waitFor(() => customerOf(id!), 10_000, 'customers before the merge')));
    stack.hubspot.store.deleteCompany(deleted!);
    const merge = simulatedGenericEvent('object.merge', 'company', survivor!, { primaryObjectId: Number(survivor), mergedObjectIds: [Number(deleted)] });
    expect((await deliverWebhook(url, SECRET, [merge])).status).toBe(200);
    await waitFor(
      async () => (await stack.services.queues.sync.getJobs(['completed'])).find((j) => j.name === JOB.mergeCompanies && (j.data as { primaryId?: string }).primaryId === survivor),
      10_000,
      'the finished merge job',
    );
    expect(customerOf(survivor!)?.id).toBe(own!.id);
    expect(stack.sequence.store.get(own!.id)?.archivedAt).toBeUndefined();
    expect(stack.sequence.store.get(gone!.id)?.legalName).toBe('Company 400');
    expect(Boolean(stack.sequence.store.get(gone!.id)?.archivedAt)).toBe(archiveOnDelete);
    expect((await stack.services.links.get(deleted!))?.mergedInto).toBeUndefined();
    expect(JSON.stringify(stack.logs.lines)).not.toContain('its customer now belongs to');
  });
});

describe('merges: bounds and degenerate events', () => {
  let stack: TestStack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    ({ stack, app, url } = await mergeStack(true));
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);

  it('refuses a signed merge naming more than 100 merged-away ids, at no HubSpot call', async () => {
    const [primary] = seedBillable(stack, 1, 300);
    const many = Array.from({ length: 40_000 }, (_, i) => String(9_000_000 + i));
    const hubspotBefore = stack.hubspot.stats.total;
    const answer = await deliverWebhook(url, SECRET, [mergeEvent(primary!, many)]);
    expect(answer.status).toBe(400);
    expect(answer.responseBody).toContain('body[0].mergedObjectIds');
    expect(answer.responseBody).toContain('at most 100');
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.hubspot.stats.total).toBe(hubspotBefore);
    expect(await stack.services.queues.sync.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed')).toBe(0);
    // Every log line stays small: nothing quotes the 40,000 ids.
    expect(Math.max(...stack.logs.lines.map((l) => JSON.stringify(l).length))).toBeLessThan(10_000);
  });

  it('fails a merge job naming more than 101 merged-away ids (100 and an old primary) at once, naming the field, without syncing any', async () => {
    const [primary] = seedBillable(stack, 1, 310);
    const hubspotBefore = stack.hubspot.stats.total;
    const job = await stack.services.queues.sync.add(JOB.mergeCompanies, { primaryId: primary!, mergedIds: Array.from({ length: 102 }, (_, i) => String(8_000_000 + i)) });
    const failed = await waitFor(async () => ((await job.isFailed()) ? await stack.services.queues.sync.getJob(job.id!) : undefined), 10_000, 'job failed');
    expect(failed.failedReason).toMatch(/mergedIds: .*at most 101/);
    expect(failed.attemptsMade).toBe(1);
    expect(stack.hubspot.stats.total).toBe(hubspotBefore);
  });

  it.each([
    ['only the primary', (primary: string) => [primary]],
    ['nothing', () => []],
  ])('a signed merge naming %s is a sync of the primary', async (_label, merged) => {
    const [primary] = seedBillable(stack, 1, _label === 'nothing' ? 320 : 330);
    const answer = await deliverWebhook(url, SECRET, [mergeEvent(primary!, merged(primary!))]);
    expect(answer.status).toBe(200);
    await waitFor(() => customerOf(primary!), 10_000, "the primary's customer");
    const jobs = (await stack.services.queues.sync.getJobs(['completed', 'failed'])).filter((j) => (j.data as { primaryId?: string }).primaryId === primary);
    expect(jobs.map((j) => j.failedReason)).toEqual([undefined]);
  });
});

describe('a confirmed merge with PARENT_CUSTOMERS and the write-back on', () => {
  let ctx: RunningStack;

  beforeAll(async () => {
    ctx = await startRunningStack({ env: { PARENT_CUSTOMERS: 'true', HUBSPOT_WRITE_BACK: 'true', ARCHIVE_ON_DELETE: 'true', SYNC_BATCH_SIZE: '100' } });
  });
  afterAll(() => ctx.close());

  const customerOf = (id: string) => ctx.stack.sequence.store.byAlias(`hubspot-company-${id}`);
  const parentOf = (id: string) => ctx.stack.sequence.store.parentOf(customerOf(id)!.id);
  const shown = (id: string) => ctx.stack.hubspot.store.getCompany(id)!.properties;
  const billingState = (id: string) => [shown(id)[WRITE_BACK_PROPERTY.customerId], shown(id)[WRITE_BACK_PROPERTY.status]];

  /** A group company with two children, synced (the group as their parent) and written back; and the survivor. */
  async function groupAndSurvivor(start: number, survivorSynced: boolean) {
    const [group, child1, child2, survivor] = seedBillable(ctx.stack, 4, start) as [string, string, string, string];
    ctx.stack.hubspot.store.setParentCompany(child1, group);
    ctx.stack.hubspot.store.setParentCompany(child2, group);
    await ctx.jobs.sync(survivorSynced ? [child1, child2, survivor] : [child1, child2]);
    await ctx.stack.services.writeBack!.idle();
    expect(parentOf(child1)).toBe(customerOf(group)!.id);
    expect(billingState(group)).toEqual([customerOf(group)!.id, BILLING_STATUS.synced]);
    return { group, children: [child1, child2], survivor };
  }

  /** Merges `group` into `survivor` in HubSpot (the survivor takes the group's children), then HubSpot's signed event. */
  async function merge(survivor: string, group: string) {
    // HubSpot keeps the most recent value of each property on the survivor: here, the group's billing state.
    ctx.stack.hubspot.store.updateCompany(survivor, { [WRITE_BACK_PROPERTY.customerId]: shown(group)[WRITE_BACK_PROPERTY.customerId]!, [WRITE_BACK_PROPERTY.status]: BILLING_STATUS.synced });
    ctx.stack.hubspot.store.mergeCompanies(survivor, group);
    const answer = await deliverWebhook(ctx.url, SECRET, [mergeEvent(survivor, [group])]);
    expect(answer.status).toBe(200);
  }

  it("a survivor without a customer takes the group's: HubSpot shows it on the survivor, the children keep it as their parent", async () => {
    const { group, children, survivor } = await groupAndSurvivor(700, false);
    const groupCustomer = customerOf(group)!.id;
    await merge(survivor, group);

    const link = await waitFor(async () => ((await ctx.stack.services.links.get(survivor))?.customerId === groupCustomer ? ctx.stack.services.links.get(survivor) : undefined), 10_000, "the group's customer relinked to the survivor");
    expect(link?.lastOutcome).not.toBe('failed');
    expect(await ctx.stack.services.links.get(group)).toMatchObject({ mergedInto: survivor });
    // The children are synced again under their HubSpot parent, now the survivor, whose customer is the same one.
    for (const child of children) {
      await waitFor(async () => (await ctx.stack.services.links.get(child))?.parentCompanyId === survivor, 10_000, `child ${child} re-synced under the survivor`);
      expect(parentOf(child)).toBe(groupCustomer);
    }
    await ctx.stack.services.writeBack!.idle();
    expect(billingState(survivor)).toEqual([groupCustomer, BILLING_STATUS.synced]);
    for (const child of children) expect(billingState(child)).toEqual([customerOf(child)!.id, BILLING_STATUS.synced]);
    expect(ctx.stack.sequence.store.get(groupCustomer)?.archivedAt).toBeUndefined();
  });

  it("a survivor with its own customer: the group's is archived, the children move under the survivor's, and HubSpot shows the survivor's own", async () => {
    const { group, children, survivor } = await groupAndSurvivor(800, true);
    const groupCustomer = customerOf(group)!.id;
    const survivorCustomer = customerOf(survivor)!.id;
    await merge(survivor, group);

    await waitFor(() => ctx.stack.sequence.store.get(groupCustomer)?.archivedAt, 10_000, "the group's customer archived");
    for (const child of children) await waitFor(() => parentOf(child) === survivorCustomer, 10_000, `child ${child} moved under the survivor's customer`);
    for (const child of children) expect(await ctx.stack.services.links.get(child)).toMatchObject({ parentCompanyId: survivor, parentCustomerId: survivorCustomer });
    expect((await ctx.stack.services.links.get(survivor))?.customerId).toBe(survivorCustomer);
    // The value HubSpot carried over from the group is corrected to the survivor's own customer.
    await waitFor(async () => (await ctx.stack.services.writeBack!.idle()) && shown(survivor)[WRITE_BACK_PROPERTY.customerId] === survivorCustomer, 10_000, "the survivor's customer written back");
    expect(billingState(survivor)).toEqual([survivorCustomer, BILLING_STATUS.synced]);
    for (const child of children) expect(billingState(child)).toEqual([customerOf(child)!.id, BILLING_STATUS.synced]);
  });
});
