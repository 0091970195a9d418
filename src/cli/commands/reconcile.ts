/**
 * `crm-sequence-sync reconcile [--full] [--dry-run] [--wait]`: queues a reconciliation run. With
 * --wait it shows progress (a bar on a terminal) and prints the report; exit 1 if any company failed.
 */
import { SingleBar, Presets } from 'cli-progress';
import { table as newTable } from '../table';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../../config';
import { connectForCommand } from '../../queue/connection';
import { JOB } from '../../queue/names';
import type { ReconcilePayload } from '../../queue/payloads';
import { openQueues } from '../../queue/queues';
import { RunStore, type RunMode, type RunReport } from '../../reconcile/runs';
import { duplicatesSummary } from '../../sequence/customer-index';
import { sleep } from '../../limits/rate-limiter';
import { z } from 'zod';
import { EXIT, ensureCommandAccounts, loadCommandConfig } from '../runtime';
import { formatChange, formatFieldCounts } from '../../sequence/field-diff';
import { scopeToPayload } from '../../scope/override';

export interface ReconcileCommandOptions {
  full?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  json?: boolean;
  /** Seconds --wait waits before giving up. */
  timeout?: number;
}

export function newRunId(mode: RunMode): string {
  return `run-${mode}-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
}

/** Queues a run and returns its id (the job id). */
export async function queueReconciliation(config: Config, payload: ReconcilePayload, runId = newRunId(payload.mode)): Promise<string> {
  const producer = await connectForCommand(config.redis);
  try {
    await ensureCommandAccounts(config, producer);
  } catch (error) {
    producer.disconnect();
    throw error;
  }
  const queues = openQueues(producer, config.redis.prefix, config.worker.attempts);
  try {
    await queues.reconcile.add(JOB.reconcile, payload, { jobId: runId });
    return runId;
  } finally {
    await queues.close();
    producer.disconnect();
  }
}

export interface WaitOptions {
  timeoutMs: number;
  /** Called with progress while the run goes on. */
  onProgress?: (p: { scanned: number; completed: number; listingDone: boolean }) => void;
  out?: NodeJS.WritableStream;
}

/**
 * Polls until the run's report exists. When the run was skipped because another run of the same mode
 * was going, follows that run instead.
 */
export async function waitForReport(config: Config, runId: string, options: WaitOptions): Promise<RunReport | undefined> {
  const redis = await connectForCommand(config.redis);
  const runs = new RunStore(redis, config.redis.prefix);
  const queues = openQueues(redis, config.redis.prefix, config.worker.attempts);
  const deadline = Date.now() + options.timeoutMs;
  let hinted = false;
  let current = runId;
  const started = Date.now();
  try {
    while (Date.now() < deadline) {
      const report = await runs.report(current);
      if (report) return report;
      const progress = await runs.progress(current);
      if (progress) options.onProgress?.({ scanned: progress.record.scanned, completed: progress.completed, listingDone: progress.record.listingDone });
      else {
        const job = await queues.reconcile.getJob(current);
        const skipped = SkippedRun.safeParse(job?.returnvalue);
        if (skipped.success) {
          options.out?.write(`another reconciliation of this mode (${skipped.data.activeRunId}) is already running; following it instead\n`);
          current = skipped.data.activeRunId;
        } else if (!hinted && Date.now() - started > 10_000) {
          hinted = true;
          options.out?.write(`run ${current} has not started yet: is a worker running (crm-sequence-sync worker)?\n`);
        }
      }
      await sleep(200);
    }
    return undefined;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

const SkippedRun = z.object({ skipped: z.literal(true), activeRunId: z.string() });

export async function runReconcile(options: ReconcileCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const config = loadCommandConfig();
  const mode: RunMode = options.full ? 'full' : 'incremental';
  // A dry run decides with this command's BILLING_SCOPE: `reconcile --full --dry-run` previews a scope change.
  const scope = options.dryRun ? { scope: scopeToPayload(config.scope) } : {};
  const runId = await queueReconciliation(config, { mode, dryRun: options.dryRun ?? false, requestedBy: 'cli', ...scope });
  if (!options.wait) {
    out.write(options.json ? `${JSON.stringify({ runId })}\n` : `queued ${options.dryRun ? 'dry-run ' : ''}${mode} reconciliation ${runId}\n`);
    return EXIT.ok;
  }
  const bar = (out as NodeJS.WriteStream).isTTY && !options.json ? new SingleBar({ format: `${mode} {bar} {value}/{total} companies | {state}`, hideCursor: true }, Presets.shades_classic) : undefined;
  bar?.start(1, 0, { state: 'listing' });
  const report = await waitForReport(config, runId, {
    timeoutMs: (options.timeout ?? 24 * 3600) * 1000,
    out,
    onProgress: (p) => {
      bar?.setTotal(Math.max(1, p.scanned));
      bar?.update(p.completed, { state: p.listingDone ? 'syncing' : 'listing' });
    },
  });
  bar?.stop();
  if (!report) {
    out.write(`run ${runId} did not finish within the timeout (it goes on if a worker is running; see crm-sequence-sync status)\n`);
    return EXIT.failed;
  }
  out.write(options.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
  return report.status === 'failed' || report.failed > 0 ? EXIT.failed : EXIT.ok;
}

/** The report's own line for the companies outside the billing scope (not failures: nothing was created for them). */
export function outOfScopeLine(report: Pick<RunReport, 'outOfScope' | 'scope' | 'dryRun' | 'created'>): string {
  const scope = report.scope ? `BILLING_SCOPE=${report.scope}` : 'the billing scope';
  const created = report.dryRun ? `; with it, ${report.created} customer${report.created === 1 ? '' : 's'} would be created` : '';
  return `out of scope: ${report.outOfScope} (companies without a customer outside ${scope}: none created, not failures${created})`;
}

export function formatReport(report: RunReport): string {
  const table = newTable({ head: ['run', 'mode', 'status', 'scanned', 'created', 'updated', 'unchanged', 'archived', 'failed', 'HubSpot calls', 'Sequence calls', 'seconds'] });
  table.push([
    report.id,
    `${report.mode}${report.dryRun ? ' (dry run)' : ''}`,
    report.status,
    report.scanned,
    report.created,
    report.updated,
    report.unchanged,
    report.archived,
    report.failed,
    report.hubspotCalls,
    report.sequenceCalls,
    (report.durationMs / 1000).toFixed(1),
  ]);
  let text = table.toString();
  if (report.outOfScope || (report.scope && report.scope !== 'all')) text += `\n${outOfScopeLine(report)}`;
  const fields = formatFieldCounts(report.fieldCounts);
  if (fields) text += `\nfields ${report.dryRun ? 'that would change' : 'changed'}: ${fields}`;
  if (report.dryRun && report.changes.length) {
    const changes = newTable({ head: ['company', 'customer', 'would change (before → after)'], colWidths: [14, 40, 90], wordWrap: true });
    for (const c of report.changes) changes.push([c.companyId, c.customerId ?? '', c.changes.map(formatChange).join('\n')]);
    text += `\n${changes.toString()}`;
    if (report.updated > report.changes.length) text += `\n(the first ${report.changes.length} of ${report.updated} companies that would be updated)`;
  }
  if (report.dryRun) text += '\n(dry run: counts say what would happen; nothing was written. "failed" companies are invalid and cannot be billed)';
  if (report.error) text += `\nrun error: ${report.error}`;
  if (report.failures.length) {
    const failures = newTable({ head: ['company', 'why it failed'], colWidths: [14, 100], wordWrap: true });
    for (const f of report.failures) failures.push([f.companyId, f.reason]);
    text += `\n${failures.toString()}`;
  }
  const duplicates = report.duplicateCustomers;
  if (duplicates?.count) {
    text += `\n${duplicatesSummary(duplicates.count)}: ` +
      `${duplicates.items.slice(0, 10).map((d) => `${d.companyId} (${d.customerIds.join(', ')})`).join('; ')}${duplicates.count > 10 ? '; …' : ''}. ` +
      'crm-sequence-sync status shows which one is kept in step; archive the others in Sequence.';
  }
  return text;
}
