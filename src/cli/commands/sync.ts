/**
 * `crm-sequence-sync sync <companyId…> [--wait] [--force] [--dry-run]`: enqueues a sync of the given
 * companies; with --wait, waits for the outcome of each and prints it (exit 1 if any failed).
 */
import { QueueEvents, type Job } from 'bullmq';
import { table as newTable } from '../table';
import type { Config } from '../../../config';
import { connectForCommand, createRedis } from '../../queue/connection';
import { resolveRedisSettings } from '../../redis/topology';
import { QUEUE } from '../../queue/names';
import { awaitCompanyResults, requestRunId } from '../../queue/company-results';
import { CompanyId, type CompanyResult } from '../../queue/payloads';
import { addSyncJob, openQueues } from '../../queue/queues';
import { chunk, unique } from '../../shared/collections';
import { authFailuresKey } from '../../queue/keys';
import { RunStore } from '../../reconcile/runs';
import type { RedisClient } from '../../redis/client';
import { EXIT, UsageError, ensureCommandAccounts, loadCommandConfig } from '../runtime';
import { formatChange, formatFieldCounts } from '../../sequence/field-diff';
import { scopeToPayload } from '../../scope/override';

export interface SyncCommandOptions {
  wait?: boolean;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  /** Seconds to wait for the outcome with --wait. */
  timeout?: number;
  source?: 'cli' | 'retry';
}

export function parseCompanyIds(ids: readonly string[]): string[] {
  const bad = ids.filter((id) => !CompanyId.safeParse(id).success);
  if (bad.length) throw new UsageError(`not HubSpot company ids (expected numbers): ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  if (!ids.length) throw new UsageError('give at least one HubSpot company id');
  return unique(ids);
}

export async function runSync(ids: string[], options: SyncCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const companyIds = parseCompanyIds(ids);
  const config = loadCommandConfig();
  const { results, jobIds } = await enqueueAndMaybeWait(config, companyIds, options);
  if (!options.wait) {
    out.write(options.json ? `${JSON.stringify({ jobIds })}\n` : `queued ${companyIds.length} compan${companyIds.length === 1 ? 'y' : 'ies'} in job(s) ${jobIds.join(', ')}\n`);
    return EXIT.ok;
  }
  out.write(options.json ? `${JSON.stringify({ results })}\n` : `${formatResults(results, options.dryRun)}\n`);
  return results.some((r) => r.action === 'failed') ? EXIT.failed : EXIT.ok;
}

async function enqueueAndMaybeWait(config: Config, companyIds: string[], options: SyncCommandOptions): Promise<{ results: CompanyResult[]; jobIds: string[] }> {
  const redisSettings = await resolveRedisSettings(config.redis);
  const producer = await connectForCommand(redisSettings);
  try {
    await ensureCommandAccounts(config, producer);
  } catch (error) {
    producer.disconnect();
    throw error;
  }
  const queues = openQueues(producer, config.redis.prefix, config.worker.attempts);
  // BullMQ leaves connections it was given open, so this one is closed here.
  const eventsRedis = options.wait ? createRedis(redisSettings, 'worker') : undefined;
  const events = eventsRedis ? new QueueEvents(QUEUE.sync, { connection: eventsRedis, prefix: config.redis.prefix }) : undefined;
  try {
    if (events) await events.waitUntilReady();
    const source = options.source ?? 'cli';
    // Waiting: each company's result is kept under a run id of this request, read, then dropped.
    const runId = events ? requestRunId(source) : undefined;
    const jobs: Job[] = [];
    for (const part of chunk(companyIds, config.worker.batchSize)) {
      // A dry run decides with this command's BILLING_SCOPE, so a scope change can be previewed before it is made.
      const scope = options.dryRun ? { scope: scopeToPayload(config.scope) } : {};
      jobs.push(await addSyncJob(queues, { companyIds: part, source, force: options.force ?? false, dryRun: options.dryRun ?? false, ...scope, ...(runId ? { runId, keepResults: true } : {}) }));
    }
    const jobIds = jobs.map((j) => String(j.id));
    if (!events || !runId) return { results: [], jobIds };
    const ttl = (options.timeout ?? 300) * 1000;
    const runs = new RunStore(producer, config.redis.prefix);
    const results: CompanyResult[] = [];
    for (const job of jobs) {
      try {
        results.push(...(await awaitCompanyResults(job, events, (id, ids) => runs.companyResults(id, ids), ttl)));
      } catch (error) {
        const message = await explainUnfinished(producer, config.redis.prefix, job.id ?? '?', error);
        for (const companyId of job.data.companyIds as string[]) results.push({ companyId, action: 'failed', message });
      }
    }
    await runs.forget(runId).catch(() => undefined);
    return { results, jobIds };
  } finally {
    await events?.close();
    eventsRedis?.disconnect();
    await queues.close();
    await producer.quit().catch(() => undefined);
  }
}

/** Why a job gave no result in time: stopped workers say why, else the wait's own error. */
async function explainUnfinished(redis: RedisClient, prefix: string, jobId: string, error: unknown): Promise<string> {
  const stopped = Object.values(await redis.hgetall(authFailuresKey(prefix)));
  if (stopped.length) {
    return `not synced yet (job ${jobId} waits in the queue): a worker stopped because an API refused its credentials; see crm-sequence-sync status`;
  }
  return `job ${jobId}: ${error instanceof Error ? error.message : String(error)} (is a worker running? see crm-sequence-sync status)`;
}

export function formatResults(results: readonly CompanyResult[], dryRun = false): string {
  const table = newTable({ head: ['company', dryRun ? 'would be' : 'action', 'customer', 'details'], wordWrap: true, colWidths: [14, 14, 40, 60] });
  for (const r of results) {
    const parent = r.parent ? `parent: company ${r.parent.companyId}${r.parent.customerId ? ` (customer ${r.parent.customerId})` : ''}` : undefined;
    const details = [...(r.changes ?? []).map(formatChange), parent, r.message, ...(r.problems ?? [])].filter(Boolean);
    table.push([r.companyId, r.action, r.customerId ?? '', details.join('\n')]);
  }
  const counts: Record<string, number> = {};
  for (const r of results) for (const c of r.changes ?? []) counts[c.field] = (counts[c.field] ?? 0) + 1;
  const summary = formatFieldCounts(counts);
  let text = table.toString();
  if (summary) text += `\nfields ${dryRun ? 'that would change' : 'changed'}: ${summary}`;
  const outOfScope = results.filter((r) => r.action === 'out-of-scope').length;
  if (outOfScope) text += `\nout of scope: ${outOfScope} (no customer ${dryRun ? 'would be' : 'was'} created for ${outOfScope === 1 ? 'it' : 'them'}: not in BILLING_SCOPE and not linked to a customer; details above)`;
  if (dryRun) text += '\n(dry run: nothing was written)';
  return text;
}
