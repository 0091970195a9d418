/**
 * Which accounts a QUEUE_PREFIX serves, remembered in Redis (`<prefix>:accounts`): the Sequence
 * account's fingerprint and host, and the HubSpot portal id. Everything else under the prefix (the
 * link store's customer ids, the customer index, the failure index, checkpoints) was learned from
 * those accounts, so a worker or command on other accounts must not use it.
 *
 * The first start that knows a part records it; recording is atomic, so two first starts on
 * different accounts cannot both win. A part that is not known yet (no HubSpot answer at start) is
 * recorded by a later start.
 */
import type { RedisClient } from '../redis/client';
import { RedisScript } from '../shared/redis-script';
import { describeHubSpot, describeSequence, type AccountIdentity, type SequenceAccount } from './identity';

export const accountsKey = (prefix: string) => `${prefix}:accounts`;

export interface RecordedAccounts {
  sequence?: SequenceAccount;
  hubspotPortalId?: string;
  recordedAt?: string;
}

export interface AccountMismatch {
  service: 'sequence' | 'hubspot';
  /** What the prefix serves. */
  recorded: string;
  /** What this configuration works on. */
  current: string;
}

// Sets each part only where the prefix has none yet; answers the whole record afterwards.
const CLAIM = new RedisScript(
  `
if ARGV[1] ~= '' and redis.call('HEXISTS', KEYS[1], 'sequence') == 0 then
  redis.call('HSET', KEYS[1], 'sequence', ARGV[1], 'sequenceHost', ARGV[2])
end
if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[1], 'hubspotPortal') == 0 then
  redis.call('HSET', KEYS[1], 'hubspotPortal', ARGV[3])
end
if (ARGV[1] ~= '' or ARGV[3] ~= '') and redis.call('HEXISTS', KEYS[1], 'recordedAt') == 0 then
  redis.call('HSET', KEYS[1], 'recordedAt', ARGV[4])
end
return redis.call('HGETALL', KEYS[1])
`,
  1,
);

function fromHash(hash: Record<string, string>): RecordedAccounts {
  return {
    ...(hash.sequence ? { sequence: { fingerprint: hash.sequence, host: hash.sequenceHost ?? '?' } } : {}),
    ...(hash.hubspotPortal ? { hubspotPortalId: hash.hubspotPortal } : {}),
    ...(hash.recordedAt ? { recordedAt: hash.recordedAt } : {}),
  };
}

export async function readAccounts(redis: RedisClient, prefix: string): Promise<RecordedAccounts> {
  return fromHash(await redis.hgetall(accountsKey(prefix)));
}

/** Records the parts of `identity` the prefix has no record of yet; returns what the prefix serves afterwards. */
export async function claimAccounts(redis: RedisClient, prefix: string, identity: AccountIdentity, now = new Date()): Promise<RecordedAccounts> {
  const portal = identity.hubspot && 'portalId' in identity.hubspot ? identity.hubspot.portalId : '';
  const flat = (await CLAIM.run(redis, accountsKey(prefix), identity.sequence?.fingerprint ?? '', identity.sequence?.host ?? '', portal, now.toISOString())) as string[];
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
  return fromHash(hash);
}

/** Where this configuration's accounts differ from what the prefix serves (parts unknown on either side are not compared). */
export function compareAccounts(recorded: RecordedAccounts, identity: AccountIdentity): AccountMismatch[] {
  const mismatches: AccountMismatch[] = [];
  if (recorded.sequence && identity.sequence && recorded.sequence.fingerprint !== identity.sequence.fingerprint) {
    mismatches.push({ service: 'sequence', recorded: describeSequence(recorded.sequence), current: describeSequence(identity.sequence) });
  }
  const portal = identity.hubspot && 'portalId' in identity.hubspot ? identity.hubspot.portalId : undefined;
  if (recorded.hubspotPortalId && portal && recorded.hubspotPortalId !== portal) {
    mismatches.push({ service: 'hubspot', recorded: describeHubSpot(recorded.hubspotPortalId), current: describeHubSpot(portal) });
  }
  return mismatches;
}

/** The reset command, as written in messages and docs. */
export const FORGET_ACCOUNT_COMMAND = 'crm-sequence-sync forget-account --yes';

export function wayOut(prefix: string): string {
  return `set a new QUEUE_PREFIX for these accounts (the old prefix keeps its data), or, with every worker on "${prefix}" stopped, run \`${FORGET_ACCOUNT_COMMAND}\` to empty it`;
}

/** A worker or command configured for other accounts than its QUEUE_PREFIX serves: it refuses to start (exit 2). */
export class AccountMismatchError extends Error {
  constructor(
    readonly prefix: string,
    readonly mismatches: AccountMismatch[],
  ) {
    super(
      [
        `QUEUE_PREFIX "${prefix}" serves other accounts than this configuration, so nothing was started:`,
        ...mismatches.map((m) => `  - the prefix serves ${m.recorded}; this configuration uses ${m.current}`),
        `Its link store, customer index and failure index were learned from those accounts and would be wrong for these.`,
        `To go on: ${wayOut(prefix)}.`,
      ].join('\n'),
    );
    this.name = 'AccountMismatchError';
  }
}
