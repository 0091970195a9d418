/**
 * The composition root: builds the connections, clients and stores from the config, once, and closes
 * them in order. The worker, the HTTP server and the CLI commands all start from here.
 */
import { hostname } from 'node:os';
import type { RedisClient } from './redis/client';
import type { Config } from '../config';
import { HubSpotApi } from './hubspot/client';
import { HubSpotGateway } from './hubspot/gateway';
import { HubSpotWrites } from './hubspot/writes';
import { currentCallTally } from './limits/call-tally';
import type { CallInfo } from './limits/guarded-call';
import { RateLimiter, rateLimitSpecsFromConfig, type LimitedApi } from './limits/rate-limiter';
import type { Logger } from './logger';
import { createRedis } from './queue/connection';
import { openQueues, type Queues } from './queue/queues';
import { SequenceClient } from './sequence/client';
import { CustomerIndex } from './sequence/customer-index';
import { LinkStore } from './sequence/links';
import { CompanyLocks } from './sync/company-lock';
import { FailureIndex } from './sync/failures';
import { WriteBackStatusStore } from './writeback/status';
import { HubSpotWriteBack, type WriteBackOutcome } from './writeback/write-back';

export interface ServiceHooks {
  onCall?: (info: CallInfo) => void;
  onRateLimitWait?: (api: LimitedApi, ms: number, reason: 'spacing' | 'pause') => void;
  onWriteBack?: (outcome: WriteBackOutcome, companies: number) => void;
}

export interface Services {
  config: Config;
  logger: Logger;
  /** Connection for our own keys and for BullMQ workers (retries forever). */
  redis: RedisClient;
  /** Fail-fast connection for producers (queues). */
  producerRedis: RedisClient;
  queues: Queues;
  limiter: RateLimiter;
  sequence: SequenceClient;
  gateway: HubSpotGateway;
  links: LinkStore;
  index: CustomerIndex;
  failures: FailureIndex;
  locks: CompanyLocks;
  /** The billing write-back to HubSpot (HUBSPOT_WRITE_BACK); undefined when it is off. */
  writeBack?: HubSpotWriteBack;
  close(timeoutMs?: number): Promise<boolean>;
}

export function createServices(config: Config, logger: Logger, hooks: ServiceHooks = {}): Services {
  const prefix = config.redis.prefix;
  const redis = createRedis(config.redis, 'worker');
  const producerRedis = createRedis(config.redis, 'producer');
  for (const [name, connection] of [['redis', redis], ['producer', producerRedis]] as const) {
    connection.on('error', (err: Error) => logger.warn({ connection: name, err: err.message }, 'redis connection error'));
  }
  const limiter = new RateLimiter({
    redis,
    keyPrefix: prefix,
    specs: rateLimitSpecsFromConfig(config.limits),
    backoffBaseMs: config.limits.rateLimitBackoffMs,
    onWait: hooks.onRateLimitWait,
  });
  const onCall = (info: CallInfo) => {
    currentCallTally()?.add(info.service);
    hooks.onCall?.(info);
  };
  const guard = { limiter, maxRateLimitWaitMs: Math.min(config.limits.maxRateLimitWaitMs, 60_000), onCall };
  const sequence = new SequenceClient({ ...config.sequence, guard });
  const hubspotApi = HubSpotApi.fromConfig(config.hubspot);
  const gateway = new HubSpotGateway(hubspotApi, { guard, retryBaseMs: 250 });
  const links = new LinkStore(redis, prefix);
  const writeBack = config.hubspot.writeBack
    ? new HubSpotWriteBack({
        writes: new HubSpotWrites(hubspotApi, { guard }),
        links,
        status: new WriteBackStatusStore(redis, prefix),
        logger,
        worker: `${hostname()}:${process.pid}`,
        onOutcome: hooks.onWriteBack,
      })
    : undefined;
  const queues = openQueues(producerRedis, prefix, config.worker.attempts, (err) => logger.warn({ err: err.message }, 'queue connection error'));
  return {
    config,
    logger,
    redis,
    producerRedis,
    queues,
    limiter,
    sequence,
    gateway,
    links,
    index: new CustomerIndex(redis, prefix, sequence),
    failures: new FailureIndex(redis, prefix),
    locks: new CompanyLocks(redis, prefix, config.worker.lockTtlMs),
    writeBack,
    /** Closes every connection; one that does not close in `timeoutMs` (Redis not answering) is dropped. Resolves true if all closed cleanly. */
    async close(timeoutMs = 2_000) {
      const graceful = async () => {
        // Write-backs left running in the background by finished jobs.
        await writeBack?.idle(timeoutMs / 2);
        await queues.close().catch(() => undefined);
        await sequence.close().catch(() => undefined);
        await Promise.all([redis.quit().catch(() => redis.disconnect()), producerRedis.quit().catch(() => producerRedis.disconnect())]);
      };
      let timer: NodeJS.Timeout | undefined;
      const clean = await Promise.race([graceful().then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))]);
      clearTimeout(timer);
      if (!clean) {
        redis.disconnect();
        producerRedis.disconnect();
        // Out of time: close() would wait for requests in flight (a job still waiting on Sequence).
        await sequence.destroy().catch(() => undefined);
      }
      return clean;
    },
  };
}
