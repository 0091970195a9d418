/**
 * The billing scope on the sync path, through the real worker and the real clients against the
 * simulators (numbered HubSpot paths refused): only companies in scope get a customer created;
 * companies already linked keep updating whatever their scope; out-of-scope companies are no
 * failure and cost no Sequence call.
 */
import { syncCompanies } from '../../src/sync/sync-companies';
import { syncDeps } from '../../src/workers/sync-worker';
import type { BillingScope } from '../../src/scope';
import { startRunningStack, type JobRunner, type RunningStack } from '../helpers/jobs';
import { seedBillable, startStack, type TestStack } from '../helpers/stack';

describe('BILLING_SCOPE=closed-won (the default) on the sync path', () => {
  let ctx: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;

  beforeAll(async () => {
    ctx = await startRunningStack({ env: { BILLING_SCOPE: 'closed-won' } });
    ({ stack, jobs } = ctx);
  });
  afterAll(() => ctx.close());

  const deal = (companyId: string, stage: string) => {
    const created = stack.hubspot.store.createDeal({ dealname: `Deal of ${companyId}`, dealstage: stage });
    stack.hubspot.store.associateDeal(created.id, companyId, { primary: true });
    return created.id;
  };
  const sequenceCalls = () => stack.sequence.stats.total;

  it('creates a customer only for the company with a won deal; the others are out of scope, with the reason, and cost no Sequence call', async () => {
    const [won, open, none] = seedBillable(stack, 3, 100);
    deal(won!, 'appointmentscheduled');
    deal(won!, 'closedwon');
    deal(open!, 'appointmentscheduled');
    deal(open!, 'contractsent');
    // Built before the sync, like any worker does once: not a per-company cost.
    await stack.services.index.ensureBuilt();
    const before = sequenceCalls();
    const results = await jobs.sync([won!, open!, none!]);
    const byId = new Map(results.map((r) => [r.companyId, r]));
    expect(byId.get(won!)).toMatchObject({ action: 'created', message: expect.stringContaining('in billing scope: won deal') });
    expect(byId.get(open!)).toEqual({ companyId: open, action: 'out-of-scope', message: 'no won deal: 2 open deals in Sales Pipeline' });
    expect(byId.get(none!)).toEqual({ companyId: none, action: 'out-of-scope', message: 'no deal' });
    // One create for the one in-scope company, nothing for the other two.
    expect(sequenceCalls() - before).toBe(1);
    expect(stack.sequence.stats.count({ method: 'POST', route: '/customers' })).toBe(1);
    expect(stack.sequence.store.count()).toBe(1);
    expect(stack.logs.where({ companyId: open, action: 'out-of-scope' })[0]).toMatchObject({ level: 30, notes: 'no won deal: 2 open deals in Sales Pipeline' });
    expect(stack.hubspot.stats.count({ status: 410 })).toBe(0);
  });

  it('an out-of-scope company that cannot be billed is no failure and leaves the failure index', async () => {
    const store = stack.hubspot.store;
    const broken = store.createCompany({ name: 'No address Ltd', country: 'GB' });
    await stack.services.failures.record(broken.id, { kind: 'mapping', reason: 'address: line1 is missing' });
    const [result] = await jobs.sync([broken.id]);
    expect(result).toMatchObject({ action: 'out-of-scope', message: 'no deal' });
    expect(await stack.services.failures.get(broken.id)).toBeUndefined();
  });

  it('a company linked before the scope narrowed keeps updating; so does one adopted from Sequence\'s own integration', async () => {
    const [earlier, native] = seedBillable(stack, 2, 200);
    // Linked while every company was in scope (BILLING_SCOPE=all): it has no deal at all.
    const all: BillingScope = { kind: 'all' };
    const first = await syncCompanies({ ...syncDeps(stack.services), scope: all }, { companyIds: [earlier!], source: 'cli', attempt: 1, finalAttempt: true });
    expect(first.results[0]).toMatchObject({ action: 'created' });
    stack.sequence.store.seedCustomer({
      legalName: 'Imported by the native integration',
      address: { line1: 'Unknown', town: 'Unknown', postcode: '00000', country: 'GB' },
      taxStatus: 'TAXED',
      contacts: [{ name: 'Placeholder', email: 'placeholder@example.com', billingPreference: 'PRIMARY' }],
      integrationIds: [{ service: 'HubSpot', id: native! }],
    });
    await stack.services.index.rebuild();
    stack.hubspot.store.updateCompany(earlier!, { name: 'Renamed after the scope changed' });
    const results = await jobs.sync([earlier!, native!]);
    expect(results.find((r) => r.companyId === earlier)).toMatchObject({ action: 'updated' });
    expect(results.find((r) => r.companyId === native)).toMatchObject({ action: 'updated' });
    expect(stack.sequence.store.byAlias(`hubspot-company-${earlier}`)?.legalName).toBe('Renamed after the scope changed');
    expect(stack.sequence.store.byAlias(`hubspot-company-${native}`)?.archivedAt).toBeFalsy();
  });

  it('a deal moved back to lost leaves the customer as it is: still linked, updated, never archived', async () => {
    const [company] = seedBillable(stack, 1, 300);
    const dealId = deal(company!, 'closedwon');
    const [created] = await jobs.sync([company!]);
    expect(created).toMatchObject({ action: 'created' });
    stack.hubspot.store.moveDeal(dealId, 'closedlost');
    const [again] = await jobs.sync([company!]);
    expect(again).toMatchObject({ action: 'unchanged', customerId: created!.customerId });
    stack.hubspot.store.updateCompany(company!, { name: 'Still a customer' });
    const [updated] = await jobs.sync([company!]);
    expect(updated).toMatchObject({ action: 'updated', customerId: created!.customerId });
    expect(stack.sequence.store.get(created!.customerId!)?.archivedAt).toBeFalsy();
  });

  it('a dry run says whether the company is in scope and why not, and writes nothing', async () => {
    const [inScope, outOfScope] = seedBillable(stack, 2, 400);
    deal(inScope!, 'closedwon');
    deal(outOfScope!, 'closedlost');
    const before = stack.sequence.store.count();
    const results = await jobs.sync([inScope!, outOfScope!], { dryRun: true });
    expect(results.find((r) => r.companyId === inScope)).toMatchObject({ action: 'created', message: expect.stringMatching(/in billing scope: won deal \d+ \(Closed Won, Sales Pipeline\)/) });
    expect(results.find((r) => r.companyId === outOfScope)).toMatchObject({ action: 'out-of-scope', message: 'no won deal: 1 lost deal in Sales Pipeline' });
    expect(stack.sequence.store.count()).toBe(before);
    // Both log lines are marked as a dry run's (issue 22, item 14), the out-of-scope one included.
    expect(stack.logs.where({ companyId: inScope, action: 'created' })).toEqual([expect.objectContaining({ dryRun: true, msg: 'company created (dry run: nothing written)' })]);
    expect(stack.logs.where({ companyId: outOfScope, action: 'out-of-scope' })).toEqual([
      expect.objectContaining({ dryRun: true, msg: 'company out-of-scope (dry run: nothing written)', notes: 'no won deal: 1 lost deal in Sales Pipeline' }),
    ]);
  });
});

describe('lifecycle:, property: and all decide the same way on the sync path', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { BILLING_SCOPE: 'all' } });
  });
  afterAll(() => stack.close());

  const run = async (scope: BillingScope, companyIds: string[]) =>
    (await syncCompanies({ ...syncDeps(stack.services), scope }, { companyIds, source: 'cli', attempt: 1, finalAttempt: true })).results;

  it('lifecycle: creates for the listed stages only', async () => {
    const [customer, lead, none] = seedBillable(stack, 3, 500);
    stack.hubspot.store.updateCompany(customer!, { lifecyclestage: 'customer' });
    stack.hubspot.store.updateCompany(lead!, { lifecyclestage: 'lead' });
    const results = await run({ kind: 'lifecycle', stages: ['customer', 'evangelist'] }, [customer!, lead!, none!]);
    expect(results.map((r) => [r.companyId, r.action])).toEqual(expect.arrayContaining([[customer, 'created'], [lead, 'out-of-scope'], [none, 'out-of-scope']]));
    expect(results.find((r) => r.companyId === lead)?.message).toBe('lifecycle stage is lead, not customer or evangelist');
  });

  it('property: creates when the checkbox is ticked', async () => {
    const [ticked, unticked] = seedBillable(stack, 2, 600);
    stack.hubspot.store.updateCompany(ticked!, { billing_enabled: 'true' });
    stack.hubspot.store.updateCompany(unticked!, { billing_enabled: 'false' });
    const results = await run({ kind: 'property', name: 'billing_enabled' }, [ticked!, unticked!]);
    expect(results.find((r) => r.companyId === ticked)).toMatchObject({ action: 'created' });
    expect(results.find((r) => r.companyId === unticked)).toMatchObject({ action: 'out-of-scope', message: 'billing_enabled is false, not true' });
  });

  it('all: every company, as before, with no deal read', async () => {
    const ids = seedBillable(stack, 3, 700);
    const results = await run({ kind: 'all' }, ids);
    expect(results.map((r) => r.action)).toEqual(['created', 'created', 'created']);
    expect(stack.hubspot.stats.count({ route: '/crm/pipelines/2026-09/deals' }) + stack.hubspot.stats.count({ route: '/crm/pipelines/2026-03/deals' })).toBe(0);
  });
});
