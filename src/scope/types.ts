/**
 * The billing scope: which HubSpot companies get a Sequence customer created (BILLING_SCOPE).
 * Companies already linked to a customer keep being updated whatever the scope says.
 */

/** What BILLING_SCOPE (and BILLING_SCOPE_PIPELINES) say, parsed (config/billing-scope.ts). */
export type BillingScope =
  /** At least one associated deal is in a won stage (closed, probability 1.0); `pipelines` (ids or labels) narrows where, empty = every pipeline. */
  | { kind: 'closed-won'; pipelines: readonly string[] }
  /** The company's `lifecyclestage` is one of `stages` (internal values, lower case). */
  | { kind: 'lifecycle'; stages: readonly string[] }
  /** A checkbox or boolean company property is true. */
  | { kind: 'property'; name: string }
  /** Every company: the behaviour before the scope existed. */
  | { kind: 'all' };

export type ScopeKind = BillingScope['kind'];

/** A deal as the scope decision needs it (HubSpot's `dealstage` and `pipeline` properties). */
export interface ScopeDeal {
  id: string;
  stage: string | null;
  pipeline: string | null;
  name?: string | null;
}

export interface PipelineStage {
  id: string;
  label: string;
  /** Closed with probability 1.0. */
  won: boolean;
  /** Closed (won or lost). */
  closed: boolean;
}

/** A deal pipeline with its stages, as read from HubSpot's pipelines API. */
export interface DealPipeline {
  id: string;
  label: string;
  stages: readonly PipelineStage[];
}

/** The outcome of the decision, with a reason a person can read in a log line or a report. */
export interface ScopeDecision {
  inScope: boolean;
  reason: string;
}
