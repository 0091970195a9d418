/**
 * The account's deal pipelines, read once and kept for minutes: every sync of a batch in closed-won
 * mode needs them, and they change rarely (a person editing the pipeline settings). Concurrent
 * callers share one read.
 */
import type { HubSpotPipeline } from './types';

export const PIPELINES_TTL_MS = 5 * 60_000;

export class PipelineCache {
  private value?: { pipelines: HubSpotPipeline[]; at: number };
  private pending?: Promise<HubSpotPipeline[]>;

  constructor(
    private readonly read: () => Promise<HubSpotPipeline[]>,
    private readonly ttlMs = PIPELINES_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<HubSpotPipeline[]> {
    if (this.value && this.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.pipelines);
    this.pending ??= this.read()
      .then((pipelines) => {
        this.value = { pipelines, at: this.now() };
        return pipelines;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Forget what was read (tests, or after a refused stage). */
  clear(): void {
    this.value = undefined;
  }
}
