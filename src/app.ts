/**
 * The running service: sync and reconcile workers, the reconciliation schedules (re-asserted
 * regularly), the drainer that turns pending webhook changes into jobs, and the HTTP server. Started
 * by `crm-sequence-sync worker` (and the demo); stopped in the order that loses nothing:
 *   stop accepting webhooks → stop draining → close HTTP → let active jobs finish → close connections.
 * Every step is bounded in time, so shutdown ends even while Redis does not answer; what a step
 * left behind is logged.
 */
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { describeApiVersion } from './hubspot/api-version';
import { buildAdminServer, buildHttpServer, type ReadinessReport } from './http/server';
import { countryIndex, countryIndexReady, useCountryIndex } from './mappers/country';
import { prepareCountryIndex } from './mappers/country-snapshot';
import { assertFitForWorkers } from './redis/requirements';
import type { Metrics } from './metrics/metrics';
import { RunStore } from './reconcile/runs';
import { ScheduleKeeper, upsertReconcileSchedules } from './reconcile/schedules';
import type { Services } from './services';
import { PendingDrainer } from './triggers/drainer';
import { PendingChanges } from './triggers/pending';
import { RedisWebhookSink } from './triggers/webhook-sink';
import { ActiveJobs } from './workers/active-jobs';
import { startReconcileWorker } from './workers/reconcile-worker';
import { startSyncWorker, type RunningSyncWorker } from './workers/sync-worker';

export interface AppOptions {
  /** Serve HTTP (webhooks, probes, metrics, dashboard) on this port; undefined = no HTTP server. */
  port?: number;
  host?: string;
  schedules?: boolean;
  /** Turn pending webhook changes into jobs in this process (default true). */
  drainPending?: boolean;
  concurrency?: number;
  /** Metrics to feed and serve; create it before the services and pass its hooks to createServices. */
  metrics?: Metrics;
  /** The caller already ran `assertFitForWorkers` (the worker command does, before it records the accounts). */
  redisChecked?: boolean;
}

export interface App {
  sync: RunningSyncWorker;
  reconcile: Worker;
  http?: FastifyInstance;
  /** The HTTP server's address, once listening. */
  url?: string;
  /** The dashboard's own server, when ADMIN_PORT (and ADMIN_PASSWORD) are set. */
  admin?: FastifyInstance;
  adminUrl?: string;
  readiness(): Promise<ReadinessReport>;
  /** Stops everything; active jobs get up to `timeoutMs` to finish. Resolves true if they did. */
  close(timeoutMs?: number): Promise<boolean>;
}

export async function startApp(services: Services, options: AppOptions = {}): Promise<App> {
  const { config, logger } = services;
  // Refused before any job is taken: an evicting Redis loses locks, a cluster without a hash tag cannot run a queue.
  if (!options.redisChecked) for (const warning of await assertFitForWorkers(services.redis, config.redis.prefix)) logger.warn(warning);
  const hubspotVersion = describeApiVersion(config.hubspot.apiVersion);
  if (hubspotVersion.warning) logger.warn({ hubspotApiVersion: hubspotVersion.version, tested: hubspotVersion.tested }, hubspotVersion.warning);
  // Ready before the workers start, so that no job pays for it: from a snapshot when one matches.
  if (countryIndexReady()) {
    logger.info({ ms: 0, names: countryIndex().names, source: 'memory' }, 'country index loaded');
  } else {
    const prepared = prepareCountryIndex(config.env.COUNTRY_INDEX_CACHE);
    for (const problem of prepared.problems) logger.warn({ file: prepared.file }, problem);
    useCountryIndex(prepared.index);
    const fields = { ms: Math.round(prepared.index.buildMs), names: prepared.index.names, file: prepared.file };
    if (prepared.source === 'loaded') logger.info({ ...fields, source: 'snapshot' }, 'country index loaded');
    else logger.info({ ...fields, source: 'live' }, 'country index built');
  }
  // The write-back's properties are created in the background: no job waits for HubSpot here.
  void services.writeBack?.prepare();
  const pending = new PendingChanges(services.redis, config.redis.prefix);
  const { metrics } = options;
  metrics?.watch({ queues: services.queues, runs: new RunStore(services.redis, config.redis.prefix) });
  const activeJobs = new ActiveJobs();
  const sync = await startSyncWorker(services, { concurrency: options.concurrency, onOutcome: metrics?.onOutcome, activeJobs });
  const reconcile = startReconcileWorker(services, metrics?.onOutcome, activeJobs);
  await reconcile.waitUntilReady();
  let keeper: ScheduleKeeper | undefined;
  if (options.schedules !== false) {
    const schedules = { incrementalCron: config.env.RECONCILE_CRON, fullCron: config.env.FULL_RECONCILE_CRON, tz: config.env.RECONCILE_TZ };
    const removed = await upsertReconcileSchedules(services.queues.reconcile, schedules);
    if (removed.length) logger.warn({ removedOrphanRuns: removed }, 'reconciliation schedule was missing from Redis; restored');
    keeper = new ScheduleKeeper(services.queues.reconcile, schedules, logger, config.env.SCHEDULE_REASSERT_MS);
    keeper.start();
  }
  const drainer = new PendingDrainer(pending, services.queues, logger, { debounceMs: config.env.WEBHOOK_DEBOUNCE_MS, batchSize: config.worker.batchSize });
  if (options.drainPending !== false) drainer.start();

  let accepting = true;
  const readiness = async (): Promise<ReadinessReport> => {
    const redisOk = await pingWithin(services, 1000);
    const workerOk = sync.worker.isRunning() && !sync.authFailure;
    const checks: ReadinessReport['checks'] = {
      redis: { ok: redisOk, ...(redisOk ? {} : { detail: 'Redis does not answer' }) },
      worker: {
        ok: workerOk,
        ...(workerOk ? {} : { detail: sync.authFailure ? `${sync.authFailure.service} refused our credentials` : 'worker is not running' }),
      },
      accepting: { ok: accepting, ...(accepting ? {} : { detail: 'shutting down' }) },
    };
    return { ready: redisOk && workerOk && accepting, checks };
  };

  let http: FastifyInstance | undefined;
  let url: string | undefined;
  if (options.port !== undefined) {
    http = await buildHttpServer({
      config,
      logger,
      redis: services.redis,
      sink: new RedisWebhookSink(pending, services.queues),
      readiness,
      metrics: metrics?.source(),
      adminQueues: [services.queues.sync, services.queues.reconcile],
      accepting: () => accepting,
      onWebhook: metrics?.onWebhook,
    });
    url = await http.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
    logger.info({ url }, 'http server listening');
  }

  let admin: FastifyInstance | undefined;
  let adminUrl: string | undefined;
  const adminPort = config.env.ADMIN_PORT;
  if (options.port !== undefined && adminPort !== undefined) {
    admin = await buildAdminServer({ config, logger, redis: services.redis, adminQueues: [services.queues.sync, services.queues.reconcile] });
    if (admin) {
      try {
        adminUrl = await admin.listen({ port: adminPort, host: options.host ?? '0.0.0.0' });
      } catch (err) {
        await http?.close();
        throw err;
      }
      logger.info({ url: adminUrl }, 'dashboard listening on ADMIN_PORT (not on the public port)');
    }
  }

  return {
    sync,
    reconcile,
    http,
    url,
    admin,
    adminUrl,
    readiness,
    async close(timeoutMs = config.worker.shutdownTimeoutMs) {
      accepting = false;
      // Intake stops while active jobs finish; each wait is bounded, since each may be waiting on Redis
      // (a drain pass, a schedule upsert, webhook requests being stored, a job's own Redis calls).
      const [drainerStopped, scheduleStopped, httpClosed, finished] = await Promise.all([
        within(drainer.stop(), INTAKE_STOP_MS),
        within(keeper?.stop() ?? Promise.resolve(), INTAKE_STOP_MS),
        within(Promise.all([http?.close(), admin?.close()]), INTAKE_STOP_MS),
        within(Promise.all([sync.close(), reconcile.close()]), timeoutMs),
      ]);
      const unfinished = finished ? [] : activeJobs.list();
      let forced = true;
      if (!finished) {
        // Jobs still running are left to BullMQ: their locks expire and another worker retries them.
        forced = await within(Promise.all([sync.worker.close(true), reconcile.close(true)]).catch(() => undefined), FORCE_CLOSE_MS);
      }
      const leftBehind = {
        ...(finished ? {} : { activeJobs: unfinished }),
        ...(drainerStopped ? {} : { drainer: 'a drain pass was still waiting on Redis: webhook changes it had claimed are put back by a worker after 60 s' }),
        ...(scheduleStopped ? {} : { schedules: 'a schedule re-assertion was still waiting for Redis' }),
        ...(httpClosed ? {} : { http: 'webhook requests were still open; HubSpot retries those it got no answer for' }),
        ...(forced ? {} : { workers: 'the workers did not close their Redis connections' }),
      };
      if (Object.keys(leftBehind).length) logger.warn({ timeoutMs, ...leftBehind }, 'shutdown left work behind');
      return finished;
    },
  };
}

/** How long stopping the drainer, the schedule keeper and the HTTP server may take. */
const INTAKE_STOP_MS = 5_000;
/** How long closing the workers without waiting for their jobs may take. */
const FORCE_CLOSE_MS = 2_000;

async function pingWithin(services: Services, ms: number): Promise<boolean> {
  try {
    return (await within(services.redis.ping(), ms)) && true;
  } catch {
    return false;
  }
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
