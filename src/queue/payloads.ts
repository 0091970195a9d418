/** Job payloads, zod-parsed by the processor before any work: a malformed job fails permanently, naming the field. */
import { z } from 'zod';
import { HubSpotCompany } from '../hubspot/types';
import { FieldChange } from '../sequence/field-diff';

export const CompanyId = z.string().regex(/^\d{1,20}$/, 'a HubSpot company id is a number');

export const SyncSource = z.enum(['cli', 'webhook', 'reconcile', 'retry', 'merge']);
export type SyncSource = z.infer<typeof SyncSource>;

export const CompanyAction = z.enum(['created', 'updated', 'unchanged', 'failed', 'skipped', 'archived']);
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
  /** Companies finished by earlier attempts of this job. */
  results: z.array(CompanyResult).default([]),
});
export type SyncCompaniesPayload = z.input<typeof SyncCompaniesPayload>;
export type SyncCompaniesData = z.output<typeof SyncCompaniesPayload>;

export const SyncJobResult = z.object({ results: z.array(CompanyResult) });
export type SyncJobResult = z.infer<typeof SyncJobResult>;

export const ReconcilePayload = z.object({
  mode: z.enum(['full', 'incremental']),
  dryRun: z.boolean().default(false),
  requestedBy: z.enum(['schedule', 'cli', 'demo', 'test']).default('schedule'),
});
export type ReconcilePayload = z.input<typeof ReconcilePayload>;

export const ArchiveCompaniesPayload = z.object({
  companyIds: z.array(CompanyId).min(1).max(1000),
  source: z.enum(['webhook', 'cli']),
});

export const MergeCompaniesPayload = z.object({
  primaryId: CompanyId,
  mergedIds: z.array(CompanyId).min(1),
});

export const ResolveContactsPayload = z.object({
  contactIds: z.array(z.string().regex(/^\d{1,20}$/, 'a HubSpot contact id is a number')).min(1).max(1000),
  /** The contacts were deleted: their companies come from the link store, as HubSpot dropped the associations. */
  deleted: z.boolean().default(false),
});
