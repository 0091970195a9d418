/**
 * A processor handles one job name: it parses the payload with its zod schema (a malformed job fails
 * permanently, naming the bad fields), then does the work.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { z } from 'zod';
import type { JobName } from '../../queue/names';

export abstract class JobProcessor<Schema extends z.ZodType = z.ZodType, Result = unknown> {
  abstract readonly name: JobName;
  protected abstract readonly schema: Schema;

  protected abstract handle(data: z.output<Schema>, job: Job, token?: string): Promise<Result>;

  async process(job: Job, token?: string): Promise<Result> {
    const parsed = this.schema.safeParse(job.data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      throw new UnrecoverableError(`job ${job.id} (${job.name}) has an invalid payload: ${issues}`);
    }
    return this.handle(parsed.data, job, token);
  }
}
