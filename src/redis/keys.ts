/**
 * Walking the key space. SCAN sees one server's keys, so on a cluster every master is walked; keys
 * are deleted one command each on the node that holds them (a multi-key UNLINK must stay in one slot).
 */
import type { Redis } from 'ioredis';
import { mastersOf, type RedisClient } from './client';

/** Every key matching `pattern`, a batch at a time, from every master. */
export async function* scanKeys(client: RedisClient, pattern: string, count = 1000): AsyncGenerator<{ node: Redis; keys: string[] }> {
  for (const node of mastersOf(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length) yield { node, keys };
    } while (cursor !== '0');
  }
}

/** Deletes every key under `prefix:` (BullMQ's and ours). */
export async function deleteKeysWithPrefix(client: RedisClient, prefix: string): Promise<void> {
  for await (const { node, keys } of scanKeys(client, `${escapeGlob(prefix)}:*`)) {
    const pipeline = node.pipeline();
    for (const key of keys) pipeline.unlink(key);
    await pipeline.exec();
  }
}

/** A prefix as a SCAN pattern that matches only itself (`*`, `?`, `[` and `\\` are glob characters to Redis). */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
