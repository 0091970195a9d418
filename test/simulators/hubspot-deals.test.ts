/**
 * The simulated HubSpot's deals: pipelines (the default one and a custom one with numeric ids) with
 * won, lost and open stages, deal ↔ company associations with HubSpot's type ids, deal search, and
 * the deal scope, on the dated paths.
 */
import { HubSpotStore, renewalsPipeline, seedDeals, startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';

const TOKEN = 'hubspot-test-token';
const V = '2026-09';
let sim: HubSpotSimulator;

beforeEach(async () => {
  sim = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, refuseNumberedPaths: true, scopedTokens: { 'no-deals': ['crm.objects.companies.read', 'crm.objects.contacts.read'] } });
});
afterEach(() => sim.close());

async function call(method: string, path: string, body?: unknown, token = TOKEN): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('deal pipelines', () => {
  it('serves the default pipeline and custom ones, won and lost read from the metadata', async () => {
    const renewals = renewalsPipeline(sim.store);
    const { status, body } = await call('GET', `/crm/pipelines/${V}/deals`);
    expect(status).toBe(200);
    expect(body.results.map((p: { id: string; label: string }) => [p.id, p.label])).toEqual([
      ['default', 'Sales Pipeline'],
      [renewals.id, 'Renewals'],
    ]);
    const stages = body.results[0].stages as { id: string; metadata: Record<string, string>; writePermissions: string }[];
    expect(stages.find((s) => s.id === 'closedwon')?.metadata).toEqual({ isClosed: 'true', probability: '1.0' });
    expect(stages.find((s) => s.id === 'closedlost')?.metadata).toEqual({ isClosed: 'true', probability: '0.0' });
    expect(stages.find((s) => s.id === 'contractsent')?.metadata).toEqual({ isClosed: 'false', probability: '0.9' });
    expect(body.results[1].stages.every((s: { id: string }) => /^\d+$/.test(s.id))).toBe(true);
    expect((await call('GET', '/crm/v3/pipelines/deals')).status).toBe(410);
    expect((await call('GET', `/crm/pipelines/${V}/deals`, undefined, 'no-deals')).status).toBe(403);
  });
});

describe('deals', () => {
  function wonDeal(store: HubSpotStore, companyId: string) {
    const deal = store.createDeal({ dealname: 'Big one', dealstage: 'closedwon' });
    store.associateDeal(deal.id, companyId, { primary: true });
    return deal;
  }

  it('reads deals with their calculated closed / won flags', async () => {
    const company = sim.store.createCompany({ name: 'Acme' });
    const deal = wonDeal(sim.store, company.id);
    const open = sim.store.createDeal({ dealname: 'Maybe', dealstage: 'qualifiedtobuy' });
    const { status, body } = await call('POST', `/crm/objects/${V}/deals/batch/read`, {
      inputs: [{ id: deal.id }, { id: open.id }],
      properties: ['dealstage', 'pipeline', 'hs_is_closed_won', 'hs_is_closed'],
      propertiesWithHistory: [],
    });
    expect(status).toBe(200);
    expect(body.results.map((r: { properties: Record<string, string> }) => [r.properties.dealstage, r.properties.pipeline, r.properties.hs_is_closed_won, r.properties.hs_is_closed])).toEqual([
      ['closedwon', 'default', 'true', 'true'],
      ['qualifiedtobuy', 'default', 'false', 'false'],
    ]);
  });

  it('counts a company\'s deals in num_associated_deals, and an association change moves the company\'s modification time, not the deal\'s', async () => {
    const long = Date.UTC(2025, 0, 1);
    const company = sim.store.createCompany({ name: 'Acme' }, { createdAt: long });
    const deal = sim.store.createDeal({ dealname: 'Signed long ago', dealstage: 'closedwon' }, { createdAt: long });
    const read = async () => {
      const companies = await call('POST', `/crm/objects/${V}/companies/batch/read`, { inputs: [{ id: company.id }], properties: ['num_associated_deals'], propertiesWithHistory: [] });
      const deals = await call('POST', `/crm/objects/${V}/deals/batch/read`, { inputs: [{ id: deal.id }], properties: [], propertiesWithHistory: [] });
      const props = companies.body.results[0].properties as Record<string, string>;
      return { count: props.num_associated_deals, company: Date.parse(props.hs_lastmodifieddate!), deal: Date.parse(deals.body.results[0].properties.hs_lastmodifieddate) };
    };
    expect(await read()).toEqual({ count: '0', company: long, deal: long });
    sim.store.associateDeal(deal.id, company.id, { at: Date.UTC(2026, 0, 1) });
    expect(await read()).toEqual({ count: '1', company: Date.UTC(2026, 0, 1), deal: long });
    sim.store.associateDeal(deal.id, company.id, { at: Date.UTC(2026, 1, 1) });
    expect((await read()).company).toBe(Date.UTC(2026, 0, 1));
    expect(sim.store.disassociateDeal(deal.id, company.id, Date.UTC(2026, 2, 1))).toBe(true);
    expect(await read()).toEqual({ count: '0', company: Date.UTC(2026, 2, 1), deal: long });
  });

  it('associates deals with companies both ways, with HubSpot type ids', async () => {
    const company = sim.store.createCompany({ name: 'Acme' });
    const other = sim.store.createCompany({ name: 'Partner' });
    const deal = wonDeal(sim.store, company.id);
    sim.store.associateDeal(deal.id, other.id);
    const fromDeal = await call('POST', `/crm/associations/${V}/deals/companies/batch/read`, { inputs: [{ id: deal.id }] });
    expect(fromDeal.body.results[0].to).toEqual([
      { toObjectId: Number(company.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 341, label: null }, { category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Primary' }] },
      { toObjectId: Number(other.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 341, label: null }] },
    ]);
    const fromCompany = await call('POST', `/crm/associations/${V}/companies/deals/batch/read`, { inputs: [{ id: company.id }, { id: '12345' }] });
    expect(fromCompany.body.results).toEqual([{ from: { id: company.id }, to: [{ toObjectId: Number(deal.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 342, label: null }, { category: 'HUBSPOT_DEFINED', typeId: 6, label: 'Primary' }] }] }]);
    expect(fromCompany.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND' });
    const labels = await call('GET', `/crm/associations/${V}/deals/companies/labels`);
    expect(labels.body.results.map((l: { typeId: number }) => l.typeId)).toEqual([341, 5]);
  });

  it('hides the deals of deleted companies, and moves them to the survivor of a merge', () => {
    const a = sim.store.createCompany({ name: 'A' });
    const b = sim.store.createCompany({ name: 'B' });
    const c = sim.store.createCompany({ name: 'C' });
    const dealA = wonDeal(sim.store, a.id);
    const dealB = wonDeal(sim.store, b.id);
    sim.store.deleteCompany(a.id);
    expect(sim.store.getDealCompanies(dealA.id)).toEqual([]);
    sim.store.mergeCompanies(c.id, b.id);
    expect(sim.store.getDealCompanies(dealB.id)).toEqual([c.id]);
    expect(sim.store.getCompanyDeals(c.id)).toEqual([dealB.id]);
  });

  it('searches deals by stage (IN) and modification time, windowed on hs_object_id', async () => {
    const company = sim.store.createCompany({ name: 'Acme' });
    const old = Date.parse('2025-01-01T00:00:00Z');
    const ids = Array.from({ length: 7 }, (_, i) => sim.store.createDeal({ dealstage: i % 2 ? 'closedwon' : 'closedlost' }, { createdAt: old }).id);
    for (const id of ids) sim.store.associateDeal(id, company.id);
    sim.store.moveDeal(ids[0]!, 'closedwon');
    const search = (afterId?: string, sinceMs?: number) =>
      call('POST', `/crm/objects/${V}/deals/search`, {
        filterGroups: [{ filters: [{ propertyName: 'dealstage', operator: 'IN', values: ['closedwon'] }, ...(sinceMs ? [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(sinceMs) }] : []), ...(afterId ? [{ propertyName: 'hs_object_id', operator: 'GT', value: afterId }] : [])] }],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties: ['dealstage', 'pipeline'],
        limit: 2,
      });
    const first = await search();
    expect(first.body.total).toBe(4);
    expect(first.body.results.map((r: { id: string }) => r.id)).toEqual([ids[0], ids[1]]);
    const next = await search(ids[1]);
    expect(next.body.results.map((r: { id: string }) => r.id)).toEqual([ids[3], ids[5]]);
    const recent = await search(undefined, Date.now() - 60_000);
    expect(recent.body.results.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await call('POST', `/crm/objects/${V}/deals/search`, {}, 'no-deals')).status).toBe(403);
  });
});

describe('seedDeals', () => {
  it('gives exactly the asked share of companies a won deal, and others only open or lost ones', () => {
    const store = new HubSpotStore();
    const companyIds = Array.from({ length: 400 }, (_, i) => store.createCompany({ name: `C${i}` }).id);
    const seeded = seedDeals(store, { companyIds, wonRatio: 0.1, otherRatio: 0.3, seed: 3 });
    expect(seeded.wonCompanyIds).toHaveLength(40);
    const won = new Set(store.pipelines.wonStageIds());
    const hasWon = (companyId: string) => store.getCompanyDeals(companyId).some((d) => won.has(store.getDeal(d)?.properties.dealstage ?? ''));
    expect(companyIds.filter(hasWon)).toEqual(seeded.wonCompanyIds);
    expect(seeded.otherCompanyIds.length).toBeGreaterThan(60);
    expect(seeded.otherCompanyIds.every((id) => store.getCompanyDeals(id).length > 0 && !hasWon(id))).toBe(true);
    expect(seedDeals(new HubSpotStore(), { companyIds: [], seed: 3 }).dealIds).toEqual([]);
  });
});
