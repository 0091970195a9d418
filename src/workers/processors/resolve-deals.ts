/**
 * `resolve-deals` (BILLING_SCOPE=closed-won): deals created or moved in HubSpot → the companies of
 * those that are now won join the pending syncs. A deal that is open or lost changes nothing billed
 * (a customer never leaves for a lost deal), so it costs no sync. One deal read per 100 deals and one
 * association read per 1,000 won ones; the pipelines are cached.
 */
import type { z } from 'zod';
import type { HubSpotGateway } from '../../hubspot/gateway';
import { JOB } from '../../queue/names';
import { ResolveDealsPayload, type ResolveJobResult } from '../../queue/payloads';
import { locateStage, pipelinesFromApi, selectPipelines, type BillingScope } from '../../scope';
import { unique } from '../../shared/collections';
import type { PendingChanges } from '../../triggers/pending';
import { JobProcessor } from './base';

export class ResolveDealsProcessor extends JobProcessor<typeof ResolveDealsPayload, ResolveJobResult> {
  readonly name = JOB.resolveDeals;
  protected readonly schema = ResolveDealsPayload;

  constructor(
    private readonly gateway: HubSpotGateway,
    private readonly pending: PendingChanges,
    private readonly scope: BillingScope,
  ) {
    super();
  }

  protected async handle(data: z.output<typeof ResolveDealsPayload>): Promise<ResolveJobResult> {
    if (this.scope.kind !== 'closed-won') return { counts: { deals: data.dealIds.length, won: 0, companies: 0 } };
    const pipelines = pipelinesFromApi(await this.gateway.readDealPipelines());
    const counted = new Set(selectPipelines(pipelines, this.scope.pipelines).selected.map((p) => p.id));
    const deals = await this.gateway.readDeals(data.dealIds);
    const wonDealIds = [...deals.values()]
      .filter((deal) => {
        const { pipeline, stage } = locateStage(pipelines, deal.properties.pipeline ?? null, deal.properties.dealstage ?? null);
        return Boolean(stage?.won && pipeline && counted.has(pipeline.id));
      })
      .map((deal) => deal.id);
    const companyIds = wonDealIds.length ? unique([...(await this.gateway.readDealCompanies(wonDealIds)).values()].flat()) : [];
    await this.pending.add('companies', companyIds);
    return { counts: { deals: data.dealIds.length, won: wonDealIds.length, companies: companyIds.length } };
  }
}
