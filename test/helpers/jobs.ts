/** Runs sync jobs against a stack's queue and waits for their results. */
import { QueueEvents } from 'bullmq';
import type { RedisClient } from '../../src/redis/client';
import { createRedis } from '../../src/queue/connection';
import { QUEUE } from '../../src/queue/names';
import { SyncJobResult, type CompanyResult } from '../../src/queue/payloads';
import { addSyncJob } from '../../src/queue/queues';
import type { TestStack } from './stack';

export class JobRunner {
  private constructor(
    private readonly stack: TestStack,
    private readonly events: QueueEvents,
    private readonly connection: RedisClient,
  ) {}

  static async open(stack: TestStack): Promise<JobRunner> {
    const connection = createRedis(stack.config.redis, 'worker');
    const events = new QueueEvents(QUEUE.sync, { connection, prefix: stack.prefix });
    await events.waitUntilReady();
    return new JobRunner(stack, events, connection);
  }

  async sync(companyIds: string[], extra: { force?: boolean; dryRun?: boolean } = {}, timeoutMs = 60_000): Promise<CompanyResult[]> {
    const job = await addSyncJob(this.stack.services.queues, { companyIds, source: 'cli', ...extra });
    return SyncJobResult.parse(await job.waitUntilFinished(this.events, timeoutMs)).results;
  }

  async close(): Promise<void> {
    await this.events.close();
    this.connection.disconnect();
  }
}
