/**
 * The HubSpot gateway on the date-based paths, through the official client's apiRequest: partial
 * answers in both forms, errors mapped to typed ApiErrors, and search windowing past the 10,000 cap.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { failure } from '../../helpers/api-failure';
import { HubSpotApi } from '../../../src/hubspot/client';
import { HubSpotGateway } from '../../../src/hubspot/gateway';
import { searchWindows } from '../../../src/reconcile/runner';
import { SEARCH_MAX_RESULTS, startHubSpotSimulator, type HubSpotSimulator } from '../../../src/simulators/hubspot';

const TOKEN = 'hubspot-test-token';
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function simulator(): Promise<HubSpotSimulator> {
  const sim = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, refuseNumberedPaths: true });
  closers.push(() => sim.close());
  return sim;
}

function gatewayFor(baseUrl: string, apiVersion: string, timeoutMs = 2000): HubSpotGateway {
  return new HubSpotGateway(HubSpotApi.fromConfig({ accessToken: TOKEN, baseUrl, apiVersion, timeoutMs }), { attempts: 1 });
}

/** A local port nothing listens on (port 1 would be refused by fetch itself as a "bad port"). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server answering every request with the next canned answer (or never, for 'hang'). */
async function cannedServer(answers: ({ status: number; body: string; headers?: Record<string, string> } | 'hang')[]): Promise<string> {
  const hung: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    const next = answers.shift();
    if (!next || next === 'hang') {
      hung.push(res);
      return;
    }
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
    res.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const res of hung) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each(['2026-03', '2026-09'])('HubSpot API %s', (version) => {
  it('reads companies, contacts and associations on dated paths; not-found ids come back as missing', async () => {
    const sim = await simulator();
    const [a, gone] = [sim.store.createCompany({ name: 'A Ltd' }).id, sim.store.createCompany({ name: 'Gone Ltd' }).id];
    const contact = sim.store.createContact({ email: 'a@a.example' });
    const loner = sim.store.createContact({ email: 'alone@a.example' });
    sim.store.associate(a, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    sim.store.deleteCompany(gone);
    const gateway = gatewayFor(sim.url, version);

    const read = await gateway.readCompanies([a, gone, '424242'], ['name', 'zip']);
    expect(read.companies.map((c) => [c.id, c.properties.name, c.properties.zip])).toEqual([[a, 'A Ltd', null]]);
    expect(read.missing.sort()).toEqual([gone, '424242'].sort());
    expect((await gateway.readContacts([contact.id, '777'])).get(contact.id)?.properties.email).toBe('a@a.example');
    const contacts = await gateway.readCompanyContacts([a, gone]);
    expect(contacts.get(a)?.map((c) => c.contactId)).toEqual([contact.id]);
    expect(contacts.get(gone)).toEqual([]);
    const companies = await gateway.readContactCompanies([contact.id, loner.id]);
    expect(Object.fromEntries(companies)).toEqual({ [contact.id]: [a], [loner.id]: [] });
    const page = await gateway.listCompanies({ properties: ['name'] });
    expect(page.companies.map((c) => c.id)).toEqual([a]);

    const partialStatus = version === '2026-09' ? 200 : 207;
    expect(sim.stats.count({ route: `/crm/objects/${version}/companies/batch/read`, status: partialStatus })).toBe(1);
    expect(sim.stats.count({ route: `/crm/associations/${version}/companies/contacts/batch/read`, status: partialStatus })).toBe(1);
    expect(sim.stats.count({ status: 410 })).toBe(0);
    expect(sim.stats.count({ status: 404 })).toBe(0);
  });

  it('walks contacts modified since a time past the 10,000-result cap, 200 per call', async () => {
    const sim = await simulator();
    const at = Date.now() - 60_000;
    const old = sim.store.createContact({ email: 'old@a.example' }, { createdAt: at - 60_000 }).id;
    const ids: string[] = [];
    for (let i = 0; i < SEARCH_MAX_RESULTS + 50; i += 1) ids.push(sim.store.createContact({ email: `c${i}@a.example` }, { createdAt: at }).id);
    const gateway = gatewayFor(sim.url, version);
    const seen: string[] = [];
    for await (const { items } of searchWindows(undefined, (afterId) => gateway.searchContactsModifiedSince({ sinceMs: at, afterId }).then((p) => p.contactIds))) seen.push(...items);
    expect(seen).toEqual(ids);
    expect(seen).not.toContain(old);
    const route = `/crm/objects/${version}/contacts/search`;
    expect(sim.stats.count({ route, status: 200 })).toBe(Math.ceil(ids.length / 200) + 1);
    expect(sim.stats.count({ route, status: 400 })).toBe(0);
  });
});

describe('batch reads of more than 100 ids', () => {
  it('asks for every part at once and returns the rows in the order of the ids', async () => {
    let inFlight = 0;
    let most = 0;
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        const inputs = (JSON.parse(raw) as { inputs: { id: string }[] }).inputs;
        // The later the part, the sooner its answer: order must come from the ids, not from arrival.
        setTimeout(() => {
          inFlight -= 1;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'COMPLETE', results: inputs.map(({ id }) => ({ id, properties: { email: `${id}@a.example` }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', archived: false })) }));
        }, 300 - Number(inputs[0]!.id) / 2);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const ids = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const gateway = gatewayFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, '2026-09');
    const contacts = await gateway.readContacts(ids);
    expect(most).toBe(3);
    expect([...contacts.keys()]).toEqual(ids);
  });
});

describe('errors from HubSpot become typed errors', () => {
  const json = (status: number, body: unknown, headers?: Record<string, string>) => ({ status, body: JSON.stringify(body), headers });

  it('maps statuses and 429 policies the way the numbered client did', async () => {
    const url = await cannedServer([
      json(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.' }),
      json(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'DAILY', message: 'You have reached your daily limit.' }),
      json(401, { status: 'error', category: 'INVALID_AUTHENTICATION', message: 'Authentication credentials not found.' }),
      json(403, { status: 'error', category: 'MISSING_SCOPES', message: 'This app hasn\'t been granted all required scopes.' }),
      json(502, { status: 'error', message: 'Bad Gateway' }),
      json(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'limit must be at most 100' }),
      json(404, { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'API version 2031-03 does not exist' }),
      json(503, { status: 'error', message: 'unavailable' }, { 'retry-after': '3' }),
    ]);
    const gateway = gatewayFor(url, '2026-09');
    const list = () => failure(gateway.listCompanies({ properties: ['name'] }));
    const ten = await list();
    expect(ten).toMatchObject({ kind: 'rate-limited', status: 429, policy: 'TEN_SECONDLY_ROLLING', method: 'GET', path: '/crm/objects/2026-09/companies' });
    expect(await list()).toMatchObject({ kind: 'rate-limited', policy: 'DAILY' });
    expect(await list()).toMatchObject({ kind: 'auth', status: 401 });
    const scopes = await list();
    expect(scopes).toMatchObject({ kind: 'auth', status: 403 });
    expect(scopes.serverMessage).toMatch(/scopes/);
    expect(await list()).toMatchObject({ kind: 'retryable', status: 502 });
    expect(await list()).toMatchObject({ kind: 'permanent', status: 400 });
    expect(await list()).toMatchObject({ kind: 'permanent', status: 404 });
    expect(await list()).toMatchObject({ kind: 'retryable', status: 503, retryAfterMs: 3000 });
  });

  it('does not take ids for deleted when a partial answer reports another kind of error', async () => {
    const partial = { status: 'COMPLETE', results: [], numErrors: 1, errors: [{ status: 'error', category: 'INTERNAL_ERROR', message: 'try again', context: { ids: ['5'] } }] };
    const url = await cannedServer([json(200, partial), json(207, partial), json(200, { status: 'COMPLETE', results: [], numErrors: 1, errors: [{ category: 'RATE_LIMITS', message: 'slow down' }] })]);
    const gateway = gatewayFor(url, '2026-09');
    for (let i = 0; i < 2; i += 1) {
      const error = await failure(gateway.readCompanies(['5'], ['name']));
      expect(error).toMatchObject({ kind: 'retryable', path: '/crm/objects/2026-09/companies/batch/read' });
      expect(error.message).toMatch(/INTERNAL_ERROR/);
    }
    expect(await failure(gateway.readCompanyContacts(['5']))).toMatchObject({ kind: 'retryable', path: '/crm/associations/2026-09/companies/contacts/batch/read' });
  });

  it('treats an answer that never comes, a refused connection and a non-JSON 200 as transient', async () => {
    const url = await cannedServer(['hang', { status: 200, body: '<html><title>Proxy maintenance</title></html>', headers: { 'content-type': 'text/html' } }]);
    const gateway = gatewayFor(url, '2026-09', 300);
    expect(await failure(gateway.listCompanies({ properties: [] }))).toMatchObject({ kind: 'retryable', timedOut: true });
    const proxy = await failure(gateway.listCompanies({ properties: [] }));
    expect(proxy).toMatchObject({ kind: 'retryable', status: 200 });
    expect(proxy.serverMessage).toBe('Proxy maintenance');
    const closed = gatewayFor(`http://127.0.0.1:${await closedPort()}`, '2026-09');
    expect(await failure(closed.listCompanies({ properties: [] }))).toMatchObject({ kind: 'retryable', status: undefined });
  });
});

describe('searchWindows', () => {
  it('yields every id once, in order, however the pages fall, without any query paging', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 600 }), fc.integer({ min: 1, max: 200 }), async (raw, pageSize) => {
        const ids = [...raw].sort((x, y) => x - y).map(String);
        const search = async (afterId: string | undefined) => ids.filter((id) => afterId === undefined || Number(id) > Number(afterId)).slice(0, pageSize);
        const seen: string[] = [];
        let calls = 0;
        for await (const { items, lastId } of searchWindows(undefined, (after) => ((calls += 1), search(after)))) {
          expect(lastId).toBe(items[items.length - 1]);
          seen.push(...items);
        }
        expect(seen).toEqual(ids);
        expect(calls).toBe(Math.ceil(ids.length / pageSize) + 1);
      }),
      { numRuns: 50 },
    );
  });
});
