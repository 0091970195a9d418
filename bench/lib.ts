/** Shared pieces of the benchmark and the fault suite: processes, resource readings, runs, stats. */
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { configFromEnv, parseEnv } from '../config';
import { createRedisClient, type RedisClient } from '../src/redis/client';
import { JOB, QUEUE } from '../src/queue/names';
import { RunStore, type RunReport } from '../src/reconcile/runs';
import { sleep } from '../src/limits/rate-limiter';
import { spawnWorker, stopWorker, type WorkerProcess } from '../test/helpers/processes';

export { spawnWorker, stopWorker, type WorkerProcess };

const TICKS_PER_SECOND = 100;
export const WORKER_NODE_ARGS = '--max-old-space-size=256 --max-semi-space-size=16';

/** CPU time (user + system) a process has used, in ms. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Peak resident memory of a process so far, in MB (VmHWM). */
export function peakRssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Queues a reconciliation and waits for its report. */
export async function reconcile(redis: RedisClient, prefix: string, mode: 'full' | 'incremental', options: { dryRun?: boolean; timeoutMs?: number } = {}): Promise<RunReport> {
  const queue = new Queue(QUEUE.reconcile, { connection: redis, prefix });
  const runId = `bench-${mode}-${Date.now()}`;
  try {
    await queue.add(JOB.reconcile, { mode, dryRun: options.dryRun ?? false, requestedBy: 'test' }, { jobId: runId });
  } finally {
    await queue.close();
  }
  const runs = new RunStore(redis, prefix);
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    const report = await runs.report(runId);
    if (report) return report;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish in time`);
    await sleep(100);
  }
}

export { deleteKeysWithPrefix as deletePrefix } from '../src/queue/connection';

/** Samples a worker's CPU and peak memory between two moments. */
export class ResourceProbe {
  private readonly startCpu: number;
  constructor(private readonly pid: number) {
    this.startCpu = cpuMsOf(pid);
  }
  cpuMs(): number {
    return cpuMsOf(this.pid) - this.startCpu;
  }
  peakRssMb(): number {
    return peakRssMbOf(this.pid);
  }
}

/** Only lifecycle lines and warnings are parsed: parsing 10,000s of outcome lines would load this process. */
const notable = (raw: string) => raw.includes('"worker started"') || /"level":(4|5|6)0/.test(raw);

/** Starts a worker process and waits until it has registered with its queues in Redis (whatever LOG_LEVEL says). */
export async function startedWorker(env: Record<string, string>, args?: string[]): Promise<WorkerProcess> {
  // BENCH_NODE_ARGS: extra node flags for the worker, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  // The worker runs as in production: compiled (npm run bench builds first), with the heap budget
  // that `npm start` and the Docker image set. BENCH_NODE_ARGS replaces those flags.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? WORKER_NODE_ARGS).split(' ').filter(Boolean);
  const worker = spawnWorker(env, args, notable, nodeArgs, true);
  // The worker's own Redis settings: one server or a cluster (REDIS_CLUSTER_NODES).
  const redis = createRedisClient(configFromEnv(parseEnv(env)).redis, 'worker');
  const queue = new Queue(QUEUE.sync, { connection: redis, prefix: env.QUEUE_PREFIX });
  try {
    const deadline = Date.now() + 30_000;
    while ((await queue.getWorkers()).length === 0) {
      if (worker.child.exitCode !== null || Date.now() > deadline) await worker.waitForLine(() => false, 1);
      await sleep(100);
    }
    return worker;
  } catch (error) {
    // Nobody else holds this process yet: stop it so a failed start leaves no worker behind.
    await stopWorker(worker, 'SIGKILL');
    throw error;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
