/**
 * Replay protection for verified webhook requests: each accepted signature is remembered in Redis
 * (`SET <prefix>:webhook:seen:<sha256> 1 PX <ttl> NX`); a second request with the same signature
 * inside the window is a replay.
 *
 * The key is a hash of the signature we computed ourselves (not of the header text), so a replay
 * cannot dodge it by re-spelling the header. Windows:
 * - v3: the timestamp is accepted up to 5 minutes either side of our clock, so a signature can be
 *   valid for 10 minutes; it is remembered for 11.
 * - v1/v2: no timestamp, valid forever; remembered for an hour (HubSpot's own retries change the
 *   body's attemptNumber, hence the signature, so they are not mistaken for replays).
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/client';
import type { SignatureVersion } from './signature';

export const REPLAY_TTL_MS: Record<SignatureVersion, number> = {
  v3: 11 * 60_000,
  v2: 60 * 60_000,
  v1: 60 * 60_000,
};

export class ReplayGuard {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  key(version: SignatureVersion, digest: string): string {
    return `${this.prefix}:webhook:seen:${createHash('sha256').update(`${version}:${digest}`).digest('hex')}`;
  }

  /** True the first time this signature is seen in its window; false for a replay. Rejects when Redis does. */
  async firstSeen(version: SignatureVersion, digest: string): Promise<boolean> {
    const result = await this.redis.set(this.key(version, digest), '1', 'PX', REPLAY_TTL_MS[version], 'NX');
    return result === 'OK';
  }

  /** Forgets a signature whose request did not take effect (the sink failed), so a redelivery is not a replay. */
  async forget(version: SignatureVersion, digest: string): Promise<void> {
    await this.redis.del(this.key(version, digest));
  }
}
