/**
 * The HubSpot simulator, driven through the real `@hubspot/api-client` v13 (numbered paths) and plain
 * HTTP (the date-based paths, both versions, and the refusal of the numbered ones).
 */
import { Client } from '@hubspot/api-client';
import { BatchResponseSimplePublicObjectWithErrors, FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies';
import { HubSpotSimulator, HubSpotSimulatorOptions, HubSpotStore, startHubSpotSimulator } from '../../src/simulators/hubspot';

const TOKEN = 'hubspot-test-token';

interface CaughtApiError {
  code: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

async function apiError(promise: Promise<unknown>): Promise<CaughtApiError> {
  try {
    await promise;
  } catch (error) {
    const e = error as Partial<CaughtApiError>;
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, body: (e.body ?? {}) as Record<string, unknown>, headers: e.headers ?? {} };
  }
  throw new Error('expected the call to fail');
}

const running: HubSpotSimulator[] = [];

async function start(opts: HubSpotSimulatorOptions = {}): Promise<{ sim: HubSpotSimulator; client: Client }> {
  const sim = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, ...opts });
  running.push(sim);
  const client = new Client({ accessToken: opts.accessToken ?? TOKEN, basePath: sim.url, numberOfApiCallRetries: 0 });
  return { sim, client };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function createCompanies(store: HubSpotStore, n: number, props: (i: number) => Record<string, string> = (i) => ({ name: `Company ${i}` })): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(store.createCompany(props(i)).id);
  return ids;
}

async function raw(sim: HubSpotSimulator, method: string, path: string, body?: unknown, token = TOKEN): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe('batch read', () => {
  it('answers 200 with only the requested properties plus the system ones', async () => {
    const { sim, client } = await start();
    const [a, b] = createCompanies(sim.store, 2, (i) => ({ name: `C${i}`, country: 'USA', city: 'Austin' }));
    const res = await client.crm.companies.batchApi.readWithHttpInfo({ inputs: [{ id: a as string }, { id: b as string }], properties: ['name', 'zip'], propertiesWithHistory: [] });
    expect(res.httpStatusCode).toBe(200);
    expect(res.data.status).toBe('COMPLETE');
    expect(res.data.results.map((r) => r.id)).toEqual([a, b]);
    const first = res.data.results[0];
    expect(first?.properties).toEqual({
      name: 'C0',
      zip: null,
      hs_object_id: a,
      createdate: expect.any(String),
      hs_lastmodifieddate: expect.any(String),
    });
    expect(first?.createdAt).toBeInstanceOf(Date);
    expect(first?.archived).toBe(false);
  });

  it('answers 207 with OBJECT_NOT_FOUND for missing ids and the found ones in results', async () => {
    const { sim, client } = await start();
    const [a] = createCompanies(sim.store, 1);
    const res = await client.crm.companies.batchApi.readWithHttpInfo({ inputs: [{ id: a as string }, { id: '999' }, { id: 'abc' }], properties: ['name'], propertiesWithHistory: [] });
    expect(res.httpStatusCode).toBe(207);
    const data = res.data as BatchResponseSimplePublicObjectWithErrors;
    expect(data.results.map((r) => r.id)).toEqual([a]);
    expect(data.numErrors).toBe(1);
    expect(data.errors).toEqual([
      expect.objectContaining({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['999', 'abc'] }, message: expect.stringContaining('COMPANY') }),
    ]);
    // The plain method resolves too (207 is a success for the client).
    const plain = await client.crm.companies.batchApi.read({ inputs: [{ id: '999' }], properties: [], propertiesWithHistory: [] });
    expect(plain.results).toEqual([]);
  });

  it('rejects more than 100 inputs with 400 VALIDATION_ERROR', async () => {
    const { sim, client } = await start();
    createCompanies(sim.store, 3);
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) }));
    const err = await apiError(client.crm.companies.batchApi.read({ inputs, properties: ['name'], propertiesWithHistory: [] }));
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    expect(String(err.body.message)).toContain('100');
  });

  it('reads contacts with their own modification property', async () => {
    const { sim, client } = await start();
    const c = sim.store.createContact({ email: 'a@b.com', firstname: 'Ann' });
    const res = await client.crm.contacts.batchApi.read({ inputs: [{ id: c.id }], properties: ['email'], propertiesWithHistory: [] });
    expect(res.results[0]?.properties).toEqual({ email: 'a@b.com', hs_object_id: c.id, createdate: expect.any(String), lastmodifieddate: expect.any(String) });
  });
});

describe('list', () => {
  it('pages over 250 companies, 100 at a time, with paging.next.after', async () => {
    const { sim, client } = await start();
    const ids = createCompanies(sim.store, 250);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await client.crm.companies.basicApi.getPage(100, after, ['name']);
      pages++;
      seen.push(...page.results.map((r) => r.id));
      expect(Object.keys(page.results[0]?.properties ?? {}).sort()).toEqual(['createdate', 'hs_lastmodifieddate', 'hs_object_id', 'name']);
      after = page.paging?.next?.after;
      if (after) expect(page.paging?.next?.link).toContain(`after=${after}`);
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    // The client's own getAll helper follows the same cursor.
    const all = await client.crm.companies.getAll(100);
    expect(all).toHaveLength(250);
    expect(sim.stats.count({ method: 'GET', route: '/crm/v3/objects/companies', status: 200 })).toBe(6);
  });

  it('defaults to 10 results and rejects a limit over 100', async () => {
    const { sim, client } = await start();
    createCompanies(sim.store, 15);
    const page = await client.crm.companies.basicApi.getPage();
    expect(page.results).toHaveLength(10);
    expect(Object.keys(page.results[0]?.properties ?? {}).sort()).toEqual(['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name']);
    const err = await apiError(client.crm.companies.basicApi.getPage(101));
    expect(err.code).toBe(400);
  });

  it('includes v3 associations when asked', async () => {
    const { sim, client } = await start();
    const [a] = createCompanies(sim.store, 1);
    const c = sim.store.createContact({ email: 'x@y.com' });
    sim.store.associate(a as string, c.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    const page = await client.crm.companies.basicApi.getPage(10, undefined, ['name'], undefined, ['contacts']);
    const types = page.results[0]?.associations?.contacts?.results.map((r) => `${r.id}:${r.type}`).sort();
    expect(types).toEqual([`${c.id}:company_to_contact`, `${c.id}:company_to_contact_unlabeled`]);
  });
});

describe('v4 associations', () => {
  it('pages per input, keeps labels and type ids, and reports ids without associations', async () => {
    const { sim, client } = await start({ associationsPageSize: 2 });
    const store = sim.store;
    const billing = store.defineLabel('Billing contact');
    const [a, b, lonely] = createCompanies(store, 3);
    const contactsOfA: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = store.createContact({ email: `a${i}@a.com` });
      contactsOfA.push(c.id);
      if (i === 0) store.associate(a as string, c.id, [{ typeId: billing.typeId, category: 'USER_DEFINED', label: 'Billing contact' }]);
      else if (i === 1) store.associate(a as string, c.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
      else store.associate(a as string, c.id);
    }
    const cb = store.createContact({ email: 'b@b.com' });
    store.associate(b as string, cb.id);

    const collected = new Map<string, { id: string; types: string[] }[]>();
    let pending: { id: string; after?: string }[] = [{ id: a as string }, { id: b as string }, { id: lonely as string }];
    let rounds = 0;
    while (pending.length) {
      rounds++;
      const res = await client.crm.associations.v4.batchApi.getPageWithHttpInfo('companies', 'contacts', { inputs: pending });
      const next: { id: string; after?: string }[] = [];
      if (rounds === 1) {
        expect(res.httpStatusCode).toBe(207);
        const errors = (res.data as { errors?: { category: string; subCategory?: unknown; context?: Record<string, string[]> }[] }).errors ?? [];
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', context: { fromObjectId: [lonely] } });
      } else {
        expect(res.httpStatusCode).toBe(200);
      }
      for (const row of res.data.results) {
        expect(row.to.length).toBeLessThanOrEqual(2);
        const list = collected.get(row._from.id) ?? [];
        for (const to of row.to) list.push({ id: String(to.toObjectId), types: to.associationTypes.map((t) => `${t.category}:${t.typeId}:${t.label ?? ''}`) });
        collected.set(row._from.id, list);
        if (row.paging?.next?.after) next.push({ id: row._from.id, after: row.paging.next.after });
      }
      pending = next;
    }
    expect(rounds).toBe(3);
    expect(collected.get(a as string)?.map((x) => x.id)).toEqual(contactsOfA);
    expect(collected.get(a as string)?.[0]?.types).toEqual(['HUBSPOT_DEFINED:280:', `USER_DEFINED:${billing.typeId}:Billing contact`]);
    expect(collected.get(a as string)?.[1]?.types).toEqual(['HUBSPOT_DEFINED:280:', 'HUBSPOT_DEFINED:2:Primary']);
    expect(collected.get(b as string)?.map((x) => x.id)).toEqual([cb.id]);
    expect(collected.has(lonely as string)).toBe(false);
  });

  it('answers contact → company reads with the inverse type ids', async () => {
    const { sim, client } = await start();
    const [a] = createCompanies(sim.store, 1);
    const c = sim.store.createContact({ email: 'p@a.com' });
    sim.store.associate(a as string, c.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    const res = await client.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: c.id }] });
    expect(res.results[0]?.to[0]?.associationTypes.map((t) => t.typeId)).toEqual([279, 1]);
  });

  it('rejects more than 1000 inputs', async () => {
    const { client } = await start();
    const inputs = Array.from({ length: 1001 }, (_, i) => ({ id: String(i + 1) }));
    const err = await apiError(client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
  });

  it('lists association labels with portal-specific user-defined ids', async () => {
    const { sim, client } = await start();
    const billing = sim.store.defineLabel('Billing contact');
    const res = await client.crm.associations.v4.schema.definitionsApi.getAll('companies', 'contacts');
    expect(res.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: 'HUBSPOT_DEFINED', typeId: 280, label: null }),
        expect.objectContaining({ category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' }),
        expect.objectContaining({ category: 'USER_DEFINED', typeId: billing.typeId, label: 'Billing contact' }),
      ]),
    );
    expect([2, 280, 1, 279]).not.toContain(billing.typeId);
  });
});

describe('search', () => {
  it('windows over all companies with hs_object_id GT + sort, 200 per page', async () => {
    const { sim, client } = await start();
    const ids = createCompanies(sim.store, 450);
    const seen: string[] = [];
    let lastId = '0';
    let calls = 0;
    for (;;) {
      calls++;
      const res = await client.crm.companies.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: FilterOperatorEnum.Gt, value: lastId }] }],
        sorts: ['hs_object_id'],
        properties: ['name'],
        limit: 200,
        after: '0',
      });
      expect(res.total).toBe(450 - seen.length);
      if (!res.results.length) break;
      seen.push(...res.results.map((r) => r.id));
      lastId = res.results[res.results.length - 1]?.id as string;
    }
    expect(seen).toEqual(ids);
    expect(calls).toBe(4);
    expect(sim.stats.count({ route: '/crm/v3/objects/companies/search', status: 200 })).toBe(4);
  });

  it('filters hs_lastmodifieddate as epoch ms or ISO, ORs groups, sorts descending', async () => {
    const { sim, client } = await start();
    const t0 = Date.UTC(2025, 0, 1);
    const ids = createCompanies(sim.store, 6);
    ids.forEach((id, i) => sim.store.updateCompany(id, { name: `N${i}` }, { at: t0 + i * 1000 }));
    const gte = await client.crm.companies.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: FilterOperatorEnum.Gte, value: String(t0 + 3000) }] }],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' } as unknown as string],
      limit: 10,
    });
    expect(gte.results.map((r) => r.id)).toEqual([ids[5], ids[4], ids[3]]);
    const between = await client.crm.companies.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'hs_lastmodifieddate', operator: FilterOperatorEnum.Between, value: new Date(t0 + 1000).toISOString(), highValue: String(t0 + 2000) }] },
        { filters: [{ propertyName: 'name', operator: FilterOperatorEnum.Eq, value: 'n5' }] },
      ],
      limit: 10,
    });
    expect(between.results.map((r) => r.id)).toEqual([ids[1], ids[2], ids[5]]);
    expect(between.results[0]?.properties.hs_lastmodifieddate).toBe(new Date(t0 + 1000).toISOString());
  });

  it('answers 400 when after + limit passes 10,000 and orders ties by id', async () => {
    const { sim, client } = await start();
    const at = Date.UTC(2025, 2, 3);
    for (let i = 0; i < 10_050; i++) sim.store.createCompany({ name: `C${i}` }, { createdAt: at });
    const request = (after: string, limit: number) =>
      client.crm.companies.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: FilterOperatorEnum.Gte, value: String(at) }] }],
        sorts: ['hs_lastmodifieddate'],
        limit,
        after,
      });
    const last = await request('9800', 200);
    expect(last.total).toBe(10_050);
    expect(last.paging?.next?.after).toBe('10000');
    const ids = last.results.map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const err = await apiError(request('10000', 200));
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect((await apiError(request('9900', 200))).code).toBe(400);
    expect((await apiError(request('0', 201))).code).toBe(400);
  });

  it('never returns archived companies and hides changes younger than searchIndexLagMs', async () => {
    let clock = Date.UTC(2025, 0, 1);
    const store = new HubSpotStore({ now: () => clock });
    const { sim, client } = await start({ store, searchIndexLagMs: 300 });
    const [a, b] = createCompanies(sim.store, 2);
    const search = () => client.crm.companies.searchApi.doSearch({ properties: ['name'], limit: 10 });
    expect((await search()).total).toBe(0);
    clock += 300;
    expect((await search()).results.map((r) => r.id)).toEqual([a, b]);
    sim.store.updateCompany(a as string, { name: 'Renamed' });
    sim.store.deleteCompany(b as string);
    clock += 299;
    const during = await search();
    expect(during.results.map((r) => [r.id, r.properties.name])).toEqual([
      [a, 'Company 0'],
      [b, 'Company 1'],
    ]);
    clock += 1;
    const after = await search();
    expect(after.results.map((r) => [r.id, r.properties.name])).toEqual([[a, 'Renamed']]);
    // Other reads are not delayed.
    expect((await client.crm.companies.basicApi.getPage(10, undefined, ['name'])).results.map((r) => r.properties.name)).toEqual(['Renamed']);
  });
});

describe('rate limits', () => {
  it('answers 429 TEN_SECONDLY_ROLLING with X-HubSpot-RateLimit headers and no Retry-After', async () => {
    const { sim, client } = await start({ rateLimitPer10s: 3 });
    createCompanies(sim.store, 1);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await client.crm.companies.basicApi.getPageWithHttpInfo(1);
      remaining.push(res.headers['x-hubspot-ratelimit-remaining'] as string);
      expect(res.headers['x-hubspot-ratelimit-max']).toBe('3');
      expect(res.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const err = await apiError(client.crm.companies.basicApi.getPage(1));
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      correlationId: expect.any(String),
    });
    expect(err.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    expect(err.headers['retry-after']).toBeUndefined();
    // Search has its own limit: still allowed.
    expect((await client.crm.companies.searchApi.doSearch({ limit: 1 })).total).toBe(1);
    sim.setRateLimits({ per10s: 0 });
    const free = await client.crm.companies.basicApi.getPageWithHttpInfo(1);
    expect(free.httpStatusCode).toBe(200);
    expect(free.headers['x-hubspot-ratelimit-max']).toBeUndefined();
  });

  it('limits search per second with policy SECONDLY and no rate headers', async () => {
    const { sim, client } = await start({ searchRateLimitPerSecond: 2 });
    createCompanies(sim.store, 1);
    const settled = await Promise.allSettled([1, 2, 3, 4].map(() => client.crm.companies.searchApi.doSearchWithHttpInfo({ limit: 1 })));
    const ok = settled.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(2);
    for (const r of ok) expect(r.value.headers['x-hubspot-ratelimit-max']).toBeUndefined();
    const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const err = await apiError(Promise.reject(rejected?.reason));
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({ message: 'You have reached your secondly limit.', policyName: 'SECONDLY', errorType: 'RATE_LIMIT' });
    expect(Object.keys(err.headers).filter((h) => h.startsWith('x-hubspot-ratelimit'))).toEqual([]);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await client.crm.companies.searchApi.doSearch({ limit: 1 })).total).toBe(1);
  });
});

describe('auth', () => {
  it('answers 401 INVALID_AUTHENTICATION without a valid bearer token', async () => {
    const { sim } = await start({ accessToken: 'secret-token' });
    const wrong = new Client({ accessToken: 'nope', basePath: sim.url, numberOfApiCallRetries: 0 });
    const err = await apiError(wrong.crm.companies.basicApi.getPage());
    expect(err.code).toBe(401);
    expect(err.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', correlationId: expect.any(String) });
    expect(String(err.body.message)).toMatch(/^Authentication credentials not found\. /);
    const missing = await fetch(`${sim.url}/crm/v3/objects/companies`);
    expect(missing.status).toBe(401);
    const right = new Client({ accessToken: 'secret-token', basePath: sim.url, numberOfApiCallRetries: 0 });
    expect((await right.crm.companies.basicApi.getPage()).results).toEqual([]);
    expect(sim.stats.count({ status: 401 })).toBe(2);
  });
});

describe('faults', () => {
  it('injects 5xx, 429 and hangs, then answers normally', async () => {
    const { sim, client } = await start();
    const [a] = createCompanies(sim.store, 1);
    const read = () => client.crm.companies.batchApi.read({ inputs: [{ id: a as string }], properties: ['name'], propertiesWithHistory: [] });
    sim.faults.inject('error5xx', { method: 'POST', path: '/crm/v3/objects/companies/batch/read' });
    const e5 = await apiError(read());
    expect([500, 502]).toContain(e5.code);
    expect(e5.body).toMatchObject({ status: 'error', correlationId: expect.any(String) });
    sim.faults.inject('rateLimit', { path: '/crm/v3/objects/companies/batch/read' });
    const e429 = await apiError(read());
    expect(e429.code).toBe(429);
    expect(e429.body.policyName).toBe('TEN_SECONDLY_ROLLING');
    sim.faults.hangMs = 150;
    sim.faults.inject('hang', { path: '/crm/v3/objects/companies/batch/read' });
    const started = Date.now();
    await expect(read()).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await read()).results).toHaveLength(1);
    expect(sim.stats.count({ route: '/crm/v3/objects/companies/batch/read', status: 0 })).toBe(1);
    expect(sim.stats.count({ route: '/crm/v3/objects/companies/batch/read', status: 200 })).toBe(1);
  });

  it('applies random fault rates deterministically and releases hung requests on close', async () => {
    const { sim, client } = await start({ faults: { error5xx: 1 } });
    expect((await apiError(client.crm.companies.basicApi.getPage())).code).toBeGreaterThanOrEqual(500);
    sim.faults.clear();
    expect((await client.crm.companies.basicApi.getPage()).results).toEqual([]);
    sim.faults.hangMs = 60_000;
    sim.faults.inject('hang');
    const hung = client.crm.companies.basicApi.getPage().then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 50));
    const closing = Date.now();
    await sim.close();
    expect(await hung).toBe('failed');
    expect(Date.now() - closing).toBeLessThan(5_000);
  });
});

describe('request validation and extras', () => {
  it('answers HubSpot-style 400s for bad JSON and missing required fields, 404 for unknown routes', async () => {
    const { sim } = await start();
    const bad = await fetch(`${sim.url}/crm/v3/objects/companies/batch/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"inputs": [',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: expect.stringContaining('Invalid input JSON') });
    const missing = await raw(sim, 'POST', '/crm/v3/objects/companies/batch/read', { inputs: [{ id: '1' }], properties: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('Some required fields were not set: [propertiesWithHistory]');
    const tooMany = await raw(sim, 'POST', '/crm/v3/objects/companies/search', { sorts: ['name', 'hs_object_id'] });
    expect(tooMany.status).toBe(400);
    const unknown = await raw(sim, 'GET', '/crm/v3/objects/tickets');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('Unable to infer object type from: tickets');
    const nowhere = await raw(sim, 'GET', '/crm/v3/nowhere');
    expect(nowhere.status).toBe(404);
    expect(sim.stats.count({ route: '*', status: 404 })).toBe(1);
    expect(sim.stats.count({ method: 'POST', route: '/crm/v3/objects/companies/batch/read', status: 400 })).toBe(2);
  });

  it('reads one object by id, with merged ids answering for the primary', async () => {
    const { sim, client } = await start();
    const [a] = createCompanies(sim.store, 1, () => ({ name: 'Solo', city: 'Paris' }));
    const one = await client.crm.companies.basicApi.getById(a as string, ['city']);
    expect(one.properties).toEqual({ city: 'Paris', hs_object_id: a, createdate: expect.any(String), hs_lastmodifieddate: expect.any(String) });
    expect((await apiError(client.crm.companies.basicApi.getById('123'))).code).toBe(404);
  });

  it('adds the configured latency to every answer', async () => {
    const { client } = await start({ latencyMs: 120 });
    const started = Date.now();
    await client.crm.companies.basicApi.getPage();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('archived, restored and merged companies', () => {
  it('hides archived companies from list, batch read and search unless archived=true', async () => {
    const { sim, client } = await start();
    const [a, b] = createCompanies(sim.store, 2);
    expect(sim.store.deleteCompany(b as string)).toBe(true);
    expect((await client.crm.companies.basicApi.getPage(10)).results.map((r) => r.id)).toEqual([a]);
    const archived = await client.crm.companies.basicApi.getPage(10, undefined, undefined, undefined, undefined, true);
    expect(archived.results.map((r) => [r.id, r.archived])).toEqual([[b, true]]);
    expect(archived.results[0]?.archivedAt).toBeInstanceOf(Date);
    const batch = await client.crm.companies.batchApi.readWithHttpInfo({ inputs: [{ id: a as string }, { id: b as string }], properties: [], propertiesWithHistory: [] });
    expect(batch.httpStatusCode).toBe(207);
    expect(batch.data.results.map((r) => r.id)).toEqual([a]);
    const archivedBatch = await client.crm.companies.batchApi.read({ inputs: [{ id: b as string }], properties: [], propertiesWithHistory: [] }, true);
    expect(archivedBatch.results.map((r) => r.id)).toEqual([b]);
    expect((await client.crm.companies.searchApi.doSearch({ limit: 10 })).results.map((r) => r.id)).toEqual([a]);
    expect(sim.store.restoreCompany(b as string)).toBe(true);
    expect((await client.crm.companies.searchApi.doSearch({ limit: 10 })).total).toBe(2);
  });

  it('merges: the merged company is archived, its contacts move, reads by its id answer with the primary', async () => {
    const { sim, client } = await start();
    const store = sim.store;
    const [primary, merged] = createCompanies(store, 2);
    const c1 = store.createContact({ email: '1@x.com' });
    const c2 = store.createContact({ email: '2@x.com' });
    store.associate(primary as string, c1.id);
    store.associate(merged as string, c2.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    const result = store.mergeCompanies(primary as string, merged as string);
    expect(result.properties.hs_merged_object_ids).toBe(merged);
    expect(store.getCompany(merged as string)?.archived).toBe(true);
    expect(store.restoreCompany(merged as string)).toBe(false);
    expect(store.getCompanyContacts(primary as string).map((c) => [c.id, c.types.map((t) => t.typeId)])).toEqual([
      [c1.id, [280]],
      [c2.id, [280, 2]],
    ]);
    const batch = await client.crm.companies.batchApi.read({ inputs: [{ id: merged as string }], properties: ['name'], propertiesWithHistory: [] });
    expect(batch.results.map((r) => r.id)).toEqual([primary]);
    const list = await client.crm.companies.basicApi.getPage(10);
    expect(list.results.map((r) => r.id)).toEqual([primary]);
  });
});

describe('store', () => {
  it('keeps one primary company per contact and counts associations', () => {
    const store = new HubSpotStore();
    const a = store.createCompany({ name: 'A' });
    const b = store.createCompany({ name: 'B' });
    const c = store.createContact({ email: 'c@x.com' });
    store.associate(a.id, c.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    store.associate(b.id, c.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    expect(store.getCompanyContacts(a.id)[0]?.types.map((t) => t.typeId)).toEqual([280]);
    expect(store.getContactCompanies(c.id).map((x) => [x.id, x.types.map((t) => t.typeId)])).toEqual([
      [a.id, [279]],
      [b.id, [279, 1]],
    ]);
    expect(store.associationCount).toBe(2);
    expect(store.disassociate(b.id, c.id, [2])).toBe(true);
    expect(store.getCompanyContacts(b.id)[0]?.types.map((t) => t.typeId)).toEqual([280]);
    expect(store.disassociate(b.id, c.id)).toBe(true);
    expect(store.counts()).toMatchObject({ companies: 2, contacts: 1, associations: 1 });
    expect(store.getCompany(a.id)?.properties.num_associated_contacts).toBeUndefined();
  });

  it('puts 25,000 companies in the same millisecond and takes explicit modification times', () => {
    const store = new HubSpotStore();
    const at = Date.UTC(2025, 4, 1, 12);
    for (let i = 0; i < 25_000; i++) store.createCompany({ name: `C${i}` }, { createdAt: at });
    expect(new Set(store.companyIds()).size).toBe(25_000);
    const first = store.companyIds()[0] as string;
    expect(store.getCompany(first)?.properties.hs_lastmodifieddate).toBe(new Date(at).toISOString());
    const later = store.updateCompany(first, { name: 'X' }, { at: at + 5 });
    expect(later.updatedAt).toBe(new Date(at + 5).toISOString());
    expect(later.properties.hs_lastmodifieddate).toBe(later.updatedAt);
    expect(Number(store.companyIds()[1])).toBeGreaterThan(Number(first));
  });
});

describe('date-based paths', () => {
  const VERSIONS = [
    { version: '2026-03', partialStatus: 207 },
    { version: '2026-09', partialStatus: 200 },
  ] as const;

  describe.each(VERSIONS)('$version', ({ version, partialStatus }) => {
    it(`lists, reads and pages on /crm/objects/${version}/...`, async () => {
      const { sim } = await start();
      const ids = createCompanies(sim.store, 3, (i) => ({ name: `C${i}` }));
      const first = await raw(sim, 'GET', `/crm/objects/${version}/companies?limit=2&properties=name,zip`);
      expect(first.status).toBe(200);
      const results = first.body.results as { id: string; properties: Record<string, string | null> }[];
      expect(results.map((r) => r.id)).toEqual(ids.slice(0, 2));
      expect(results[0]?.properties).toMatchObject({ name: 'C0', zip: null, hs_object_id: ids[0] });
      const next = (first.body.paging as { next: { after: string; link: string } }).next;
      expect(next.link).toContain(`/crm/objects/${version}/companies?`);
      const second = await raw(sim, 'GET', `/crm/objects/${version}/companies?limit=2&after=${next.after}`);
      expect((second.body.results as { id: string }[]).map((r) => r.id)).toEqual(ids.slice(2));
      const one = await raw(sim, 'GET', `/crm/objects/${version}/companies/${ids[1]}?properties=name`);
      expect(one.body).toMatchObject({ id: ids[1], properties: { name: 'C1' } });
      expect(sim.stats.count({ method: 'GET', route: `/crm/objects/${version}/companies`, status: 200 })).toBe(2);
    });

    it(`answers a batch read with missing ids as ${partialStatus} with errors`, async () => {
      const { sim } = await start();
      const [a] = createCompanies(sim.store, 1);
      const path = `/crm/objects/${version}/companies/batch/read`;
      const full = await raw(sim, 'POST', path, { inputs: [{ id: a }], properties: ['name'], propertiesWithHistory: [] });
      expect(full.status).toBe(200);
      expect(full.body.errors).toBeUndefined();
      const partial = await raw(sim, 'POST', path, { inputs: [{ id: a }, { id: '999' }], properties: ['name'], propertiesWithHistory: [] });
      expect(partial.status).toBe(partialStatus);
      expect((partial.body.results as { id: string }[]).map((r) => r.id)).toEqual([a]);
      expect(partial.body.numErrors).toBe(1);
      expect(partial.body.errors).toEqual([expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['999'] } })]);
    });

    it(`answers an associations batch read with ids without associations as ${partialStatus} with errors`, async () => {
      const { sim } = await start();
      const [a, lonely] = createCompanies(sim.store, 2);
      const c = sim.store.createContact({ email: 'x@a.com' });
      sim.store.associate(a as string, c.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
      const path = `/crm/associations/${version}/companies/contacts/batch/read`;
      const res = await raw(sim, 'POST', path, { inputs: [{ id: a }, { id: lonely }] });
      expect(res.status).toBe(partialStatus);
      expect(res.body.results).toEqual([{ from: { id: a }, to: [{ toObjectId: Number(c.id), associationTypes: expect.arrayContaining([expect.objectContaining({ typeId: 2 })]) }] }]);
      expect(res.body.numErrors).toBe(1);
      expect(res.body.errors).toEqual([expect.objectContaining({ category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND' })]);
      const back = await raw(sim, 'POST', `/crm/associations/${version}/contacts/companies/batch/read`, { inputs: [{ id: c.id }] });
      expect(back.status).toBe(200);
      const labels = await raw(sim, 'GET', `/crm/associations/${version}/companies/contacts/labels`);
      expect(labels.body.results).toEqual(expect.arrayContaining([expect.objectContaining({ typeId: 280 })]));
    });

    it('searches contacts on lastmodifieddate, which moves when a contact changes', async () => {
      const { sim } = await start();
      const old = Date.now() - 3_600_000;
      const contacts = Array.from({ length: 3 }, (_, i) => sim.store.createContact({ email: `c${i}@a.com` }, { createdAt: old }).id);
      const since = Date.now() - 1000;
      sim.store.updateContact(contacts[1] as string, { email: 'changed@a.com' });
      const res = await raw(sim, 'POST', `/crm/objects/${version}/contacts/search`, {
        filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(since) }] }],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties: ['email'],
        limit: 200,
      });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.results).toEqual([expect.objectContaining({ id: contacts[1], properties: expect.objectContaining({ email: 'changed@a.com' }) })]);
      expect(sim.stats.count({ route: `/crm/objects/${version}/contacts/search`, status: 200 })).toBe(1);
    });

    it('keeps auth, the rate limits and their 429 bodies', async () => {
      const { sim } = await start({ rateLimitPer10s: 1, searchRateLimitPerSecond: 1 });
      expect((await raw(sim, 'GET', `/crm/objects/${version}/companies`, undefined, 'wrong')).status).toBe(401);
      expect((await raw(sim, 'GET', `/crm/objects/${version}/companies`)).status).toBe(200);
      const limited = await raw(sim, 'GET', `/crm/objects/${version}/companies`);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
      expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      const search = () => raw(sim, 'POST', `/crm/objects/${version}/companies/search`, { limit: 1 });
      expect((await search()).status).toBe(200);
      const searchLimited = await search();
      expect(searchLimited.status).toBe(429);
      expect(searchLimited.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
    });
  });

  it('answers 404 for a version HubSpot does not serve', async () => {
    const { sim } = await start();
    for (const version of ['2025-01', '2027-03', 'latest']) {
      const res = await raw(sim, 'GET', `/crm/objects/${version}/companies`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ status: 'error', message: expect.stringContaining('2026-09') });
    }
  });

  it('serves the numbered paths by default, and refuses them with 410 when asked', async () => {
    const open = await start();
    expect((await raw(open.sim, 'GET', '/crm/v3/objects/companies')).status).toBe(200);
    const { sim, client } = await start({ refuseNumberedPaths: true });
    const [a] = createCompanies(sim.store, 1);
    const refused = [
      await raw(sim, 'GET', '/crm/v3/objects/companies'),
      await raw(sim, 'POST', '/crm/v3/objects/companies/batch/read', { inputs: [{ id: a }], properties: [], propertiesWithHistory: [] }),
      await raw(sim, 'POST', '/crm/v3/objects/contacts/search', { limit: 1 }),
      await raw(sim, 'POST', '/crm/v4/associations/companies/contacts/batch/read', { inputs: [{ id: a }] }),
      await raw(sim, 'GET', '/crm/v4/associations/companies/contacts/labels'),
    ];
    for (const res of refused) {
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ status: 'error', message: expect.stringContaining('date-based'), correlationId: expect.any(String) });
    }
    // The official client's generated (v3) classes fail; its apiRequest on a dated path works.
    expect((await apiError(client.crm.companies.basicApi.getPage())).code).toBe(410);
    const answer = await client.apiRequest({ method: 'GET', path: '/crm/objects/2026-09/companies' });
    expect(answer.status).toBe(200);
    expect(sim.stats.count({ status: 410 })).toBe(6);
    // Refusal comes after auth: a wrong token is still a 401.
    expect((await raw(sim, 'GET', '/crm/v3/objects/companies', undefined, 'wrong')).status).toBe(401);
  });
});
