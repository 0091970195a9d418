/** Runs sync jobs against a stack's queue and waits for their results; a stack with the app to send webhooks to. */
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

/**
 * A stack with the app running (sync and reconcile workers, the webhook drainer; by default no
 * schedules and HTTP on a local port) and a JobRunner on it: what suites that run sync jobs or send
 * webhooks share.
 */
export interface RunningStack {
  stack: TestStack;
  app: App;
  jobs: JobRunner;
  /** Where the app takes HubSpot's webhooks (signed with `webhook-secret`); empty without HTTP. */
  url: string;
  close(): Promise<void>;
}

export async function startRunningStack(
  options: StackOptions = {},
  appOptions: AppOptions = { schedules: false, port: 0, host: '127.0.0.1' },
  /** What must be in place before the app's start-up calls (e.g. a fault for the write-back's property creation). */
  beforeStart?: (stack: TestStack) => void,
): Promise<RunningStack> {
  const stack = await startStack({ ...options, env: { WEBHOOK_DEBOUNCE_MS: '100', ...options.env } });
  beforeStart?.(stack);
  const app = await startApp(stack.services, appOptions);
  const jobs = await JobRunner.open(stack);
  return {
    stack,
    app,
    jobs,
    url: app.url ? `${app.url}/webhooks/hubspot` : '',
    close: async () => {
      await jobs.close();
      await app.close();
      await stack.close();
    },
  };
}

/** A running stack for the tests of one describe block: started before them, closed after them. */
export function suiteRunningStack(options: StackOptions = {}, appOptions?: AppOptions): () => RunningStack {
  let running: RunningStack | undefined;
  beforeAll(async () => {
    running = await startRunningStack(options, appOptions);
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('suiteRunningStack: the stack is started in beforeAll');
    return running;
  };
}
