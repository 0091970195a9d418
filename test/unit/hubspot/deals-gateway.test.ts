/**
 * The gateway's deal reads on the simulated HubSpot (numbered paths refused): pipelines read once
 * and kept, deals and their companies in batches, and the billing scope's searches windowed past
 * the 10,000-result cap.
 */
import { HubSpotApi } from '../../../src/hubspot/client';
import { fetchCompanyDeals } from '../../../src/hubspot/bundles';
import { HubSpotGateway } from '../../../src/hubspot/gateway';
import { searchWindows } from '../../../src/reconcile/runner';
import { companyScopeFilter, pipelinesFromApi, wonDealFilter, wonStageIds } from '../../../src/scope';
import { renewalsPipeline, startHubSpotSimulator, type HubSpotSimulator } from '../../../src/simulators/hubspot';

const V = '2026-09';
let sim: HubSpotSimulator;
let gateway: HubSpotGateway;

beforeEach(async () => {
  sim = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, refuseNumberedPaths: true });
  gateway = new HubSpotGateway(HubSpotApi.fromConfig({ accessToken: 'hubspot-test-token', baseUrl: sim.url, apiVersion: V, timeoutMs: 2000 }), { attempts: 1 });
});
afterEach(() => sim.close());

it('reads the pipelines once for many callers, and again only after they expire', async () => {
  const renewals = renewalsPipeline(sim.store);
  const [a, b] = await Promise.all([gateway.readDealPipelines(), gateway.readDealPipelines()]);
  await gateway.readDealPipelines();
  expect(a).toBe(b);
  expect(sim.stats.count({ route: `/crm/pipelines/${V}/deals` })).toBe(1);
  const pipelines = pipelinesFromApi(a);
  expect(wonStageIds(pipelines)).toEqual(['closedwon', renewals.stages.find((s) => s.label === 'Renewed')!.id]);
  const shortLived = new HubSpotGateway(HubSpotApi.fromConfig({ accessToken: 'hubspot-test-token', baseUrl: sim.url, apiVersion: V, timeoutMs: 2000 }), { attempts: 1, pipelinesTtlMs: 1 });
  await shortLived.readDealPipelines();
  await new Promise((r) => setTimeout(r, 5));
  await shortLived.readDealPipelines();
  expect(sim.stats.count({ route: `/crm/pipelines/${V}/deals` })).toBe(3);
});

it("reads each company's deals with one association call and one deal read per 100 deals", async () => {
  const companies = Array.from({ length: 150 }, (_, i) => sim.store.createCompany({ name: `C${i}` }).id);
  for (const [i, companyId] of companies.entries()) {
    const deal = sim.store.createDeal({ dealstage: i % 3 ? 'closedlost' : 'closedwon', dealname: `D${i}` });
    sim.store.associateDeal(deal.id, companyId, { primary: true });
  }
  const shared = sim.store.createDeal({ dealstage: 'contractsent' });
  sim.store.associateDeal(shared.id, companies[0]!);
  sim.store.associateDeal(shared.id, companies[1]!);
  const lonely = sim.store.createCompany({ name: 'No deals' }).id;
  const deals = await fetchCompanyDeals(gateway, [...companies, lonely]);
  expect(deals.get(companies[0]!)?.map((d) => d.properties.dealstage)).toEqual(['closedwon', 'contractsent']);
  expect(deals.get(lonely)).toEqual([]);
  expect(sim.stats.count({ route: `/crm/associations/${V}/companies/deals/batch/read` })).toBe(1);
  expect(sim.stats.count({ route: `/crm/objects/${V}/deals/batch/read` })).toBe(2);
  const byDeal = await gateway.readDealCompanies([shared.id]);
  expect(byDeal.get(shared.id)).toEqual([companies[0], companies[1]]);
});

it('walks the won deals and the scope companies page by page with searchWindows', async () => {
  const companies = Array.from({ length: 25 }, (_, i) => sim.store.createCompany({ name: `C${i}`, lifecyclestage: i % 5 === 0 ? 'customer' : 'lead' }).id);
  const won = companies.slice(0, 12).map((companyId) => {
    const deal = sim.store.createDeal({ dealstage: 'closedwon' });
    sim.store.associateDeal(deal.id, companyId);
    return deal.id;
  });
  sim.store.createDeal({ dealstage: 'closedlost' });
  const seen: string[] = [];
  for await (const { items } of searchWindows(undefined, (afterId) => gateway.searchDeals({ filters: [wonDealFilter(['closedwon'])], afterId, limit: 5 }).then((p) => p.deals))) {
    seen.push(...items.map((d) => d.id));
  }
  expect(seen).toEqual(won);
  const customers: string[] = [];
  const filter = companyScopeFilter({ kind: 'lifecycle', stages: ['customer'] })!;
  for await (const { items } of searchWindows(undefined, (afterId) => gateway.searchCompanies({ filters: [filter], afterId, limit: 2, properties: ['lifecyclestage'] }).then((p) => p.companies))) {
    customers.push(...items.map((c) => c.id));
  }
  expect(customers).toEqual(companies.filter((_, i) => i % 5 === 0));
  expect(sim.stats.count({ status: 410 })).toBe(0);
});

it('walks more than 10,000 won deals without ever paging a query past the cap', async () => {
  const company = sim.store.createCompany({ name: 'Many deals' }).id;
  const total = 10_050;
  for (let i = 0; i < total; i += 1) sim.store.associateDeal(sim.store.createDeal({ dealstage: 'closedwon' }).id, company);
  let seen = 0;
  for await (const { items } of searchWindows(undefined, (afterId) => gateway.searchDeals({ filters: [wonDealFilter(['closedwon'])], afterId, sinceMs: 0 }).then((p) => p.deals))) {
    seen += items.length;
  }
  expect(seen).toBe(total);
  expect(sim.stats.count({ status: 400 })).toBe(0);
  expect(sim.stats.count({ route: `/crm/objects/${V}/deals/search` })).toBe(Math.ceil(total / 200) + 1);
}, 60_000);
