/** Schedules and runs when several instances start at once: one schedule each, one run per mode at a time; schedules after Redis loses its data. */
import { spawnSync } from 'node:child_process';
import { startApp, type App } from '../../src/app';
import { formatStatus } from '../../src/cli/commands/status';
import { Metrics } from '../../src/metrics/metrics';
import { collectStatus } from '../../src/status/collect';
import { createServices } from '../../src/services';
import { JOB } from '../../src/queue/names';
import { RunStore } from '../../src/reconcile/runs';
import { readSchedules, ScheduleKeeper, SCHEDULER_ID, upsertReconcileSchedules } from '../../src/reconcile/schedules';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';
import { seedBillable, startStack, waitFor, type TestStack } from '../helpers/stack';

describe('several instances', () => {
  let stack: TestStack;
  const apps: App[] = [];
  const extraServices: ReturnType<typeof createServices>[] = [];

  beforeAll(async () => {
    stack = await startStack({ env: { RECONCILE_CRON: '*/5 * * * *', FULL_RECONCILE_CRON: '30 2 * * *' } });
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all(extraServices.map((s) => s.close()));
    await stack.close();
  });

  it('three instances starting at once register each schedule once', async () => {
    const services = [stack.services, createServices(stack.config, stack.logger), createServices(stack.config, stack.logger)];
    extraServices.push(services[1]!, services[2]!);
    apps.push(...(await Promise.all(services.map((s) => startApp(s, { schedules: true })))));
    const schedulers = await stack.services.queues.reconcile.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([SCHEDULER_ID.full, SCHEDULER_ID.incremental].sort());
    expect(schedulers.find((s) => s.key === SCHEDULER_ID.incremental)?.pattern).toBe('*/5 * * * *');
    // One job waits for the next tick of each schedule, not one per instance.
    const delayed = await stack.services.queues.reconcile.getDelayed();
    expect(delayed).toHaveLength(2);
  });

  it('two runs of the same mode queued at once: one runs, the other is skipped and names it', async () => {
    seedBillable(stack, 30);
    stack.sequence.faults.latencyMs = 30; // the first run is still going when the second job is picked up
    const runs = new RunStore(stack.services.redis, stack.prefix);
    const [a, b] = await Promise.all([
      stack.services.queues.reconcile.add(JOB.reconcile, { mode: 'full', requestedBy: 'test' }, { jobId: 'double-a' }),
      stack.services.queues.reconcile.add(JOB.reconcile, { mode: 'full', requestedBy: 'test' }, { jobId: 'double-b' }),
    ]);
    await waitFor(async () => (await a.getState()) === 'completed' && (await b.getState()) === 'completed', 30_000, 'both jobs done');
    const values = await Promise.all([a, b].map(async (j) => (await stack.services.queues.reconcile.getJob(j.id!))?.returnvalue as Record<string, unknown>));
    const skipped = values.filter((v) => v.skipped === true);
    const ran = values.filter((v) => v.report);
    expect(skipped).toHaveLength(1);
    expect(ran).toHaveLength(1);
    expect(['double-a', 'double-b']).toContain(skipped[0]?.activeRunId);
    expect((await runs.reports()).filter((r) => r.id.startsWith('double-'))).toHaveLength(1);
  });
});

/** Schedules live in Redis only: a Redis that loses its data loses them, and the workers put them back. */
describe('schedules after Redis loses its data', () => {
  let redis: PrivateRedis;
  let stack: TestStack;
  let metrics: Metrics;
  let app: App | undefined;
  const schedules = { incrementalCron: '*/5 * * * *', fullCron: '30 2 * * *', tz: 'UTC' };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startStack({ env: { REDIS_URL: redis.url, RECONCILE_CRON: schedules.incrementalCron, FULL_RECONCILE_CRON: schedules.fullCron, SCHEDULE_REASSERT_MS: '300' } });
    metrics = new Metrics({ defaultMetrics: false });
    metrics.watch({ queues: stack.services.queues, runs: new RunStore(stack.services.redis, stack.prefix) });
  });

  afterAll(async () => {
    await app?.close(2_000);
    await stack.services.close();
    await Promise.all([stack.hubspot.close(), stack.sequence.close()]);
    await redis.stop();
  });

  const status = () =>
    collectStatus({ redis: stack.services.redis, queues: stack.services.queues, limiter: stack.services.limiter, failures: stack.services.failures, prefix: stack.prefix });
  const bothPresent = async () => {
    try {
      return (await readSchedules(stack.services.queues.reconcile)).every((s) => !s.missing);
    } catch {
      return false; // Redis still coming back
    }
  };

  it('status and /metrics show each schedule and its next run, and flag a missing one', async () => {
    await upsertReconcileSchedules(stack.services.queues.reconcile, schedules);
    let report = await status();
    expect(report.schedules.map((s) => [s.mode, s.missing, s.pattern])).toEqual([
      ['incremental', false, '*/5 * * * *'],
      ['full', false, '30 2 * * *'],
    ]);
    for (const s of report.schedules) expect(Date.parse(s.nextRunAt!)).toBeGreaterThan(Date.now());
    let text = await metrics.registry.metrics();
    expect(text).toMatch(/crm_reconcile_schedule_next_run_seconds\{schedule="incremental"\} \d/);
    expect(text).toMatch(/crm_reconcile_schedule_next_run_seconds\{schedule="full"\} \d/);

    await stack.services.queues.reconcile.removeJobScheduler(SCHEDULER_ID.full);
    report = await status();
    expect(report.schedules.find((s) => s.mode === 'full')).toEqual({ id: SCHEDULER_ID.full, mode: 'full', missing: true });
    expect(formatStatus(report, 20)).toContain('!! The full reconciliation schedule (reconcile-full) is missing from Redis');
    text = await metrics.registry.metrics();
    expect(text).toContain('crm_reconcile_schedule_missing{schedule="full"} 1');
    expect(text).toContain('crm_reconcile_schedule_missing{schedule="incremental"} 0');
    expect(text).not.toContain('crm_reconcile_schedule_next_run_seconds{schedule="full"}');
  });

  it('a running worker re-creates schedules deleted from Redis, and after Redis restarts empty', async () => {
    await stack.services.queues.reconcile.removeJobScheduler(SCHEDULER_ID.incremental);
    await stack.services.queues.reconcile.removeJobScheduler(SCHEDULER_ID.full);
    app = await startApp(stack.services, { schedules: true });
    await waitFor(bothPresent, 10_000, 'schedules re-created at start');

    await stack.services.queues.reconcile.removeJobScheduler(SCHEDULER_ID.full);
    await waitFor(bothPresent, 10_000, 'deleted schedule re-created');
    await waitFor(() => stack.logs.lines.find((l) => l.msg === 'reconciliation schedule was missing from Redis; restored'), 5_000, 'restored log line');

    // A non-persistent Redis restarts with nothing in it.
    await redis.stop();
    await redis.start();
    expect(spawnRedisKeyCount(redis.port)).toBe(0);
    await waitFor(bothPresent, 30_000, 'schedules back after the restart');
    const report = await status();
    expect(report.schedules.every((s) => !s.missing && s.nextRunAt)).toBe(true);
    // Re-asserting is idempotent: still one waiting job per schedule.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await stack.services.queues.reconcile.getDelayed()).toHaveLength(2);
  }, 60_000);
});

function spawnRedisKeyCount(port: number): number {
  return Number(spawnSync('redis-cli', ['-p', String(port), 'dbsize'], { encoding: 'utf8' }).stdout.trim());
}

/**
 * The partial state (issue 22, item 15): the scheduler's entry is gone but the delayed job of its next
 * run is still in Redis (a partial restore, a key deleted by hand, an eviction). Upserting the
 * scheduler then collides with that job's id, every time.
 */
describe('a schedule whose entry is gone but whose next run is still queued', () => {
  let stack: TestStack;
  const schedules = { incrementalCron: '*/5 * * * *', fullCron: '30 2 * * *', tz: 'UTC' };

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('is repaired by the next re-assertion: one schedule and one next run again', async () => {
    const queue = stack.services.queues.reconcile;
    await upsertReconcileSchedules(queue, schedules);
    const [orphan] = (await queue.getDelayed()).filter((j) => j.id?.startsWith(`repeat:${SCHEDULER_ID.full}:`));
    expect(orphan).toBeDefined();
    // Only the scheduler's own keys go: its next run stays behind.
    const repeatKey = `${stack.prefix}:${queue.name}:repeat`;
    await stack.services.redis.zrem(repeatKey, SCHEDULER_ID.full);
    await stack.services.redis.del(`${repeatKey}:${SCHEDULER_ID.full}`);
    expect(await queue.getJobScheduler(SCHEDULER_ID.full)).toBeUndefined();
    expect(await queue.getJob(orphan!.id!)).toBeDefined();

    const keeper = new ScheduleKeeper(queue, schedules, stack.logger, 60_000);
    await keeper.reassert();

    expect((await readSchedules(queue)).map((s) => [s.id, s.missing])).toEqual([
      [SCHEDULER_ID.incremental, false],
      [SCHEDULER_ID.full, false],
    ]);
    const next = (await queue.getDelayed()).filter((j) => j.id?.startsWith(`repeat:${SCHEDULER_ID.full}:`));
    expect(next).toHaveLength(1);
    expect(stack.logs.lines.filter((l) => l.msg === 'could not re-assert the reconciliation schedules; will retry')).toEqual([]);
    expect(stack.logs.lines.find((l) => l.msg === 'reconciliation schedule was missing from Redis; restored')).toMatchObject({ schedules: [SCHEDULER_ID.full] });
    // And the next pass finds nothing to do.
    await keeper.reassert();
    expect((await queue.getDelayed()).filter((j) => j.id?.startsWith('repeat:'))).toHaveLength(2);
  });
});

