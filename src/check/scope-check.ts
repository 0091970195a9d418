/**
 * `check`'s billing-scope line: how many companies the configured scope matches (a search or two,
 * no listing), and a warning when it matches none, with what to do.
 */
import type { Config } from '../../config';
import { scopeText } from '../../config/billing-scope';
import { errorMessage } from '../errors';
import { HubSpotApi } from '../hubspot/client';
import { ASSOCIATION_BATCH_LIMIT, HubSpotGateway } from '../hubspot/gateway';
import { searchWindows } from '../reconcile/windows';
import { companyScopeFilter, pipelinesFromApi, selectPipelines, wonDealFilter, wonStageIds } from '../scope';
import type { CheckLine, CheckOptions } from './checks';

/** Won deals whose companies are counted one by one; past this, the count is a lower bound. */
const COUNTED_DEALS = ASSOCIATION_BATCH_LIMIT;

export async function checkBillingScope(config: Config, options: CheckOptions & { skipReason?: string } = {}): Promise<CheckLine> {
  const scope = config.scope;
  const item = `Billing scope (BILLING_SCOPE=${scopeText(scope)})`;
  if (scope.kind === 'all') return { item, status: 'ok', detail: 'every company gets a customer' };
  if (options.skipReason) return { item, status: 'skip', detail: options.skipReason };
  const gateway = new HubSpotGateway(HubSpotApi.fromConfig({ ...config.hubspot, timeoutMs: options.timeoutMs ?? config.hubspot.timeoutMs }), { attempts: 1 });
  try {
    if (scope.kind === 'closed-won') {
      const pipelines = pipelinesFromApi(await gateway.readDealPipelines());
      const { unknown } = selectPipelines(pipelines, scope.pipelines);
      if (unknown.length) {
        return {
          item,
          status: 'fail',
          detail: `BILLING_SCOPE_PIPELINES names no pipeline of this account: ${unknown.join(', ')}`,
          fix: `use the ids or labels of the deal pipelines: ${pipelines.map((p) => `${p.label} (${p.id})`).join(', ')}`,
        };
      }
      const stageIds = wonStageIds(pipelines, scope.pipelines);
      if (!stageIds.length) {
        return { item, status: 'warn', detail: 'no won stage (closed, probability 1.0) in the pipelines counted: no company can be in scope', fix: 'mark a stage won in HubSpot (Settings › Objects › Deals › Pipelines), or choose another BILLING_SCOPE' };
      }
      const first = await gateway.searchDeals({ filters: [wonDealFilter(stageIds)], limit: 1 });
      const total = first.total ?? first.deals.length;
      if (total === 0) {
        return { item, status: 'warn', detail: 'no company has a won deal', fix: 'if you do not use deals, set BILLING_SCOPE=lifecycle:customer (or property:<name> with a checkbox a workflow ticks)' };
      }
      const companies = new Set<string>();
      let dealsRead = 0;
      for await (const { items } of searchWindows(undefined, (afterId) =>
        dealsRead >= COUNTED_DEALS ? Promise.resolve([]) : gateway.searchDeals({ filters: [wonDealFilter(stageIds)], afterId }).then((p) => p.deals),
      )) {
        dealsRead += items.length;
        for (const ids of (await gateway.readDealCompanies(items.map((d) => d.id))).values()) ids.forEach((id) => companies.add(id));
      }
      const exact = dealsRead >= total;
      return { item, status: 'ok', detail: `${exact ? '' : 'at least '}${companies.size} compan${companies.size === 1 ? 'y has' : 'ies have'} a won deal (${total} won deal${total === 1 ? '' : 's'}${exact ? '' : `; companies counted from the first ${dealsRead}`})` };
    }
    const filter = companyScopeFilter(scope)!;
    const { total, companies } = await gateway.searchCompanies({ filters: [filter], limit: 1, properties: ['hs_object_id'] });
    const count = total ?? companies.length;
    if (count === 0) {
      const what = scope.kind === 'lifecycle' ? `lifecycle stage ${scope.stages.join(' or ')}` : `${scope.name} ticked (true)`;
      return { item, status: 'warn', detail: `no company has ${what}`, fix: scope.kind === 'lifecycle' ? "check the stages' internal values (HubSpot: Settings › Properties › Lifecycle stage), or choose another BILLING_SCOPE" : 'tick it on the companies to bill (a HubSpot workflow can tick it, e.g. from a list), or choose another BILLING_SCOPE' };
    }
    return { item, status: 'ok', detail: `${count} compan${count === 1 ? 'y matches' : 'ies match'}` };
  } catch (error) {
    return { item, status: 'fail', detail: `could not count the companies in scope: ${errorMessage(error)}`, fix: 'check the HubSpot lines above; closed-won needs crm.objects.deals.read' };
  }
}
