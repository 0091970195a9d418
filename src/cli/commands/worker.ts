/**
 * `crm-sequence-sync worker`: runs the sync worker until SIGINT/SIGTERM, then closes cleanly: stops
 * taking jobs, lets active ones finish (up to SHUTDOWN_TIMEOUT_MS), closes every connection.
 */
import { startApp } from '../../app';
import { Metrics } from '../../metrics/metrics';
import { sleep } from '../../limits/rate-limiter';
import { resolveRedisSettings } from '../../redis/topology';
import { ensureAccounts } from '../../accounts/guard';
import { createRedisClient } from '../../redis/client';
import { assertFitForWorkers } from '../../redis/requirements';
import { createServices } from '../../services';
import { loadCommandConfig, commandLogger, EXIT } from '../runtime';

export interface WorkerCommandOptions {
  concurrency?: number;
  /** false with --no-http. */
  http?: boolean;
  /** false with --no-schedules. */
  schedules?: boolean;
}

export async function runWorker(options: WorkerCommandOptions): Promise<number> {
  const loaded = loadCommandConfig(['hubspot', 'sequence']);
  const logger = commandLogger(loaded);
  // One server or a cluster: REDIS_CLUSTER_NODES, or the server says cluster_enabled:1. A worker would
  // wait for Redis anyway; it waits here until Redis says which it is.
  let redis = await resolveRedisSettings(loaded.redis);
  while (!redis.topology) {
    logger.warn({ retryInMs: 2_000 }, 'Redis does not answer yet; waiting for it before starting');
    await sleep(2_000);
    redis = await resolveRedisSettings(loaded.redis);
  }
  const config = { ...loaded, redis };
  // Refused before anything is written (an evicting Redis, a cluster prefix without a hash tag: exit 2),
  // on a connection of its own: the services' queues write their meta keys as soon as they are made.
  const probe = createRedisClient(redis, 'producer', { enableOfflineQueue: true });
  try {
    for (const warning of await assertFitForWorkers(probe, config.redis.prefix)) logger.warn(warning);
  } finally {
    probe.disconnect();
  }
  const metrics = new Metrics();
  const services = createServices(config, logger, { onCall: metrics.onCall, onRateLimitWait: metrics.onRateLimitWait, onWriteBack: metrics.onWriteBack });
  try {
    // The prefix's links and indexes belong to the accounts that made them: refuse others (exit 2).
    const accounts = await ensureAccounts(config, services.redis, (message, fields) => logger.warn(fields, message));
    logger.info({ prefix: config.redis.prefix, sequenceAccount: accounts.recorded.sequence, hubspotPortalId: accounts.recorded.hubspotPortalId }, 'accounts verified');
  } catch (error) {
    await services.close();
    throw error;
  }
  const app = await startApp(services, {
    redisChecked: true,
    metrics,
    concurrency: options.concurrency,
    port: options.http === false ? undefined : config.http.port,
    schedules: options.schedules,
  });
  logger.info({ prefix: config.redis.prefix, concurrency: options.concurrency ?? config.worker.concurrency, http: app.url, ...(app.adminUrl ? { dashboard: app.adminUrl } : {}) }, 'worker started');

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal, timeoutMs: config.worker.shutdownTimeoutMs }, 'shutting down: finishing active jobs');
  const finished = await app.close(config.worker.shutdownTimeoutMs);
  if (!finished) logger.warn('active jobs did not finish in time; they will be picked up again by another worker');
  const closed = await services.close();
  if (!closed) logger.warn('Redis did not answer; its connections were dropped instead of closed');
  logger.info({ finished, closed }, 'worker stopped');
  return EXIT.ok;
}
