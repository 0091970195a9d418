/**
 * Won stages from deal pipelines. HubSpot marks a stage won by its metadata, not its id: a closed
 * stage whose probability is 1.0 (custom pipelines have numeric stage ids). BILLING_SCOPE_PIPELINES
 * names pipelines by id or label.
 */
import type { HubSpotDeal, HubSpotPipeline } from '../hubspot/types';
import type { DealPipeline, PipelineStage, ScopeDeal } from './types';

/** A stage as the pipelines API returns it: metadata values are strings ("1.0", "true"). */
export function stageFromMetadata(stage: { id: string; label: string; metadata?: Record<string, string | null | undefined> | null }): PipelineStage {
  const probability = Number(stage.metadata?.probability ?? Number.NaN);
  const closedFlag = stage.metadata?.isClosed;
  const closed = closedFlag === undefined || closedFlag === null ? probability === 1 || probability === 0 : String(closedFlag).toLowerCase() === 'true';
  return { id: stage.id, label: stage.label, won: closed && probability === 1, closed };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The pipelines `names` (ids or labels) pick; `unknown` lists the names no pipeline has. Empty `names`: every pipeline. */
export function selectPipelines(pipelines: readonly DealPipeline[], names: readonly string[]): { selected: DealPipeline[]; unknown: string[] } {
  if (!names.length) return { selected: [...pipelines], unknown: [] };
  const selected = pipelines.filter((p) => names.some((name) => name === p.id || sameName(name, p.label)));
  const unknown = names.filter((name) => !pipelines.some((p) => name === p.id || sameName(name, p.label)));
  return { selected, unknown };
}

/** The ids of the won stages of the selected pipelines (stage ids are unique across an account's pipelines). */
export function wonStageIds(pipelines: readonly DealPipeline[], names: readonly string[] = []): string[] {
  return selectPipelines(pipelines, names).selected.flatMap((p) => p.stages.filter((s) => s.won).map((s) => s.id));
}

/** The pipeline and stage a deal is in, when the pipelines know them. */
export function locateStage(pipelines: readonly DealPipeline[], pipelineId: string | null, stageId: string | null): { pipeline?: DealPipeline; stage?: PipelineStage } {
  if (!stageId) return {};
  const pipeline = pipelines.find((p) => p.id === pipelineId) ?? pipelines.find((p) => p.stages.some((s) => s.id === stageId));
  return { pipeline, stage: pipeline?.stages.find((s) => s.id === stageId) };
}

/** Every HubSpot account has this pipeline; `map` falls back to it when its input names no pipelines. */
export const DEFAULT_DEAL_PIPELINE: DealPipeline = {
  id: 'default',
  label: 'Sales Pipeline',
  stages: [
    { id: 'appointmentscheduled', label: 'Appointment Scheduled', won: false, closed: false },
    { id: 'qualifiedtobuy', label: 'Qualified To Buy', won: false, closed: false },
    { id: 'presentationscheduled', label: 'Presentation Scheduled', won: false, closed: false },
    { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', won: false, closed: false },
    { id: 'contractsent', label: 'Contract Sent', won: false, closed: false },
    { id: 'closedwon', label: 'Closed Won', won: true, closed: true },
    { id: 'closedlost', label: 'Closed Lost', won: false, closed: true },
  ],
};

/** The pipelines as HubSpot's API gives them → what the decision reads (archived stages left out). */
export function pipelinesFromApi(pipelines: readonly HubSpotPipeline[]): DealPipeline[] {
  return pipelines.map((p) => ({
    id: p.id,
    label: p.label,
    stages: p.stages.filter((s) => !s.archived).map((s) => stageFromMetadata({ id: s.id, label: s.label, metadata: s.metadata ?? undefined })),
  }));
}

/** A deal as HubSpot's API gives it → what the decision reads. */
export function scopeDealFromApi(deal: HubSpotDeal): ScopeDeal {
  return { id: deal.id, stage: deal.properties.dealstage ?? null, pipeline: deal.properties.pipeline ?? null, name: deal.properties.dealname ?? null };
}
