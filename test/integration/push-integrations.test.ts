/**
 * PUSH_TO_INTEGRATIONS: a new customer is created with `pushToIntegrations`, so Sequence also creates
 * it in the linked accounting system (the simulated Sequence adds the pushed integration id); updates
 * never send it, and keep the integration id it brought.
 */
import { startRunningStack, type JobRunner, type RunningStack } from '../helpers/jobs';
import { seedBillable, type TestStack } from '../helpers/stack';

describe('PUSH_TO_INTEGRATIONS', () => {
  let ctx: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;
  const bodies: { method: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    ctx = await startRunningStack({ env: { PUSH_TO_INTEGRATIONS: 'xero' } });
    ({ stack, jobs } = ctx);
    const { store } = stack.sequence;
    // Every create and update body the store is given, as sent (the simulated API calls the store per request).
    const create = store.createCustomer.bind(store);
    const update = store.updateCustomer.bind(store);
    store.createCustomer = (req) => (bodies.push({ method: 'POST', body: { ...req } }), create(req));
    store.updateCustomer = (id, req) => (bodies.push({ method: 'PUT', body: { ...req } }), update(id, req));
  });

  afterAll(() => ctx.close());

  it('is sent when a customer is created, not when it is updated', async () => {
    const [id] = seedBillable(stack, 1);
    const [created] = await jobs.sync([id!]);
    expect(created!.action).toBe('created');
    expect(bodies.filter((b) => b.method === 'POST').map((b) => b.body.pushToIntegrations)).toEqual([['Xero']]);
    const customer = stack.sequence.store.get(created!.customerId!)!;
    expect(customer.integrationIds.map((i) => i.service)).toEqual(['HubSpot', 'Xero']);

    stack.hubspot.store.updateCompany(id!, { name: 'Renamed Ltd' });
    const [updated] = await jobs.sync([id!]);
    expect(updated!.action).toBe('updated');
    const put = bodies.find((b) => b.method === 'PUT')!;
    expect(put.body.pushToIntegrations).toBeUndefined();
    // The integration id Xero gave it is kept by the update.
    expect(stack.sequence.store.get(created!.customerId!)!.integrationIds.map((i) => i.service)).toEqual(['HubSpot', 'Xero']);
    expect(updated!.changes?.map((c) => c.field)).toEqual(['legalName']);
  });
});
