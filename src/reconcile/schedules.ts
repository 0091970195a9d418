/**
 * The two reconciliation schedules. `upsertJobScheduler` is idempotent per scheduler id, so any
 * number of instances may call it at start-up: there is still one schedule, and one job per tick.
 *
 * Schedules live in Redis only. A Redis that restarts without persistence (or is flushed) loses
 * them, so every worker re-asserts both regularly (`ScheduleKeeper`, every SCHEDULE_REASSERT_MS),
 * and `status` and /metrics show each schedule's next run and flag a missing one. Re-asserting also
 * repairs a schedule whose entry is gone while its next run is still queued (see below).
 */
import { ErrorCode, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { JOB } from '../queue/names';

export const SCHEDULER_ID = { incremental: 'reconcile-incremental', full: 'reconcile-full' } as const;
export type ScheduleMode = keyof typeof SCHEDULER_ID;
const MODES = Object.keys(SCHEDULER_ID) as ScheduleMode[];

export interface ScheduleConfig {
  incrementalCron: string;
  fullCron: string;
  tz: string;
}

function upsertSchedule(queue: Queue, mode: ScheduleMode, config: ScheduleConfig) {
  return queue.upsertJobScheduler(
    SCHEDULER_ID[mode],
    { pattern: mode === 'full' ? config.fullCron : config.incrementalCron, tz: config.tz },
    { name: JOB.reconcile, data: { mode, dryRun: false, requestedBy: 'schedule' } },
  );
}

/**
 * Creates or updates both schedules. Returns the ids of queued runs it had to remove first: runs of
 * a schedule whose entry is gone (a partial restore, a key deleted or evicted) while its next run is
 * still queued. BullMQ then refuses the upsert (the next run's job id is taken: "job ID already
 * exists"), and would on every try; with the entry gone such a job belongs to no schedule (BullMQ
 * lets it be removed), so it is removed and the schedule made again, with its own next run.
 */
export async function upsertReconcileSchedules(queue: Queue, config: ScheduleConfig): Promise<string[]> {
  const removed: string[] = [];
  for (const mode of MODES) {
    try {
      await upsertSchedule(queue, mode, config);
    } catch (error) {
      if ((error as { code?: unknown }).code !== ErrorCode.SchedulerJobIdCollision) throw error;
      if (await queue.getJobScheduler(SCHEDULER_ID[mode])) throw error;
      const orphans = await orphanedRuns(queue, SCHEDULER_ID[mode]);
      if (!orphans.length) throw error;
      for (const id of orphans) await queue.remove(id);
      removed.push(...orphans);
      await upsertSchedule(queue, mode, config);
    }
  }
  return removed;
}

/** Queued (not running) runs made by the scheduler `schedulerId`: job ids `repeat:<schedulerId>:<millis>`. */
async function orphanedRuns(queue: Queue, schedulerId: string): Promise<string[]> {
  const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
  return jobs.flatMap((job) => (job?.id?.startsWith(`repeat:${schedulerId}:`) ? [job.id] : []));
}

export interface ScheduleState {
  id: string;
  mode: ScheduleMode;
  /** True when Redis holds no such schedule: no scheduled reconciliation of this mode will run. */
  missing: boolean;
  pattern?: string;
  tz?: string;
  /** When the next run is due (ISO), as the schedule says. */
  nextRunAt?: string;
}

/** Each reconciliation schedule as Redis holds it now. */
export async function readSchedules(queue: Queue): Promise<ScheduleState[]> {
  return Promise.all(
    MODES.map(async (mode) => {
      const id = SCHEDULER_ID[mode];
      const scheduler = await queue.getJobScheduler(id);
      if (!scheduler) return { id, mode, missing: true };
      return {
        id,
        mode,
        missing: false,
        ...(scheduler.pattern ? { pattern: scheduler.pattern } : {}),
        ...(scheduler.tz ? { tz: scheduler.tz } : {}),
        ...(scheduler.next ? { nextRunAt: new Date(scheduler.next).toISOString() } : {}),
      };
    }),
  );
}

/** Re-asserts both schedules every `intervalMs`; says so when one had vanished. */
export class ScheduleKeeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly queue: Queue,
    private readonly config: ScheduleConfig,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.reassert().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  /** Stops re-asserting; waits for a tick in progress (callers bound the wait: Redis may not answer). */
  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer) clearTimeout(timer);
    await this.running;
  }

  /** One pass: restores any missing schedule. Never throws (Redis may be down; the next tick tries again). */
  async reassert(): Promise<void> {
    try {
      const missing = (await readSchedules(this.queue)).filter((s) => s.missing).map((s) => s.id);
      const removed = await upsertReconcileSchedules(this.queue, this.config);
      if (missing.length) {
        this.logger.warn({ schedules: missing, ...(removed.length ? { removedOrphanRuns: removed } : {}) }, 'reconciliation schedule was missing from Redis; restored');
      }
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not re-assert the reconciliation schedules; will retry');
    }
  }
}
