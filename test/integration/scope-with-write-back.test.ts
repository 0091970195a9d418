/**
 * Issue 18's billing scope together with issue 19's write-back and parent customers, through the real
 * worker on the dated paths (numbered ones refused), in the default scope (closed-won):
 * - a full run reads the won deals' companies (plus those already linked) and writes the billing
 *   state back onto exactly those: prospects and leads are never written to, not by a run and not
 *   when a webhook finds them out of scope;
 * - a parent outside the scope still gets its customer as its group's owner, whether it is outside
 *   the batch or in it (held back by the scope, then synced as the parent);
 * - a parent ↔ child association change re-syncs the child, not the parent;
 * - a no-change full run writes nothing anywhere;
 * - status shows the scope and the write-back; check has a line for each.
 */
import { formatStatus } from '../../src/cli/commands/status';
import { runChecks } from '../../src/check/checks';
import { seedCompanies, seedDeals, type DealSeedSummary } from '../../src/simulators/hubspot';
import { deliverWebhook, simulatedGenericEvent, simulatedParentAssociationEvents } from '../../src/simulators/hubspot/webhooks';
import { collectStatus } from '../../src/status/collect';
import { BILLING_STATUS, WRITE_BACK_PROPERTY } from '../../src/writeback/properties';
import { startRunningStack, type RunningStack, type JobRunner } from '../helpers/jobs';
import { hubspotRoute, reconcileAndWait, waitFor, sequenceWrites, type TestStack } from '../helpers/stack';

const SECRET = 'webhook-secret';
const OLD = Date.now() - 30 * 86_400_000;
const P = WRITE_BACK_PROPERTY;


/** A billable company with one billing contact and, when `won`, a won deal. */
function company(stack: TestStack, name: string, won: boolean): string {
  const { store } = stack.hubspot;
  const created = store.createCompany({ name, address: '1 Harbour Road', city: 'Leeds', zip: 'LS1 1AA', country: 'GB' });
  const contact = store.createContact({ email: `ap@${name.toLowerCase().replace(/\W+/g, '-')}.example`, firstname: 'Pat', lastname: 'Payable' });
  store.associate(created.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
  if (won) store.associateDeal(store.createDeal({ dealname: `${name}: first order`, dealstage: 'closedwon' }).id, created.id, { primary: true });
  return created.id;
}

describe('BILLING_SCOPE=closed-won with the write-back and PARENT_CUSTOMERS', () => {
  let ctx: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;
  let url: string;
  let companyIds: string[];
  let deals: DealSeedSummary;
  /** A group whose parent has no deal (outside the scope) and whose subsidiary has a won one. */
  let group: { parent: string; child: string };

  beforeAll(async () => {
    ctx = await startRunningStack({ env: { BILLING_SCOPE: 'closed-won', HUBSPOT_WRITE_BACK: 'true', PARENT_CUSTOMERS: 'true', SYNC_BATCH_SIZE: '100', RECONCILE_LOOKBACK_MS: '60000' } });
    ({ stack, jobs, url } = ctx);
    // Old records: nothing is "modified since" the first checkpoint but what a test changes.
    companyIds = seedCompanies(stack.hubspot.store, { count: 600, contactsPerCompany: 2, seed: 19, unbillableRatio: 0.05, baseTime: OLD }).companyIds;
    deals = seedDeals(stack.hubspot.store, { companyIds, wonRatio: 0.2, otherRatio: 0.4, seed: 19, baseTime: OLD });
    group = { parent: company(stack, 'Northwind Group', false), child: company(stack, 'Northwind Logistics', true) };
    stack.hubspot.store.setParentCompany(group.child, group.parent);
  }, 60_000);

  afterAll(() => ctx.close());

  const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);
  const props = (id: string) => stack.hubspot.store.getCompany(id)!.properties;
  /** Once the jobs a webhook queued are done and their write-backs have ended (a batch writes after its outcomes). */
  const settled = async () => {
    await waitFor(async () => Object.values(await stack.services.queues.sync.getJobCounts('active', 'waiting', 'delayed', 'prioritized')).every((n) => n === 0), 5_000, 'sync jobs done');
    await stack.services.writeBack!.idle();
  };
  const outOfScopeCompanies = () => companyIds.filter((id) => !deals.wonCompanyIds.includes(id));

  it('a full run writes the billing state onto the companies with a won deal (and the parent it synced), never onto prospects or leads', async () => {
    const inScope = [...deals.wonCompanyIds, group.child];
    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ status: 'finished', scope: 'closed-won', scanned: inScope.length, outOfScope: 0 });
    expect(report.created + report.failed).toBe(inScope.length);
    expect(stack.hubspot.stats.count({ method: 'GET', route: hubspotRoute('objects', 'companies') })).toBe(0);
    await stack.services.writeBack!.idle();

    for (const id of inScope) {
      const status = props(id)[P.status];
      expect({ id, written: status === BILLING_STATUS.synced || status === BILLING_STATUS.cannotBeBilled }).toEqual({ id, written: true });
      if (status === BILLING_STATUS.synced) expect(props(id)[P.customerId]).toBe(customerOf(id)!.id);
    }
    expect(inScope.some((id) => props(id)[P.status] === BILLING_STATUS.cannotBeBilled)).toBe(true);
    // Prospects (open or lost deals) and leads (none): no customer, and nothing written to them.
    for (const id of outOfScopeCompanies()) {
      expect({ id, customer: customerOf(id), status: props(id)[P.status] ?? null, customerId: props(id)[P.customerId] ?? null }).toEqual({ id, customer: undefined, status: null, customerId: null });
    }
    // Every company written exactly once: the ones in scope, and the group's parent (it has a customer).
    expect(stack.hubspot.store.apiWrites.objectUpdates).toBe(inScope.length + 1);
    const batchUpdates = stack.hubspot.stats.count({ method: 'POST', route: hubspotRoute('objects', 'companies/batch/update') });
    expect(batchUpdates).toBeLessThanOrEqual(Math.ceil(inScope.length / 100) + 2);
  });

  it('a parent outside the billing scope still gets its customer as its group’s owner, and HubSpot shows it', async () => {
    const parent = customerOf(group.parent);
    const child = customerOf(group.child);
    expect(parent).toBeDefined();
    expect(child).toBeDefined();
    expect(stack.sequence.store.parentOf(child!.id)).toBe(parent!.id);
    expect(props(group.parent)).toMatchObject({ [P.status]: BILLING_STATUS.synced, [P.customerId]: parent!.id });
    // Synced as the parent, with its own outcome line saying why; never an out-of-scope one.
    const lines = stack.logs.where({ companyId: group.parent });
    expect(lines.map((l) => l.action)).toEqual(['created']);
    expect(String(lines[0]!.notes)).toMatch(/parent company .*PARENT_CUSTOMERS/);
  });

  it('a parent outside the scope in the same batch as its child is synced as the parent, not held back', async () => {
    const parent = company(stack, 'Contoso Holdings', false);
    const child = company(stack, 'Contoso Retail', true);
    stack.hubspot.store.setParentCompany(child, parent);
    const results = await jobs.sync([parent, child]);
    // The batch's own outcome for the child; the parent's is the nested parents' sync's.
    expect(results).toEqual([expect.objectContaining({ companyId: child, action: 'created', parent: { companyId: parent, customerId: customerOf(parent)!.id } })]);
    expect(stack.sequence.store.parentOf(customerOf(child)!.id)).toBe(customerOf(parent)!.id);
    expect(stack.logs.where({ companyId: parent }).map((l) => l.action)).toEqual(['created']);
    await stack.services.writeBack!.idle();
    expect(props(parent)[P.status]).toBe(BILLING_STATUS.synced);
  });

  it('a prospect edited in HubSpot ends out of scope through its webhook, and nothing is written to it', async () => {
    const prospect = deals.otherCompanyIds.find((id) => !customerOf(id))!;
    const writes = stack.hubspot.store.apiWrites.objectUpdates;
    stack.hubspot.store.updateCompany(prospect, { name: 'Still only a prospect' });
    const answer = await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.propertyChange', 'company', prospect, { propertyName: 'name', propertyValue: 'Still only a prospect' })]);
    expect(answer.status).toBe(200);
    await waitFor(() => stack.logs.where({ companyId: prospect, action: 'out-of-scope' }).length > 0, 5_000, 'the prospect found out of scope');
    await settled();
    expect(customerOf(prospect)).toBeUndefined();
    expect(props(prospect)[P.status] ?? null).toBeNull();
    expect(stack.hubspot.store.apiWrites.objectUpdates).toBe(writes);
  });

  it('a parent association change (webhook) moves the child under its new parent, outside the scope too', async () => {
    const newParent = company(stack, 'Fabrikam Group', false);
    stack.hubspot.store.setParentCompany(group.child, newParent);
    const answer = await deliverWebhook(url, SECRET, simulatedParentAssociationEvents(newParent, group.child));
    expect(answer.status).toBe(200);
    await waitFor(() => customerOf(newParent) && stack.sequence.store.parentOf(customerOf(group.child)!.id) === customerOf(newParent)!.id, 5_000, 'the child under its new parent');
    await settled();
    expect(props(newParent)[P.status]).toBe(BILLING_STATUS.synced);
  });

  it('a no-change full run reads the scope and the linked companies, and writes nothing to HubSpot or Sequence', async () => {
    const before = { sequence: sequenceWrites(stack), hubspot: stack.hubspot.store.apiWrites.objectUpdates };
    const report = await reconcileAndWait(stack, 'full');
    await stack.services.writeBack!.idle();
    expect(report).toMatchObject({ status: 'finished', created: 0, updated: 0, archived: 0, outOfScope: 0 });
    // The linked parents outside the scope are read too (they have customers), so they are kept up to date.
    expect(report.scanned).toBe(deals.wonCompanyIds.length + 5);
    expect(sequenceWrites(stack) - before.sequence).toBe(0);
    expect(stack.hubspot.store.apiWrites.objectUpdates - before.hubspot).toBe(0);
  });

  it('status shows the scope in force and the write-back; check has a line for each', async () => {
    const status = await collectStatus({ ...stack.services, prefix: stack.prefix, scope: stack.config.scope, writeBackOn: stack.config.hubspot.writeBack });
    const text = formatStatus(status, 5);
    expect(text).toContain('Billing scope: BILLING_SCOPE=closed-won');
    expect(text).toMatch(/HubSpot write-back: \d+ companies written\./);
    expect(formatStatus({ ...status, writeBackOn: false }, 5)).toContain('HubSpot write-back: off (HUBSPOT_WRITE_BACK=false)');

    const lines = await runChecks(stack.config);
    expect(lines.find((l) => l.item === 'HubSpot write-back')).toMatchObject({ status: 'ok' });
    expect(lines.find((l) => l.item === 'Billing scope (BILLING_SCOPE=closed-won)')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/\d+ compan/) });
  });
});

describe('BILLING_SCOPE=closed-won, PARENT_CUSTOMERS off: a parent association change', () => {
  let ctx: RunningStack;
  beforeAll(async () => {
    ctx = await startRunningStack({ env: { BILLING_SCOPE: 'closed-won', HUBSPOT_WRITE_BACK: 'true' } });
  });
  afterAll(() => ctx.close());

  it('re-syncs the child, not the parent', async () => {
    const { stack, jobs, url } = ctx;
    const parent = company(stack, 'Tailspin Holdings', false);
    const child = company(stack, 'Tailspin Toys', true);
    await jobs.sync([child]);
    const childLines = stack.logs.where({ companyId: child }).length;
    stack.hubspot.store.setParentCompany(child, parent);
    // HubSpot sends one event per direction (types 13 and 14): both name the child.
    const answer = await deliverWebhook(url, SECRET, simulatedParentAssociationEvents(parent, child));
    expect(answer.status).toBe(200);
    await waitFor(() => stack.logs.where({ companyId: child }).length > childLines, 5_000, 'the child synced again');
    // One more sync of the child, and none of the parent (which, outside the scope, would end out-of-scope).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stack.logs.where({ companyId: child }).length).toBe(childLines + 1);
    expect(stack.logs.where({ companyId: parent })).toEqual([]);
  });
});
