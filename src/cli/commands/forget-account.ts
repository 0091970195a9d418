/**
 * `crm-sequence-sync forget-account --yes`: the way out when a QUEUE_PREFIX must serve other
 * accounts (the sandbox's prefix moving to production, say) and a new prefix is not wanted. Everything
 * under the prefix was learned from the accounts it served (which accounts, the link store's customer
 * ids, the customer index, the failure index, the write-back's state, run checkpoints and reports,
 * pending webhook changes, queued jobs), so all of it is deleted: the next worker starts fresh and
 * records its own accounts. (What the write-back wrote onto HubSpot's companies stays there: the next
 * worker writes its own account's state over it, as it does any value that differs.)
 *
 * Without --yes it only says what it would delete (exit 2). It refuses while a worker is connected to
 * the prefix's queues (exit 1): deleting a running worker's keys under it would lose its jobs.
 */
import { readAccounts } from '../../accounts/account-record';
import { describeHubSpot, describeSequence } from '../../accounts/identity';
import { connectForCommand, deleteKeysWithPrefix, type RedisClient } from '../../queue/connection';
import { openQueues } from '../../queue/queues';
import { escapeGlob, scanKeys } from '../../redis/keys';
import { EXIT, UsageError, loadCommandConfig } from '../runtime';

/** Keys under the prefix, on every master of a cluster. */
async function countKeys(redis: RedisClient, prefix: string): Promise<number> {
  let count = 0;
  for await (const { keys } of scanKeys(redis, `${escapeGlob(prefix)}:*`)) count += keys.length;
  return count;
}

export async function runForgetAccount(options: { yes?: boolean }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const config = loadCommandConfig();
  const prefix = config.redis.prefix;
  const redis = await connectForCommand(config.redis);
  let queues: ReturnType<typeof openQueues> | undefined;
  try {
    const recorded = await readAccounts(redis, prefix);
    const served = [recorded.sequence ? describeSequence(recorded.sequence) : undefined, recorded.hubspotPortalId ? describeHubSpot(recorded.hubspotPortalId) : undefined].filter(Boolean).join(' and ');
    // Counted before the queues are opened: opening one writes its meta key under the prefix.
    const keys = await countKeys(redis, prefix);
    const what = `QUEUE_PREFIX "${prefix}" (${keys} Redis key${keys === 1 ? '' : 's'}${served ? `; it serves ${served}` : '; no accounts recorded'})`;
    if (!options.yes) {
      throw new UsageError(
        `forget-account deletes everything under ${what}: which accounts it serves, the link store, the customer index, the failure index, the write-back's state, runs, pending webhook changes and queued jobs. Run it again with --yes to do so (stop every worker on the prefix first).`,
      );
    }
    queues = openQueues(redis, prefix, config.worker.attempts);
    const workers = (await queues.sync.getWorkers()).length + (await queues.reconcile.getWorkers()).length;
    if (workers > 0) {
      out.write(`${workers} worker connection${workers === 1 ? ' is' : 's are'} open on QUEUE_PREFIX "${prefix}": stop every worker on it first, then run this again\n`);
      return EXIT.failed;
    }
    await queues.close();
    await deleteKeysWithPrefix(redis, prefix);
    out.write(`forgot ${what}: deleted. The next worker on it records the accounts it is configured for.\n`);
    return EXIT.ok;
  } finally {
    await queues?.close().catch(() => undefined);
    redis.disconnect();
  }
}
