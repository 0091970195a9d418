import fc from 'fast-check';
import { type PageResult, pageOf } from '../../src/simulators/sequence/paging';
import {
  Customer,
  CustomerAlias,
  CustomerAliasesResponse,
  ListCustomersResponse,
  type CreateOrUpdateCustomerRequest,
} from '../../src/sequence/schemas';
import {
  type CustomerAliasModel,
  type CustomerModel,
  type ErrorBodyModel,
  type ListCustomerAliasesModel,
  type ListCustomersModel,
  type SequenceSimulator,
  type SequenceSimulatorOptions,
  SequenceStore,
  startSequenceSimulator,
} from '../../src/simulators/sequence';

const AUTH = `Basic ${Buffer.from('seq-test-id:seq-test-secret').toString('base64')}`;

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

async function call<T = unknown>(
  sim: SequenceSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      authorization: AUTH,
      'sequence-version': '2024-07-30',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

function customerRequest(n: number | string, over: Partial<CreateOrUpdateCustomerRequest> = {}): CreateOrUpdateCustomerRequest {
  return {
    legalName: `Company ${n} Ltd`,
    address: { line1: `${n} High Street`, town: 'London', postcode: 'EC1A 1BB', country: 'GB' },
    url: `https://www.company${n}.example/`,
    taxStatus: 'TAXED',
    contacts: [{ name: `Billing ${n}`, email: `billing${n}@company${n}.example`, billingPreference: 'PRIMARY' }],
    customerAliases: [`hubspot-company-${n}`],
    integrationIds: [{ service: 'HubSpot', id: String(n) }],
    ...over,
  };
}

const sims: SequenceSimulator[] = [];
async function start(opts: SequenceSimulatorOptions = {}): Promise<SequenceSimulator> {
  const sim = await startSequenceSimulator({ rateLimitPerMinute: 0, ...opts });
  sims.push(sim);
  return sim;
}
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

describe('Sequence simulator: auth and versions', () => {
  let sim: SequenceSimulator;
  beforeAll(async () => {
    sim = await start();
  });

  it('answers 401 without or with wrong Basic credentials, and still echoes the version', async () => {
    const none = await call<ErrorBodyModel>(sim, 'GET', '/customers', undefined, { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.body.error.type).toBe('Unauthorized');
    expect(none.headers.get('sequence-version')).toBe('2024-07-30');
    const wrong = await call<ErrorBodyModel>(sim, 'GET', '/customers', undefined, {
      authorization: `Basic ${Buffer.from('seq-test-id:nope').toString('base64')}`,
    });
    expect(wrong.status).toBe(401);
    const bearer = await call(sim, 'GET', '/customers', undefined, { authorization: 'Bearer seq-test-secret' });
    expect(bearer.status).toBe(401);
  });

  it('accepts a missing or 2024-07-30 version and rejects others with UnrecognisedApiVersion', async () => {
    const missing = await fetch(`${sim.url}/customers`, { headers: { authorization: AUTH } });
    expect(missing.status).toBe(200);
    expect(missing.headers.get('sequence-version')).toBe('2024-07-30');
    const ok = await call(sim, 'GET', '/customers');
    expect(ok.status).toBe(200);
    const old = await call<ErrorBodyModel>(sim, 'GET', '/customers', undefined, { 'sequence-version': '2024-05-09' });
    expect(old.status).toBe(400);
    expect(old.body.error.type).toBe('UnrecognisedApiVersion');
    expect(old.headers.get('sequence-version')).toBe('2024-07-30');
  });

  it('uses custom credentials', async () => {
    const other = await start({ clientId: 'abc', clientSecret: 'xyz' });
    expect((await call(other, 'GET', '/customers')).status).toBe(401);
    const ok = await fetch(`${other.url}/customers`, {
      headers: { authorization: `Basic ${Buffer.from('abc:xyz').toString('base64')}` },
    });
    expect(ok.status).toBe(200);
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
  });
});

describe('Sequence simulator: customers', () => {
  let sim: SequenceSimulator;
  beforeAll(async () => {
    sim = await start();
  });
  beforeEach(() => {
    sim.store.clear();
    sim.stats.reset();
  });

  it('creates a customer (201 Customer), reads it by id and by alias', async () => {
    const created = await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1, { customProperties: { tier: 'gold' } }));
    expect(created.status).toBe(201);
    expect(created.headers.get('sequence-version')).toBe('2024-07-30');
    const c = created.body;
    expect(Customer.parse(c)).toBeTruthy();
    expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(c.createdAt).toISOString()).toBe(c.createdAt);
    expect(c).toMatchObject({
      legalName: 'Company 1 Ltd',
      address: { line1: '1 High Street', town: 'London', postcode: 'EC1A 1BB', country: 'GB' },
      url: 'https://www.company1.example/',
      domain: 'company1.example',
      taxStatus: 'TAXED',
      status: 'ACTIVE',
      organizations: [],
      customProperties: { tier: 'gold' },
      integrationIds: [{ service: 'HubSpot', id: '1', isPending: false, lastSynced: c.createdAt }],
    });
    expect(c.archivedAt).toBeUndefined();
    expect(c).not.toHaveProperty('customerAliases');
    expect(c.contacts).toHaveLength(1);
    expect(c.contacts[0]).toMatchObject({ name: 'Billing 1', email: 'billing1@company1.example', billingPreference: 'PRIMARY' });
    expect(c.contacts[0]?.id).toBeTruthy();
    expect(c.contacts[0]?.createdAt).toBe(c.createdAt);
    expect(c.contacts[0]?.updatedAt).toBe(c.createdAt);

    const got = await call<CustomerModel>(sim, 'GET', `/customers/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(c);
    const byAlias = await call<CustomerModel>(sim, 'GET', '/customers/by-alias/hubspot-company-1');
    expect(byAlias.status).toBe(200);
    expect(byAlias.body.id).toBe(c.id);
    const aliases = await call<{ items: CustomerAliasModel[] }>(sim, 'GET', `/customers/${c.id}/aliases`);
    expect(aliases.status).toBe(200);
    expect(CustomerAliasesResponse.parse(aliases.body).items).toHaveLength(1);
    expect(aliases.body.items[0]).toMatchObject({ customerId: c.id, value: 'hubspot-company-1', sequenceAccountId: sim.store.accountId });

    expect(sim.store.count()).toBe(1);
    expect(sim.store.writes).toMatchObject({ creates: 1, updates: 0, aliasCreates: 1 });
    expect(sim.stats.count({ method: 'POST', route: '/customers', status: 201 })).toBe(1);
    expect(sim.stats.count({ route: '/customers/:id', status: 200 })).toBe(1);
    expect(sim.stats.count({ route: '/customers/by-alias/:alias' })).toBe(1);
  });

  it('defaults status to ACTIVE, keeps DRAFT when asked, omits url/domain/label when not given', async () => {
    const { url: _url, ...noUrl } = customerRequest(2);
    const a = await call<CustomerModel>(sim, 'POST', '/customers', noUrl);
    expect(a.status).toBe(201);
    expect(a.body).not.toHaveProperty('url');
    expect(a.body).not.toHaveProperty('domain');
    expect(a.body).not.toHaveProperty('label');
    const b = await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(3, { status: 'DRAFT', label: 'x' }));
    expect(b.body.status).toBe('DRAFT');
    expect(b.body.label).toBe('x');
  });

  it('answers 404 NotFound for unknown ids and aliases', async () => {
    for (const path of ['/customers/nope', '/customers/by-alias/nope', '/customers/nope/aliases']) {
      const res = await call<ErrorBodyModel>(sim, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.body.error.type).toBe('NotFound');
    }
    expect((await call(sim, 'PUT', '/customers/nope', customerRequest(1))).status).toBe(404);
    expect((await call(sim, 'POST', '/customers/nope/archive')).status).toBe(404);
    expect((await call(sim, 'GET', '/no-such-route')).status).toBe(404);
  });

  it.each<[string, unknown, string[]]>([
    ['an unknown field', { ...customerRequest(1), email: 'x@y.example' }, ['email']],
    ['an unknown address field', { ...customerRequest(1), address: { ...customerRequest(1).address, county: 'Kent' } }, ['address.county']],
    ['a missing legalName', (({ legalName: _l, ...r }) => r)(customerRequest(1)), ['legalName']],
    ['a blank legalName', customerRequest(1, { legalName: '  ' }), ['legalName']],
    ['a bad taxStatus', { ...customerRequest(1), taxStatus: 'EXEMPT' }, ['taxStatus']],
    ['a bad country', { ...customerRequest(1), address: { ...customerRequest(1).address, country: 'UK' } }, ['address.country']],
    ['a US address without state', customerRequest(1, { address: { line1: 'a', town: 'b', postcode: '1', country: 'US' } }), ['address.state']],
    ['a CA address with a US state', customerRequest(1, { address: { line1: 'a', town: 'b', postcode: '1', country: 'CA', state: 'NY' } }), ['address.state']],
    ['no PRIMARY contact', customerRequest(1, { contacts: [{ name: 'a', email: 'a@b.example', billingPreference: 'STANDARD' }] }), ['contacts']],
    ['no contacts', customerRequest(1, { contacts: [] }), ['contacts']],
    ['a bad email and billing preference', { ...customerRequest(1), contacts: [{ name: 'a', email: 'nope', billingPreference: 'MAIN' }] }, ['contacts[0].email', 'contacts[0].billingPreference']],
    ['a bad integration service', { ...customerRequest(1), integrationIds: [{ service: 'Hubspot', id: '1' }] }, ['integrationIds[0].service']],
    ['a non-string custom property', { ...customerRequest(1), customProperties: { n: 1 } }, ['customProperties.n']],
    ['a body that is not an object', [1, 2], ['']],
  ])('rejects %s with a 400 ValidationError listing the problems', async (_name, body, paths) => {
    const res = await call<ErrorBodyModel>(sim, 'POST', '/customers', body);
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('ValidationError');
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(res.body.error.details?.map((d) => d.path)).toEqual(expect.arrayContaining(paths));
    expect(sim.store.count()).toBe(0);
  });

  it('rejects malformed JSON, a missing body and other media types', async () => {
    const bad = await call<ErrorBodyModel>(sim, 'POST', '/customers', '{"legalName": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeDefined();
    const empty = await fetch(`${sim.url}/customers`, { method: 'POST', headers: { authorization: AUTH } });
    expect(empty.status).toBe(400);
    const text = await fetch(`${sim.url}/customers`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect(sim.store.count()).toBe(0);
  });

  it('answers 409 Conflict when an alias is taken, and creates nothing', async () => {
    const first = await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1));
    expect(first.status).toBe(201);
    const dup = await call<ErrorBodyModel>(sim, 'POST', '/customers', customerRequest(2, { customerAliases: ['new-one', 'hubspot-company-1'] }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.type).toBe('Conflict');
    expect(sim.store.count()).toBe(1);
    expect(sim.store.byAlias('new-one')).toBeUndefined();
  });

  it('uses the configured alias conflict status', async () => {
    const other = await start({ aliasConflictStatus: 422 });
    expect((await call(other, 'POST', '/customers', customerRequest(1))).status).toBe(201);
    const dup = await call<ErrorBodyModel>(other, 'POST', '/customers', customerRequest(1));
    expect(dup.status).toBe(422);
    expect(dup.body.error.type).toBe('Conflict');
  });

  it('PUT replaces contacts and keeps customProperties, aliases and integrationIds when omitted', async () => {
    const created = (
      await call<CustomerModel>(
        sim,
        'POST',
        '/customers',
        customerRequest(1, {
          label: 'HubSpot',
          customProperties: { tier: 'gold', region: 'EU' },
          contacts: [
            { name: 'Ann', email: 'ann@c1.example', billingPreference: 'PRIMARY' },
            { name: 'Bob', email: 'bob@c1.example', billingPreference: 'STANDARD' },
          ],
        }),
      )
    ).body;
    const ann = created.contacts.find((c) => c.email === 'ann@c1.example');

    const { customProperties: _cp, customerAliases: _ca, integrationIds: _ii, label: _l, ...rest } = customerRequest(1);
    const put = await call<CustomerModel>(sim, 'PUT', `/customers/${created.id}`, {
      ...rest,
      legalName: 'Company One Ltd',
      contacts: [
        { name: 'Ann', email: 'ann@c1.example', billingPreference: 'PRIMARY' },
        { name: 'Cat', email: 'cat@c1.example', billingPreference: 'NONE' },
      ],
    });
    expect(put.status).toBe(200);
    const u = put.body;
    expect(Customer.parse(u)).toBeTruthy();
    expect(u.id).toBe(created.id);
    expect(u.createdAt).toBe(created.createdAt);
    expect(u.legalName).toBe('Company One Ltd');
    expect(u.contacts.map((c) => c.email)).toEqual(['ann@c1.example', 'cat@c1.example']);
    expect(u.contacts[0]?.id).toBe(ann?.id); // same email keeps its contact id
    expect(u.customProperties).toEqual({ tier: 'gold', region: 'EU' });
    expect(u.integrationIds).toEqual(created.integrationIds);
    expect(u).not.toHaveProperty('label'); // omitted → cleared
    expect(sim.store.byAlias('hubspot-company-1')?.id).toBe(created.id);
    expect(sim.store.writes.updates).toBe(1);
    expect((await call<CustomerModel>(sim, 'GET', `/customers/${created.id}`)).body).toEqual(u);
    expect((await call(sim, 'GET', '/customers?email=bob@c1.example')).body).toMatchObject({ items: [] });
    expect(sim.stats.count({ method: 'PUT', route: '/customers/:id', status: 200 })).toBe(1);
  });

  it('PUT with customProperties, integrationIds and customerAliases replaces them', async () => {
    const a = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1, { customProperties: { a: '1', b: '2' } }))).body;
    const b = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(2))).body;

    const put = await call<CustomerModel>(sim, 'PUT', `/customers/${a.id}`, customerRequest(1, {
      customProperties: { c: '3' },
      integrationIds: [{ service: 'HubSpot', id: '1' }, { service: 'Stripe', id: 'cus_1' }],
      customerAliases: ['hubspot-company-1b'],
    }));
    expect(put.status).toBe(200);
    expect(put.body.customProperties).toEqual({ c: '3' });
    expect(put.body.integrationIds.map((i) => `${i.service}:${i.id}`)).toEqual(['HubSpot:1', 'Stripe:cus_1']);
    expect(put.body.integrationIds[0]?.lastSynced).toBe(a.integrationIds[0]?.lastSynced);
    const aliases = await call<{ items: CustomerAliasModel[] }>(sim, 'GET', `/customers/${a.id}/aliases`);
    expect(aliases.body.items.map((x) => x.value)).toEqual(['hubspot-company-1b']);
    expect((await call(sim, 'GET', '/customers/by-alias/hubspot-company-1')).status).toBe(404);

    // The freed alias can be used by someone else; one owned by another customer conflicts.
    const steal = await call<ErrorBodyModel>(sim, 'PUT', `/customers/${b.id}`, customerRequest(2, { customerAliases: ['hubspot-company-1b'] }));
    expect(steal.status).toBe(409);
    expect(sim.store.get(b.id)?.legalName).toBe('Company 2 Ltd');
    const reuse = await call(sim, 'PUT', `/customers/${b.id}`, customerRequest(2, { customerAliases: ['hubspot-company-2', 'hubspot-company-1'] }));
    expect(reuse.status).toBe(200);
    expect(sim.store.byAlias('hubspot-company-1')?.id).toBe(b.id);
  });

  it('PUT validates like POST', async () => {
    const a = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1))).body;
    const res = await call<ErrorBodyModel>(sim, 'PUT', `/customers/${a.id}`, { ...customerRequest(1), contacts: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('ValidationError');
  });

  it('archives idempotently; archived customers leave the list, can be updated and stay archived', async () => {
    const a = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1))).body;
    await call(sim, 'POST', '/customers', customerRequest(2));
    const archived = await call<CustomerModel>(sim, 'POST', `/customers/${a.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    const again = await fetch(`${sim.url}/customers/${a.id}/archive`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' }, // empty JSON body is accepted
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as CustomerModel).archivedAt).toBe(archived.body.archivedAt);
    expect(sim.store.writes.archives).toBe(1);

    const list = await call<ListCustomersModel>(sim, 'GET', '/customers');
    expect(list.body.items.map((c) => c.id)).not.toContain(a.id);
    expect(list.body.pagination.totalResultSize).toBe(1);
    const withArchived = await call<ListCustomersModel>(sim, 'GET', '/customers?includeArchived=true');
    expect(withArchived.body.items.map((c) => c.id)).toContain(a.id);
    expect(withArchived.body.pagination.totalResultSize).toBe(2);

    const put = await call<CustomerModel>(sim, 'PUT', `/customers/${a.id}`, customerRequest(1, { legalName: 'Renamed' }));
    expect(put.status).toBe(200);
    expect(put.body.archivedAt).toBe(archived.body.archivedAt);
    expect((await call<CustomerModel>(sim, 'GET', '/customers/by-alias/hubspot-company-1')).body.archivedAt).toBeDefined();
  });

  it('links a child to its parent through parentId (organizations)', async () => {
    const parent = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1))).body;
    const child = await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(2, { parentId: parent.id }));
    expect(child.status).toBe(201);
    expect(child.body.organizations).toEqual([
      { id: expect.any(String), owner: { id: parent.id, name: parent.legalName }, members: [{ id: child.body.id, name: 'Company 2 Ltd' }] },
    ]);
    expect(sim.store.get(parent.id)?.organizations[0]?.members).toHaveLength(1);
    const bad = await call<ErrorBodyModel>(sim, 'POST', '/customers', customerRequest(3, { parentId: 'nope' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.[0]?.path).toBe('parentId');
  });
});

describe('Sequence simulator: listing customers', () => {
  let sim: SequenceSimulator;
  const ids: string[] = [];
  beforeAll(async () => {
    sim = await start();
    for (let i = 0; i < 250; i++) {
      const res = await call<CustomerModel>(
        sim,
        'POST',
        '/customers',
        customerRequest(i, { label: i % 2 === 0 ? 'even' : 'odd', legalName: i === 42 ? 'The Answer Company' : `Company ${i} Ltd` }),
      );
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
  });

  async function walk(query: string, direction: 'after' | 'before' = 'after', start?: string): Promise<{ ids: string[]; pages: number[] }> {
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor = start;
    for (let guard = 0; guard < 50; guard++) {
      const sep = query ? '&' : '';
      const res = await call<ListCustomersModel>(sim, 'GET', `/customers?${query}${cursor ? `${sep}${direction}=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const parsed = ListCustomersResponse.parse(res.body);
      pages.push(parsed.items.length);
      const pageIds = res.body.items.map((c) => c.id);
      if (direction === 'after') seen.push(...pageIds);
      else seen.unshift(...pageIds);
      cursor = res.body.pagination[direction];
      if (!cursor) break;
    }
    return { ids: seen, pages };
  }

  it('pages newest first by default with limit 100: 100, 100, 50, no contacts in items', async () => {
    const first = await call<ListCustomersModel>(sim, 'GET', '/customers?limit=100');
    expect(first.body.pagination.totalResultSize).toBe(250);
    expect(first.body.pagination.before).toBeUndefined();
    expect(first.body.items[0]).not.toHaveProperty('contacts');
    expect(first.body.items[0]).not.toHaveProperty('status');
    const { ids: walked, pages } = await walk('limit=100');
    expect(pages).toEqual([100, 100, 50]);
    expect(walked).toEqual([...ids].reverse());
  });

  it('pages oldest first with sortOrder=ASC and walks back with before cursors', async () => {
    const { ids: walked, pages } = await walk('limit=100&sortOrder=ASC');
    expect(pages).toEqual([100, 100, 50]);
    expect(walked).toEqual(ids);

    const p1 = await call<ListCustomersModel>(sim, 'GET', '/customers?limit=100&sortOrder=ASC');
    const p2 = await call<ListCustomersModel>(sim, 'GET', `/customers?limit=100&sortOrder=ASC&after=${p1.body.pagination.after}`);
    expect(p2.body.pagination.before).toBeDefined();
    const back = await call<ListCustomersModel>(sim, 'GET', `/customers?limit=100&sortOrder=ASC&before=${p2.body.pagination.before}`);
    expect(back.body.items.map((c) => c.id)).toEqual(p1.body.items.map((c) => c.id));
    expect(back.body.pagination.before).toBeUndefined();
    expect(back.body.pagination.after).toBeDefined();
  });

  it('walks back newest-first pages with before cursors', async () => {
    const p1 = await call<ListCustomersModel>(sim, 'GET', '/customers?limit=100');
    const p2 = await call<ListCustomersModel>(sim, 'GET', `/customers?limit=100&after=${p1.body.pagination.after}`);
    const p3 = await call<ListCustomersModel>(sim, 'GET', `/customers?limit=100&after=${p2.body.pagination.after}`);
    expect(p3.body.items).toHaveLength(50);
    expect(p3.body.pagination.after).toBeUndefined();
    const back = await walk('limit=100', 'before', p3.body.pagination.before);
    expect(back.pages).toEqual([100, 100]);
    expect([...back.ids, ...p3.body.items.map((c) => c.id)]).toEqual([...ids].reverse());
  });

  it('stays correct while customers are created during the walk', async () => {
    const p1 = await call<ListCustomersModel>(sim, 'GET', '/customers?limit=100');
    const extra: string[] = [];
    for (let i = 0; i < 5; i++) extra.push((await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(`x${i}`))).body.id);
    const rest = await walk('limit=100', 'after', p1.body.pagination.after);
    expect([...p1.body.items.map((c) => c.id), ...rest.ids]).toEqual([...ids].reverse());
    // ASC walks pick new customers up at the end, once each.
    const asc = await walk('limit=100&sortOrder=ASC');
    expect(asc.ids).toEqual([...ids, ...extra]);
    for (const id of extra) sim.store.archiveCustomer(id);
  });

  it('filters by legalName, email, alias, label and includeArchived', async () => {
    const byName = await call<ListCustomersModel>(sim, 'GET', '/customers?legalName=answer');
    expect(byName.body.items.map((c) => c.id)).toEqual([ids[42]]);
    const byEmail = await call<ListCustomersModel>(sim, 'GET', `/customers?email=${encodeURIComponent('BILLING7@company7.example')}`);
    expect(byEmail.body.items.map((c) => c.id)).toEqual([ids[7]]);
    const byAlias = await call<ListCustomersModel>(sim, 'GET', '/customers?alias=hubspot-company-9');
    expect(byAlias.body.items.map((c) => c.id)).toEqual([ids[9]]);
    expect((await call<ListCustomersModel>(sim, 'GET', '/customers?alias=none')).body).toEqual({ items: [], pagination: { totalResultSize: 0 } });
    const even = await walk('label=even&limit=40');
    expect(even.ids).toHaveLength(125);
    expect(even.pages).toEqual([40, 40, 40, 5]);

    sim.store.archiveCustomer(ids[9] as string);
    expect((await call<ListCustomersModel>(sim, 'GET', '/customers?alias=hubspot-company-9')).body.items).toHaveLength(0);
    expect((await call<ListCustomersModel>(sim, 'GET', '/customers?alias=hubspot-company-9&includeArchived=true')).body.items).toHaveLength(1);
    const odd = await call<ListCustomersModel>(sim, 'GET', '/customers?label=odd&limit=1');
    expect(odd.body.pagination.totalResultSize).toBe(124);
    expect((await call<ListCustomersModel>(sim, 'GET', '/customers?billingStatus=ACTIVE')).body.items).toHaveLength(0);
  });

  it.each(['limit=0', 'limit=101', 'limit=abc', 'after=garbage', 'includeArchived=yes', 'sortOrder=UP', 'sortBy=legalName'])(
    'rejects %s with 400',
    async (query) => {
      const res = await call<ErrorBodyModel>(sim, 'GET', `/customers?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.type).toBe('ValidationError');
    },
  );

  it('defaults to 20 per page', async () => {
    const res = await call<ListCustomersModel>(sim, 'GET', '/customers');
    expect(res.body.items).toHaveLength(20);
  });
});

describe('Sequence simulator: customer aliases', () => {
  let sim: SequenceSimulator;
  let customerId: string;
  beforeAll(async () => {
    sim = await start();
    customerId = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1, { customerAliases: [] }))).body.id;
  });

  it('creates an alias once per Idempotency-Key, and rejects the key with another body', async () => {
    const body = { customerId, value: 'crm-1', label: 'CRM ID' };
    const first = await call<CustomerAliasModel>(sim, 'POST', '/customer-aliases', body, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(CustomerAlias.parse(first.body)).toMatchObject({ customerId, value: 'crm-1', label: 'CRM ID' });
    const replay = await call<CustomerAliasModel>(sim, 'POST', '/customer-aliases', body, { 'idempotency-key': 'k-1' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(sim.store.writes.aliasCreates).toBe(1);

    const other = await call<ErrorBodyModel>(sim, 'POST', '/customer-aliases', { ...body, value: 'crm-2' }, { 'idempotency-key': 'k-1' });
    expect(other.status).toBe(422);
    expect(other.body.error.type).toBe('IdempotencyKeyReused');

    const noKey = await call<ErrorBodyModel>(sim, 'POST', '/customer-aliases', body);
    expect(noKey.status).toBe(409);
    expect(noKey.body.error.type).toBe('Conflict');

    const unknown = await call<ErrorBodyModel>(sim, 'POST', '/customer-aliases', { customerId: 'nope', value: 'crm-3' });
    expect(unknown.status).toBe(400);
    const invalid = await call<ErrorBodyModel>(sim, 'POST', '/customer-aliases', { customerId, value: 'v', extra: 1 });
    expect(invalid.status).toBe(400);
    const longKey = await call(sim, 'POST', '/customer-aliases', { customerId, value: 'crm-4' }, { 'idempotency-key': 'k'.repeat(256) });
    expect(longKey.status).toBe(400);

    const listed = await call<ListCustomerAliasesModel>(sim, 'GET', '/customer-aliases?value=crm-1');
    expect(listed.body.items.map((a) => a.id)).toEqual([first.body.id]);
    expect((await call<CustomerModel>(sim, 'GET', '/customers/by-alias/crm-1')).body.id).toBe(customerId);
  });

  it('replays an error answer for the same key and body', async () => {
    const body = { customerId, value: 'crm-1' }; // taken above
    const a = await call(sim, 'POST', '/customer-aliases', body, { 'idempotency-key': 'k-err' });
    expect(a.status).toBe(409);
    const b = await call(sim, 'POST', '/customer-aliases', body, { 'idempotency-key': 'k-err' });
    expect(b.status).toBe(409);
    expect(b.body).toEqual(a.body);
  });

  it('pages the alias list and updates/deletes aliases', async () => {
    for (let i = 0; i < 5; i++) expect((await call(sim, 'POST', '/customer-aliases', { customerId, value: `bulk-${i}` })).status).toBe(201);
    const p1 = await call<ListCustomerAliasesModel>(sim, 'GET', '/customer-aliases?limit=4');
    expect(p1.body.items).toHaveLength(4);
    expect(p1.body.pagination.totalResultSize).toBe(6);
    const p2 = await call<ListCustomerAliasesModel>(sim, 'GET', `/customer-aliases?limit=4&after=${p1.body.pagination.after}`);
    expect(p2.body.items.map((a) => a.value)).toEqual(['bulk-3', 'bulk-4']);
    expect(p2.body.pagination.after).toBeUndefined();

    const target = p2.body.items[1] as CustomerAliasModel;
    const upd = await call<CustomerAliasModel>(sim, 'PUT', `/customer-aliases/${target.id}`, { label: 'new' });
    expect(upd.body.label).toBe('new');
    const del = await call(sim, 'DELETE', `/customer-aliases/${target.id}`);
    expect(del.status).toBe(200);
    expect(sim.store.byAlias('bulk-4')).toBeUndefined();
    expect(sim.store.aliasesOf(customerId)?.map((a) => a.value)).not.toContain('bulk-4');
    expect((await call(sim, 'DELETE', `/customer-aliases/${target.id}`)).status).toBe(404);
  });

  it('forgets idempotency keys after 24 hours', () => {
    let now = Date.UTC(2025, 0, 1);
    const store = new SequenceStore({ now: () => now });
    const c = store.seedCustomer({ legalName: 'Seeded' });
    const first = store.createAlias({ customerId: c.id, value: 'a' }, { idempotencyKey: 'k' });
    expect(store.createAlias({ customerId: c.id, value: 'a' }, { idempotencyKey: 'k' })).toEqual(first);
    now += 24 * 60 * 60 * 1000 + 1;
    expect(() => store.createAlias({ customerId: c.id, value: 'a' }, { idempotencyKey: 'k' })).toThrow(/already in use/);
  });
});

describe('Sequence simulator: rate limit', () => {
  it('answers 429 TooManyRequests past the configured limit, without Retry-After by default', async () => {
    const sim = await start({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call(sim, 'GET', '/customers')).status).toBe(200);
    const limited = await call<ErrorBodyModel>(sim, 'GET', '/customers');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { type: 'TooManyRequests', message: 'Rate limit exceeded' } });
    expect(limited.headers.get('retry-after')).toBeNull();
    const write = await call(sim, 'POST', '/customers', customerRequest(1));
    expect(write.status).toBe(429);
    expect(sim.store.count()).toBe(0);
    sim.setRateLimit(0);
    expect((await call(sim, 'GET', '/customers')).status).toBe(200);
    sim.setRateLimit(1);
    expect((await call(sim, 'GET', '/customers')).status).toBe(429);
    expect(sim.stats.count({ status: 429 })).toBe(3);
  });

  it('adds Retry-After when configured', async () => {
    const sim = await start({ rateLimitPerMinute: 1, retryAfterSeconds: 7 });
    expect((await call(sim, 'GET', '/customers')).status).toBe(200);
    const limited = await call(sim, 'GET', '/customers');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
  });

  it('defaults to 1500 per minute', async () => {
    const sim = await startSequenceSimulator();
    sims.push(sim);
    const results = await Promise.all(Array.from({ length: 1501 }, () => fetch(`${sim.url}/customers?limit=1`, { headers: { authorization: AUTH } }).then((r) => r.status)));
    expect(results.filter((s) => s === 200)).toHaveLength(1500);
    expect(results.filter((s) => s === 429)).toHaveLength(1);
  });
});

describe('Sequence simulator: fault injection', () => {
  let sim: SequenceSimulator;
  beforeAll(async () => {
    sim = await start({ seed: 7 });
  });
  beforeEach(() => {
    sim.store.clear();
    sim.stats.reset();
    sim.faults.clear();
    sim.faults.latencyMs = 0;
  });

  it('error5xx answers 500/502/503 without applying the write', async () => {
    sim.faults.inject('error5xx', { method: 'POST', path: '/customers' }, 6);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(sim, 'POST', '/customers', customerRequest(i))).status);
    for (const s of statuses) expect([500, 502, 503]).toContain(s);
    expect(sim.store.count()).toBe(0);
    expect((await call(sim, 'POST', '/customers', customerRequest(1))).status).toBe(201);
  });

  it('rateLimit answers 429 without applying', async () => {
    sim.faults.inject('rateLimit', { method: 'POST' });
    const res = await call<ErrorBodyModel>(sim, 'POST', '/customers', customerRequest(1));
    expect(res.status).toBe(429);
    expect(res.body.error.type).toBe('TooManyRequests');
    expect(sim.store.count()).toBe(0);
  });

  it('hang holds the request for hangMs, then destroys the socket without applying', async () => {
    sim.faults.hangMs = 300;
    sim.faults.inject('hang', { method: 'POST', path: '/customers' });
    const t0 = Date.now();
    await expect(fetch(`${sim.url}/customers`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(customerRequest(1)),
    })).rejects.toThrow();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(sim.store.count()).toBe(0);
    expect(sim.stats.count({ method: 'POST', route: '/customers', status: 0 })).toBe(1);
  });

  it('dropAfterApply applies the write, then answers 502 with an HTML body; a blind retry duplicates', async () => {
    sim.faults.inject('dropAfterApply', { method: 'POST', path: '/customers' });
    const req = customerRequest(1, { customerAliases: [] });
    const res = await call(sim, 'POST', '/customers', req);
    expect(res.status).toBe(502);
    expect(res.text).toContain('502 Bad Gateway');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(sim.store.count()).toBe(1);
    expect(sim.store.writes.creates).toBe(1);
    // No idempotency key on POST /customers: the retry makes a second customer.
    expect((await call(sim, 'POST', '/customers', req)).status).toBe(201);
    expect(sim.store.duplicatesByIntegrationId('HubSpot')).toEqual([
      { integrationId: '1', customerIds: sim.store.all().map((c) => c.id) },
    ]);
    // With an alias the retry is caught as a conflict instead.
    sim.faults.inject('dropAfterApply', { method: 'POST', path: '/customers' });
    expect((await call(sim, 'POST', '/customers', customerRequest(2))).status).toBe(502);
    expect((await call(sim, 'POST', '/customers', customerRequest(2))).status).toBe(409);
    expect(sim.store.byAlias('hubspot-company-2')).toBeDefined();
  });

  it('dropAfterApply on PUT applies the update', async () => {
    const c = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1))).body;
    sim.faults.inject('dropAfterApply', { method: 'PUT' });
    expect((await call(sim, 'PUT', `/customers/${c.id}`, customerRequest(1, { legalName: 'Changed' }))).status).toBe(502);
    expect(sim.store.get(c.id)?.legalName).toBe('Changed');
    expect(sim.stats.count({ method: 'PUT', route: '/customers/:id', status: 502 })).toBe(1);
  });

  it('resetAfterApply applies the write and destroys the socket without answering', async () => {
    sim.faults.inject('resetAfterApply', { method: 'POST', path: '/customers' });
    await expect(call(sim, 'POST', '/customers', customerRequest(1))).rejects.toThrow();
    expect(sim.store.count()).toBe(1);
    expect(sim.store.byAlias('hubspot-company-1')).toBeDefined();
    expect(sim.stats.count({ method: 'POST', route: '/customers', status: 0 })).toBe(1);
  });

  it('an alias POST dropped after apply is answered from the idempotency key on retry', async () => {
    const c = (await call<CustomerModel>(sim, 'POST', '/customers', customerRequest(1, { customerAliases: [] }))).body;
    sim.faults.inject('dropAfterApply', { method: 'POST', path: '/customer-aliases' });
    const body = { customerId: c.id, value: 'crm-1' };
    expect((await call(sim, 'POST', '/customer-aliases', body, { 'idempotency-key': 'x' })).status).toBe(502);
    const retry = await call<CustomerAliasModel>(sim, 'POST', '/customer-aliases', body, { 'idempotency-key': 'x' });
    expect(retry.status).toBe(201);
    expect(retry.body.value).toBe('crm-1');
    expect(sim.store.writes.aliasCreates).toBe(1);
  });

  it('write-only faults never hit reads; random rates follow the seed', async () => {
    sim.faults.inject('dropAfterApply', { path: '/customers' });
    expect((await call(sim, 'GET', '/customers')).status).toBe(200);
    sim.faults.clear();
    sim.faults.set({ error5xx: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await call(sim, 'GET', '/customers?limit=1')).status);
    const failed = statuses.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it('latencyMs delays every answer', async () => {
    sim.faults.latencyMs = 150;
    const t0 = Date.now();
    expect((await call(sim, 'GET', '/customers')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('close() ends hung requests at once', async () => {
    const other = await startSequenceSimulator({ rateLimitPerMinute: 0 });
    other.faults.hangMs = 60_000;
    other.faults.inject('hang');
    const pending = fetch(`${other.url}/customers`, { headers: { authorization: AUTH } }).then(
      (r) => r.status,
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await other.close();
    // The request hangs for 60 s; a close that waited for it would take that long.
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await pending).toBe('failed');
  });
});

describe('cursor paging (property)', () => {
  it('walking after or before cursors gives every match once, in order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(500), { maxLength: 60 }),
        fc.func(fc.boolean()),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (seqs, keep, limit, desc) => {
          const rows = [...seqs].sort((a, b) => a - b).map((seq) => ({ seq }));
          const match = (r: { seq: number }) => keep(r.seq);
          const expected = rows.filter(match).map((r) => r.seq);
          if (desc) expected.reverse();
          // Forwards.
          const fwd: number[] = [];
          let after: number | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page: PageResult<{ seq: number }> = pageOf(rows, match, { limit, after, desc });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            expect(page.hasBefore).toBe(after !== undefined && fwd.length > 0);
            fwd.push(...page.items.map((r) => r.seq));
            if (!page.hasAfter) break;
            after = page.items[page.items.length - 1]?.seq;
          }
          expect(fwd).toEqual(expected);
          // Backwards from past the last row.
          const back: number[] = [];
          let before: number | undefined = desc ? -1 : 1_000;
          for (let guard = 0; guard < 100; guard++) {
            const page: PageResult<{ seq: number }> = pageOf(rows, match, { limit, before, desc });
            back.unshift(...page.items.map((r) => r.seq));
            if (!page.hasBefore) break;
            before = page.items[0]?.seq;
          }
          expect(back).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('SequenceStore without HTTP', () => {
  it('seeds pre-existing customers and finds HubSpot duplicates among non-archived ones', () => {
    const store = new SequenceStore();
    const native = store.seedCustomer({ legalName: 'Acme', integrationIds: [{ service: 'HubSpot', id: '123' }] });
    expect(native.integrationIds).toEqual([{ service: 'HubSpot', id: '123', lastSynced: native.createdAt, isPending: false }]);
    expect(store.aliasesOf(native.id)).toEqual([]);
    expect(store.writes.creates).toBe(0);
    const ours = store.createCustomer({ ...customerRequest(123), customerAliases: ['hs-123'] });
    const archived = store.seedCustomer({ legalName: 'Old Acme', integrationIds: [{ service: 'HubSpot', id: '123' }] }, { archived: true, aliases: ['old'] });
    expect(store.byAlias('old')?.id).toBe(archived.id);
    expect(store.duplicatesByIntegrationId('HubSpot')).toEqual([{ integrationId: '123', customerIds: [native.id, ours.id] }]);
    expect(store.duplicatesByIntegrationId('Stripe')).toEqual([]);
    expect(store.count()).toBe(3);
    expect(store.count({ includeArchived: false })).toBe(2);
    expect(store.all().map((c) => c.id)).toEqual([native.id, ours.id, archived.id]);
    expect(() => store.seedCustomer({ legalName: 'x' }, { aliases: ['hs-123'] })).toThrow();
    store.clear();
    expect(store.count()).toBe(0);
    expect(store.byAlias('hs-123')).toBeUndefined();
    expect(store.writes.creates).toBe(0);
  });

  it('returns copies: mutating an answer does not change the store', () => {
    const store = new SequenceStore();
    const c = store.createCustomer(customerRequest(1));
    c.legalName = 'mutated';
    c.contacts.pop();
    c.customProperties.x = 'y';
    expect(store.get(c.id)).toMatchObject({ legalName: 'Company 1 Ltd', customProperties: {} });
    expect(store.get(c.id)?.contacts).toHaveLength(1);
  });

  it('lists 10k customers through every page, each once', () => {
    const store = new SequenceStore();
    for (let i = 0; i < 10_000; i++) store.seedCustomer({ legalName: `C${i}`, customerAliases: [`a${i}`] });
    let after: string | undefined;
    const seen = new Set<string>();
    do {
      const page = store.listCustomers({ limit: 100, ...(after ? { after } : {}) });
      for (const item of page.items) seen.add(item.id);
      after = page.pagination.after;
    } while (after);
    expect(seen.size).toBe(10_000);
    expect(store.byAlias('a9999')?.legalName).toBe('C9999');
  });
});
