/** Job payloads, zod-parsed by the processor before any work: a malformed job fails permanently, naming the field. */
import { z } from 'zod';
import { HubSpotCompany } from '../hubspot/types';
import { FieldChange } from '../sequence/field-diff';
import { scopeOverrideProblem } from '../scope/override';

export const CompanyId = z.string().regex(/^\d{1,20}$/, 'a HubSpot company id is a number');

export const SyncSource = z.enum(['cli', 'webhook', 'reconcile', 'retry', 'merge']);
export type SyncSource = z.infer<typeof SyncSource>;

/** `out-of-scope`: not linked to a customer and outside BILLING_SCOPE, so none is created (not a failure). */
export const CompanyAction = z.enum(['created', 'updated', 'unchanged', 'failed', 'skipped', 'archived', 'out-of-scope']);
export type CompanyAction = z.infer<typeof CompanyAction>;

/** What happened to one company in a job. */
export const CompanyResult = z.object({
  companyId: z.string(),
  action: CompanyAction,
  customerId: z.string().optional(),
  message: z.string().optional(),
  /** Why the company cannot be billed (failed), or what is wrong although it was synced (e.g. a refused parent move). */
  problems: z.array(z.string()).optional(),
  /** Updated (or, in a dry run, would be updated): each field changed, before → after. */
  changes: z.array(FieldChange).optional(),
  /** PARENT_CUSTOMERS: the HubSpot parent company, and its customer (the parentId sent) when it has one. */
  parent: z.object({ companyId: z.string(), customerId: z.string().optional() }).optional(),
});
export type CompanyResult = z.infer<typeof CompanyResult>;

/** A company that failed in a job, and why. */
export const JobFailure = z.object({
  companyId: z.string(),
  message: z.string().optional(),
  problems: z.array(z.string()).optional(),
});
export type JobFailure = z.infer<typeof JobFailure>;

/**
 * What a finished company job keeps: how many companies ended in each action (any action name, so
 * actions added later flow through) and the failures. Each company's own result lives in the link
 * store and, for a reconciliation, in the run's report; a finished job holding every result cost
 * 0.7-1.7 KiB per company for a day (docs/operations.md, Redis in production).
 */
export const SyncJobResult = z.object({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  failures: z.array(JobFailure),
});
export type SyncJobResult = z.infer<typeof SyncJobResult>;

/** A deal as the billing scope reads it (closed-won), handed to a job so the worker does not read it again. */
export const ScopeDealPayload = z.object({
  id: z.string(),
  stage: z.string().nullable(),
  pipeline: z.string().nullable(),
  name: z.string().nullish(),
});

/** A billing scope other than the worker's (BILLING_SCOPE as written, BILLING_SCOPE_PIPELINES): only dry runs use it. */
export const ScopeOverridePayload = z
  .object({ setting: z.string(), pipelines: z.array(z.string()).default([]) })
  .superRefine((value, ctx) => {
    const problem = scopeOverrideProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['setting'], message: problem });
  });
export type ScopeOverridePayload = z.input<typeof ScopeOverridePayload>;

export const SyncCompaniesPayload = z.object({
  companyIds: z.array(CompanyId).min(1).max(1000),
  /** Companies already read from HubSpot (by a reconciliation page), so they are not read twice. */
  companies: z.array(HubSpotCompany).optional(),
  source: SyncSource,
  runId: z.string().optional(),
  force: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  /** Time this job has spent waiting on upstream rate limits, across re-queues. */
  rateLimitedMs: z.number().nonnegative().default(0),
  /** Companies finished by earlier attempts of this job (jobs queued before `done`; read, no longer written). */
  results: z.array(CompanyResult).default([]),
  /** What earlier attempts of this job finished: counts per action and the failures. */
  done: SyncJobResult.optional(),
  /**
   * Someone waits for each company's result (`sync --wait`): the results are kept under `runId` in the
   * run store for a day (RunStore.companyResults), not in the finished job.
   */
  keepResults: z.boolean().default(false),

  /** closed-won runs: won deals already found for some companies (company id → deals), so they are not read again. */
  scopeDeals: z.record(z.string(), z.array(ScopeDealPayload)).optional(),
  /** Dry runs only: decide with this scope instead of the worker's (previewing a scope change). */
  scope: ScopeOverridePayload.optional(),
});
export type SyncCompaniesPayload = z.input<typeof SyncCompaniesPayload>;
export type SyncCompaniesData = z.output<typeof SyncCompaniesPayload>;

export const ReconcilePayload = z.object({
  mode: z.enum(['full', 'incremental']),
  dryRun: z.boolean().default(false),
  /** Dry runs only: the billing scope to preview (e.g. the one `reconcile --full --dry-run` was started with). */
  scope: ScopeOverridePayload.optional(),
  requestedBy: z.enum(['schedule', 'cli', 'demo', 'test']).default('schedule'),
});
export type ReconcilePayload = z.input<typeof ReconcilePayload>;

export const ArchiveCompaniesPayload = z.object({
  companyIds: z.array(CompanyId).min(1).max(1000),
  source: z.enum(['webhook', 'cli']),
});

/**
 * Most merged-away ids one merge may name. HubSpot merges two records at a time, so a real event
 * names one or a few; the bound keeps a false or forged one from costing hundreds of reads.
 */
export const MAX_MERGED_IDS = 100;

/**
 * Most merged-away ids one merge job may name: the event's, plus its old primary when the merge made
 * a new record (`newObjectId`), so every event the webhook accepts makes a job that runs.
 */
export const MAX_MERGE_JOB_IDS = MAX_MERGED_IDS + 1;

export const MergeCompaniesPayload = z.object({
  primaryId: CompanyId,
  /** May be empty (HubSpot named only the primary, or nothing): then the job is a sync of the primary. */
  mergedIds: z.array(CompanyId).max(MAX_MERGE_JOB_IDS, `names at most ${MAX_MERGE_JOB_IDS} merged-away companies`),
});

export const ResolveContactsPayload = z.object({
  contactIds: z.array(z.string().regex(/^\d{1,20}$/, 'a HubSpot contact id is a number')).min(1).max(1000),
  /** The contacts were deleted: their companies come from the link store, as HubSpot dropped the associations. */
  deleted: z.boolean().default(false),
});

export const ResolveDealsPayload = z.object({
  dealIds: z.array(z.string().regex(/^\d{1,20}$/, 'a HubSpot deal id is a number')).min(1).max(1000),
});

/**
 * What a finished resolve job (contacts or deals → their companies) keeps: how many it read, found and
 * queued, not the ids: the companies it found are in the pending set, then in their sync jobs.
 */
export const ResolveJobResult = z.object({ counts: z.record(z.string(), z.number().int().nonnegative()) });
export type ResolveJobResult = z.infer<typeof ResolveJobResult>;
