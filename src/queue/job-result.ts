/**
 * A finished company job keeps counts and failures only (SyncJobResult), and its data without the
 * companies a reconciliation page handed it nor the won deals a closed-won run found for them: Redis
 * keeps finished jobs for a day, and every byte per company there is paid for by the gigabyte on a
 * managed Redis.
 */
import type { CompanyResult, JobFailure, SyncCompaniesData, SyncCompaniesPayload, SyncJobResult } from './payloads';

export function emptySummary(): SyncJobResult {
  return { counts: {}, failures: [] };
}

/** Adds `results` to `into` (a new summary; `into` is left as it was). */
export function summarize(results: readonly CompanyResult[], into: SyncJobResult = emptySummary()): SyncJobResult {
  const counts = { ...into.counts };
  const failures = [...into.failures];
  for (const result of results) {
    counts[result.action] = (counts[result.action] ?? 0) + 1;
    if (result.action === 'failed') {
      const failure: JobFailure = { companyId: result.companyId };
      if (result.message) failure.message = result.message;
      if (result.problems?.length) failure.problems = result.problems;
      failures.push(failure);
    }
  }
  return { counts, failures };
}

/** What earlier attempts finished: `done`, and the full results a job queued by an older release carries. */
export function earlierAttempts(data: Pick<SyncCompaniesData, 'done' | 'results'>): SyncJobResult {
  return summarize(data.results, data.done ?? emptySummary());
}

/**
 * The data a finished job keeps: the company ids and how it was asked for, without the companies
 * read by the listing, their won deals, or what earlier attempts finished. Undefined when there is
 * nothing to drop.
 */
export function finishedData(data: SyncCompaniesData): SyncCompaniesPayload | undefined {
  if (!data.companies && !data.scopeDeals && !data.results.length && !data.done) return undefined;
  return {
    companyIds: data.companyIds,
    source: data.source,
    ...(data.runId ? { runId: data.runId } : {}),
    ...(data.force ? { force: true } : {}),
    ...(data.dryRun ? { dryRun: true } : {}),
    ...(data.scope ? { scope: data.scope } : {}),
  };
}
