/** Redis keys that several modules (workers, CLI, status) share, beside BullMQ's own. */
import type { RedisClient } from '../redis/client';
import { z } from 'zod';
import { parseStored } from '../shared/stored-json';

/** How long the record of workers stopped by refused credentials is kept after the last one was written. */
export const AUTH_FAILURES_TTL_SECONDS = 7 * 24 * 3600;

/** Hash of workers stopped by refused credentials (field: host:pid), so one worker starting does not hide another's. */
export function authFailuresKey(prefix: string): string {
  return `${prefix}:auth-failures`;
}

export const AuthFailureRecord = z.object({
  service: z.string(),
  status: z.number().optional(),
  at: z.string(),
  worker: z.string().optional(),
});
export type AuthFailureRecord = z.infer<typeof AuthFailureRecord>;

/** The workers stopped by refused credentials; an entry that is not what a worker writes is skipped. */
export async function readAuthFailures(redis: RedisClient, prefix: string): Promise<AuthFailureRecord[]> {
  return Object.values(await redis.hgetall(authFailuresKey(prefix))).flatMap((value) => parseStored(AuthFailureRecord, value) ?? []);
}
