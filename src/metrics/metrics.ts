/**
 * Prometheus metrics (prom-client), one registry per running app so tests can read exact counts.
 * Counters are fed by hooks (API calls, rate-limit waits, company outcomes, webhooks); queue depth
 * and the age of the last reconciliation are read from Redis when /metrics is scraped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queues } from '../queue/queues';
import type { RunStore } from '../reconcile/runs';
import { readSchedules } from '../reconcile/schedules';
import type { CallInfo } from '../limits/guarded-call';
import type { LimitedApi } from '../limits/rate-limiter';
import type { CompanyResult, SyncSource } from '../queue/payloads';

const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

export class Metrics {
  readonly registry = new Registry();
  readonly companies: Counter<'action' | 'source'>;
  readonly apiCalls: Counter<'service' | 'route' | 'status'>;
  readonly rateLimitWaits: Counter<'api' | 'reason'>;
  readonly rateLimitWaitSeconds: Counter<'api' | 'reason'>;
  readonly syncDuration: Histogram<'action'>;
  readonly webhooks: Counter<'status'>;
  readonly webhookEvents: Counter;
  readonly writeBack: Counter<'outcome'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'crm_' });
    this.companies = new Counter({
      name: 'crm_sync_companies_total',
      help: 'Company sync outcomes (created, updated, unchanged, failed, skipped, archived, out-of-scope) by trigger',
      labelNames: ['action', 'source'],
      registers,
    });
    this.apiCalls = new Counter({
      name: 'crm_api_calls_total',
      help: 'Calls to HubSpot and Sequence by route and HTTP status (or timeout / network-error)',
      labelNames: ['service', 'route', 'status'],
      registers,
    });
    this.rateLimitWaits = new Counter({
      name: 'crm_rate_limit_waits_total',
      help: 'Times a call waited for a rate limit',
      labelNames: ['api', 'reason'],
      registers,
    });
    this.rateLimitWaitSeconds = new Counter({
      name: 'crm_rate_limit_wait_seconds_total',
      help: 'Time spent waiting for rate limits',
      labelNames: ['api', 'reason'],
      registers,
    });
    this.syncDuration = new Histogram({
      name: 'crm_sync_duration_seconds',
      help: 'Time to map and upsert one company',
      labelNames: ['action'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.webhooks = new Counter({ name: 'crm_webhook_requests_total', help: 'Webhook requests by answer status', labelNames: ['status'], registers });
    this.webhookEvents = new Counter({ name: 'crm_webhook_events_total', help: 'Webhook events received in accepted requests', registers });
    this.writeBack = new Counter({
      name: 'crm_hubspot_write_back_companies_total',
      help: 'Companies whose billing state was written back to HubSpot (written), already there (unchanged), not written (skipped: missing scope, company gone) or lost to an error (failed)',
      labelNames: ['outcome'],
      registers,
    });
  }

  /** Adds the gauges read from Redis at scrape time. */
  watch({ queues, runs }: { queues: Queues; runs: RunStore }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'crm_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const queue of [queues.sync, queues.reconcile]) {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'crm_last_successful_reconcile_age_seconds',
      help: 'Seconds since the last reconciliation that finished without a run error (absent until one has)',
      labelNames: ['mode'],
      registers,
      async collect() {
        this.reset();
        const reports = await runs.reports();
        for (const mode of ['full', 'incremental'] as const) {
          const last = reports.find((r) => r.mode === mode && r.status === 'finished' && !r.dryRun);
          if (last) this.set({ mode }, (Date.now() - Date.parse(last.endedAt)) / 1000);
        }
      },
    });
    new Gauge({
      name: 'crm_reconcile_schedule_next_run_seconds',
      help: 'Seconds until the next scheduled reconciliation, per schedule (absent while the schedule is missing)',
      labelNames: ['schedule'],
      registers,
      async collect() {
        this.reset();
        for (const s of await readSchedules(queues.reconcile)) if (s.nextRunAt) this.set({ schedule: s.mode }, Math.max(0, (Date.parse(s.nextRunAt) - Date.now()) / 1000));
      },
    });
    new Gauge({
      name: 'crm_reconcile_schedule_missing',
      help: '1 when a reconciliation schedule is missing from Redis (workers re-create it within SCHEDULE_REASSERT_MS)',
      labelNames: ['schedule'],
      registers,
      async collect() {
        for (const s of await readSchedules(queues.reconcile)) this.set({ schedule: s.mode }, s.missing ? 1 : 0);
      },
    });
  }

  onCall = (info: CallInfo): void => {
    this.apiCalls.inc({ service: info.service, route: info.route, status: String(info.outcome) });
  };

  onRateLimitWait = (api: LimitedApi, ms: number, reason: 'spacing' | 'pause'): void => {
    this.rateLimitWaits.inc({ api, reason });
    this.rateLimitWaitSeconds.inc({ api, reason }, ms / 1000);
  };

  onOutcome = (result: CompanyResult, meta: { durationMs: number; source: SyncSource }): void => {
    this.companies.inc({ action: result.action, source: meta.source });
    this.syncDuration.observe({ action: result.action }, meta.durationMs / 1000);
  };

  onWriteBack = (outcome: 'written' | 'unchanged' | 'skipped' | 'failed', companies: number): void => {
    if (companies > 0) this.writeBack.inc({ outcome }, companies);
  };

  onWebhook = (outcome: { status: number; events: number }): void => {
    this.webhooks.inc({ status: String(outcome.status) });
    if (outcome.status < 300) this.webhookEvents.inc(outcome.events);
  };

  /** For the HTTP route. */
  source() {
    return { contentType: this.registry.contentType, render: () => this.registry.metrics() };
  }
}
