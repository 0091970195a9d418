/**
 * POST /webhooks/hubspot through app.inject(), with a real Redis for replay keys (unique prefix) and
 * a fake sink: signatures (v3, v1/v2 opt-in), URI reconstruction, replay, body limits, sink failures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MISSING_SECRET_WARNING } from '../../../src/http/webhook-route';
import { signV1, signV2, signV3 } from '../../../src/webhooks/signature';
import { bodyText, DEFAULT_URI, event, HOST, PATH, SECRET, startHarness, type Harness } from './helpers';

const companyChange = (objectId: number) => event('company.propertyChange', { objectId, propertyName: 'name', propertyValue: 'Acme' });

describe('POST /webhooks/hubspot (v3 signatures)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.sink.calls.length = 0;
    h.sink.failWith = undefined;
    h.outcomes.length = 0;
  });

  it('accepts a valid v3 request and hands the mapped actions to the sink before answering', async () => {
    const body = [
      companyChange(101),
      event('company.creation', { objectId: '102' }),
      companyChange(101), // duplicate → one action
      event('contact.propertyChange', { objectId: 7, propertyName: 'email' }),
      event('contact.creation', { objectId: 8 }),
    ];
    const before = Date.now();
    const headers = sigFor(bodyText(body));
    const res = await h.post(body, { signatureHeaders: headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 3 });
    expect(h.sink.calls).toHaveLength(1);
    expect(h.sink.calls[0]!.actions).toEqual([
      { kind: 'sync-company', companyId: '101' },
      { kind: 'sync-company', companyId: '102' },
      { kind: 'sync-contact-companies', contactId: '7' },
    ]);
    expect(h.sink.calls[0]!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(h.outcomes).toEqual([expect.objectContaining({ status: 200, events: 5 })]);

    const line = h.logs.where({ webhook: 'hubspot', status: 200 }).at(-1);
    expect(line).toMatchObject({ events: 5, actions: 3, ignored: { 'contact.creation': 1 }, signatureVersion: 'v3' });
    expect(typeof line?.durationMs).toBe('number');
    const allLogs = JSON.stringify(h.logs.lines);
    expect(allLogs).not.toContain(SECRET);
    expect(allLogs).not.toContain(headers['x-hubspot-signature-v3']);
  });

  it('answers 200 {accepted: 0} without calling the sink when every event is ignored', async () => {
    const res = await h.post([event('deal.creation', { objectId: 5 }), event('contact.creation', { objectId: 6 })]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 0 });
    expect(h.sink.calls).toHaveLength(0);
  });

  it('answers 400 for ids that are not canonical positive integers, naming the event and field', async () => {
    for (const bad of ['000700012', ' 700011 ', 0, '9223372036854775808']) {
      const res = await h.post([companyChange(1), event('company.creation', { objectId: bad })]);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid webhook events', problems: [expect.stringMatching(/^body\[1\]\.objectId: must be a positive whole number/)] });
    }
    expect(h.sink.calls).toHaveLength(0);
  });

  it('counts ignored events by any type name in the log line ("constructor" included)', async () => {
    const res = await h.post([event('constructor', { objectId: 1 }), event('constructor', { objectId: 2 }), event('object.creation', { objectTypeId: '0-3', objectId: 3 })]);
    expect(res.statusCode).toBe(200);
    const line = h.logs.where({ webhook: 'hubspot', status: 200 }).at(-1);
    expect(line?.ignored).toEqual({ constructor: 2, 'object.creation:0-3': 1 });
  });

  it('signs over the exact raw bytes (whitespace and key order kept)', async () => {
    const text = `[ {"objectId": 555, "subscriptionType":"company.creation",  "eventId": 1 , "extra": {"nested": true}} ]\n`;
    const res = await h.post(text);
    expect(res.statusCode).toBe(200);
    expect(h.sink.actions).toEqual([{ kind: 'sync-company', companyId: '555' }]);
  });

  it('accepts a non-ASCII body signed over its UTF-8 bytes', async () => {
    const res = await h.post([event('company.propertyChange', { objectId: 9, propertyValue: 'Zürich Straße — 東京' })]);
    expect(res.statusCode).toBe(200);
  });

  const rejected: [string, (body: string) => Promise<{ statusCode: number; json(): unknown }>][] = [
    ['a tampered body', (body) => h.post(body.replace('101', '102'), { headers: {}, signatureHeaders: sigFor(body) })],
    ['a wrong secret', (body) => h.post(body, { secret: 'not-the-secret' })],
    ['a stale timestamp (6 minutes old)', (body) => h.post(body, { timestamp: Date.now() - 6 * 60_000 })],
    ['a future timestamp (6 minutes ahead)', (body) => h.post(body, { timestamp: Date.now() + 6 * 60_000 })],
    ['no signature headers', (body) => h.post(body, { signatureHeaders: {} })],
    ['a signature but no timestamp', (body) => h.post(body, { signatureHeaders: { 'x-hubspot-signature-v3': sigFor(body)['x-hubspot-signature-v3']! } })],
    ['a malformed timestamp', (body) => h.post(body, { signatureHeaders: { ...sigFor(body), 'x-hubspot-request-timestamp': 'yesterday' } })],
    ['a timestamp other than the one signed', (body) => h.post(body, { signatureHeaders: { ...sigFor(body), 'x-hubspot-request-timestamp': String(Date.now() - 1000) } })],
    ['a signature computed for another URI', (body) => h.post(body, { signUri: `https://${HOST}${PATH}` })],
    ['a signature computed with another method', (body) => h.post(body, { signatureHeaders: sigFor(body, 'PUT') })],
  ];

  function sigFor(body: string, method = 'POST', timestamp = Date.now()): Record<string, string> {
    return { 'x-hubspot-signature-v3': signV3(SECRET, method, DEFAULT_URI, body, timestamp), 'x-hubspot-request-timestamp': String(timestamp) };
  }

  it.each(rejected)('rejects %s with 401 and never calls the sink', async (_name, send) => {
    const body = JSON.stringify([companyChange(101)]);
    const res = await send(body);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid signature' });
    expect(h.sink.calls).toHaveLength(0);
    expect(h.outcomes).toEqual([expect.objectContaining({ status: 401, events: 0 })]);
  });

  it('rejects a replayed request (same signature) with 401', async () => {
    const body = JSON.stringify([companyChange(303)]);
    const headers = sigFor(body);
    const first = await h.post(body, { signatureHeaders: headers });
    expect(first.statusCode).toBe(200);
    const again = await h.post(body, { signatureHeaders: headers });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ reason: 'replayed request' });
    expect(h.sink.calls).toHaveLength(1);
    const keys = await h.redis.keys(`${h.prefix}:webhook:seen:*`);
    expect(keys.length).toBeGreaterThan(0);
    const ttl = await h.redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(10 * 60_000);
  });

  it('does not let a re-spelled signature header dodge the replay check', async () => {
    const body = JSON.stringify([companyChange(304)]);
    const headers = sigFor(body);
    expect((await h.post(body, { signatureHeaders: headers })).statusCode).toBe(200);
    const padded = { ...headers, 'x-hubspot-signature-v3': ` ${headers['x-hubspot-signature-v3']} ` };
    expect((await h.post(body, { signatureHeaders: padded })).statusCode).toBe(401);
  });

  it('rejects malformed JSON with 400 (after the signature passed)', async () => {
    const res = await h.post('[{"eventId": 1, ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: expect.stringContaining('malformed JSON') });
    expect(h.sink.calls).toHaveLength(0);
  });

  it('rejects an empty body with 400', async () => {
    const res = await h.post('');
    expect(res.statusCode).toBe(400);
  });

  it.each([
    ['an object instead of an array', { subscriptionType: 'company.creation', objectId: 1 }, 'body: must be a JSON array'],
    ['a company event without objectId', [event('company.creation')], 'body[0].objectId: is required for company.creation'],
    ['a non-numeric id', [event('company.deletion', { objectId: 'abc' })], 'body[0].objectId'],
    ['an event without subscriptionType', [{ eventId: 1, objectId: 5 }], 'body[0].subscriptionType'],
    ['a merge without mergedObjectIds', [event('company.merge', { objectId: 1, primaryObjectId: 1 })], 'body[0].mergedObjectIds'],
    ['more than 100 events', Array.from({ length: 101 }, (_v, i) => companyChange(i + 1)), 'at most 100 events'],
  ])('rejects %s with 400 naming the problem', async (_name, body, problem) => {
    const res = await h.post(body);
    expect(res.statusCode).toBe(400);
    const json = res.json<{ error: string; problems: string[] }>();
    expect(json.error).toBe('invalid webhook events');
    expect(json.problems.join('\n')).toContain(problem);
    expect(h.sink.calls).toHaveLength(0);
  });

  it('rejects a body above WEBHOOK_MAX_BODY_BYTES with 413', async () => {
    const big = JSON.stringify([event('company.propertyChange', { objectId: 1, propertyValue: 'x'.repeat(h.config.env.WEBHOOK_MAX_BODY_BYTES) })]);
    const res = await h.post(big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: expect.stringContaining('WEBHOOK_MAX_BODY_BYTES') });
    expect(h.sink.calls).toHaveLength(0);
    expect(h.outcomes).toEqual([expect.objectContaining({ status: 413 })]);
  });

  it('answers 503 when the sink rejects, and lets the same request through once the sink is back', async () => {
    const body = JSON.stringify([companyChange(404)]);
    const headers = sigFor(body);
    h.sink.failWith = new Error('Redis is down');
    const res = await h.post(body, { signatureHeaders: headers });
    expect(res.statusCode).toBe(503);
    expect(h.outcomes).toEqual([expect.objectContaining({ status: 503, reason: expect.stringContaining('sink failed') })]);
    h.sink.failWith = undefined;
    // The replay key was released before the 503 went out.
    const retry = await h.post(body, { signatureHeaders: headers });
    expect(retry.statusCode).toBe(200);
    expect(h.sink.actions).toEqual([{ kind: 'sync-company', companyId: '404' }]);
  });

  it('ignores the content type: the raw bytes are verified whatever it says', async () => {
    const res = await h.post([companyChange(606)], { headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /webhooks/hubspot: the signed URI', () => {
  const body = JSON.stringify([companyChange(11)]);

  it('with TRUST_PROXY=true, rebuilds it from X-Forwarded-Proto and X-Forwarded-Host, query included', async () => {
    const h = await startHarness({ TRUST_PROXY: 'true' });
    try {
      const url = `${PATH}?portal=62515&tag=a%3Ab`;
      const signUri = `https://public.example.com${PATH}?portal=62515&tag=a:b`;
      const ok = await h.post(body, { url, signUri, headers: { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'public.example.com' } });
      expect(ok.statusCode).toBe(200);
      // Signed with the encoded form: signV3 applies the same decoding, so it verifies too.
      const ok2 = await h.post(JSON.stringify([companyChange(12)]), {
        url,
        signUri: `https://public.example.com${url}`,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example.com' },
      });
      expect(ok2.statusCode).toBe(200);
      // Without the forwarded headers the URI is http://<Host>/…, which is not what was signed.
      const bad = await h.post(JSON.stringify([companyChange(13)]), { url, signUri });
      expect(bad.statusCode).toBe(401);
    } finally {
      await h.close();
    }
  });

  it('without TRUST_PROXY, rejects a request signed for another host named in X-Forwarded-Host', async () => {
    const h = await startHarness();
    try {
      const elsewhere = 'https://other-installation.example.com' + PATH;
      const forged = await h.post(body, { signUri: elsewhere, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'other-installation.example.com' } });
      expect(forged.statusCode).toBe(401);
      // The URI checked is the one rebuilt from Host, forwarded headers or not.
      const ok = await h.post(JSON.stringify([companyChange(15)]), { signUri: DEFAULT_URI, headers: { 'x-forwarded-host': 'other-installation.example.com' } });
      expect(ok.statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('rebuilds it from the Host header when no forwarded headers are present', async () => {
    const h = await startHarness();
    try {
      const res = await h.post(body, { headers: { host: 'internal:3000' }, signUri: `http://internal:3000${PATH}` });
      expect(res.statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('uses WEBHOOK_PUBLIC_URL as is when set, whatever the request looked like', async () => {
    const publicUrl = 'https://sync.example.com/hooks/v1/hubspot';
    const h = await startHarness({ WEBHOOK_PUBLIC_URL: publicUrl });
    try {
      const ok = await h.post(body, { signUri: publicUrl, headers: { 'x-forwarded-host': 'elsewhere.example.com' } });
      expect(ok.statusCode).toBe(200);
      const rebuilt = await h.post(JSON.stringify([companyChange(14)]), { signUri: DEFAULT_URI });
      expect(rebuilt.statusCode).toBe(401);
    } finally {
      await h.close();
    }
  });
});

describe('POST /webhooks/hubspot: v1 and v2 signatures', () => {
  const v1Headers = (body: string) => ({ 'x-hubspot-signature': signV1(SECRET, body), 'x-hubspot-signature-version': 'v1' });
  const v2Headers = (body: string) => ({ 'x-hubspot-signature': signV2(SECRET, 'POST', DEFAULT_URI, body), 'x-hubspot-signature-version': 'v2' });

  it('rejects v1 and v2 by default', async () => {
    const h = await startHarness();
    try {
      const body = JSON.stringify([companyChange(21)]);
      expect((await h.post(body, { signatureHeaders: v1Headers(body) })).statusCode).toBe(401);
      expect((await h.post(body, { signatureHeaders: v2Headers(body) })).statusCode).toBe(401);
      expect(h.sink.calls).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('accepts v1 and v2 when WEBHOOK_ACCEPT_V1_V2 is set, still rejecting bad ones and replays', async () => {
    const h = await startHarness({ WEBHOOK_ACCEPT_V1_V2: 'true' });
    try {
      const b1 = JSON.stringify([companyChange(31)]);
      const b2 = JSON.stringify([companyChange(32)]);
      expect((await h.post(b1, { signatureHeaders: v1Headers(b1) })).statusCode).toBe(200);
      expect((await h.post(b2, { signatureHeaders: v2Headers(b2) })).statusCode).toBe(200);
      expect(h.sink.actions).toEqual([
        { kind: 'sync-company', companyId: '31' },
        { kind: 'sync-company', companyId: '32' },
      ]);
      // replay
      expect((await h.post(b1, { signatureHeaders: v1Headers(b1) })).statusCode).toBe(401);
      // wrong secret, unknown or missing version, v1 header claiming v2
      const b3 = JSON.stringify([companyChange(33)]);
      expect((await h.post(b3, { signatureHeaders: { 'x-hubspot-signature': signV1('nope', b3), 'x-hubspot-signature-version': 'v1' } })).statusCode).toBe(401);
      expect((await h.post(b3, { signatureHeaders: { 'x-hubspot-signature': signV1(SECRET, b3), 'x-hubspot-signature-version': 'v9' } })).statusCode).toBe(401);
      expect((await h.post(b3, { signatureHeaders: { 'x-hubspot-signature': signV1(SECRET, b3) } })).statusCode).toBe(401);
      expect((await h.post(b3, { signatureHeaders: { 'x-hubspot-signature': signV1(SECRET, b3), 'x-hubspot-signature-version': 'v2' } })).statusCode).toBe(401);
      // A bad v3 is not rescued by a good v1.
      const both = { ...v1Headers(b3), 'x-hubspot-signature-v3': 'AAAA', 'x-hubspot-request-timestamp': String(Date.now()) };
      expect((await h.post(b3, { signatureHeaders: both })).statusCode).toBe(401);
      expect(h.sink.calls).toHaveLength(2);
    } finally {
      await h.close();
    }
  });
});

describe('POST /webhooks/hubspot: availability', () => {
  it('answers 503 while not accepting (shutdown), without reading further', async () => {
    let accepting = true;
    const h = await startHarness({}, { accepting: () => accepting });
    try {
      accepting = false;
      const res = await h.post([companyChange(41)]);
      expect(res.statusCode).toBe(503);
      expect(h.sink.calls).toHaveLength(0);
      expect(h.outcomes).toEqual([expect.objectContaining({ status: 503, reason: 'shutting down' })]);
      accepting = true;
      expect((await h.post([companyChange(42)])).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('answers 503 "not configured" and warns at start when HUBSPOT_CLIENT_SECRET is missing', async () => {
    const h = await startHarness({ HUBSPOT_CLIENT_SECRET: '' });
    try {
      expect(h.logs.lines.some((l) => l.level === 40 && l.msg === MISSING_SECRET_WARNING)).toBe(true);
      // The setup guide quotes the line as it is logged.
      expect(readFileSync(join(__dirname, '../../../docs/hubspot-setup.md'), 'utf8')).toContain(`\`${MISSING_SECRET_WARNING}\``);
      const res = await h.post([companyChange(51)]);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: expect.stringContaining('not configured') });
      expect(h.sink.calls).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('answers 503 when the replay store (Redis) is unreachable', async () => {
    const { Redis } = await import('ioredis');
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const h = await startHarness({}, { redis: dead });
    try {
      const res = await h.post([companyChange(61)]);
      expect(res.statusCode).toBe(503);
      expect(h.sink.calls).toHaveLength(0);
    } finally {
      await h.close();
      dead.disconnect();
    }
  });

  it('answers 503 when the sink hangs past its deadline', async () => {
    const h = await startHarness();
    try {
      h.sink.delayMs = 3_500;
      const res = await h.post([companyChange(71)]);
      expect(res.statusCode).toBe(503);
    } finally {
      await h.close();
    }
  });
});
