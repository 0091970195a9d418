/**
 * Signature helpers against HubSpot's published examples, the v3 URI decoding table, and the pure
 * verifier (timestamps, version selection, constant-time comparison inputs).
 */
import { createHmac } from 'node:crypto';
import { rebuildRequestUri, signedRequestUri } from '../../../src/http/request-uri';
import {
  constantTimeEqual,
  normalizeSignedUri,
  signedHeadersV3,
  signV1,
  signV2,
  signV3,
  verifyWebhookSignature,
  type VerifyInput,
} from '../../../src/webhooks/signature';

// HubSpot's "Validating requests" page examples.
const DOC_SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const DOC_V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe('signV1 / signV2 (HubSpot documentation examples)', () => {
  it('v1: sha256 hex of secret + body', () => {
    expect(signV1(DOC_SECRET, DOC_V1_BODY)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
  });
  it('v2: sha256 hex of secret + method + uri + body', () => {
    expect(signV2(DOC_SECRET, 'GET', 'https://www.example.com/webhook_uri', '')).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
    expect(signV2(DOC_SECRET, 'POST', 'https://www.example.com/webhook_uri', '{"example_field":"example_value"}')).toBe(
      '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
    );
  });
  it('accept Buffers as well as strings', () => {
    expect(signV1(DOC_SECRET, Buffer.from(DOC_V1_BODY))).toBe(signV1(DOC_SECRET, DOC_V1_BODY));
  });
});

describe('signV3', () => {
  it('is base64 HMAC-SHA256(secret, method + uri + body + timestamp)', () => {
    const uri = 'https://www.example.com/webhook_uri';
    const body = '{"example_field":"example_value"}';
    const expected = createHmac('sha256', DOC_SECRET).update(`POST${uri}${body}1700000000000`).digest('base64');
    expect(signV3(DOC_SECRET, 'POST', uri, body, 1700000000000)).toBe(expected);
    expect(signV3(DOC_SECRET, 'POST', uri, Buffer.from(body), '1700000000000')).toBe(expected);
  });

  it('signs the decoded URI, so encoded and decoded spellings give the same signature', () => {
    const encoded = 'https://www.example.com/hook%3Fx?a=%40b%2Cc%3Bd&e=%28f%29%2A%21%24%27%3A%2F';
    const decoded = "https://www.example.com/hook?x?a=@b,c;d&e=(f)*!$':/";
    expect(signV3('s', 'POST', encoded, '[]', 1)).toBe(createHmac('sha256', 's').update(`POST${decoded}[]1`).digest('base64'));
  });

  it('signedHeadersV3 gives the two headers HubSpot sends', () => {
    const headers = signedHeadersV3('s', 'POST', 'https://x/y', '[]', 42);
    expect(headers).toEqual({ 'x-hubspot-signature-v3': signV3('s', 'POST', 'https://x/y', '[]', 42), 'x-hubspot-request-timestamp': '42' });
  });
});

describe('normalizeSignedUri (HubSpot v3 decoding table)', () => {
  it.each([
    ['%3A', ':'],
    ['%2F', '/'],
    ['%3F', '?'],
    ['%40', '@'],
    ['%21', '!'],
    ['%24', '$'],
    ['%27', "'"],
    ['%28', '('],
    ['%29', ')'],
    ['%2A', '*'],
    ['%2C', ','],
    ['%3B', ';'],
  ])('decodes %s to %s (either hex case)', (encoded, decoded) => {
    expect(normalizeSignedUri(`https://h/p?q=a${encoded}b`)).toBe(`https://h/p?q=a${decoded}b`);
    expect(normalizeSignedUri(`https://h/p?q=a${encoded.toLowerCase()}b`)).toBe(`https://h/p?q=a${decoded}b`);
  });

  it.each(['%20', '%25', '%2B', '%26', '%3D', '%23', '%5B', '%7E', '%C3%A9'])('keeps %s encoded', (escape) => {
    expect(normalizeSignedUri(`https://h/p?q=${escape}`)).toBe(`https://h/p?q=${escape}`);
  });

  it('decodes once: %253A stays %253A', () => {
    expect(normalizeSignedUri('https://h/p?q=%253A')).toBe('https://h/p?q=%253A');
  });
});

describe('request URI', () => {
  const parts = (headers: Record<string, string>, url = '/webhooks/hubspot?a=1') => ({ headers, protocol: 'http', url });

  it('uses the connection protocol and Host without forwarded headers', () => {
    expect(rebuildRequestUri(parts({ host: 'svc:3000' }))).toBe('http://svc:3000/webhooks/hubspot?a=1');
  });
  it('with TRUST_PROXY, prefers the first X-Forwarded-Proto / X-Forwarded-Host values', () => {
    const headers = { host: 'svc:3000', 'x-forwarded-proto': 'HTTPS, http', 'x-forwarded-host': 'sync.example.com, proxy' };
    expect(rebuildRequestUri({ ...parts(headers), trustProxy: true })).toBe('https://sync.example.com/webhooks/hubspot?a=1');
  });
  it('without TRUST_PROXY, ignores the forwarded headers and uses the connection and Host', () => {
    const headers = { host: 'svc:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sync.example.com' };
    expect(rebuildRequestUri(parts(headers))).toBe('http://svc:3000/webhooks/hubspot?a=1');
    expect(rebuildRequestUri({ ...parts(headers), trustProxy: false })).toBe('http://svc:3000/webhooks/hubspot?a=1');
  });
  it('WEBHOOK_PUBLIC_URL wins when set', () => {
    expect(signedRequestUri('https://public.example.com/h', parts({ host: 'svc' }))).toBe('https://public.example.com/h');
    expect(signedRequestUri(undefined, parts({ host: 'svc' }))).toBe('http://svc/webhooks/hubspot?a=1');
  });
});

describe('verifyWebhookSignature', () => {
  const now = 1_800_000_000_000;
  const uri = 'https://sync.example.com/webhooks/hubspot';
  const rawBody = Buffer.from('[{"eventId":1}]');
  const base = (headers: VerifyInput['headers'], extra: Partial<VerifyInput> = {}): VerifyInput => ({
    headers,
    method: 'POST',
    uri,
    rawBody,
    secret: 'sec',
    acceptV1V2: false,
    now,
    ...extra,
  });
  const v3 = (timestamp: number, secret = 'sec') => ({
    'x-hubspot-signature-v3': signV3(secret, 'POST', uri, rawBody, timestamp),
    'x-hubspot-request-timestamp': String(timestamp),
  });

  it('accepts a fresh v3 signature and returns our digest for the replay key', () => {
    const result = verifyWebhookSignature(base(v3(now - 1000)));
    expect(result).toEqual({ ok: true, version: 'v3', digest: signV3('sec', 'POST', uri, rawBody, now - 1000), timestamp: now - 1000 });
  });

  it('accepts the 5-minute edges and rejects just beyond them', () => {
    expect(verifyWebhookSignature(base(v3(now - 300_000))).ok).toBe(true);
    expect(verifyWebhookSignature(base(v3(now + 300_000))).ok).toBe(true);
    expect(verifyWebhookSignature(base(v3(now - 300_001)))).toEqual({ ok: false, reason: expect.stringContaining('stale') });
    expect(verifyWebhookSignature(base(v3(now + 300_001)))).toEqual({ ok: false, reason: expect.stringContaining('future') });
  });

  it('rejects a wrong secret, a truncated signature and missing headers', () => {
    expect(verifyWebhookSignature(base(v3(now, 'other'))).ok).toBe(false);
    const h = v3(now);
    expect(verifyWebhookSignature(base({ ...h, 'x-hubspot-signature-v3': h['x-hubspot-signature-v3'].slice(0, -2) })).ok).toBe(false);
    expect(verifyWebhookSignature(base({}))).toEqual({ ok: false, reason: 'missing X-HubSpot-Signature-v3' });
    expect(verifyWebhookSignature(base({ 'x-hubspot-signature-v3': h['x-hubspot-signature-v3'] }))).toEqual({
      ok: false,
      reason: 'missing X-HubSpot-Request-Timestamp',
    });
  });

  it('v1/v2 only when enabled, chosen by X-HubSpot-Signature-Version', () => {
    const v1 = { 'x-hubspot-signature': signV1('sec', rawBody), 'x-hubspot-signature-version': 'v1' };
    const v2 = { 'x-hubspot-signature': signV2('sec', 'POST', uri, rawBody), 'x-hubspot-signature-version': 'v2' };
    expect(verifyWebhookSignature(base(v1)).ok).toBe(false);
    expect(verifyWebhookSignature(base(v2)).ok).toBe(false);
    expect(verifyWebhookSignature(base(v1, { acceptV1V2: true }))).toMatchObject({ ok: true, version: 'v1' });
    expect(verifyWebhookSignature(base(v2, { acceptV1V2: true }))).toMatchObject({ ok: true, version: 'v2' });
    expect(verifyWebhookSignature(base({ ...v1, 'x-hubspot-signature': v1['x-hubspot-signature'].toUpperCase() }, { acceptV1V2: true })).ok).toBe(true);
    expect(verifyWebhookSignature(base({ ...v2, 'x-hubspot-signature-version': 'v1' }, { acceptV1V2: true })).ok).toBe(false);
  });

  it('constantTimeEqual handles unequal lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});
