/**
 * Turns pending webhook changes into jobs, in every worker process: every tick it claims the ids that
 * have been quiet for the debounce window, in batches, and queues one job per batch. A bulk import of
 * thousands of companies therefore costs a few batch reads, not thousands of single reads.
 */
import type { Logger } from 'pino';
import { JOB } from '../queue/names';
import type { Queues } from '../queue/queues';
import { chunk } from '../shared/collections';
import { PENDING_KINDS, type PendingChanges, type PendingKind } from './pending';

export interface DrainerOptions {
  debounceMs: number;
  batchSize: number;
  tickMs?: number;
  /** Claims older than this are put back (the process that claimed them died). */
  staleClaimMs?: number;
}

export class PendingDrainer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastRecovery = 0;

  constructor(
    private readonly pending: PendingChanges,
    private readonly queues: Pick<Queues, 'sync'>,
    private readonly logger: Logger,
    private readonly options: DrainerOptions,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.drain()
        .catch((err: unknown) => this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'draining webhook changes failed; will retry'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.tickMs ?? 200);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer) clearTimeout(timer);
    await this.running;
  }

  /** One pass: queue everything that is due. */
  async drain(now = Date.now()): Promise<void> {
    const due = now - this.options.debounceMs;
    if (now - this.lastRecovery > 10_000) {
      this.lastRecovery = now;
      for (const kind of PENDING_KINDS) await this.pending.recoverStale(kind, this.options.staleClaimMs ?? 60_000);
    }
    await this.drainKind('companies', due, this.options.batchSize, (ids) =>
      this.queues.sync.add(JOB.syncCompanies, { companyIds: ids, source: 'webhook' }),
    );
    await this.drainKind('contacts', due, 1000, (ids) => this.queues.sync.add(JOB.resolveContacts, { contactIds: ids }));
    await this.drainKind('deleted-contacts', due, 1000, (ids) => this.queues.sync.add(JOB.resolveContacts, { contactIds: ids, deleted: true }));
    await this.drainKind('deals', due, 1000, (ids) => this.queues.sync.add(JOB.resolveDeals, { dealIds: ids }));
    await this.drainKind('deletions', due, this.options.batchSize, (ids) => this.queues.sync.add(JOB.archiveCompanies, { companyIds: ids, source: 'webhook' }));
  }

  private async drainKind(kind: PendingKind, due: number, batch: number, enqueue: (ids: string[]) => Promise<unknown>): Promise<void> {
    for (;;) {
      const ids = await this.pending.claim(kind, due, batch * 10);
      if (!ids.length) return;
      for (const part of chunk(ids, batch)) {
        await enqueue(part);
        await this.pending.ack(kind, part);
      }
      if (ids.length < batch * 10) return;
    }
  }
}
