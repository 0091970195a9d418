/**
 * The Sequence simulator's customer hierarchy and pushes: `parentId` kept and shown as
 * `organizations` (GET, list, create, update answers), what a PUT does with the parent in both
 * undocumented readings (omitted → cleared or kept; another parent → moved or refused), cycles
 * refused, and `pushToIntegrations` on creation.
 */
import { Customer, ListCustomersResponse, type CreateOrUpdateCustomerRequest } from '../../src/sequence/schemas';
import { startSequenceSimulator, type CustomerModel, type ErrorBodyModel, type SequenceSimulator, type SequenceSimulatorOptions } from '../../src/simulators/sequence';

const AUTH = `Basic ${Buffer.from('seq-test-id:seq-test-secret').toString('base64')}`;
const running: SequenceSimulator[] = [];

async function start(options: SequenceSimulatorOptions = {}): Promise<SequenceSimulator> {
  const sim = await startSequenceSimulator({ rateLimitPerMinute: 0, ...options });
  running.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function call<T>(sim: SequenceSimulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: AUTH, 'sequence-version': '2024-07-30', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

function request(n: number, over: Partial<CreateOrUpdateCustomerRequest> = {}): CreateOrUpdateCustomerRequest {
  return {
    legalName: `Customer ${n}`,
    address: { line1: '1 Road', town: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
    taxStatus: 'TAXED',
    contacts: [{ name: 'Ann', email: `ann${n}@example.com`, billingPreference: 'PRIMARY' }],
    ...over,
  };
}

async function family(sim: SequenceSimulator) {
  const top = (await call<CustomerModel>(sim, 'POST', '/customers', request(1))).body;
  const middle = (await call<CustomerModel>(sim, 'POST', '/customers', request(2, { parentId: top.id }))).body;
  const leaf = (await call<CustomerModel>(sim, 'POST', '/customers', request(3, { parentId: middle.id }))).body;
  const other = (await call<CustomerModel>(sim, 'POST', '/customers', request(4))).body;
  return { top, middle, leaf, other };
}

describe('parentId and organizations', () => {
  it('shows the hierarchy as organizations, in every answer the project parses', async () => {
    const sim = await start();
    const { top, middle, leaf } = await family(sim);
    const read = Customer.parse((await call(sim, 'GET', `/customers/${middle.id}`)).body);
    expect(read.organizations).toEqual([
      { id: expect.any(String), owner: { id: top.id, name: 'Customer 1' }, members: [{ id: middle.id, name: 'Customer 2' }] },
      { id: expect.any(String), owner: { id: middle.id, name: 'Customer 2' }, members: [{ id: leaf.id, name: 'Customer 3' }] },
    ]);
    const listed = ListCustomersResponse.parse((await call(sim, 'GET', '/customers?limit=10')).body);
    expect(listed.items.find((c) => c.id === leaf.id)?.organizations).toEqual([{ id: expect.any(String), owner: { id: middle.id, name: 'Customer 2' }, members: [{ id: leaf.id, name: 'Customer 3' }] }]);
    expect(sim.store.parentOf(leaf.id)).toBe(middle.id);
  });

  it('keeps the parent on a PUT that names it, clears it on one that omits it (default)', async () => {
    const sim = await start();
    const { top, middle } = await family(sim);
    expect((await call(sim, 'PUT', `/customers/${middle.id}`, request(2, { parentId: top.id, legalName: 'Renamed' }))).status).toBe(200);
    expect(sim.store.parentOf(middle.id)).toBe(top.id);
    expect((await call(sim, 'PUT', `/customers/${middle.id}`, request(2))).status).toBe(200);
    expect(sim.store.parentOf(middle.id)).toBeUndefined();
    expect(sim.store.get(top.id)?.organizations).toEqual([]);
  });

  it("keeps it on a PUT that omits it with parentOmittedOnUpdate: 'keeps'", async () => {
    const sim = await start({ parentOmittedOnUpdate: 'keeps' });
    const { top, middle } = await family(sim);
    await call(sim, 'PUT', `/customers/${middle.id}`, request(2));
    expect(sim.store.parentOf(middle.id)).toBe(top.id);
  });

  it('moves a customer under another parent by default, and refuses with 400 when moves are refused', async () => {
    const allowed = await start();
    const a = await family(allowed);
    expect((await call(allowed, 'PUT', `/customers/${a.leaf.id}`, request(3, { parentId: a.other.id }))).status).toBe(200);
    expect(allowed.store.parentOf(a.leaf.id)).toBe(a.other.id);

    const refused = await start({ parentMoves: 'refused' });
    const r = await family(refused);
    const move = await call<ErrorBodyModel>(refused, 'PUT', `/customers/${r.leaf.id}`, request(3, { parentId: r.other.id, legalName: 'Not written' }));
    expect(move.status).toBe(400);
    expect(move.body.error.details).toEqual([{ path: 'parentId', message: "a customer's parent cannot be changed" }]);
    expect(refused.store.get(r.leaf.id)?.legalName).toBe('Customer 3');
    const adopt = await call<ErrorBodyModel>(refused, 'PUT', `/customers/${r.other.id}`, request(4, { parentId: r.top.id }));
    expect(adopt.status).toBe(400);
    // The same parent is no move.
    expect((await call(refused, 'PUT', `/customers/${r.leaf.id}`, request(3, { parentId: r.middle.id }))).status).toBe(200);
  });

  it('refuses a parent that would make a cycle, at any depth', async () => {
    const sim = await start();
    const { top, leaf } = await family(sim);
    const cycle = await call<ErrorBodyModel>(sim, 'PUT', `/customers/${top.id}`, request(1, { parentId: leaf.id }));
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details?.[0]).toEqual({ path: 'parentId', message: 'the parent is a descendant of this customer' });
  });
});

describe('pushToIntegrations', () => {
  it('adds a pending integration id for each service on creation; only the schema’s services are taken', async () => {
    const sim = await start();
    const created = await call<CustomerModel>(sim, 'POST', '/customers', request(1, { pushToIntegrations: ['Xero'], integrationIds: [{ service: 'HubSpot', id: '7' }] }));
    expect(created.status).toBe(201);
    expect(created.body.integrationIds).toEqual([
      { service: 'HubSpot', id: '7', lastSynced: expect.any(String), isPending: false },
      { service: 'Xero', id: expect.stringMatching(/^xero-/), lastSynced: expect.any(String), isPending: true },
    ]);
    const bad = await call<ErrorBodyModel>(sim, 'POST', '/customers', { ...request(2), pushToIntegrations: ['QuickBooks_Online'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.[0]?.path).toBe('pushToIntegrations[0]');
  });
});
