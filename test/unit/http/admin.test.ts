/**
 * The dashboard's defences (issue 13, item 7): failed logins limited per client address and shared
 * through Redis, a minimum ADMIN_PASSWORD length, framing and content-security headers that still
 * let bull-board's page load, and ADMIN_PORT moving the dashboard off the public server.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ConfigError, parseEnv } from '../../../config';
import { ADMIN_CSP } from '../../../src/http/admin';
import { DEFAULT_LOGIN_LIMIT } from '../../../src/http/login-limit';
import { buildAdminServer } from '../../../src/http/server';
import { createLogger } from '../../../src/logger';
import { LogCapture, REDIS_URL, uniquePrefix } from '../../helpers/stack';
import { makeConfig, startHarness, type Harness } from './helpers';

const PASSWORD = 'a-long-enough-dashboard-password';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('dashboard login limit', () => {
  const prefix = uniquePrefix('admin-limit');
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('sync', { connection, prefix });
  const harnesses: Harness[] = [];

  const start = async () => {
    const h = await startHarness({ ADMIN_PASSWORD: PASSWORD, QUEUE_PREFIX: prefix }, { adminQueues: [queue] });
    harnesses.push(h);
    return h;
  };
  const get = (h: Harness, remoteAddress: string, authorization?: string) =>
    h.app.inject({ method: 'GET', url: '/admin/queues', remoteAddress, headers: authorization ? { authorization } : {} });

  afterAll(async () => {
    // Each harness deletes the shared prefix on close.
    for (const h of harnesses) await h.close();
    await queue.close();
    connection.disconnect();
  });

  it('answers 429 with Retry-After after 10 failed logins from one address, counted across servers sharing Redis, even for the right password', async () => {
    const [one, two] = [await start(), await start()];
    const client = '198.51.100.7';
    // Requests without credentials are not guesses.
    for (let i = 0; i < 12; i++) expect((await get(one, client)).statusCode).toBe(401);

    // Ten wrong guesses, alternating between two servers (two workers behind one balancer).
    for (let i = 0; i < 10; i++) {
      const res = await get(i % 2 ? one : two, client, basic('admin', `guess-${i}`));
      expect(res.statusCode).toBe(401);
    }
    for (const h of [one, two]) {
      const blocked = await get(h, client, basic('admin', 'guess-11'));
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(blocked.headers['x-frame-options']).toBe('DENY');
      expect((await get(h, client, basic('admin', PASSWORD))).statusCode).toBe(429);
    }

    // Another address is not affected.
    expect((await get(one, '203.0.113.9', basic('admin', PASSWORD))).statusCode).toBe(200);
    expect(one.logs.lines.concat(two.logs.lines).some((l) => l.msg === 'dashboard: too many failed logins, client blocked')).toBe(true);
  });

  it('behind a proxy (TRUST_PROXY=true) counts per address the proxy saw, and a client cannot pick its own by sending X-Forwarded-For', async () => {
    const h = await startHarness({ ADMIN_PASSWORD: PASSWORD, QUEUE_PREFIX: prefix, TRUST_PROXY: 'true' }, { adminQueues: [queue] });
    harnesses.push(h);
    const proxy = '10.0.0.5';
    const viaProxy = (clientChain: string, authorization: string) =>
      h.app.inject({ method: 'GET', url: '/admin/queues', remoteAddress: proxy, headers: { authorization, 'x-forwarded-for': clientChain } });
    // The guesser forges a new leftmost address every time; the proxy appends the real one.
    for (let i = 0; i < 10; i++) expect((await viaProxy(`192.0.2.${i}, 198.51.100.99`, basic('admin', `guess-${i}`))).statusCode).toBe(401);
    expect((await viaProxy('192.0.2.200, 198.51.100.99', basic('admin', PASSWORD))).statusCode).toBe(429);
    // Another client behind the same proxy is not locked out.
    expect((await viaProxy('198.51.100.100', basic('admin', PASSWORD))).statusCode).toBe(200);
  });
});

describe('dashboard login limit over IPv6 and across addresses (issue 22, item 12)', () => {
  const prefix = uniquePrefix('admin-limit6');
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('sync', { connection, prefix });
  const harnesses: Harness[] = [];

  const start = async (label: string) => {
    const h = await startHarness({ ADMIN_PASSWORD: PASSWORD, QUEUE_PREFIX: `${prefix}-${label}` }, { adminQueues: [queue] });
    harnesses.push(h);
    return h;
  };
  const get = (h: Harness, remoteAddress: string, authorization?: string) =>
    h.app.inject({ method: 'GET', url: '/admin/queues', remoteAddress, headers: authorization ? { authorization } : {} });

  afterAll(async () => {
    for (const h of harnesses) await h.close();
    await queue.close();
    connection.disconnect();
  });

  it('counts every address of one IPv6 /64 as one client', async () => {
    const h = await start('v6');
    // A new address from the same /64 for every guess, as anyone holding a /64 can.
    for (let i = 0; i < 10; i++) expect((await get(h, `2001:db8:1:2:${i.toString(16)}::1`, basic('admin', `guess-${i}`))).statusCode).toBe(401);
    expect((await get(h, '2001:db8:1:2:ffff:ffff:ffff:fffe', basic('admin', PASSWORD))).statusCode).toBe(429);
    // Written another way, it is the same /64.
    expect((await get(h, '2001:0db8:0001:0002:0000:0000:0000:0abc', basic('admin', PASSWORD))).statusCode).toBe(429);
    // The next /64 is another client.
    expect((await get(h, '2001:db8:1:3::1', basic('admin', PASSWORD))).statusCode).toBe(200);
    // An IPv4 address seen through an IPv6 socket is that IPv4 address.
    for (let i = 0; i < 10; i++) expect((await get(h, '::ffff:198.51.100.20', basic('admin', `guess-${i}`))).statusCode).toBe(401);
    expect((await get(h, '198.51.100.20', basic('admin', PASSWORD))).statusCode).toBe(429);
    expect((await get(h, '198.51.100.21', basic('admin', PASSWORD))).statusCode).toBe(200);
  });

  it('has a global ceiling: many addresses with a few guesses each get at most DEFAULT_LOGIN_LIMIT.maxGlobalFailures 401s, then everyone waits', async () => {
    const h = await start('global');
    const statuses: number[] = [];
    for (let address = 0; address < 30; address++) {
      for (let guess = 0; guess < 9; guess++) statuses.push((await get(h, `192.0.2.${address}`, basic('admin', `guess-${guess}`))).statusCode);
    }
    const unauthorized = statuses.filter((s) => s === 401).length;
    expect(unauthorized).toBe(DEFAULT_LOGIN_LIMIT.maxGlobalFailures);
    expect(statuses.filter((s) => s === 429).length).toBe(statuses.length - unauthorized);
    // While the ceiling holds, the right password waits too (from an address that never guessed).
    const blocked = await get(h, '203.0.113.50', basic('admin', PASSWORD));
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(h.logs.lines.some((l) => l.msg === 'dashboard: too many failed logins from all addresses, every login waits')).toBe(true);
  });
});

describe('dashboard headers', () => {
  it('sends X-Frame-Options: DENY and a CSP on every dashboard answer (page, API, static files, 401), and the bull-board page needs nothing the CSP forbids; not on the webhook port routes', async () => {
    const prefix = uniquePrefix('admin-headers');
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('sync', { connection, prefix });
    const h = await startHarness({ ADMIN_PASSWORD: PASSWORD, QUEUE_PREFIX: prefix }, { adminQueues: [queue] });
    try {
      const auth = { authorization: basic('admin', PASSWORD) };
      const page = await h.app.inject({ method: 'GET', url: '/admin/queues', headers: auth });
      const anonymous = await h.app.inject({ method: 'GET', url: '/admin/queues' });
      const api = await h.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: auth });
      expect(page.statusCode).toBe(200);
      expect(anonymous.statusCode).toBe(401);

      // Every script the page runs is one of its own files (CSP script-src 'self'): no inline code.
      const html = page.body;
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      const srcs: string[] = [];
      for (const [, attributes = '', content = ''] of scripts) {
        const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
        if (src) srcs.push(src);
        else {
          expect(attributes).toContain('type="application/json"');
          expect(() => JSON.parse(content)).not.toThrow();
        }
      }
      expect(srcs.length).toBeGreaterThan(0);
      const stylesheets = [...html.matchAll(/<link\b[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g)].map((m) => m[1] ?? '');
      const base = /<base href="([^"]+)"/.exec(html)?.[1] ?? '/';
      for (const url of [...srcs, ...stylesheets]) {
        if (/^https?:/.test(url)) {
          // The only outside origin the page links is Google Fonts, which the CSP allows for styles.
          expect(new URL(url).origin).toBe('https://fonts.googleapis.com');
          expect(ADMIN_CSP).toContain('https://fonts.googleapis.com');
          continue;
        }
        // Same origin, served under the same headers.
        const file = await h.app.inject({ method: 'GET', url: `${base}${url}`, headers: auth });
        expect(file.statusCode).toBe(200);
        expect(file.headers['x-frame-options']).toBe('DENY');
        expect(file.headers['content-security-policy']).toBe(ADMIN_CSP);
      }

      for (const res of [page, anonymous, api]) {
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['content-security-policy']).toBe(ADMIN_CSP);
      }
      expect(ADMIN_CSP).toContain("frame-ancestors 'none'");
      expect(ADMIN_CSP).toContain("script-src 'self'");
      expect(ADMIN_CSP).not.toMatch(/script-src[^;]*unsafe/);

      const health = await h.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.headers['content-security-policy']).toBeUndefined();
    } finally {
      await h.close();
      await queue.close();
      connection.disconnect();
    }
  });
});

describe('ADMIN_PASSWORD length', () => {
  it('is a configuration error below 16 characters, naming the variable and not echoing the value', () => {
    let error: unknown;
    try {
      parseEnv({ ADMIN_PASSWORD: 'open-sesame' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('ADMIN_PASSWORD: must be at least 16 characters');
    expect(message).not.toContain('open-sesame');
    expect(parseEnv({ ADMIN_PASSWORD: 'x'.repeat(16) }).ADMIN_PASSWORD).toBe('x'.repeat(16));
    expect(parseEnv({ ADMIN_PASSWORD: '' }).ADMIN_PASSWORD).toBeUndefined();
  });
});

describe('ADMIN_PORT', () => {
  it('moves the dashboard to its own server: the public one answers 404 there', async () => {
    const prefix = uniquePrefix('admin-port');
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('sync', { connection, prefix });
    const env = { ADMIN_PASSWORD: PASSWORD, ADMIN_PORT: '39123', QUEUE_PREFIX: prefix };
    const h = await startHarness(env, { adminQueues: [queue] });
    const admin = await buildAdminServer({ config: makeConfig(prefix, env), logger: createLogger({ level: 'silent', pretty: 'false', destination: new LogCapture().stream }), redis: h.redis, adminQueues: [queue] });
    try {
      const auth = { authorization: basic('admin', PASSWORD) };
      expect((await h.app.inject({ method: 'GET', url: '/admin/queues', headers: auth })).statusCode).toBe(404);
      expect((await h.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: auth })).statusCode).toBe(404);
      expect(admin).toBeDefined();
      const page = await admin!.inject({ method: 'GET', url: '/admin/queues', headers: auth });
      expect(page.statusCode).toBe(200);
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect((await admin!.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
      // The webhook route is not on the admin server.
      expect((await admin!.inject({ method: 'POST', url: '/webhooks/hubspot', payload: '[]' })).statusCode).toBe(404);
    } finally {
      await admin?.close();
      await h.close();
      await queue.close();
      connection.disconnect();
    }
  });

  it('is refused equal to PORT, or without ADMIN_PASSWORD', () => {
    expect(() => parseEnv({ PORT: '3000', ADMIN_PORT: '3000', ADMIN_PASSWORD: PASSWORD })).toThrow(/ADMIN_PORT: must differ from PORT/);
    expect(() => parseEnv({ ADMIN_PORT: '3001' })).toThrow(/ADMIN_PORT: set, but ADMIN_PASSWORD is not/);
    expect(() => parseEnv({ ADMIN_PORT: '70000', ADMIN_PASSWORD: PASSWORD })).toThrow(/ADMIN_PORT: must be a whole number/);
    expect(parseEnv({ ADMIN_PORT: '3001', ADMIN_PASSWORD: PASSWORD }).ADMIN_PORT).toBe(3001);
  });
});
