import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { failure } from '../../helpers/api-failure';
import { SequenceClient, parseRetryAfter } from '../../../src/sequence/client';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A one-route server whose answer each test sets, to pin down the client's error typing. */
async function withServer(handler: Handler, fn: (client: SequenceClient, seen: http.IncomingMessage[]) => Promise<void>, timeoutMs = 2000) {
  const seen: http.IncomingMessage[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const client = new SequenceClient({ baseUrl: `http://127.0.0.1:${port}/api`, clientId: 'id', clientSecret: 's3cret', apiVersion: '2024-07-30', timeoutMs });
  try {
    await fn(client, seen);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const customer = {
  id: 'c-1',
  createdAt: '2024-01-01T00:00:00Z',
  legalName: 'Acme',
  address: { line1: '1 Road', town: 'Leeds', postcode: 'LS1', country: 'GB' },
  integrationIds: [],
  taxStatus: 'TAXED',
  contacts: [],
  customProperties: {},
  organizations: [],
};

describe('SequenceClient', () => {
  it('sends Basic auth, the version header and JSON, and parses the customer', async () => {
    await withServer(json(200, customer), async (client, seen) => {
      const result = await client.getCustomer('c-1');
      expect(result.legalName).toBe('Acme');
      expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('id:s3cret').toString('base64')}`);
      expect(seen[0]?.headers['sequence-version']).toBe('2024-07-30');
      expect(seen[0]?.url).toBe('/api/customers/c-1');
    });
  });

  it.each([
    [401, 'auth', false],
    [403, 'auth', false],
    [400, 'permanent', false],
    [404, 'permanent', false],
    [409, 'permanent', false],
    [429, 'rate-limited', true],
    [500, 'retryable', true],
    [502, 'retryable', true],
    [503, 'retryable', true],
  ] as const)('types a %i answer as %s', async (status, kind, retryable) => {
    await withServer(json(status, { error: { type: 'Whatever', message: `status ${status}` } }), async (client) => {
      const error = await failure(client.getCustomer('c-1'));
      expect(error.status).toBe(status);
      expect(error.kind).toBe(kind);
      expect(error.retryable).toBe(retryable);
      expect(error.body).toEqual({ error: { type: 'Whatever', message: `status ${status}` } });
      expect(error.serverMessage).toBe(`Whatever: status ${status}`);
    });
  });

  it('carries Retry-After of a 429', async () => {
    await withServer(json(429, { error: { type: 'TooManyRequests' } }, { 'retry-after': '7' }), async (client) => {
      const error = await failure(client.listCustomers());
      expect(error.retryAfterMs).toBe(7000);
    });
  });

  it('types a timeout as retryable with no status', async () => {
    await withServer(() => undefined /* never answers */, async (client) => {
      const error = await failure(client.getCustomer('c-1'));
      expect(error.status).toBeUndefined();
      expect(error.timedOut).toBe(true);
      expect(error.kind).toBe('retryable');
    }, 200);
  });

  it('types a connection reset as retryable', async () => {
    await withServer((req) => req.socket.destroy(), async (client) => {
      const error = await failure(client.getCustomer('c-1'));
      expect(error.status).toBeUndefined();
      expect(error.timedOut).toBe(false);
      expect(error.kind).toBe('retryable');
    });
  });

  it('treats an unreadable 2xx as retryable (the write may have happened)', async () => {
    await withServer(json(201, { not: 'a customer' }), async (client) => {
      const error = await failure(client.getCustomer('c-1'));
      expect(error.kind).toBe('retryable');
    });
  });

  it('returns undefined for an unknown alias', async () => {
    await withServer(json(404, { error: { type: 'NotFound' } }), async (client) => {
      await expect(client.findCustomerByAlias('hubspot-company-1')).resolves.toBeUndefined();
    });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
