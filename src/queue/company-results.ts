/**
 * Waiting for each company's result of a sync job (`sync --wait`): the job is queued with a run id
 * and `keepResults`, the worker keeps each result under that run id (RunStore), and the finished job
 * itself keeps counts and failures only.
 */
import { randomBytes } from 'node:crypto';
import type { Job, QueueEvents } from 'bullmq';
import { SyncJobResult, type CompanyResult } from './payloads';

/** The run id of one waiting request: the place its results are kept. */
export function requestRunId(source: string): string {
  return `${source}-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
}

export type ReadCompanyResults = (runId: string, companyIds: readonly string[]) => Promise<CompanyResult[]>;

/** Waits for the job, then reads its companies' results, in the order of the job's ids. */
export async function awaitCompanyResults(job: Job, events: QueueEvents, read: ReadCompanyResults, timeoutMs: number): Promise<CompanyResult[]> {
  const summary = SyncJobResult.parse(await job.waitUntilFinished(events, timeoutMs));
  const companyIds = job.data.companyIds as string[];
  const runId = job.data.runId as string | undefined;
  const byId = new Map((runId ? await read(runId, companyIds) : []).map((r) => [r.companyId, r] as const));
  // The job's own failures stand in for results that were not kept (a job queued without keepResults).
  for (const f of summary.failures) if (!byId.has(f.companyId)) byId.set(f.companyId, { ...f, action: 'failed' });
  return companyIds.flatMap((id) => byId.get(id) ?? []);
}
