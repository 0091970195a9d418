/**
 * `crm-sequence-sync status [--json]`: the settings in force that decide what is synced and written
 * (BILLING_SCOPE, HUBSPOT_WRITE_BACK), queues, runs, rate limits and the failure index, as tables or JSON.
 */
import { table as newTable } from '../table';
import { connectForCommand } from '../../queue/connection';
import { openQueues } from '../../queue/queues';
import { RateLimiter, rateLimitSpecsFromConfig } from '../../limits/rate-limiter';
import { duplicatesSummary } from '../../sequence/customer-index';
import { collectStatus, type StatusReport } from '../../status/collect';
import { FailureIndex } from '../../sync/failures';
import { EXIT, loadCommandConfig } from '../runtime';

export async function runStatus(options: { json?: boolean; limit?: number }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const config = loadCommandConfig();
  const redis = await connectForCommand(config.redis);
  const queues = openQueues(redis, config.redis.prefix, config.worker.attempts);
  try {
    const status = await collectStatus({
      redis,
      queues,
      prefix: config.redis.prefix,
      failures: new FailureIndex(redis, config.redis.prefix),
      limiter: new RateLimiter({ redis, keyPrefix: config.redis.prefix, specs: rateLimitSpecsFromConfig(config.limits) }),
      scope: config.scope,
      writeBackOn: config.hubspot.writeBack,
    });
    out.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatus(status, options.limit ?? 20)}\n`);
    return EXIT.ok;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

/**
 * The write-back's state: off (HUBSPOT_WRITE_BACK=false), or a missing scope first (syncing goes on
 * without it), then what was written. `on` is the setting, when known.
 */
export function formatWriteBack(w: StatusReport['writeBack'], on?: boolean): string | undefined {
  if (on === false) return 'HubSpot write-back: off (HUBSPOT_WRITE_BACK=false): HubSpot is only read, companies do not show their billing state.';
  if (!w) return on ? 'HubSpot write-back: on, nothing written yet.' : undefined;
  const lines: string[] = [];
  if (w.missingScopes) {
    lines.push(
      `!! HubSpot write-back: the token lacks ${w.missingScopes.scopes.join(', ')} (seen at ${w.missingScopes.at} by ${w.missingScopes.worker ?? '?'}). ` +
        'Companies are still synced to Sequence, but HubSpot does not show their billing state. Grant the scopes (crm-sequence-sync check says how) or set HUBSPOT_WRITE_BACK=false.',
    );
  }
  const errors = w.errors ? `, ${w.errors} error${w.errors === 1 ? '' : 's'}${w.lastError ? ` (last at ${w.lastError.at}: ${w.lastError.message})` : ''}` : '';
  lines.push(`HubSpot write-back: ${w.companiesWritten} compan${w.companiesWritten === 1 ? 'y' : 'ies'} written${errors}.`);
  return lines.join('\n');
}

export function formatStatus(s: StatusReport, failureLimit: number): string {
  const parts: string[] = [];
  for (const a of s.authFailures) {
    parts.push(`!! ${a.service} refused the credentials (${a.status ?? '?'}) at ${a.at}: worker ${a.worker ?? '?'} stopped taking jobs. Fix the credentials and restart it.`);
  }
  const writeBack = formatWriteBack(s.writeBack, s.writeBackOn);
  if (writeBack) parts.push(writeBack);

  if (s.scope) {
    parts.push(
      `Billing scope: BILLING_SCOPE=${s.scope.setting} (${s.scope.description}). Customers are created for these companies only; companies already linked keep being updated whatever their scope.`,
    );
  }
  const queues = newTable({ head: ['queue', 'waiting', 'active', 'delayed', 'failed', 'completed', 'workers'] });
  for (const [name, c] of Object.entries(s.queues)) {
    queues.push([name, (c.waiting ?? 0) + (c.prioritized ?? 0), c.active ?? 0, c.delayed ?? 0, c.failed ?? 0, c.completed ?? 0, name === 'sync' ? s.workers.sync : s.workers.reconcile]);
  }
  parts.push(`Queues (prefix ${s.prefix})\n${queues.toString()}`);
  const pending = Object.entries(s.pending).map(([kind, p]) => `${kind} ${p.waiting}${p.inflight ? ` (+${p.inflight} being queued)` : ''}`);
  parts.push(`Webhook changes waiting: ${pending.join(', ')}`);

  for (const missing of s.schedules.filter((x) => x.missing)) {
    parts.push(`!! The ${missing.mode} reconciliation schedule (${missing.id}) is missing from Redis: no ${missing.mode} reconciliation will run. A running worker re-creates it within SCHEDULE_REASSERT_MS (unless started with --no-schedules); restarting a worker also does.`);
  }
  const schedules = newTable({ head: ['schedule', 'cron', 'time zone', 'next run'] });
  for (const x of s.schedules) schedules.push([x.mode, x.pattern ?? '-', x.tz ?? '-', x.missing ? 'MISSING' : (x.nextRunAt ?? '-')]);
  parts.push(schedules.toString());

  if (s.running.length) {
    const running = newTable({ head: ['running run', 'mode', 'started', 'scanned', 'done', 'phase'] });
    for (const r of s.running) running.push([r.runId, r.mode, r.startedAt, r.scanned, r.completed, r.listingDone ? 'syncing' : 'listing']);
    parts.push(running.toString());
  } else parts.push('No reconciliation running.');

  if (s.lastReports.length) {
    const reports = newTable({ head: ['last runs', 'mode', 'status', 'ended', 'scanned', 'created', 'updated', 'unchanged', 'archived', 'failed', 'out of scope'] });
    for (const r of s.lastReports) reports.push([r.id, `${r.mode}${r.dryRun ? ' (dry)' : ''}`, r.status, r.endedAt, r.scanned, r.created, r.updated, r.unchanged, r.archived, r.failed, r.outOfScope]);
    parts.push(reports.toString());
  } else parts.push('No reconciliation has run yet.');

  const limits = newTable({ head: ['API', 'paused for', '429s in a row'] });
  for (const l of s.rateLimits) limits.push([l.api, l.pausedForMs ? `${(l.pausedForMs / 1000).toFixed(1)} s` : '-', l.strikes]);
  parts.push(limits.toString());

  if (s.failures.count) {
    const failures = newTable({ head: ['failed company', 'kind', 'since', 'attempts', 'reason'], colWidths: [16, 18, 26, 10, 80], wordWrap: true });
    for (const f of s.failures.items.slice(0, failureLimit)) failures.push([f.companyId, f.kind, f.since, f.attempts, f.reason]);
    parts.push(`Failure index: ${s.failures.count} compan${s.failures.count === 1 ? 'y' : 'ies'}${s.failures.count > failureLimit ? ` (oldest ${failureLimit} shown; --json for all)` : ''}\n${failures.toString()}\nRetry them with: crm-sequence-sync failures retry`);
  } else parts.push('Failure index: empty.');

  if (s.redisKeys.length) {
    const keys = newTable({ head: ['Redis keys under the prefix', 'keys', 'KiB'] });
    for (const k of s.redisKeys) keys.push([k.kind, k.keys, k.bytes === undefined ? '?' : (k.bytes / 1024).toFixed(1)]);
    const total = s.redisKeys.reduce((sum, k) => sum + (k.bytes ?? 0), 0);
    parts.push(`${keys.toString()}
In all ${(total / 1024 / 1024).toFixed(2)} MiB (MEMORY USAGE, every master); what bounds each kind: docs/operations.md, Redis in production.`);
  }

  if (s.duplicateCustomers.count) {
    const { count, items } = s.duplicateCustomers;
    const duplicates = newTable({ head: ['company', 'active customers in Sequence (oldest first)', 'kept in step'] });
    for (const d of items.slice(0, failureLimit)) duplicates.push([d.companyId, d.customerIds.join('\n'), d.linkedCustomerId ?? '-']);
    parts.push(
      `!! ${duplicatesSummary(count)} (found when the customer index was last built)` +
        `${count > failureLimit ? `; ${failureLimit} shown, --json for more` : ''}\n${duplicates.toString()}\n` +
        'Archive the customers not kept in step in Sequence (move any invoices first); the next full reconciliation clears this list.',
    );
  }
  return parts.join('\n\n');
}
