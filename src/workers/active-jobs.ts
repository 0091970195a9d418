/** The jobs this process is running right now, so a shutdown that runs out of time can say which it left. */
import type { Job } from 'bullmq';

export interface ActiveJob {
  queue: string;
  id?: string;
  name: string;
  startedAt: string;
}

export class ActiveJobs {
  private readonly jobs = new Map<Job, ActiveJob>();

  async track<T>(job: Job, run: () => Promise<T>): Promise<T> {
    this.jobs.set(job, { queue: job.queueName, id: job.id, name: job.name, startedAt: new Date().toISOString() });
    try {
      return await run();
    } finally {
      this.jobs.delete(job);
    }
  }

  list(): ActiveJob[] {
    return [...this.jobs.values()];
  }
}
