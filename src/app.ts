/**
 * The running service: sync and reconcile workers, the reconciliation schedules, the drainer that
 * turns pending webhook changes into jobs, and the HTTP server. Started by `crm-sequence-sync
 * worker` (and the demo); stopped in the order that loses nothing:
 *   stop accepting webhooks → stop draining → close HTTP → let active jobs finish → close connections.
 */
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { describeApiVersion } from './hubspot/api-version';
import { buildHttpServer, type ReadinessReport } from './http/server';
import type { Metrics } from './metrics/metrics';
import { RunStore } from './reconcile/runs';
import { upsertReconcileSchedules } from './reconcile/schedules';
import type { Services } from './services';
import { PendingDrainer } from './triggers/drainer';
import { PendingChanges } from './triggers/pending';
import { RedisWebhookSink } from './triggers/webhook-sink';
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
}

export interface App {
  sync: RunningSyncWorker;
  reconcile: Worker;
  http?: FastifyInstance;
  /** The HTTP server's address, once listening. */
  url?: string;
  readiness(): Promise<ReadinessReport>;
  /** Stops everything; active jobs get up to `timeoutMs` to finish. Resolves true if they did. */
  close(timeoutMs?: number): Promise<boolean>;
}

export async function startApp(services: Services, options: AppOptions = {}): Promise<App> {
  const { config, logger } = services;
  const hubspotVersion = describeApiVersion(config.hubspot.apiVersion);
  if (hubspotVersion.warning) logger.warn({ hubspotApiVersion: hubspotVersion.version, tested: hubspotVersion.tested }, hubspotVersion.warning);
  const pending = new PendingChanges(services.redis, config.redis.prefix);
  const { metrics } = options;
  metrics?.watch({ queues: services.queues, runs: new RunStore(services.redis, config.redis.prefix) });
  const sync = await startSyncWorker(services, { concurrency: options.concurrency, onOutcome: metrics?.onOutcome });
  const reconcile = startReconcileWorker(services, metrics?.onOutcome);
  await reconcile.waitUntilReady();
  if (options.schedules !== false) {
    await upsertReconcileSchedules(services.queues.reconcile, {
      incrementalCron: config.env.RECONCILE_CRON,
      fullCron: config.env.FULL_RECONCILE_CRON,
      tz: config.env.RECONCILE_TZ,
    });
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

  return {
    sync,
    reconcile,
    http,
    url,
    readiness,
    async close(timeoutMs = config.worker.shutdownTimeoutMs) {
      accepting = false;
      await drainer.stop();
      await http?.close();
      const finished = await within(Promise.all([sync.close(), reconcile.close()]), timeoutMs);
      if (!finished) {
        // Jobs still running are left to BullMQ: their locks expire and another worker retries them.
        await within(Promise.all([sync.worker.close(true), reconcile.close(true)]).catch(() => undefined), 5_000);
      }
      return finished;
    },
  };
}

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
