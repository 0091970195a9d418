/**
 * One sync of a batch of companies: fetch from HubSpot in bulk, map each company, upsert each into
 * Sequence under the company's lock, and record the outcome (link store, failure index, one log line
 * per company). A company that fails never stops the others.
 *
 * What happens to a failure is decided by the error's kind:
 *   permanent    → failure index now, no retry (a mapping problem, a 400 from Sequence)
 *   retryable    → retried with the job (backoff); on the last attempt, failure index
 *   rate-limited → the batch goes back to the queue without spending an attempt
 *   auth         → everything stops: the credentials are wrong
 */
import type { Logger } from 'pino';
import type { MappingConfig } from '../../config/mapping';
import { ApiError, ParentNotSyncedError, SyncError, errorMessage, type ErrorKind } from '../errors';
import { attachContacts, readRequestedCompanies } from '../hubspot/bundles';
import type { HubSpotGateway } from '../hubspot/gateway';
import type { CompanyBundle, HubSpotCompany } from '../hubspot/types';
import { companyAlias, companyPropertiesToRead, formatProblem, formatWarning, mapCompanyToCustomer } from '../mappers';
import type { CompanyResult, SyncSource } from '../queue/payloads';
import type { SequenceClient } from '../sequence/client';
import type { CustomerIndex } from '../sequence/customer-index';
import type { ListedCompany } from '../sequence/customer-listing';
import { composeLink, parseLink, type LinkRecord, type LinkStore } from '../sequence/links';
import { upsertCustomer } from '../sequence/upsert';
import { retryTransient } from '../retry/backoff';
import { mapWithConcurrency, unique } from '../shared/collections';
import { HeldWrite } from '../shared/held-write';
import type { HubSpotWriteBack } from '../writeback/write-back';
import type { CompanyLocks } from './company-lock';
import type { FailureIndex, FailureKind } from './failures';
import { scopeProperties, type BillingScope, type ScopeDeal } from '../scope';
import { ParentSync } from './parents';
import { gateByScope } from './scope-gate';

/** Observes every company outcome (metrics). */
export type OutcomeObserver = (result: CompanyResult, meta: { durationMs: number; source: SyncSource }) => void;

export interface SyncDeps {
  gateway: HubSpotGateway;
  sequence: SequenceClient;
  links: LinkStore;
  index: CustomerIndex;
  failures: FailureIndex;
  locks: CompanyLocks;
  mapping: MappingConfig;
  /** Which unlinked companies get a customer created (BILLING_SCOPE). */
  scope: BillingScope;
  logger: Logger;
  upsertConcurrency: number;
  /** Writes each outcome's billing state back onto the company in HubSpot (HUBSPOT_WRITE_BACK). */
  writeBack?: HubSpotWriteBack;
  onOutcome?: OutcomeObserver;
}

export interface SyncRequest {
  companyIds: readonly string[];
  companies?: readonly HubSpotCompany[];
  source: SyncSource;
  force?: boolean;
  dryRun?: boolean;
  /** 1-based attempt number of this batch. */
  attempt: number;
  /** On the last attempt, temporary failures are recorded as failures instead of retried. */
  finalAttempt: boolean;
  jobId?: string;
  runId?: string;
  /** Deals already known for some companies (closed-won runs), so they are not read again. */
  scopeDeals?: Readonly<Record<string, readonly ScopeDeal[]>>;
  /** Dry runs: decide with this scope instead of the worker's. */
  scope?: BillingScope;
  /**
   * PARENT_CUSTOMERS: these companies are synced because a child needs their customer as its parent
   * (parents.ts). The one place that says so: such a company is synced whatever else would hold it
   * back (the billing scope gate lets it through), so the group has its owner.
   */
  syncedAsParent?: boolean;
}

export interface SyncOutcome {
  /** Companies that reached an outcome in this attempt. */
  results: CompanyResult[];
  /** Companies to try again in a later attempt (temporary failures). */
  retry: { companyId: string; error: string }[];
  /** Companies not attempted, or stopped, because an API is rate-limiting us. */
  rateLimited?: { companyIds: string[]; error: ApiError };
  /** The credentials were refused: nothing more should be attempted. */
  authFailure?: { companyIds: string[]; error: ApiError };
  /**
   * PARENT_CUSTOMERS: the parents synced first, outside the batch, by the nested parents' sync (their
   * outcomes are that sync's log lines, not in `results`). A reconciliation run counts them as seen,
   * so it does not take a parent it has just synced for a deleted company.
   */
  syncedAsParents?: string[];
}

class Halt {
  constructor(
    readonly kind: 'rate-limited' | 'auth',
    readonly error: ApiError,
  ) {}
}

export async function syncCompanies(deps: SyncDeps, request: SyncRequest): Promise<SyncOutcome> {
  const { logger } = deps;
  const started = performance.now();
  const jobContext = { jobId: request.jobId, runId: request.runId, source: request.source, attempt: request.attempt, ...(request.dryRun ? { dryRun: true } : {}) };

  const scope = request.dryRun && request.scope ? request.scope : deps.scope;
  let read: Awaited<ReturnType<typeof readRequestedCompanies>>;
  try {
    read = await readRequestedCompanies(deps.gateway, {
      companyIds: request.companyIds,
      companies: request.companies,
      properties: companyPropertiesForSync(deps.mapping, scope),
    });
  } catch (error) {
    return batchFailure(deps, request, error, performance.now() - started);
  }

  const results: CompanyResult[] = [];
  const retry: SyncOutcome['retry'] = [];
  const finish = (result: CompanyResult, durationMs: number, extra: Record<string, unknown> = {}) => {
    results.push(result);
    logOutcome(logger, result, durationMs, { ...jobContext, ...extra });
    deps.onOutcome?.(result, { durationMs, source: request.source });
  };

  for (const companyId of read.missing) {
    const link = await deps.links.get(companyId);
    finish(
      {
        companyId,
        action: 'skipped',
        customerId: link?.customerId,
        message: 'company not found in HubSpot (deleted or merged); nothing to sync',
      },
      0,
    );
  }

  // Looked up once for the batch: customers that exist without our alias (adopted, not duplicated), and
  // what the last listing says about each company (decided from without reading the customer again).
  const readIds = read.companies.map((c) => c.id);
  let found: Awaited<ReturnType<CustomerIndex['lookupBatch']>>;
  let gate: Awaited<ReturnType<typeof gateByScope>>;
  try {
    await deps.index.ensureBuilt();
    found = await deps.index.lookupBatch(readIds.map((companyId) => ({ companyId, alias: companyAlias(companyId, deps.mapping) })));
  } catch (error) {
    const failed = await batchFailure(deps, { ...request, companyIds: readIds }, error, performance.now() - started, 'could not read the existing customers from Sequence');
    return { ...failed, results: [...results, ...failed.results] };
  }
  try {
    // The gate lets every company through with BILLING_SCOPE=all and for a parents' sync: no need to know which are linked.
    const linked = scope.kind === 'all' || request.syncedAsParent ? new Set<string>() : await linkedCompanies(deps, readIds, found);
    gate = await gateByScope(deps.gateway, { scope, companies: read.companies, linked, knownDeals: request.scopeDeals, asParents: request.syncedAsParent });
  } catch (error) {
    const failed = await batchFailure(deps, { ...request, companyIds: readIds }, error, performance.now() - started, 'could not read the billing scope from HubSpot');
    return { ...failed, results: [...results, ...failed.results] };
  }
  const proceedIds = gate.proceed.map((c) => c.id);

  // PARENT_CUSTOMERS: parents first, those outside the batch in one nested sync (parents.ts). That
  // includes a company of this batch the gate found out of scope, when it is the parent of one that
  // goes on: it is synced as a parent, whatever its scope, and its outcome is the nested sync's.
  let parents: ParentSync | undefined;
  let parentsFailure: unknown;
  if (deps.mapping.parentCustomers && gate.proceed.length) {
    try {
      const syncParents = (parentIds: string[]) => syncCompanies(deps, { ...request, companyIds: parentIds, companies: undefined, force: false, syncedAsParent: true });
      parents = await ParentSync.prepare(deps.gateway, gate.proceed, request.syncedAsParent ? undefined : syncParents);
    } catch (error) {
      parentsFailure = error;
    }
  }
  const outOfScope = gate.outOfScope.filter((o) => !parents?.syncedFirst.has(o.companyId));
  for (const { companyId, reason } of outOfScope) finish({ companyId, action: 'out-of-scope', message: reason }, 0);
  // Companies that no longer exist, or are out of scope, have nothing left to fix: they leave the failure index too.
  const settled = [...read.missing, ...outOfScope.map((o) => o.companyId)];
  if (parentsFailure !== undefined) {
    const failed = await batchFailure(deps, { ...request, companyIds: proceedIds }, parentsFailure, performance.now() - started, 'could not read the parent companies from HubSpot');
    if (!request.dryRun) await deps.failures.clear(settled);
    return { ...failed, results: [...results, ...failed.results] };
  }
  if (parents?.halted) {
    // The parents' sync hit a rate limit or refused credentials: the batch stops the same way (its held-back parents with it).
    if (!request.dryRun) await deps.failures.clear(settled);
    const companyIds = [...proceedIds, ...gate.outOfScope.map((o) => o.companyId).filter((id) => parents?.syncedFirst.has(id))];
    const { rateLimited, authFailure } = parents.halted;
    if (rateLimited) return { results, retry: [], rateLimited: { companyIds, error: rateLimited.error } };
    if (authFailure) return { results, retry: [], authFailure: { companyIds, error: authFailure.error } };
  }

  let bundles: CompanyBundle[];
  try {
    bundles = await attachContacts(deps.gateway, gate.proceed);
  } catch (error) {
    const failed = await batchFailure(deps, { ...request, companyIds: proceedIds }, error, performance.now() - started);
    if (!request.dryRun) await deps.failures.clear(settled);
    return { ...failed, results: [...results, ...failed.results] };
  }
  let halt: Halt | undefined;
  const haltedIds: string[] = [];
  const succeeded: string[] = [...settled];

  // Without parents, one wave; with them, a company's wave comes after its parent's.
  for (const wave of parents?.waves(bundles) ?? [bundles]) await mapWithConcurrency(wave, deps.upsertConcurrency, async (bundle) => {
    const companyId = bundle.company.id;
    if (halt) {
      haltedIds.push(companyId);
      return;
    }
    const t0 = performance.now();
    try {
      const result = await syncOne(deps, bundle, request, found.indexed.get(companyId) ?? null, found.listed?.get(companyId), parents, createdNote(request, scope, gate.inScopeReasons.get(companyId)));
      if (result.action !== 'failed') succeeded.push(companyId);
      parents?.settled(companyId, result);
      finish(result, performance.now() - t0);
    } catch (error) {
      const durationMs = performance.now() - t0;
      const kind: ErrorKind = error instanceof SyncError ? error.kind : 'retryable';
      if ((kind === 'rate-limited' || kind === 'auth') && error instanceof ApiError) {
        halt ??= new Halt(kind, error);
        haltedIds.push(companyId);
        return;
      }
      if (kind === 'permanent' || request.finalAttempt) {
        const failureKind: FailureKind = kind === 'permanent' ? 'rejected' : 'retries-exhausted';
        const reason = describeError(error);
        if (!request.dryRun) await recordFailure(deps, companyId, failureKind, reason, undefined, error instanceof ApiError ? error.status : undefined);
        const result: CompanyResult = { companyId, action: 'failed', message: reason };
        parents?.settled(companyId, result);
        finish(result, durationMs, { failure: failureKind });
      } else {
        parents?.settled(companyId, undefined, describeError(error));
        retry.push({ companyId, error: describeError(error) });
        logger.warn({ ...jobContext, companyId, action: 'failed', durationMs: Math.round(durationMs), retrying: true, err: errorMessage(error) }, 'company sync failed, will retry');
      }
    }
  });

  if (!request.dryRun) await deps.failures.clear(succeeded);
  // Bounded in time and never failing: the sync's outcome does not depend on it.
  if (deps.writeBack && !request.dryRun) await deps.writeBack.afterBatch(results, bundles.map((b) => b.company));
  const outcome: SyncOutcome = { results, retry, ...(parents?.syncedFirst.size ? { syncedAsParents: [...parents.syncedFirst] } : {}) };
  if (halt?.kind === 'rate-limited') outcome.rateLimited = { companyIds: haltedIds, error: halt.error };
  if (halt?.kind === 'auth') outcome.authFailure = { companyIds: haltedIds, error: halt.error };
  return outcome;
}

async function syncOne(
  deps: SyncDeps,
  bundle: CompanyBundle,
  request: SyncRequest,
  indexedCustomerId: string | null,
  listed: ListedCompany | undefined,
  parents: ParentSync | undefined,
  /** Said when the sync creates the customer: why it was created (the scope's reason, or as a parent). */
  whyCreated: string | undefined,
): Promise<CompanyResult> {
  const companyId = bundle.company.id;
  const mapped = mapCompanyToCustomer(bundle, deps.mapping);
  const parent = parents?.decisionFor(companyId) ?? {};
  const shownParent = parent.companyId ? { parent: { companyId: parent.companyId, ...(parent.customerId ? { customerId: parent.customerId } : {}) } } : {};
  if (!mapped.ok || parent.problem) {
    const problems = [...(mapped.ok ? [] : mapped.problems), ...(parent.problem ? [parent.problem] : [])].map(formatProblem);
    if (!request.dryRun) await recordFailure(deps, companyId, 'mapping', problems.join('; '), problems);
    return { companyId, action: 'failed', message: 'cannot be billed: company data is incomplete', problems, ...shownParent };
  }
  if (parent.waitFor) throw new ParentNotSyncedError(companyId, parent.waitFor.companyId, parent.waitFor.reason);
  const customerRequest = parent.customerId ? { ...mapped.request, parentId: parent.customerId } : mapped.request;
  const alias = companyAlias(companyId, deps.mapping);
  const upsertDeps = { client: deps.sequence, links: deps.links, index: deps.index };
  const contactIds = unique(bundle.contacts.map((c) => c.id)).sort();
  // The link that records the outcome goes to Redis with the lock's release: one round trip, not two.
  const holdOutcome = request.dryRun ? undefined : new HeldWrite(deps.links.key, companyId);
  const options = {
    force: request.force,
    dryRun: request.dryRun,
    indexedCustomerId,
    contactIds,
    listed,
    ownership: deps.mapping.fieldOwnership,
    holdOutcome,
    parentsFromHubSpot: deps.mapping.parentCustomers,
    parentCompanyId: parent.companyId,
    pushToIntegrations: deps.mapping.pushToIntegrations,
  };
  // Temporary failures get a few quick tries here before the whole job waits for its backoff;
  // a retry reads the link again, as the failed try may have changed it.
  const attempt = (first: { link: LinkRecord | null; pendingMarked?: LinkRecord } | undefined) =>
    upsertCustomer(upsertDeps, companyId, alias, customerRequest, { ...options, link: first?.link, pendingMarked: first?.pendingMarked });
  const withRetries = (first: { link: LinkRecord | null; pendingMarked?: LinkRecord } | undefined) => {
    let tries = 0;
    return retryTransient(() => attempt(tries++ === 0 ? first : undefined), { attempts: 3, baseMs: 100, maxMs: 1_000 });
  };
  // The link is read with the lock, in one round trip: another worker may have just changed it. When
  // a create is certain if there is no link (nothing in the index or the listing), the pending-create
  // mark is written in that round trip too, only if there is no link.
  const createIfNoLink = indexedCustomerId === null && !listed?.customer;
  const pendingMark = createIfNoLink ? composeLink(companyId, { pendingCreateAt: new Date().toISOString() }, null) : undefined;
  const result = request.dryRun
    ? await withRetries(undefined)
    : await deps.locks.withLock(
        companyId,
        (raw, marked) => withRetries(marked && pendingMark ? { link: null, pendingMarked: pendingMark.record } : { link: parseLink(raw) ?? null }),
        { read: { key: deps.links.key, field: companyId, setIfUnset: pendingMark?.json }, writeOnRelease: holdOutcome },
      );
  const notes = [...result.notes, ...(parent.note ? [parent.note] : []), ...mapped.warnings.map(formatWarning), ...(whyCreated && result.action === 'created' ? [whyCreated] : [])];
  return {
    companyId,
    action: result.action,
    customerId: result.customerId,
    ...(notes.length ? { message: notes.join('; ') } : {}),
    ...(result.changes?.length ? { changes: result.changes } : {}),
    ...(result.problems?.length ? { problems: result.problems } : {}),
    ...shownParent,
  };
}

/** Why a customer was created, for its log line: the company is in the billing scope, or is the parent of one being synced. */
function createdNote(request: SyncRequest, scope: BillingScope, inScopeReason: string | undefined): string | undefined {
  if (request.syncedAsParent) return `created first, as the parent company of one being synced (PARENT_CUSTOMERS)${scope.kind === 'all' ? '' : ', whatever BILLING_SCOPE says of it'}`;
  return inScopeReason ? `in billing scope: ${inScopeReason}` : undefined;
}

/** The properties a sync reads: the mapping's and the billing scope's (lifecyclestage, the scope property). */
export function companyPropertiesForSync(mapping: MappingConfig, scope: BillingScope): string[] {
  return [...new Set([...companyPropertiesToRead(mapping), ...scopeProperties(scope)])];
}

/**
 * Companies of the batch that already have a customer, from what Redis holds (no Sequence call): a
 * link with a customer (or a create in doubt), an index entry (any customer carrying the company's
 * HubSpot id, ours or made by Sequence's own integration), or a listed customer holding our alias.
 */
async function linkedCompanies(deps: SyncDeps, companyIds: readonly string[], found: Awaited<ReturnType<CustomerIndex['lookupBatch']>>): Promise<Set<string>> {
  const links = await deps.links.getMany(companyIds);
  const linked = new Set<string>();
  for (const companyId of companyIds) {
    const link = links.get(companyId);
    const listed = found.listed?.get(companyId);
    if (link?.customerId || link?.pendingCreateAt || found.indexed.has(companyId) || listed?.customer || listed?.aliasOwner) linked.add(companyId);
  }
  return linked;
}

async function recordFailure(deps: SyncDeps, companyId: string, kind: FailureKind, reason: string, problems?: string[], status?: number): Promise<void> {
  await deps.failures.record(companyId, { kind, reason, problems, status });
  await deps.links.update(companyId, { lastOutcome: 'failed', lastMessage: reason, lastSyncedAt: new Date().toISOString() });
}

/** The whole batch failed before any company could be looked at (HubSpot unreachable, refused…). */
async function batchFailure(deps: SyncDeps, request: SyncRequest, error: unknown, durationMs: number, what = 'could not read from HubSpot'): Promise<SyncOutcome> {
  const ids = [...request.companyIds];
  if (error instanceof ApiError && error.kind === 'rate-limited') return { results: [], retry: [], rateLimited: { companyIds: ids, error } };
  if (error instanceof ApiError && error.kind === 'auth') return { results: [], retry: [], authFailure: { companyIds: ids, error } };
  const reason = `${what}: ${describeError(error)}`;
  const permanent = error instanceof SyncError && error.kind === 'permanent';
  if (!permanent && !request.finalAttempt) return { results: [], retry: ids.map((companyId) => ({ companyId, error: reason })) };
  const results: CompanyResult[] = [];
  for (const companyId of ids) {
    if (!request.dryRun) await recordFailure(deps, companyId, permanent ? 'rejected' : 'retries-exhausted', reason);
    const result: CompanyResult = { companyId, action: 'failed', message: reason };
    results.push(result);
    logOutcome(deps.logger, result, durationMs, { jobId: request.jobId, runId: request.runId, source: request.source, attempt: request.attempt, ...(request.dryRun ? { dryRun: true } : {}) });
    deps.onOutcome?.(result, { durationMs, source: request.source });
  }
  return { results, retry: [] };
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.serverMessage && error.status ? `${error.service} answered ${error.status}: ${error.serverMessage}` : error.message;
  return errorMessage(error);
}

/** The one log line per company outcome. */
function logOutcome(logger: Logger, result: CompanyResult, durationMs: number, context: Record<string, unknown>): void {
  const line = {
    ...context,
    companyId: result.companyId,
    customerId: result.customerId,
    action: result.action,
    durationMs: Math.round(durationMs),
    ...(result.message ? { [result.action === 'failed' ? 'reason' : 'notes']: result.message } : {}),
    ...(result.problems ? { problems: result.problems } : {}),
    // Field names only: the values (contact emails among them) stay out of the logs.
    ...(result.changes ? { fields: result.changes.map((c) => c.field) } : {}),
  };
  // A dry run's line says so in its message too: "company updated" alone reads as a write that happened.
  const dry = context.dryRun === true ? ' (dry run: nothing written)' : '';
  if (result.action === 'failed') logger.error(line, `company sync failed${dry}`);
  else logger.info(line, `company ${result.action}${dry}`);
}
