/**
 * `crm-sequence-sync check` against the simulated HubSpot and Sequence and the real Redis: a good
 * configuration passes; a bad token, a missing scope, bad Sequence credentials or versions fail
 * with the line that says so.
 */
import { configFromEnv, parseEnv } from '../../config';
import { checkHubSpot, checkWebhooks, type CheckLine } from '../../src/check/checks';
import { runCheck } from '../../src/cli/commands/check';
import { hubspotProjectFiles } from '../../src/project/hubspot-project';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';
import { startSequenceSimulator, type SequenceSimulator } from '../../src/simulators/sequence';
import { testEnv, uniquePrefix } from '../helpers/stack';
import { WRITE_BACK_GROUP, WRITE_BACK_PROPERTY } from '../../src/writeback/properties';

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
    const registry = hubspot.store.companyProperties;
    for (const name of Object.values(WRITE_BACK_PROPERTY)) expect(registry.get(name)).toBeUndefined();
    const { code, text, items } = await check({ WEBHOOK_PUBLIC_URL: 'https://sync.example.com/webhooks/hubspot', HUBSPOT_WRITE_BACK: 'true' });
    // check created the write-back's group and properties (missing on this account until now).
    expect(registry.listGroups().map((g) => g.name)).toContain(WRITE_BACK_GROUP.name);
    for (const name of Object.values(WRITE_BACK_PROPERTY)) expect(registry.get(name)).toMatchObject({ groupName: WRITE_BACK_GROUP.name });
    expect(code).toBe(0);
    expect(items.map((i) => [i.item, i.status])).toEqual([
      ['Redis', 'ok'],
      ['Redis TLS', 'ok'],
      ['Redis eviction policy', 'ok'],
      ['HubSpot token', 'ok'],
      ['HubSpot scopes', 'ok'],
      ['HubSpot API version 2026-09', 'ok'],
      ['HubSpot write-back', 'ok'],
      ['Billing scope (BILLING_SCOPE=all)', 'ok'],
      ['Sequence credentials', 'ok'],
      ['Sequence API version 2024-07-30', 'ok'],
      ['Webhook secret', 'ok'],
      ['Webhook URL', 'ok'],
      ['Accounts', 'ok'],
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

describe('check never prints credentials an upstream echoes (issue 22, item 4)', () => {
  const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
  const echoHubSpot = () => startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, accessToken: TOKEN });
  const basic = Buffer.from('seq-test-id:seq-test-secret').toString('base64');
  const forbidden = [TOKEN, basic, basic.replace(/=+$/, ''), 'seq-test-secret'];

  async function checkWithEcho(target: 'hubspot' | 'sequence', status: number): Promise<string> {
    const hs = await echoHubSpot();
    try {
      const sim = target === 'hubspot' ? hs : sequence;
      sim.faults.echoStatus = status;
      sim.faults.inject('echoCredentials', { method: 'GET' }, target === 'hubspot' ? 4 : 2);
      const config = configFromEnv(parseEnv(testEnv(uniquePrefix('check-echo'), hs, sequence, { LOG_LEVEL: 'silent', HUBSPOT_ACCESS_TOKEN: TOKEN, REQUEST_TIMEOUT_MS: '5000' })));
      const chunks: string[] = [];
      await runCheck({}, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
      await runCheck({ json: true }, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
      sim.faults.clear();
      return chunks.join('');
    } finally {
      await hs.close();
    }
  }

  it.each([
    ['hubspot', 400],
    ['hubspot', 404],
    ['hubspot', 502],
    ['sequence', 400],
    ['sequence', 404],
    ['sequence', 502],
  ] as const)('%s answering %i with the request\'s credentials in it', async (target, status) => {
    const output = await checkWithEcho(target, status);
    expect(output).toContain('FAIL');
    expect(output).toContain('[redacted]');
    for (const secret of forbidden) expect(output).not.toContain(secret);
  });

  it.each([
    ['closed-won', 'pipelines', { method: 'GET', path: /\/crm\/pipelines\// }],
    ['closed-won', 'deal search', { method: 'POST', path: /\/deals\/search/ }],
    ['lifecycle:customer', 'company search', { method: 'POST', path: /\/companies\/search/ }],
  ] as const)("BILLING_SCOPE=%s: the scope line's HubSpot call (%s) answering with the token in it", async (billingScope, _call, match) => {
    const hs = await echoHubSpot();
    try {
      hs.faults.echoStatus = 502;
      hs.faults.inject('echoCredentials', match, 2);
      const config = configFromEnv(parseEnv(testEnv(uniquePrefix('check-echo'), hs, sequence, { LOG_LEVEL: 'silent', HUBSPOT_ACCESS_TOKEN: TOKEN, BILLING_SCOPE: billingScope, REQUEST_TIMEOUT_MS: '5000' })));
      const chunks: string[] = [];
      await runCheck({}, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
      await runCheck({ json: true }, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
      const output = chunks.join('');
      expect(output).toMatch(/^FAIL {2}Billing scope \(BILLING_SCOPE=[^)]*\): could not count the companies in scope: .*\[redacted\]/m);
      for (const secret of forbidden) expect(output).not.toContain(secret);
    } finally {
      await hs.close();
    }
  });
});

describe("check's write-back line never prints credentials an upstream echoes", () => {
  const TOKEN = 'pat-na1-99999999-8888-7777-6666-555555555555';

  it.each([
    ['property creation', 400, { method: 'POST', path: /\/crm\/properties\// }, /could not create the billing properties: .*\[redacted\]/],
    ['property creation', 502, { method: 'POST', path: /\/crm\/properties\// }, /could not create the billing properties: .*\[redacted\]/],
    ['the write probe (batch update)', 502, { method: 'POST', path: /\/companies\/batch\/update/ }, /could not check the write scope: .*\[redacted\]/],
  ] as const)('%s answering %i with the token in it: FAIL, redacted in the text and the JSON', async (_call, status, match, detail) => {
    const hs = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, accessToken: TOKEN });
    try {
      hs.faults.echoStatus = status;
      hs.faults.inject('echoCredentials', match, 2);
      const config = configFromEnv(parseEnv(testEnv(uniquePrefix('check-echo'), hs, sequence, { LOG_LEVEL: 'silent', HUBSPOT_ACCESS_TOKEN: TOKEN, HUBSPOT_WRITE_BACK: 'true', REQUEST_TIMEOUT_MS: '5000' })));
      const chunks: string[] = [];
      await runCheck({}, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
      await runCheck({ json: true }, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
      const output = chunks.join('');
      expect(hs.faults.scriptedRemaining()).toBe(0);
      expect(output).toMatch(new RegExp(`^FAIL {2}HubSpot write-back: ${detail.source}`, 'm'));
      expect(output).not.toContain(TOKEN);
    } finally {
      await hs.close();
    }
  });
});

describe("the generated project's scopes are the ones the service calls with (oauth for the account guard)", () => {
  const PROJECT_TOKEN = 'token-as-the-project-asks';
  const WITHOUT_OAUTH = 'token-without-oauth';
  let hs: HubSpotSimulator;
  afterEach(async () => {
    await hs?.close();
  });

  /** The requiredScopes of the app `hubspot-project` writes for this BILLING_SCOPE and HUBSPOT_WRITE_BACK. */
  function projectScopes(billingScope: string, writeBack = 'false'): string[] {
    const config = configFromEnv(parseEnv(testEnv(uniquePrefix('check-project'), hubspot, sequence, { LOG_LEVEL: 'silent', BILLING_SCOPE: billingScope, HUBSPOT_WRITE_BACK: writeBack })));
    const app = hubspotProjectFiles({ webhookUrl: 'https://sync.example.com/webhooks/hubspot', mapping: config.mapping, scope: config.scope, writeBack: config.hubspot.writeBack }).find((f) => f.path === 'src/app/app-hsmeta.json')!;
    return (JSON.parse(app.content) as { config: { auth: { requiredScopes: string[] } } }).config.auth.requiredScopes;
  }

  it.each([
    ['closed-won', 'true'],
    ['closed-won', 'false'],
    ['lifecycle:customer', 'false'],
    ['property:billing_enabled', 'true'],
    ['all', 'false'],
  ])('BILLING_SCOPE=%s, HUBSPOT_WRITE_BACK=%s: a token granted exactly those passes every HubSpot line and the account is verified', async (billingScope, writeBack) => {
    const scopes = projectScopes(billingScope, writeBack);
    expect(scopes[0]).toBe('oauth');
    hs = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, portalId: 4455667, scopedTokens: { [PROJECT_TOKEN]: scopes } });
    const config = configFromEnv(parseEnv(testEnv(uniquePrefix('check-project'), hs, sequence, { LOG_LEVEL: 'silent', BILLING_SCOPE: billingScope, HUBSPOT_WRITE_BACK: writeBack, HUBSPOT_ACCESS_TOKEN: PROJECT_TOKEN })));
    const chunks: string[] = [];
    await runCheck({ json: true }, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
    const { items } = JSON.parse(chunks.join('')) as { items: CheckLine[] };
    for (const prefix of ['HubSpot token', 'HubSpot scopes', 'HubSpot API version']) expect([prefix, statusOf(items, prefix)]).toEqual([prefix, 'ok']);
    // The write-back creates its properties and may write companies with exactly those scopes; off, it is not checked.
    expect(statusOf(items, 'HubSpot write-back')).toBe(writeBack === 'true' ? 'ok' : 'skip');
    // The scope line counts (ok) or finds nothing to count (warn), but is never refused by HubSpot.
    expect(['ok', 'warn']).toContain(statusOf(items, 'Billing scope'));
    expect(items.find((i) => i.item === 'Accounts')).toMatchObject({ status: 'ok', detail: expect.stringContaining('HubSpot portal 4455667') });
  });

  it('a token without oauth: the Accounts line warns, naming the scope and where it comes from', async () => {
    hs = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, scopedTokens: { [WITHOUT_OAUTH]: projectScopes('closed-won').filter((s) => s !== 'oauth') } });
    const config = configFromEnv(parseEnv(testEnv(uniquePrefix('check-project'), hs, sequence, { LOG_LEVEL: 'silent', BILLING_SCOPE: 'closed-won', HUBSPOT_ACCESS_TOKEN: WITHOUT_OAUTH })));
    const chunks: string[] = [];
    const code = await runCheck({}, config, { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream);
    const text = chunks.join('');
    expect(code).toBe(0);
    expect(text).toMatch(/^WARN {2}Accounts: .*the HubSpot portal was not verified \(.*403.*\) → .*needs the oauth scope .*hubspot-project asks for it/m);
    expect(text).toMatch(/^ok +HubSpot scopes: /m);
  });
});
