/**
 * `crm-sequence-sync check` against the simulated HubSpot and Sequence and the real Redis: a good
 * configuration passes; a bad token, a missing scope, bad Sequence credentials or versions fail
 * with the line that says so.
 */
import { configFromEnv, parseEnv } from '../../config';
import { checkHubSpot, checkWebhooks, type CheckLine } from '../../src/check/checks';
import { runCheck } from '../../src/cli/commands/check';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';
import { startSequenceSimulator, type SequenceSimulator } from '../../src/simulators/sequence';
import { testEnv, uniquePrefix } from '../helpers/stack';

const COMPANIES_ONLY = 'token-companies-only';

let hubspot: HubSpotSimulator;
let sequence: SequenceSimulator;
beforeAll(async () => {
  hubspot = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, scopedTokens: { [COMPANIES_ONLY]: ['crm.objects.companies.read'] } });
  sequence = await startSequenceSimulator({ rateLimitPerMinute: 0 });
});
afterAll(async () => {
  await Promise.all([hubspot.close(), sequence.close()]);
});

const configWith = (extra: Record<string, string> = {}) => configFromEnv(parseEnv(testEnv(uniquePrefix('check'), hubspot, sequence, { LOG_LEVEL: 'silent', ...extra })));

async function check(extra: Record<string, string> = {}, version = '2026-09'): Promise<{ code: number; text: string; items: CheckLine[] }> {
  const chunks: string[] = [];
  const out = { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream;
  const code = await runCheck({}, configWith({ HUBSPOT_API_VERSION: version, ...extra }), out);
  const jsonChunks: string[] = [];
  await runCheck({ json: true }, configWith({ HUBSPOT_API_VERSION: version, ...extra }), { write: (t: string) => jsonChunks.push(t) } as unknown as NodeJS.WritableStream);
  return { code, text: chunks.join(''), items: (JSON.parse(jsonChunks.join('')) as { items: CheckLine[] }).items };
}

const statusOf = (items: CheckLine[], prefix: string) => items.find((i) => i.item.startsWith(prefix))?.status;

describe('crm-sequence-sync check', () => {
  it('passes a good configuration (the default write-back on): one line per item, all ok', async () => {
    const { code, text, items } = await check({ WEBHOOK_PUBLIC_URL: 'https://sync.example.com/webhooks/hubspot', HUBSPOT_WRITE_BACK: 'true' });
    expect(code).toBe(0);
    expect(items.map((i) => [i.item, i.status])).toEqual([
      ['Redis', 'ok'],
      ['HubSpot token', 'ok'],
      ['HubSpot scopes', 'ok'],
      ['HubSpot API version 2026-09', 'ok'],
      ['HubSpot write-back', 'ok'],
      ['Billing scope (BILLING_SCOPE=all)', 'ok'],
      ['Sequence credentials', 'ok'],
      ['Sequence API version 2024-07-30', 'ok'],
      ['Webhook secret', 'ok'],
      ['Webhook URL', 'ok'],
    ]);
    expect(text.trim().split('\n')).toHaveLength(items.length + 1);
    expect(text).toContain('Ready');
    expect(text).not.toContain('webhook-secret');
    expect(text).not.toContain('seq-test-secret');
  });

  it('with HUBSPOT_WRITE_BACK=false, skips the write-back and asks for no write scope', async () => {
    const { code, items } = await check({ HUBSPOT_ACCESS_TOKEN: COMPANIES_ONLY, HUBSPOT_WRITE_BACK: 'false' });
    expect(code).toBe(1); // the contacts scope is missing, not a write scope
    expect(items.find((i) => i.item === 'HubSpot write-back')).toMatchObject({ status: 'skip', detail: expect.stringContaining('HUBSPOT_WRITE_BACK=false') });
    expect(items.find((i) => i.item === 'HubSpot scopes')?.detail).toBe('missing crm.objects.contacts.read');
  });

  it('accepts the other tested HubSpot version, 2026-03', async () => {
    const { code, items } = await check({}, '2026-03');
    expect(code).toBe(0);
    expect(statusOf(items, 'HubSpot API version 2026-03')).toBe('ok');
  });

  it('fails on a token HubSpot refuses, saying where the token comes from', async () => {
    const { code, text } = await check({ HUBSPOT_ACCESS_TOKEN: 'wrong-token' });
    expect(code).toBe(1);
    expect(text).toMatch(/^FAIL {2}HubSpot token: HubSpot refused the token \(401\) → .*HUBSPOT_ACCESS_TOKEN/m);
    expect(text).toContain('Not ready');
  });

  it('fails on a token without the contacts scope, naming the missing scope from the 403 body', async () => {
    const { code, text, items } = await check({ HUBSPOT_ACCESS_TOKEN: COMPANIES_ONLY });
    expect(code).toBe(1);
    expect(statusOf(items, 'HubSpot token')).toBe('ok');
    expect(text).toMatch(/^FAIL {2}HubSpot scopes: missing crm\.objects\.contacts\.read → grant crm\.objects\.companies\.read and crm\.objects\.contacts\.read/m);
    expect(statusOf(items, 'HubSpot API version')).toBe('ok');
  });

  it('fails on a HubSpot API version HubSpot does not serve', async () => {
    const { code, text } = await check({}, '2025-09');
    expect(code).toBe(1);
    expect(text).toMatch(/^FAIL {2}HubSpot API version 2025-09: refused \(404.*→ set HUBSPOT_API_VERSION/m);
  });

  it('fails on Sequence credentials Sequence refuses', async () => {
    const { code, text, items } = await check({ SEQUENCE_CLIENT_SECRET: 'wrong' });
    expect(code).toBe(1);
    expect(text).toMatch(/^FAIL {2}Sequence credentials: Sequence refused them \(401\) → .*SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET/m);
    expect(statusOf(items, 'Sequence API version')).toBe('skip');
    expect(text).not.toContain('wrong');
  });

  it('fails on a Sequence API version Sequence does not recognise', async () => {
    const { code, text } = await check({ SEQUENCE_API_VERSION: '2023-01-01' });
    expect(code).toBe(1);
    expect(text).toMatch(/^FAIL {2}Sequence API version 2023-01-01: refused \(UnrecognisedApiVersion/m);
  });

  it('fails when Redis does not answer', async () => {
    const { code, text } = await check({ REDIS_URL: 'redis://user:pw@127.0.0.1:1' });
    expect(code).toBe(1);
    expect(text).toMatch(/^FAIL {2}Redis: no answer at redis:\/\/\*\*\*@127\.0\.0\.1:1 → /m);
    expect(text).not.toContain(':pw@');
  });

  it('fails without credentials, naming the settings', async () => {
    const { code, text } = await check({ HUBSPOT_ACCESS_TOKEN: '', SEQUENCE_CLIENT_ID: '' });
    expect(code).toBe(1);
    expect(text).toMatch(/^FAIL {2}HubSpot token: HUBSPOT_ACCESS_TOKEN is not set/m);
    expect(text).toMatch(/^FAIL {2}Sequence credentials: SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET must both be set/m);
  });

  it('without a webhook secret (service key, reconciliation only) warns and still passes', async () => {
    const { code, items } = await check({ HUBSPOT_CLIENT_SECRET: '' });
    expect(code).toBe(0);
    expect(statusOf(items, 'Webhook secret')).toBe('warn');
    expect(statusOf(items, 'Webhook URL')).toBe('skip');
  });

  it('says how the webhook URL is rebuilt, and warns when neither WEBHOOK_PUBLIC_URL nor TRUST_PROXY is set', async () => {
    const { code, text } = await check();
    expect(code).toBe(0);
    expect(text).toMatch(/^WARN {2}Webhook URL: rebuilt for each request from the connection's scheme, the Host header and the path .*→ set WEBHOOK_PUBLIC_URL/m);
    const proxied = checkWebhooks(configWith({ TRUST_PROXY: 'true' }));
    expect(proxied[1]).toMatchObject({ status: 'ok', detail: expect.stringContaining('X-Forwarded-Host (TRUST_PROXY=true)') });
  });

  it('says HubSpot cannot be reached when nothing answers', async () => {
    const lines = await checkHubSpot(configWith({ HUBSPOT_BASE_URL: 'http://127.0.0.1:1' }), { timeoutMs: 2_000 });
    expect(lines[0]).toMatchObject({ status: 'fail', detail: expect.stringContaining('cannot reach HubSpot at http://127.0.0.1:1') });
  });
});
