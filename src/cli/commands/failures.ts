/** `crm-sequence-sync failures retry [companyId…] [--wait]`: re-queues failed companies (all of them by default). */
import { connectForCommand } from '../../queue/connection';
import { FailureIndex } from '../../sync/failures';
import { EXIT, UsageError, loadCommandConfig } from '../runtime';
import { parseCompanyIds, runSync } from './sync';

export async function runFailuresRetry(ids: string[], options: { wait?: boolean; json?: boolean; timeout?: number }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const config = loadCommandConfig();
  const redis = await connectForCommand(config.redis);
  let targets: string[];
  try {
    const failures = new FailureIndex(redis, config.redis.prefix);
    const failed = new Set(await failures.ids());
    if (ids.length) {
      targets = parseCompanyIds(ids);
      const unknown = targets.filter((id) => !failed.has(id));
      if (unknown.length) throw new UsageError(`not in the failure index: ${unknown.join(', ')} (use "sync" to sync any company)`);
    } else targets = [...failed];
  } finally {
    redis.disconnect();
  }
  if (!targets.length) {
    out.write(options.json ? `${JSON.stringify({ retried: [] })}\n` : 'the failure index is empty: nothing to retry\n');
    return EXIT.ok;
  }
  return runSync(targets, { wait: options.wait, json: options.json, timeout: options.timeout, source: 'retry' }, out);
}
