/**
 * Changes announced by webhooks, waiting to become jobs. One sorted set per kind, scored by when the
 * id was first announced: a burst of events for one company is one entry (coalescing), and ids are
 * taken out once the debounce window since that first event has passed. Counting from the first event
 * (not the last) bounds the delay: a company edited non-stop still syncs once per window.
 *
 * Taking is a claim, not a pop: claimed ids sit in an in-flight set until the job that carries them
 * is queued, and claims older than a minute are put back, so a crash between the two loses nothing.
 */
import type { RedisClient } from '../redis/client';

/** Changed companies, changed contacts, deleted companies, deleted contacts, changed deals (closed-won scope). */
export type PendingKind = 'companies' | 'contacts' | 'deletions' | 'deleted-contacts' | 'deals';
export const PENDING_KINDS: readonly PendingKind[] = ['companies', 'contacts', 'deletions', 'deleted-contacts', 'deals'];

const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], ARGV[3], id)
end
return ids
`;

const RECOVER = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], 'NX', ARGV[2], id)
end
return #ids
`;

export class PendingChanges {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private keys(kind: PendingKind): [string, string] {
    return [`${this.prefix}:pending:${kind}`, `${this.prefix}:pending:${kind}:inflight`];
  }

  /** Records ids; an id already waiting keeps its first-announced time. */
  async add(kind: PendingKind, ids: readonly string[], atMs = Date.now()): Promise<void> {
    if (!ids.length) return;
    const args: (string | number)[] = [];
    for (const id of ids) args.push(atMs, id);
    await this.redis.zadd(this.keys(kind)[0], 'NX', ...args);
  }

  /** Claims up to `max` ids announced at or before `dueMs`. */
  async claim(kind: PendingKind, dueMs: number, max: number): Promise<string[]> {
    const [pending, inflight] = this.keys(kind);
    const ids = await this.redis.eval(CLAIM, 2, pending, inflight, String(dueMs), String(max), String(Date.now()));
    return Array.isArray(ids) ? ids.map(String) : [];
  }

  /** The claimed ids are safely in a job now. */
  async ack(kind: PendingKind, ids: readonly string[]): Promise<void> {
    if (ids.length) await this.redis.zrem(this.keys(kind)[1], ...ids);
  }

  /** Puts back claims older than `staleMs` (their claimer died). Returns how many. */
  async recoverStale(kind: PendingKind, staleMs: number): Promise<number> {
    const [pending, inflight] = this.keys(kind);
    const now = Date.now();
    return Number(await this.redis.eval(RECOVER, 2, pending, inflight, String(now - staleMs), String(now)));
  }

  async size(kind: PendingKind): Promise<{ waiting: number; inflight: number }> {
    const [pending, inflight] = this.keys(kind);
    const [waiting, claimed] = await Promise.all([this.redis.zcard(pending), this.redis.zcard(inflight)]);
    return { waiting, inflight: claimed };
  }
}
