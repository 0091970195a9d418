/**
 * The scope decision, pure: a company (its properties), its deals and the deal pipelines → in or
 * out, with the reason. Every creation is decided here, in the sync path that webhooks, runs and
 * commands all feed; `map`, `link` and the dry run show its answer. What only finds candidates for it
 * uses the same parts: the webhooks' deal resolution reads won stages with `pipelines.ts`, and the
 * runs' and `check`'s searches filter with `filters.ts` on the stages `wonStageIds` gives.
 *
 * Only the creation of a customer depends on it: callers first ask whether the company is already
 * linked to a customer (then it is updated whatever this says).
 */
import { locateStage, selectPipelines } from './pipelines';
import type { BillingScope, DealPipeline, ScopeDeal, ScopeDecision } from './types';

export interface ScopeInput {
  /** The company's properties (lifecyclestage, or the scope property, must have been read). */
  properties: Readonly<Record<string, string | null | undefined>>;
  /** closed-won: every deal associated with the company. */
  deals?: readonly ScopeDeal[];
  /** closed-won: the account's deal pipelines. */
  pipelines?: readonly DealPipeline[];
}

/** Company properties a scope reads (to be asked for when companies are read). */
export function scopeProperties(scope: BillingScope): string[] {
  if (scope.kind === 'lifecycle') return ['lifecyclestage'];
  if (scope.kind === 'property') return [scope.name];
  return [];
}

/** Whether the scope needs each company's deals (and the pipelines) to decide. */
export const scopeNeedsDeals = (scope: BillingScope): boolean => scope.kind === 'closed-won';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function decideScope(scope: BillingScope, input: ScopeInput): ScopeDecision {
  switch (scope.kind) {
    case 'all':
      return { inScope: true, reason: 'BILLING_SCOPE=all: every company' };
    case 'lifecycle':
      return decideLifecycle(scope.stages, input.properties.lifecyclestage);
    case 'property':
      return decideProperty(scope.name, input.properties[scope.name]);
    case 'closed-won':
      return decideClosedWon(scope.pipelines, input.deals ?? [], input.pipelines ?? []);
  }
}

function decideLifecycle(stages: readonly string[], value: string | null | undefined): ScopeDecision {
  const stage = (value ?? '').trim();
  const wanted = stages.join(' or ');
  if (!stage) return { inScope: false, reason: `no lifecycle stage (needs ${wanted})` };
  if (stages.includes(stage.toLowerCase())) return { inScope: true, reason: `lifecycle stage ${stage}` };
  return { inScope: false, reason: `lifecycle stage is ${stage}, not ${wanted}` };
}

/** HubSpot checkbox (booleancheckbox) and boolean properties read "true" or "false". */
function decideProperty(name: string, value: string | null | undefined): ScopeDecision {
  const text = (value ?? '').trim();
  if (text.toLowerCase() === 'true') return { inScope: true, reason: `${name} is true` };
  return { inScope: false, reason: text ? `${name} is ${text}, not true` : `${name} is not set` };
}

type DealState = 'won' | 'lost' | 'open' | 'unknown';

function decideClosedWon(pipelineNames: readonly string[], deals: readonly ScopeDeal[], pipelines: readonly DealPipeline[]): ScopeDecision {
  const counted = pipelineNames.length ? selectPipelines(pipelines, pipelineNames).selected : [...pipelines];
  const countedIds = new Set(counted.map((p) => p.id));
  const where = pipelineNames.length ? ` in ${counted.length ? counted.map((p) => p.label).join(', ') : pipelineNames.join(', ')} (BILLING_SCOPE_PIPELINES)` : '';
  if (!deals.length) return { inScope: false, reason: 'no deal' };

  // Tally each deal by its state and pipeline, in a stable order (by deal id) so reasons do not flicker.
  const tally = new Map<string, { state: DealState; pipeline: string; n: number }>();
  for (const deal of [...deals].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))) {
    const { pipeline, stage } = locateStage(pipelines, deal.pipeline, deal.stage);
    const state: DealState = !stage ? 'unknown' : stage.won ? 'won' : stage.closed ? 'lost' : 'open';
    const pipelineLabel = pipeline?.label ?? (deal.pipeline ? `pipeline ${deal.pipeline}` : 'no pipeline');
    const counts = !pipeline || countedIds.has(pipeline.id);
    if (state === 'won' && counts && pipeline && stage) {
      return { inScope: true, reason: `won deal ${deal.id} (${stage.label}, ${pipeline.label})` };
    }
    const key = `${state}\u0000${pipelineLabel}`;
    const entry = tally.get(key) ?? { state, pipeline: pipelineLabel, n: 0 };
    entry.n += 1;
    tally.set(key, entry);
  }
  const order: DealState[] = ['won', 'open', 'lost', 'unknown'];
  const word: Record<DealState, string> = { won: 'won deal', open: 'open deal', lost: 'lost deal', unknown: 'deal in an unknown stage' };
  const parts = [...tally.values()]
    .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state) || a.pipeline.localeCompare(b.pipeline))
    .map((e) => (e.state === 'unknown' ? `${e.n} ${e.n === 1 ? 'deal' : 'deals'} in an unknown stage (${e.pipeline})` : `${plural(e.n, word[e.state])} in ${e.pipeline}`));
  return { inScope: false, reason: `no won deal${where}: ${parts.join(', ')}` };
}
