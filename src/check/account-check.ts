/**
 * `check`'s "Accounts" line: does QUEUE_PREFIX serve the Sequence account and HubSpot portal this
 * configuration uses? Read only: `check` records nothing (the first worker does).
 */
import { compareAccounts, readAccounts, wayOut } from '../accounts/account-record';
import { currentIdentity, describeHubSpot, describeSequence } from '../accounts/identity';
import type { Config } from '../../config';
import { ACCOUNT_INFO_VERSION } from '../hubspot/account-info';
import { ACCOUNT_INFO_SCOPE } from '../hubspot/scopes';
import { createRedisClient, oneAttempt } from '../redis/client';
import { resolveRedisSettings } from '../redis/topology';
import { withTimeout } from '../shared/timeout';
import type { CheckLine, CheckOptions } from './checks';

const ITEM = 'Accounts';

export async function checkAccounts(config: Config, options: CheckOptions = {}): Promise<CheckLine> {
  const prefix = config.redis.prefix;
  let settings;
  try {
    // One server or a cluster, as the Redis lines found it (the record lives on the master of its slot).
    settings = await resolveRedisSettings(config.redis, 3_000);
  } catch {
    return { item: ITEM, status: 'skip', detail: 'not checked: Redis cannot be used with this configuration (see above)' };
  }
  const redis = createRedisClient(settings, 'producer', oneAttempt());
  redis.on('error', () => undefined);
  let recorded;
  try {
    await withTimeout(redis.connect(), 6_000, 'Redis');
    recorded = await withTimeout(readAccounts(redis, prefix), 5_000, 'Redis');
  } catch {
    return { item: ITEM, status: 'skip', detail: 'not checked: Redis did not answer' };
  } finally {
    redis.disconnect();
  }
  const identity = await currentIdentity(config, { timeoutMs: options.timeoutMs });
  const mismatches = compareAccounts(recorded, identity);
  if (mismatches.length) {
    return {
      item: ITEM,
      status: 'fail',
      detail: `QUEUE_PREFIX "${prefix}" serves other accounts: ${mismatches.map((m) => `it serves ${m.recorded}, this configuration uses ${m.current}`).join('; ')}; workers and commands refuse to start`,
      fix: wayOut(prefix),
    };
  }
  const portal = identity.hubspot && 'portalId' in identity.hubspot ? identity.hubspot.portalId : undefined;
  const ours = [identity.sequence ? describeSequence(identity.sequence) : undefined, portal ? describeHubSpot(portal) : undefined].filter(Boolean).join(' and ');
  const unverified = identity.hubspot && 'unknown' in identity.hubspot ? identity.hubspot.unknown : undefined;
  const nothingRecorded = !recorded.sequence && !recorded.hubspotPortalId;
  const detail = nothingRecorded
    ? `QUEUE_PREFIX "${prefix}" has no accounts recorded yet: the first worker records ${ours || 'the ones it is configured for'}`
    : `QUEUE_PREFIX "${prefix}" serves ${ours || 'the recorded accounts'}`;
  if (unverified) {
    return {
      item: ITEM,
      status: 'warn',
      detail: `${detail}; the HubSpot portal was not verified (${unverified})`,
      fix: `if HubSpot was down, nothing: workers start anyway and check it when HubSpot answers; otherwise the token needs the ${ACCOUNT_INFO_SCOPE} scope to read its account details (GET /account-info/${ACCOUNT_INFO_VERSION}/details): the project app written by hubspot-project asks for it (an app uploaded without it: upload again and reinstall), a service key needs it ticked`,
    };
  }
  return { item: ITEM, status: 'ok', detail };
}
