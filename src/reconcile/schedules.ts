/**
 * The two reconciliation schedules. `upsertJobScheduler` is idempotent per scheduler id, so any
 * number of instances may call it at start-up: there is still one schedule, and one job per tick.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../queue/names';

export const SCHEDULER_ID = { incremental: 'reconcile-incremental', full: 'reconcile-full' } as const;

export interface ScheduleConfig {
  incrementalCron: string;
  fullCron: string;
  tz: string;
}

export async function upsertReconcileSchedules(queue: Queue, config: ScheduleConfig): Promise<void> {
  await queue.upsertJobScheduler(
    SCHEDULER_ID.incremental,
    { pattern: config.incrementalCron, tz: config.tz },
    { name: JOB.reconcile, data: { mode: 'incremental', dryRun: false, requestedBy: 'schedule' } },
  );
  await queue.upsertJobScheduler(
    SCHEDULER_ID.full,
    { pattern: config.fullCron, tz: config.tz },
    { name: JOB.reconcile, data: { mode: 'full', dryRun: false, requestedBy: 'schedule' } },
  );
}
