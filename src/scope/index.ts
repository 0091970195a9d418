/** The billing scope: pure decisions about which companies get a customer created. */
export type { BillingScope, ScopeKind, ScopeDeal, DealPipeline, PipelineStage, ScopeDecision } from './types';
export { decideScope, scopeProperties, scopeNeedsDeals, type ScopeInput } from './decide';
export { stageFromMetadata, selectPipelines, wonStageIds, locateStage, DEFAULT_DEAL_PIPELINE, pipelinesFromApi, scopeDealFromApi } from './pipelines';
export { companyScopeFilter, wonDealFilter, type SearchFilter } from './filters';
export { describeScope } from './describe';
export { decideBundleScope } from './bundle';
