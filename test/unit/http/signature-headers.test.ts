/**
 * The header-only signature check that runs before a webhook body is read: it must refuse what can
 * never verify, and pass everything HubSpot really sends (which verifyWebhookSignature then checks).
 */
import fc from 'fast-check';
import { checkSignatureHeaders, signedHeadersV3, signV1, signV2 } from '../../../src/webhooks/signature';

const now = 1_800_000_000_000;
const strict = { acceptV1V2: false, now };
const lenient = { acceptV1V2: true, now };

describe('checkSignatureHeaders', () => {
  it('passes every real v3, v1 and v2 signature', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.integer({ min: -299_000, max: 299_000 }), (body, secret, skew) => {
        const v3 = checkSignatureHeaders(signedHeadersV3(secret, 'POST', 'https://h.test/webhooks/hubspot', body, now + skew), strict);
        expect(v3).toMatchObject({ ok: true, headers: { version: 'v3', timestamp: now + skew } });
        const v1 = { 'x-hubspot-signature': signV1(secret, body), 'x-hubspot-signature-version': 'v1' };
        const v2 = { 'x-hubspot-signature': signV2(secret, 'POST', 'https://h.test/x', body).toUpperCase(), 'x-hubspot-signature-version': 'V2' };
        expect(checkSignatureHeaders(v1, lenient)).toMatchObject({ ok: true, headers: { version: 'v1' } });
        expect(checkSignatureHeaders(v2, lenient)).toMatchObject({ ok: true, headers: { version: 'v2' } });
      }),
    );
  });

  it.each([
    ['missing X-HubSpot-Signature-v3', {}, strict],
    ['missing X-HubSpot-Request-Timestamp', { 'x-hubspot-signature-v3': `${'A'.repeat(43)}=` }, strict],
    ['malformed X-HubSpot-Request-Timestamp', { 'x-hubspot-signature-v3': `${'A'.repeat(43)}=`, 'x-hubspot-request-timestamp': '17e11' }, strict],
    ['stale timestamp (older than 5 minutes)', { 'x-hubspot-signature-v3': `${'A'.repeat(43)}=`, 'x-hubspot-request-timestamp': String(now - 300_001) }, strict],
    ['timestamp more than 5 minutes in the future', { 'x-hubspot-signature-v3': `${'A'.repeat(43)}=`, 'x-hubspot-request-timestamp': String(now + 300_001) }, strict],
    ['malformed X-HubSpot-Signature-v3', { 'x-hubspot-signature-v3': 'A'.repeat(10_000), 'x-hubspot-request-timestamp': String(now) }, strict],
    ['malformed X-HubSpot-Signature-v3', { 'x-hubspot-signature-v3': `${'A'.repeat(42)}==`, 'x-hubspot-request-timestamp': String(now) }, strict],
    ['v1/v2 signatures are not accepted (WEBHOOK_ACCEPT_V1_V2=false)', { 'x-hubspot-signature': 'a'.repeat(64), 'x-hubspot-signature-version': 'v1' }, strict],
    ['missing X-HubSpot-Signature-Version', { 'x-hubspot-signature': 'a'.repeat(64) }, lenient],
    ['unknown X-HubSpot-Signature-Version', { 'x-hubspot-signature': 'a'.repeat(64), 'x-hubspot-signature-version': 'v9' }, lenient],
    ['malformed X-HubSpot-Signature (v1)', { 'x-hubspot-signature': 'z'.repeat(64), 'x-hubspot-signature-version': 'v1' }, lenient],
  ])('refuses with %s', (reason, headers, options) => {
    expect(checkSignatureHeaders(headers, options)).toEqual({ ok: false, reason });
  });
});
