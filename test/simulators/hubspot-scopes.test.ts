/**
 * The HubSpot simulator's scope-limited tokens (403 MISSING_SCOPES naming the scope) and its dated
 * list path, driven through the real `@hubspot/api-client` v13 as the service uses it.
 */
import { Client } from '@hubspot/api-client';
import { scopesForPath, startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';

let sim: HubSpotSimulator;
beforeAll(async () => {
  sim = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, scopedTokens: { 'companies-only': ['crm.objects.companies.read'], none: [] } });
  sim.store.createCompany({ name: 'Acme' });
});
afterAll(async () => {
  await sim.close();
});

const client = (accessToken: string) => new Client({ accessToken, basePath: sim.url, numberOfApiCallRetries: 0 });

async function caught(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: unknown; body?: unknown };
    if (typeof e.code === 'number') return { code: e.code, body: e.body as Record<string, unknown> };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('scope-limited tokens', () => {
  it('answer what their scopes allow', async () => {
    const page = await client('companies-only').crm.companies.basicApi.getPage(10);
    expect(page.results).toHaveLength(1);
  });

  it('answer 403 MISSING_SCOPES naming the scope a call needs', async () => {
    const error = await caught(client('companies-only').crm.contacts.basicApi.getPage(10));
    expect(error.code).toBe(403);
    expect(error.body).toMatchObject({
      status: 'error',
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }],
    });
  });

  it('an association read needs both object scopes', async () => {
    const error = await caught(client('none').crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: '1' }] }));
    expect(error.body).toMatchObject({ errors: [{ context: { requiredGranularScopes: ['crm.objects.companies.read', 'crm.objects.contacts.read'] } }] });
    expect(scopesForPath('/crm/objects/2026-09/0-1?limit=1')).toEqual(['crm.objects.contacts.read']);
  });

  it('an unknown token is still 401', async () => {
    expect((await caught(client('nobody').crm.companies.basicApi.getPage(10))).code).toBe(401);
  });
});

describe('dated list path', () => {
  it('serves the tested versions and refuses others with 404', async () => {
    const ok = await client('hubspot-test-token').apiRequest({ method: 'GET', path: '/crm/objects/2026-03/companies', qs: { limit: '1' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { results: unknown[] }).results).toHaveLength(1);
    const refused = await client('hubspot-test-token').apiRequest({ method: 'GET', path: '/crm/objects/2024-01/companies', qs: { limit: '1' } });
    expect(refused.status).toBe(404);
    await refused.text();
  });
});
