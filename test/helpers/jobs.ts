/** Runs sync jobs against a stack's queue and waits for their results. */
import { QueueEvents } from 'bullmq';
import type { RedisClient } from '../../src/redis/client';
import { createRedis } from '../../src/queue/connection';
import { QUEUE } from '../../src/queue/names';
import { awaitCompanyResults, requestRunId } from '../../src/queue/company-results';
import type { CompanyResult } from '../../src/queue/payloads';
import { RunStore } from '../../src/reconcile/runs';
import { addSyncJob } from '../../src/queue/queues';
import { startApp, type App, type AppOptions } from '../../src/app';
import { startStack, type StackOptions, type TestStack } from './stack';

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

  /** Each company's result, as `sync --wait` gets it (kept under a run id of the request, then dropped). */
  async sync(companyIds: string[], extra: { force?: boolean; dryRun?: boolean } = {}, timeoutMs = 60_000): Promise<CompanyResult[]> {
    const runId = requestRunId('test');
    const job = await addSyncJob(this.stack.services.queues, { companyIds, source: 'cli', runId, keepResults: true, ...extra });
    const runs = new RunStore(this.stack.services.redis, this.stack.prefix);
    const results = await awaitCompanyResults(job, this.events, (id, ids) => runs.companyResults(id, ids), timeoutMs);
    await runs.forget(runId);
    return results;
  }

  async close(): Promise<void> {
    await this.events.close();
    this.connection.disconnect();
  }
}

/** A stack with the app running (sync and reconcile workers; by default no schedules and no HTTP) and a JobRunner on it. */
export interface RunningStack {
  stack: TestStack;
  app: App;
  jobs: JobRunner;
  close(): Promise<void>;
}

export async function startRunningStack(options: StackOptions = {}, appOptions: AppOptions = { schedules: false }): Promise<RunningStack> {
  const stack = await startStack(options);
  const app = await startApp(stack.services, appOptions);
  const jobs = await JobRunner.open(stack);
  return {
    stack,
    app,
    jobs,
    close: async () => {
      await jobs.close();
      await app.close();
      await stack.close();
    },
  };
}
