/**
 * SIGTERM while Redis is down or hung: the worker still exits within SHUTDOWN_TIMEOUT_MS plus a few
 * seconds, and logs what it left behind. Runs against a throwaway redis-server, never the shared one.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB, QUEUE } from '../../src/queue/names';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';
import { startSequenceSimulator, type SequenceSimulator } from '../../src/simulators/sequence';
import { spawnWorker, stopWorker, type WorkerProcess } from '../helpers/processes';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';
import { testEnv, uniquePrefix } from '../helpers/stack';

jest.setTimeout(90_000);
// The cause of this test's occasional failures was found with the lines it prints: out of time, the
// services' close still awaited the Sequence client's close(), which waits for the request in flight
// (here 60 s); it now destroys the client instead. The retry stays for a loaded CI box, logging the
// first failure; a worker that really hangs fails both tries.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

const SHUTDOWN_TIMEOUT_MS = 3_000;
/**
 * The design bound is max(SHUTDOWN_TIMEOUT_MS, 5 s) + 4 s, about 9 s here (10–11 s measured on an idle
 * machine). The test allows more, for a CI box running other suites at once: what it guards against
 * is the old behaviour, a worker that waits for Redis to come back and never exits while it is down.
 */
const EXIT_BOUND_MS = SHUTDOWN_TIMEOUT_MS + 22_000;

describe('shutdown while Redis does not answer', () => {
  let redis: PrivateRedis;
  let hubspot: HubSpotSimulator;
  let sequence: SequenceSimulator;
  let worker: WorkerProcess | undefined;

  beforeEach(async () => {
    redis = await startPrivateRedis();
    hubspot = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0 });
    sequence = await startSequenceSimulator({ rateLimitPerMinute: 0 });
  });

  afterEach(async () => {
    if (worker) await stopWorker(worker, 'SIGKILL');
    worker = undefined;
    await redis.stop();
    await Promise.all([hubspot.close(), sequence.close()]);
  });

  it.each([
    ['paused (SIGSTOP: connected, never answers)', (r: PrivateRedis) => r.pause()],
    ['stopped', (r: PrivateRedis) => r.stop()],
  ])('Redis %s: the worker exits in time and names the job it left', async (_how, takeDown) => {
    const prefix = uniquePrefix('shutdown');
    const company = hubspot.store.createCompany({ name: 'Slow Ltd', address: '1 Main Street', city: 'Leeds', zip: 'LS1 1AA', country: 'GB', domain: 'slow.example' });
    const contact = hubspot.store.createContact({ email: 'billing@slow.example', firstname: 'Bill', lastname: 'Payer' });
    hubspot.store.associate(company.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    sequence.faults.latencyMs = 60_000; // the job is still running when SIGTERM arrives
    worker = spawnWorker(
      testEnv(prefix, hubspot, sequence, { REDIS_URL: redis.url, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), PORT: '0', SCHEDULE_REASSERT_MS: '200', WEBHOOK_DEBOUNCE_MS: '0', REQUEST_TIMEOUT_MS: '120000' }),
      ['worker'],
    );
    await worker.waitForLine((l) => l.msg === 'worker started');

    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const queue = new Queue(QUEUE.sync, { connection, prefix });
    const job = await queue.add(JOB.syncCompanies, { companyIds: [company.id], source: 'cli' });
    for (let i = 0; i < 200 && (await job.getState()) !== 'active'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await job.getState()).toBe('active');
    await queue.close();
    connection.disconnect();

    await takeDown(redis);
    await new Promise((r) => setTimeout(r, 300)); // a drain pass and a schedule re-assertion are now waiting on Redis
    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    let bound: NodeJS.Timeout | undefined;
    const exit = await Promise.race([worker.exited, new Promise<'still running'>((r) => (bound = setTimeout(() => r('still running'), EXIT_BOUND_MS)))]);
    clearTimeout(bound); // else this timer keeps jest's worker process alive after the suite
    if (exit === 'still running') {
      // What the worker said while it failed to stop: the reason to look at when this fails.
      process.stderr.write(`worker still running ${EXIT_BOUND_MS} ms after SIGTERM; its last lines:\n${worker.lines.slice(-25).map((l) => JSON.stringify(l)).join('\n')}\n`);
    }
    expect(exit).not.toBe('still running');
    expect(Date.now() - signalledAt).toBeLessThan(EXIT_BOUND_MS);

    const report = worker.lines.find((l) => l.msg === 'shutdown left work behind');
    expect(report).toBeDefined();
    expect(report?.activeJobs).toEqual([expect.objectContaining({ queue: QUEUE.sync, id: job.id, name: JOB.syncCompanies })]);
    expect(worker.lines.some((l) => l.msg === 'worker stopped')).toBe(true);
  });
});
