/**
 * Real worker processes: two of them on the same companies at once, one killed with SIGKILL in the
 * middle of a full run and restarted, one stopped with SIGTERM in the middle of a job.
 */
import { JOB } from '../../src/queue/names';
import { RunStore } from '../../src/reconcile/runs';
import { spawnWorker, stopWorker, type WorkerProcess } from '../helpers/processes';
import { seedBillable, startStack, testEnv, waitFor, type TestStack } from '../helpers/stack';

jest.setTimeout(120_000);

describe('worker processes', () => {
  let stack: TestStack;
  const workers: WorkerProcess[] = [];
  const start = (extra: Record<string, string> = {}) => {
    const worker = spawnWorker(testEnv(stack.prefix, stack.hubspot, stack.sequence, { LOG_LEVEL: 'info', ...extra }));
    workers.push(worker);
    return worker;
  };

  beforeEach(async () => {
    stack = await startStack();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => stopWorker(w, 'SIGKILL')));
    await stack.close();
  });

  it('two worker processes syncing the same 200 companies at once make 200 customers, none duplicated', async () => {
    const ids = seedBillable(stack, 200);
    stack.sequence.faults.latencyMs = 5;
    const [a, b] = [start({ WORKER_CONCURRENCY: '2' }), start({ WORKER_CONCURRENCY: '2' })];
    await Promise.all([a!.waitForLine((l) => l.msg === 'worker started'), b!.waitForLine((l) => l.msg === 'worker started')]);
    // Every company is in two jobs, so both processes work on the same companies at the same time.
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < ids.length; i += 50) await stack.services.queues.sync.add(JOB.syncCompanies, { companyIds: ids.slice(i, i + 50), source: 'cli' });
    }
    await waitFor(async () => (await stack.services.queues.sync.getJobCounts('completed')).completed === 8, 60_000, '8 jobs completed');
    expect(stack.sequence.store.count()).toBe(200);
    expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
    // The company lock serialised the two processes: each company was created exactly once, never refused.
    expect(stack.sequence.stats.count({ method: 'POST', route: '/customers' })).toBe(200);
    const byProcess = (w: WorkerProcess) => w.lines.filter((l) => l.action === 'created').length;
    expect(byProcess(a!) + byProcess(b!)).toBe(200);
    expect(byProcess(a!)).toBeGreaterThan(0);
    expect(byProcess(b!)).toBeGreaterThan(0);
  });

  it('a worker killed in the middle of a full run, restarted, finishes the run with no duplicates and no company skipped', async () => {
    const ids = seedBillable(stack, 600);
    stack.sequence.faults.latencyMs = 8;
    const env = { SYNC_BATCH_SIZE: '50', JOB_LOCK_MS: '2000', LOCK_TTL_MS: '2000', WORKER_CONCURRENCY: '2' };
    const first = start(env);
    await first.waitForLine((l) => l.msg === 'worker started');
    const runId = 'run-full-kill-test';
    await stack.services.queues.reconcile.add(JOB.reconcile, { mode: 'full', requestedBy: 'test' }, { jobId: runId });
    const runs = new RunStore(stack.services.redis, stack.prefix);
    await waitFor(async () => (await runs.completedCount(runId)) >= 100, 60_000, '100 companies done');
    await stopWorker(first, 'SIGKILL');
    const doneAtKill = await runs.completedCount(runId);
    expect(doneAtKill).toBeLessThan(600);

    const second = start(env);
    await second.waitForLine((l) => l.msg === 'reconciliation resumed', 30_000);
    const report = await waitFor(() => runs.report(runId), 90_000, 'report');
    expect(report).toMatchObject({ status: 'finished', scanned: 600, failed: 0 });
    expect(report.created + report.unchanged).toBe(600);
    expect(stack.sequence.store.count()).toBe(600);
    expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
    for (const id of ids) expect(stack.sequence.store.byAlias(`hubspot-company-${id}`)).toBeDefined();
  });

  it('SIGTERM during a job lets the job complete, then exits 0', async () => {
    const ids = seedBillable(stack, 30);
    stack.sequence.faults.latencyMs = 100;
    const worker = start({ UPSERT_CONCURRENCY: '1' });
    await worker.waitForLine((l) => l.msg === 'worker started');
    const job = await stack.services.queues.sync.add(JOB.syncCompanies, { companyIds: ids, source: 'cli' });
    await worker.waitForLine((l) => l.action === 'created');
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(await stack.services.queues.sync.getJobState(job.id!)).toBe('completed');
    expect(stack.sequence.store.count()).toBe(30);
    expect(worker.lines.some((l) => l.msg === 'worker stopped')).toBe(true);
  });
});
