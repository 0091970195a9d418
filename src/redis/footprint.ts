/**
 * What a queue's finished jobs keep in Redis, in bytes (MEMORY USAGE of each finished job's hash and
 * of the sets listing them): how `npm run bench` reports what a full run leaves behind per company.
 */
import type { RedisClient } from './client';

export interface FinishedJobsFootprint {
  jobs: number;
  bytes: number;
}

const BATCH = 500;

async function memoryUsage(client: RedisClient, keys: readonly string[]): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < keys.length; i += BATCH) {
    const pipeline = client.pipeline();
    for (const key of keys.slice(i, i + BATCH)) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [error, value] of (await pipeline.exec()) ?? []) if (!error) bytes += Number(value ?? 0);
  }
  return bytes;
}

/** Completed and failed jobs of `queue` under `prefix`: how many, and the bytes Redis holds for them. */
export async function finishedJobsFootprint(client: RedisClient, prefix: string, queue: string): Promise<FinishedJobsFootprint> {
  let jobs = 0;
  let bytes = 0;
  for (const state of ['completed', 'failed'] as const) {
    const setKey = `${prefix}:${queue}:${state}`;
    const ids = await client.zrange(setKey, 0, -1);
    jobs += ids.length;
    bytes += await memoryUsage(client, [setKey, ...ids.map((id) => `${prefix}:${queue}:${id}`)]);
  }
  return { jobs, bytes };
}
