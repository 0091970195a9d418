/**
 * PARENT_CUSTOMERS: a company with a HubSpot parent company (association type 14) gets the parent's
 * customer as its customer's `parentId`, so the parent is synced first.
 *
 * For a batch: the parents are read through the associations API, level by level up to the top of
 * each chain (one call per level, up to 1,000 companies each). Parents outside the batch (at any
 * depth) are synced first in one nested sync, flagged `syncedAsParent`, which the billing scope lets
 * through (a parent outside the scope still becomes the group's owner; so does a company of the batch
 * the scope held back, when it is the parent of one that goes on); parents inside it are synced in an
 * earlier wave than their children. Then each child learns its parent's state:
 * - ready: the parent has a customer (a dry run may only say it would be created);
 * - cycle: the chain loops; the companies in it are refused, the problem naming them;
 * - blocked: the parent could not be billed or synced; the child is refused with why (it is retried
 *   with the failure index, and follows once the parent is fixed), since creating it without its
 *   parent and moving it later is what Sequence may refuse;
 * - waiting: the parent failed temporarily; the child is retried with it.
 */
import type { ApiError } from '../errors';
import type { CompanyBundle, HubSpotCompany } from '../hubspot/types';
import type { HubSpotGateway } from '../hubspot/gateway';
import type { MappingProblem } from '../mappers';
import type { CompanyResult } from '../queue/payloads';

/** How far up a chain is followed; a longer one is refused as a problem (HubSpot's UI shows few levels). */
export const MAX_PARENT_DEPTH = 50;

export type ParentState =
  | { kind: 'none' }
  | { kind: 'ready'; companyId: string; customerId?: string }
  | { kind: 'cycle'; companies: string[] }
  | { kind: 'blocked'; companyId: string; reason: string }
  | { kind: 'waiting'; companyId: string; reason: string };

/** What the nested sync of the parents outside the batch gave back (a subset of SyncOutcome). */
export interface ParentsOutcome {
  results: CompanyResult[];
  retry: { companyId: string; error: string }[];
  rateLimited?: { companyIds: string[]; error: ApiError };
  authFailure?: { companyIds: string[]; error: ApiError };
}

/** The parents' companies to sync first: what the caller runs as `syncCompanies({ companyIds, syncedAsParent: true })`. */
export type SyncParents = (companyIds: string[]) => Promise<ParentsOutcome>;

export class ParentSync {
  private readonly states = new Map<string, ParentState>();
  /** Company names known to this batch (for problems that name companies). */
  private readonly names = new Map<string, string>();

  private constructor(
    /** Child → parent, for every company looked at (the batch and its ancestors). */
    private readonly parentOf: ReadonlyMap<string, string>,
    /** Companies of the batch in a cycle → the cycle, starting from them. */
    private readonly cycles: ReadonlyMap<string, string[]>,
    private readonly batch: ReadonlySet<string>,
    /** The parents outside the batch that the nested sync took (their outcomes are its own). */
    readonly syncedFirst: ReadonlySet<string>,
    /** When the parents' sync hit a rate limit or refused credentials: the batch stops the same way. */
    readonly halted?: Pick<ParentsOutcome, 'rateLimited' | 'authFailure'>,
  ) {}

  /**
   * Reads the chains above the batch's companies and syncs the parents outside the batch (not the
   * companies of a cycle: they are refused where they are synced). Without `syncParents` (the
   * nested sync itself, which holds every parent of its batch) nothing more is nested.
   */
  static async prepare(gateway: HubSpotGateway, companies: readonly HubSpotCompany[], syncParents: SyncParents | undefined): Promise<ParentSync> {
    const batch = new Set(companies.map((c) => c.id));
    const parentOf = await readChains(gateway, [...batch]);
    const cycles = findCycles([...batch], parentOf);
    const outside = new Set<string>();
    for (const id of batch) {
      const path = [id];
      for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) {
        const loop = path.indexOf(p);
        if (loop >= 0) {
          for (const member of path.slice(loop)) outside.delete(member);
          break;
        }
        path.push(p);
        if (!batch.has(p)) outside.add(p);
      }
    }
    const sync = new ParentSync(parentOf, cycles, batch, syncParents ? outside : new Set());
    for (const company of companies) if (company.properties.name) sync.names.set(company.id, company.properties.name);
    if (!outside.size) return sync;
    if (!syncParents) {
      for (const id of outside) sync.settled(id, undefined, 'it is synced in another batch first');
      return sync;
    }
    const outcome = await syncParents([...outside].sort());
    if (outcome.rateLimited || outcome.authFailure) return new ParentSync(parentOf, cycles, batch, outside, { rateLimited: outcome.rateLimited, authFailure: outcome.authFailure });
    for (const result of outcome.results) sync.settled(result.companyId, result);
    for (const { companyId, error } of outcome.retry) sync.settled(companyId, undefined, error);
    return sync;
  }

  /** The batch in waves: a company comes after its parent when both are in the batch. */
  waves(bundles: readonly CompanyBundle[]): CompanyBundle[][] {
    const depth = new Map<string, number>();
    const depthOf = (id: string, guard = 0): number => {
      const known = depth.get(id);
      if (known !== undefined) return known;
      const parent = this.parentOf.get(id);
      const d = parent !== undefined && this.batch.has(parent) && !this.cycles.has(id) && guard < MAX_PARENT_DEPTH ? depthOf(parent, guard + 1) + 1 : 0;
      depth.set(id, d);
      return d;
    };
    const waves: CompanyBundle[][] = [];
    for (const bundle of bundles) (waves[depthOf(bundle.company.id)] ??= []).push(bundle);
    return waves.filter((w) => w !== undefined);
  }

  /** "10001 (Acme Holdings)", or the id alone when the name is not known here. */
  nameOf = (companyId: string): string => {
    const name = this.names.get(companyId)?.trim();
    return name ? `${companyId} (${name})` : companyId;
  };

  /** What the company's sync does about its parent. */
  decisionFor(companyId: string): ParentDecision {
    return parentDecision(this.stateOf(companyId), this.nameOf);
  }

  /** The parent company the associations name (whatever its state). */
  parentCompanyOf(companyId: string): string | undefined {
    return this.parentOf.get(companyId);
  }

  /** Where the company's parent stands, once the parent's wave (or the nested sync) is done. */
  stateOf(companyId: string): ParentState {
    const cycle = this.cycles.get(companyId);
    if (cycle) return { kind: 'cycle', companies: cycle };
    const parent = this.parentOf.get(companyId);
    if (parent === undefined) return { kind: 'none' };
    if (depthAbove(companyId, this.parentOf) > MAX_PARENT_DEPTH) {
      return { kind: 'blocked', companyId: parent, reason: `the chain of parent companies above it is longer than ${MAX_PARENT_DEPTH}` };
    }
    return this.states.get(parent) ?? { kind: 'waiting', companyId: parent, reason: 'it was not synced' };
  }

  /** Records how a parent's sync ended (a result, or a temporary failure). */
  settled(companyId: string, result: CompanyResult | undefined, temporary?: string): void {
    if (!result) {
      this.states.set(companyId, { kind: 'waiting', companyId, reason: temporary ?? 'it failed temporarily' });
      return;
    }
    switch (result.action) {
      case 'created':
      case 'updated':
      case 'unchanged':
        this.states.set(companyId, { kind: 'ready', companyId, ...(result.customerId ? { customerId: result.customerId } : {}) });
        return;
      case 'failed': {
        const why = result.problems?.length ? `it cannot be billed: ${result.problems.join('; ')}` : `it could not be synced: ${result.message ?? 'failed'}`;
        this.states.set(companyId, { kind: 'blocked', companyId, reason: why });
        return;
      }
      default:
        // Gone from HubSpot (skipped) or archived: no parent to name.
        this.states.set(companyId, { kind: 'none' });
    }
  }
}

/** Child → parent for the companies and everything above them, one association call per level. */
async function readChains(gateway: HubSpotGateway, companyIds: readonly string[]): Promise<Map<string, string>> {
  const parentOf = new Map<string, string>();
  const looked = new Set<string>();
  let level = [...companyIds];
  for (let depth = 0; level.length && depth <= MAX_PARENT_DEPTH; depth += 1) {
    for (const id of level) looked.add(id);
    const found = await gateway.readParentCompanies(level);
    for (const [child, parent] of found) parentOf.set(child, parent);
    level = [...new Set(found.values())].filter((id) => !looked.has(id));
  }
  return parentOf;
}

/** For each company in a cycle: the cycle, from the company round to itself. */
function findCycles(companyIds: readonly string[], parentOf: ReadonlyMap<string, string>): Map<string, string[]> {
  const cycles = new Map<string, string[]>();
  for (const id of companyIds) {
    const path: string[] = [];
    for (let p: string | undefined = id; p !== undefined && path.length <= MAX_PARENT_DEPTH; p = parentOf.get(p)) {
      const at = path.indexOf(p);
      if (at >= 0) {
        if (at === 0) cycles.set(id, [...path, id]);
        break;
      }
      path.push(p);
    }
  }
  return cycles;
}

function depthAbove(companyId: string, parentOf: ReadonlyMap<string, string>): number {
  let depth = 0;
  const seen = new Set<string>([companyId]);
  for (let p = parentOf.get(companyId); p !== undefined && !seen.has(p); p = parentOf.get(p)) {
    seen.add(p);
    depth += 1;
    if (depth > MAX_PARENT_DEPTH) break;
  }
  return depth;
}

/** What a company's sync does about its parent. */
export interface ParentDecision {
  /** The HubSpot parent company, when there is one. */
  companyId?: string;
  /** Its customer: the child's parentId. */
  customerId?: string;
  /** Why the company cannot be synced with its parent (a cycle, a parent that cannot be billed). */
  problem?: MappingProblem;
  /** The parent failed temporarily: the company is retried with it. */
  waitFor?: { companyId: string; reason: string };
  /** Worth telling (a dry run whose parent would be created first). */
  note?: string;
}

export function parentDecision(state: ParentState, nameOf: (companyId: string) => string): ParentDecision {
  switch (state.kind) {
    case 'none':
      return {};
    case 'ready':
      return state.customerId
        ? { companyId: state.companyId, customerId: state.customerId }
        : { companyId: state.companyId, note: `parent company ${state.companyId}: its customer would be created first, then named as this one's parent` };
    case 'cycle':
      return {
        companyId: state.companies[1],
        problem: {
          field: 'parentId',
          property: 'parent company',
          value: null,
          message: `the parent companies form a cycle: ${state.companies.map(nameOf).join(' → ')}`,
          fix: 'remove one of these parent associations in HubSpot',
        },
      };
    case 'blocked':
      return {
        companyId: state.companyId,
        problem: {
          field: 'parentId',
          property: 'parent company',
          value: state.companyId,
          message: `parent company ${nameOf(state.companyId)} has no Sequence customer to be the parent: ${state.reason}`,
          fix: 'fix the parent company in HubSpot (it is synced before its children), or remove the parent association',
        },
      };
    case 'waiting':
      return { companyId: state.companyId, waitFor: { companyId: state.companyId, reason: state.reason } };
  }
}
