/**
 * What `status` shows of the write-back, kept in Redis by the workers (one hash for all of them):
 *   <prefix>:write-back   companies       companies written (counter)
 *                         errors          write-back calls that failed (counter)
 *                         lastError       {at, message} of the last one
 *                         missingScopes   {scopes, at, worker} while the token lacks a write scope
 */
import type { RedisClient } from '../redis/client';
import { z } from 'zod';
import { redactText } from '../shared/redact';
import { parseStored } from '../shared/stored-json';

export function writeBackKey(prefix: string): string {
  return `${prefix}:write-back`;
}

const MissingScopes = z.object({ scopes: z.array(z.string()), at: z.string(), worker: z.string().optional() });
const LastError = z.object({ at: z.string(), message: z.string() });

export interface WriteBackStatus {
  companiesWritten: number;
  errors: number;
  lastError?: z.infer<typeof LastError>;
  missingScopes?: z.infer<typeof MissingScopes>;
}

export async function readWriteBackStatus(redis: RedisClient, prefix: string): Promise<WriteBackStatus | undefined> {
  const raw = await redis.hgetall(writeBackKey(prefix));
  if (!Object.keys(raw).length) return undefined;
  const lastError = parseStored(LastError, raw.lastError ?? null);
  const missingScopes = parseStored(MissingScopes, raw.missingScopes ?? null);
  return {
    companiesWritten: Number(raw.companies ?? 0) || 0,
    errors: Number(raw.errors ?? 0) || 0,
    ...(lastError ? { lastError } : {}),
    ...(missingScopes ? { missingScopes } : {}),
  };
}

export class WriteBackStatusStore {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = writeBackKey(prefix);
  }

  /** Companies written: the token can write, so a missing-scope record is dropped. */
  async written(companies: number): Promise<void> {
    await this.redis.multi().hincrby(this.key, 'companies', companies).hdel(this.key, 'missingScopes').exec();
  }

  async failed(message: string): Promise<void> {
    await this.redis
      .multi()
      .hincrby(this.key, 'errors', 1)
      .hset(this.key, 'lastError', JSON.stringify({ at: new Date().toISOString(), message: redactText(message).slice(0, 500) }))
      .exec();
  }

  async missingScopes(scopes: readonly string[], worker: string): Promise<void> {
    await this.redis.hset(this.key, 'missingScopes', JSON.stringify({ scopes, at: new Date().toISOString(), worker }));
  }
}
