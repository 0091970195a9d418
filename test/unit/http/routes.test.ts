/**
 * The other routes: /healthz, /readyz, /metrics and the basic-auth bull-board dashboard.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Registry, Counter } from 'prom-client';
import type { ReadinessReport } from '../../../src/http/server';
import { REDIS_URL, uniquePrefix } from '../../helpers/stack';
import { startHarness } from './helpers';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('health, readiness, metrics', () => {
  it('GET /healthz → 200 {status: ok}', async () => {
    const h = await startHarness();
    try {
      const res = await h.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    } finally {
      await h.close();
    }
  });

  it('GET /readyz → 200 when ready, 503 with the checks when not, 503 when the check throws', async () => {
    let mode: 'ready' | 'down' | 'throw' = 'ready';
    const h = await startHarness({}, {
      readiness: async (): Promise<ReadinessReport> => {
        if (mode === 'throw') throw new Error('boom');
        return mode === 'ready'
          ? { ready: true, checks: { redis: { ok: true } } }
          : { ready: false, checks: { redis: { ok: false, detail: 'connection refused' }, worker: { ok: true } } };
      },
    });
    try {
      const ok = await h.app.inject({ method: 'GET', url: '/readyz' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ ready: true, checks: { redis: { ok: true } } });
      mode = 'down';
      const down = await h.app.inject({ method: 'GET', url: '/readyz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ ready: false, checks: { redis: { ok: false, detail: 'connection refused' }, worker: { ok: true } } });
      mode = 'throw';
      const thrown = await h.app.inject({ method: 'GET', url: '/readyz' });
      expect(thrown.statusCode).toBe(503);
      expect(thrown.json()).toMatchObject({ ready: false, checks: { readiness: { ok: false, detail: 'boom' } } });
    } finally {
      await h.close();
    }
  });

  it('GET /metrics renders the registry with its content type', async () => {
    const registry = new Registry();
    new Counter({ name: 'css_test_total', help: 'test counter', registers: [registry] }).inc(3);
    const h = await startHarness({}, { metrics: { contentType: registry.contentType, render: () => registry.metrics() } });
    try {
      const res = await h.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(registry.contentType);
      expect(res.body).toContain('css_test_total 3');
    } finally {
      await h.close();
    }
  });

  it('GET /metrics → 404 without metrics', async () => {
    const h = await startHarness();
    try {
      expect((await h.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await h.close();
    }
  });
});

describe('admin dashboard', () => {
  it('is not there (404) without ADMIN_PASSWORD', async () => {
    const h = await startHarness();
    try {
      expect((await h.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(404);
      expect((await h.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: basic('admin', '') } })).statusCode).toBe(404);
    } finally {
      await h.close();
    }
  });

  it('asks for basic auth and serves bull-board with the right credentials', async () => {
    const password = 'correct horse battery staple';
    const prefix = uniquePrefix('admin');
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('sync', { connection, prefix });
    const h = await startHarness({ ADMIN_PASSWORD: password, QUEUE_PREFIX: prefix }, { adminQueues: [queue] });
    try {
      const anonymous = await h.app.inject({ method: 'GET', url: '/admin/queues' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toBe('Basic realm="crm-sequence-sync"');

      for (const auth of [basic('admin', 'wrong'), basic('root', password), basic('admin', `${password}x`), 'Basic !!!', 'Bearer abc', basic('admin', '')]) {
        const res = await h.app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: auth } });
        expect(res.statusCode).toBe(401);
      }
      // The dashboard's API and static files are behind the same check.
      expect((await h.app.inject({ method: 'GET', url: '/admin/queues/api/queues' })).statusCode).toBe(401);

      const page = await h.app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic('admin', password) } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');

      const api = await h.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: basic('admin', password) } });
      expect(api.statusCode).toBe(200);
      expect(JSON.stringify(api.json())).toContain('"sync"');

      // Other routes need no credentials.
      expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await h.close();
      await queue.close();
      connection.disconnect();
    }
  });
});
