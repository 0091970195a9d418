/**
 * Slow and oversized webhook bodies over raw sockets (issue 13, item 2): requests without usable
 * signature headers are answered 401 before their body is read; a body that stalls is dropped by the
 * server's request/connection timeouts; the bytes buffered across requests in flight stay under
 * WEBHOOK_MAX_INFLIGHT_BYTES (503 with Retry-After above it) and return to 0 once the sockets are gone.
 * Timeouts are set short here; the only waits are generous upper bounds.
 */
import { connect, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { configFromEnv, parseEnv } from '../../config';
import { InflightBudget } from '../../src/http/body';
import { buildHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { deletePrefix, LogCapture, REDIS_URL, uniquePrefix, waitFor } from '../helpers/stack';

const MiB = 1024 * 1024;
const KiB = 1024;
const BUDGET = 1.5 * MiB;

interface RawExchange {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server closed the connection (the test never closes it first). */
  closed: Promise<void>;
}

/** A POST whose head announces `contentLength` bytes, then only `body` is written; the socket is left open. */
function rawPost(port: number, headers: Record<string, string>, contentLength: number, body: Buffer): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    // The server may reset the connection while we still write: that is a close by the server too.
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      const head = [
        'POST /webhooks/hubspot HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        `Content-Length: ${contentLength}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      if (body.length) socket.write(body);
      resolve({ socket, received: () => Buffer.concat(chunks).toString('latin1'), closed });
    });
    socket.once('error', reject);
  });
}

/** Resolves once the server closed the connection; fails after a generous `ms`. */
async function closedByServer(exchange: RawExchange, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not close the connection within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([exchange.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const shapedSignature = () => ({ 'X-HubSpot-Signature-v3': `${'A'.repeat(43)}=`, 'X-HubSpot-Request-Timestamp': String(Date.now()) });
const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

describe('slow webhook bodies on a real socket', () => {
  let app: FastifyInstance;
  let port: number;
  let redis: Redis;
  const inflight = new InflightBudget(BUDGET);
  const prefix = uniquePrefix('slow-bodies');
  const open: Socket[] = [];

  beforeAll(async () => {
    const config = configFromEnv(
      parseEnv({
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        HUBSPOT_CLIENT_SECRET: 'slow-bodies-secret',
        WEBHOOK_MAX_BODY_BYTES: String(MiB),
        WEBHOOK_MAX_INFLIGHT_BYTES: String(BUDGET),
        HTTP_REQUEST_TIMEOUT_MS: '1500',
        HTTP_CONNECTION_TIMEOUT_MS: '1000',
      }),
    );
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    app = await buildHttpServer({
      config,
      logger: createLogger({ level: 'info', pretty: 'false', destination: new LogCapture().stream }),
      redis,
      sink: { accept: async () => undefined },
      readiness: async () => ({ ready: true, checks: {} }),
      inflight,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterEach(() => {
    for (const socket of open.splice(0)) socket.destroy();
  });

  afterAll(async () => {
    await app.close();
    await deletePrefix(prefix);
    redis.disconnect();
  });

  const track = (exchange: RawExchange) => {
    open.push(exchange.socket);
    return exchange;
  };

  it('answers 401 and closes the connection before any of the body arrives when the signature headers are missing', async () => {
    const exchange = track(await rawPost(port, {}, MiB, Buffer.alloc(0)));
    await closedByServer(exchange);
    expect(statusOf(exchange.received())).toBe(401);
    expect(exchange.received()).toContain('missing X-HubSpot-Signature-v3');
    expect(exchange.received().toLowerCase()).toContain('connection: close');
  });

  it.each([
    ['a malformed signature', { 'X-HubSpot-Signature-v3': 'not-a-signature', 'X-HubSpot-Request-Timestamp': String(Date.now()) }, 'malformed X-HubSpot-Signature-v3'],
    ['a stale timestamp', { 'X-HubSpot-Signature-v3': `${'A'.repeat(43)}=`, 'X-HubSpot-Request-Timestamp': String(Date.now() - 10 * 60_000) }, 'stale timestamp'],
    ['no timestamp', { 'X-HubSpot-Signature-v3': `${'A'.repeat(43)}=` }, 'missing X-HubSpot-Request-Timestamp'],
  ])('answers 401 before the body for %s', async (_label, headers, reason) => {
    const exchange = track(await rawPost(port, headers, MiB, Buffer.alloc(0)));
    await closedByServer(exchange);
    expect(statusOf(exchange.received())).toBe(401);
    expect(exchange.received()).toContain(reason);
  });

  it('answers 503 with Retry-After when a body would not fit in the bytes in flight, and gives them back when the client leaves', async () => {
    const first = track(await rawPost(port, shapedSignature(), MiB, Buffer.alloc(MiB - KiB, 0x20)));
    await waitFor(() => inflight.used === MiB - KiB, 15_000, 'the first body to be buffered');

    const second = track(await rawPost(port, shapedSignature(), 0.75 * MiB, Buffer.alloc(0)));
    await closedByServer(second);
    expect(statusOf(second.received())).toBe(503);
    expect(second.received().toLowerCase()).toMatch(/retry-after: \d+/);

    first.socket.destroy();
    await waitFor(() => inflight.used === 0, 15_000, 'the in-flight bytes to return to 0');
  });

  it('drops 40 sockets that announce 1 MiB, send 64 KiB and stall, and the in-flight bytes return to 0', async () => {
    const exchanges = await Promise.all(Array.from({ length: 40 }, () => rawPost(port, shapedSignature(), MiB, Buffer.alloc(64 * KiB, 0x20)).then(track)));
    // Nothing holds more than the bound meanwhile.
    expect(inflight.used).toBeLessThanOrEqual(BUDGET);
    await Promise.all(exchanges.map((e) => closedByServer(e, 20_000)));
    const statuses = exchanges.map((e) => statusOf(e.received()));
    // Dropped by a timeout (408, or closed without an answer) or refused by the bound (503).
    for (const status of statuses) expect([0, 408, 503]).toContain(status);
    // At most BUDGET / 64 KiB = 24 of them can hold their 64 KiB at once: the others were refused.
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(40 - BUDGET / (64 * KiB));
    await waitFor(() => inflight.used === 0, 15_000, 'the in-flight bytes to return to 0');
  });
});
