/**
 * The HTTP server over a real socket (not inject): the Host header with its port is part of the
 * signed URI, chunked bodies without Content-Length still hit the 413 limit, and close() returns.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { configFromEnv, parseEnv } from '../../config';
import { buildHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import type { WebhookAction } from '../../src/webhooks/actions';
import { signV3 } from '../../src/webhooks/signature';
import { deletePrefix, LogCapture, REDIS_URL, uniquePrefix } from '../helpers/stack';

const SECRET = 'integration-secret';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(port: number, path: string, headers: Record<string, string>, chunks: (string | Buffer)[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The server may close the socket after answering 413 while we are still writing.
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') return;
      reject(err);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('HTTP server on a real socket', () => {
  let app: FastifyInstance;
  let port: number;
  let redis: Redis;
  const prefix = uniquePrefix('http-int');
  const received: WebhookAction[] = [];

  beforeAll(async () => {
    const config = configFromEnv(parseEnv({ REDIS_URL, QUEUE_PREFIX: prefix, HUBSPOT_CLIENT_SECRET: SECRET, WEBHOOK_MAX_BODY_BYTES: '4096' }));
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const logs = new LogCapture();
    app = await buildHttpServer({
      config,
      logger: createLogger({ level: 'info', pretty: 'false', destination: logs.stream }),
      redis,
      sink: { accept: async (actions) => void received.push(...actions) },
      readiness: async () => ({ ready: true, checks: {} }),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    await app.close();
    await deletePrefix(prefix);
    redis.disconnect();
  });

  it('verifies a v3 signature over http://<Host with port><path?query>', async () => {
    const body = JSON.stringify([{ eventId: 1, subscriptionType: 'company.creation', objectId: 987, occurredAt: Date.now() }]);
    const path = '/webhooks/hubspot?app=1&x=%2Fy';
    const timestamp = Date.now();
    const uri = `http://127.0.0.1:${port}${path}`;
    const headers = {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signV3(SECRET, 'POST', uri, body, timestamp),
      'x-hubspot-request-timestamp': String(timestamp),
    };
    const answer = await send(port, path, headers, [body]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ accepted: 1 });
    expect(received).toEqual([{ kind: 'sync-company', companyId: '987' }]);
  });

  // Well-formed signature headers (checked before the body), whose signature is never reached.
  const shapedHeaders = () => ({ 'x-hubspot-signature-v3': `${'A'.repeat(43)}=`, 'x-hubspot-request-timestamp': String(Date.now()) });

  it('answers 413 to a chunked body (no Content-Length) that grows past the limit', async () => {
    const chunk = Buffer.alloc(1024, 0x20);
    const headers = { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...shapedHeaders() };
    const answer = await send(port, '/webhooks/hubspot', headers, Array.from({ length: 8 }, () => chunk));
    expect(answer.status).toBe(413);
  });

  it('answers 413 from Content-Length alone', async () => {
    const headers = { 'content-type': 'application/json', 'content-length': '5000', ...shapedHeaders() };
    const answer = await send(port, '/webhooks/hubspot', headers, [Buffer.alloc(5000, 0x20)]);
    expect(answer.status).toBe(413);
  });

  it('serves /healthz', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/healthz' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(res).toBe(200);
  });
});
