/**
 * The simulated HubSpot's deal side: deal pipelines (the `default` one every account has, plus
 * custom ones with numeric stage ids) and the deal ↔ company associations.
 *
 * Like HubSpot, a stage is won or lost by its metadata (`probability` "1.0" / "0.0", `isClosed`
 * "true"), never by its id. Association type ids are HubSpot's: deal → company 341 (unlabeled) and 5
 * (primary), company → deal 342 and 6; a deal has at most one primary company.
 */
import type { AssociationTypeSpec } from './store';

export interface StageSpec {
  id: string;
  label: string;
  displayOrder: number;
  /** "0.0" … "1.0", as HubSpot's metadata carries it. */
  probability: string;
  isClosed: boolean;
}

export interface PipelineSpec {
  id: string;
  label: string;
  displayOrder: number;
  createdAt: number;
  updatedAt: number;
  stages: StageSpec[];
}

export interface StageInput {
  id?: string;
  label: string;
  /** 0 … 1. */
  probability: number;
  /** Default: probability is 0 or 1. */
  closed?: boolean;
}

export const DEAL_TO_COMPANY: Readonly<{ unlabeled: AssociationTypeSpec; primary: AssociationTypeSpec }> = {
  unlabeled: { category: 'HUBSPOT_DEFINED', typeId: 341, label: null },
  primary: { category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Primary' },
};
export const COMPANY_TO_DEAL: Readonly<{ unlabeled: AssociationTypeSpec; primary: AssociationTypeSpec }> = {
  unlabeled: { category: 'HUBSPOT_DEFINED', typeId: 342, label: null },
  primary: { category: 'HUBSPOT_DEFINED', typeId: 6, label: 'Primary' },
};

const DEFAULT_STAGES: StageInput[] = [
  { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: 0.2 },
  { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: 0.4 },
  { id: 'presentationscheduled', label: 'Presentation Scheduled', probability: 0.6 },
  { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: 0.8 },
  { id: 'contractsent', label: 'Contract Sent', probability: 0.9 },
  { id: 'closedwon', label: 'Closed Won', probability: 1 },
  { id: 'closedlost', label: 'Closed Lost', probability: 0 },
];

const probabilityText = (p: number) => (Math.round(p * 10) / 10).toFixed(1);

/** Deal pipelines of one account. Custom pipelines and stages get numeric ids, as in HubSpot. */
export class DealPipelines {
  private readonly pipelines: PipelineSpec[] = [];
  private nextId = 75_000_000;

  constructor(at = 0) {
    this.pipelines.push(this.build('default', 'Sales Pipeline', DEFAULT_STAGES, at));
  }

  private build(id: string, label: string, stages: readonly StageInput[], at: number): PipelineSpec {
    return {
      id,
      label,
      displayOrder: this.pipelines.length,
      createdAt: at,
      updatedAt: at,
      stages: stages.map((s, i) => ({
        id: s.id ?? String(this.nextId++),
        label: s.label,
        displayOrder: i,
        probability: probabilityText(s.probability),
        isClosed: s.closed ?? (s.probability === 1 || s.probability === 0),
      })),
    };
  }

  create(label: string, stages: readonly StageInput[], at = Date.now()): PipelineSpec {
    if (this.pipelines.some((p) => p.label.toLowerCase() === label.toLowerCase())) throw new Error(`a deal pipeline labelled ${label} exists`);
    const pipeline = this.build(String(this.nextId++), label, stages, at);
    this.pipelines.push(pipeline);
    return pipeline;
  }

  all(): readonly PipelineSpec[] {
    return this.pipelines;
  }

  get(id: string): PipelineSpec | undefined {
    return this.pipelines.find((p) => p.id === id);
  }

  /** The stage with this id, in whichever pipeline (stage ids are unique in an account). */
  stage(stageId: string | undefined): { pipeline: PipelineSpec; stage: StageSpec } | undefined {
    if (!stageId) return undefined;
    for (const pipeline of this.pipelines) {
      const stage = pipeline.stages.find((s) => s.id === stageId);
      if (stage) return { pipeline, stage };
    }
    return undefined;
  }

  /** Ids of the won stages (closed, probability 1.0). */
  wonStageIds(): string[] {
    return this.pipelines.flatMap((p) => p.stages.filter((s) => s.isClosed && s.probability === '1.0').map((s) => s.id));
  }

  /** As `GET /crm/pipelines/{version}/deals` answers. */
  json(iso: (ms: number) => string): unknown[] {
    return this.pipelines.map((p) => ({
      id: p.id,
      label: p.label,
      displayOrder: p.displayOrder,
      archived: false,
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
      stages: p.stages.map((s) => ({
        id: s.id,
        label: s.label,
        displayOrder: s.displayOrder,
        metadata: { isClosed: String(s.isClosed), probability: s.probability },
        archived: false,
        createdAt: iso(p.createdAt),
        updatedAt: iso(p.updatedAt),
        writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
      })),
    }));
  }
}

/** Deal ↔ company pairs, kept on both sides (sorted ids), with the deal's primary company. */
export class DealCompanyLinks {
  private readonly byDeal = new Map<number, number[]>();
  private readonly byCompany = new Map<number, number[]>();
  private readonly primaryOf = new Map<number, number>();
  pairs = 0;

  /** True when the pair is new. */
  link(dealId: number, companyId: number, primary: boolean): boolean {
    const added = insertSorted(this.byDeal, dealId, companyId);
    if (added) {
      insertSorted(this.byCompany, companyId, dealId);
      this.pairs += 1;
    }
    if (primary) this.primaryOf.set(dealId, companyId);
    return added;
  }

  unlink(dealId: number, companyId: number): boolean {
    if (!removeSorted(this.byDeal, dealId, companyId)) return false;
    removeSorted(this.byCompany, companyId, dealId);
    if (this.primaryOf.get(dealId) === companyId) this.primaryOf.delete(dealId);
    this.pairs -= 1;
    return true;
  }

  companiesOf(dealId: number): readonly number[] {
    return this.byDeal.get(dealId) ?? [];
  }

  dealsOf(companyId: number): readonly number[] {
    return this.byCompany.get(companyId) ?? [];
  }

  isPrimary(dealId: number, companyId: number): boolean {
    return this.primaryOf.get(dealId) === companyId;
  }

  /** Types as seen from `from` (a deal: deal → company ids; a company: company → deal ids). */
  types(from: 'deals' | 'companies', dealId: number, companyId: number): AssociationTypeSpec[] {
    const ids = from === 'deals' ? DEAL_TO_COMPANY : COMPANY_TO_DEAL;
    return this.isPrimary(dealId, companyId) ? [{ ...ids.unlabeled }, { ...ids.primary }] : [{ ...ids.unlabeled }];
  }
}

function insertSorted(map: Map<number, number[]>, key: number, value: number): boolean {
  const list = map.get(key);
  if (!list) {
    map.set(key, [value]);
    return true;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] === value) return false;
  list.splice(lo, 0, value);
  return true;
}

function removeSorted(map: Map<number, number[]>, key: number, value: number): boolean {
  const list = map.get(key);
  const at = list ? list.indexOf(value) : -1;
  if (!list || at < 0) return false;
  list.splice(at, 1);
  if (!list.length) map.delete(key);
  return true;
}
