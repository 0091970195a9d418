/** Schedules and runs when several instances start at once: one schedule each, one run per mode at a time. */
import { startApp, type App } from '../../src/app';
import { createServices } from '../../src/services';
import { JOB } from '../../src/queue/names';
import { RunStore } from '../../src/reconcile/runs';
import { SCHEDULER_ID } from '../../src/reconcile/schedules';
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
