/**
 * Before a worker or a command uses a QUEUE_PREFIX: the accounts it is configured for must be the
 * ones the prefix serves (recorded by the first start). A mismatch throws AccountMismatchError, which
 * the command line turns into exit 2.
 *
 * The Sequence account is always checked (it is known from the settings alone). The HubSpot portal is
 * checked when HubSpot answers the account-info call within REQUEST_TIMEOUT_MS; when it does not (an
 * outage, a token without the `oauth` scope), starting is not blocked: a warning says so, and the
 * portal is recorded and checked by a later start. Blocking every worker on a HubSpot outage would
 * stop Sequence-side work (retries, archives) that needs no HubSpot answer to be safe.
 */
import type { RedisClient } from '../redis/client';
import type { Config } from '../../config';
import { AccountMismatchError, claimAccounts, compareAccounts, type RecordedAccounts } from './account-record';
import { currentIdentity, type AccountIdentity } from './identity';

export interface AccountCheck {
  identity: AccountIdentity;
  recorded: RecordedAccounts;
}

export async function ensureAccounts(config: Config, redis: RedisClient, warn: (message: string, fields: Record<string, unknown>) => void): Promise<AccountCheck> {
  const identity = await currentIdentity(config);
  if (identity.hubspot && 'unknown' in identity.hubspot) {
    warn('HubSpot account not verified at start (its portal id could not be read); starting anyway, a later start checks it', { reason: identity.hubspot.unknown });
  }
  const recorded = await claimAccounts(redis, config.redis.prefix, identity);
  const mismatches = compareAccounts(recorded, identity);
  if (mismatches.length) throw new AccountMismatchError(config.redis.prefix, mismatches);
  return { identity, recorded };
}
