/** `reconcile`: one reconciliation run (full or incremental), at most one per mode at a time. */
import type { Job } from 'bullmq';
import type { z } from 'zod';
import { JOB } from '../../queue/names';
import { ReconcilePayload } from '../../queue/payloads';
import { ReconcileRunner, type ReconcileOptions } from '../../reconcile/runner';
import type { RunReport, RunStore } from '../../reconcile/runs';
import type { Services } from '../../services';
import { JobProcessor } from './base';
import { scopeFromPayload } from '../../scope/override';

export type ReconcileResult = { report: RunReport } | { skipped: true; activeRunId: string };

export class ReconcileProcessor extends JobProcessor<typeof ReconcilePayload, ReconcileResult> {
  readonly name = JOB.reconcile;
  protected readonly schema = ReconcilePayload;

  constructor(
    private readonly services: Services,
    private readonly runs: RunStore,
    private readonly options: Omit<ReconcileOptions, 'mode' | 'dryRun'>,
  ) {
    super();
  }

  protected async handle(data: z.output<typeof ReconcilePayload>, job: Job): Promise<ReconcileResult> {
    const runId = String(job.id);
    const holder = await this.runs.claim(data.mode, runId);
    if (holder) {
      this.services.logger.info({ runId, mode: data.mode, activeRunId: holder }, 'a reconciliation of this mode is already running; skipped');
      return { skipped: true, activeRunId: holder };
    }
    // A dry run may preview another billing scope (the one `reconcile --dry-run` was started with).
    const scope = data.dryRun && data.scope ? scopeFromPayload(data.scope) : undefined;
    const runner = new ReconcileRunner(this.services, this.runs, { ...this.options, mode: data.mode, dryRun: data.dryRun, ...(scope ? { scope } : {}) });
    let released = false;
    try {
      const report = await runner.run(runId, job);
      released = true;
      return { report };
    } catch (error) {
      // A failed attempt is retried by BullMQ and resumes from the checkpoint; only the last one reports.
      released = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (released) await runner.fail(runId, error);
      throw error;
    } finally {
      if (released) await this.runs.release(data.mode, runId);
    }
  }
}
