/** `crm-sequence-sync link <companyId> [--json]`: the company's link to Sequence, and its failure if any. */
import { table as newTable } from '../table';
import { connectForCommand } from '../../queue/connection';
import { LinkStore, type LinkRecord } from '../../sequence/links';
import { FailureIndex, type FailureRecord } from '../../sync/failures';
import { EXIT, loadCommandConfig } from '../runtime';
import { formatChange } from '../../sequence/field-diff';
import { parseCompanyIds } from './sync';

export async function runLink(companyId: string, options: { json?: boolean }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [id] = parseCompanyIds([companyId]);
  const config = loadCommandConfig();
  const redis = await connectForCommand(config.redis.url);
  try {
    const link = await new LinkStore(redis, config.redis.prefix).get(id!);
    const failure = await new FailureIndex(redis, config.redis.prefix).get(id!);
    if (options.json) {
      out.write(`${JSON.stringify({ companyId: id, link: link ?? null, failure: failure ?? null }, null, 2)}\n`);
      return link || failure ? EXIT.ok : EXIT.failed;
    }
    if (!link && !failure) {
      out.write(`company ${id} has never been synced (no link, no failure). Sync it with: crm-sequence-sync sync ${id} --wait\n`);
      return EXIT.failed;
    }
    out.write(`${formatLink(id!, link, failure)}\n`);
    return EXIT.ok;
  } finally {
    redis.disconnect();
  }
}

/** The link as a two-column table, the last write's changes one per line. */
export function formatLink(companyId: string, link: LinkRecord | undefined, failure: FailureRecord | undefined): string {
  const table = newTable();
  const row = (k: string, v: string | number | undefined) => table.push({ [k]: v === undefined ? '-' : String(v) });
  row('company', companyId);
  row('customer', link?.customerId);
  row('last outcome', link?.lastOutcome);
  row('last synced', link?.lastSyncedAt);
  row('last payload hash', link?.hash);
  row('last message', link?.lastMessage);
  if (link?.parentCustomerId || link?.parentCompanyId) {
    row('parent', [link.parentCompanyId ? `company ${link.parentCompanyId}` : undefined, link.parentCustomerId ? `customer ${link.parentCustomerId}` : 'no customer yet'].filter(Boolean).join(' → '));
  }
  if (link?.lastWrite) {
    row('last write', `${link.lastWrite.action} at ${link.lastWrite.at}`);
    const changed = link.lastWrite.action === 'created' ? ['every field (the customer was created)'] : (link.lastWrite.changes?.map(formatChange) ?? link.lastWrite.fields);
    row('fields it changed', changed.length ? changed.join('\n') : '(none)');
  }
  if (link?.archivedAt) row('archived', link.archivedAt);
  if (link?.mergedInto) row('merged into', link.mergedInto);
  if (link?.pendingCreateAt) row('create in doubt since', link.pendingCreateAt);
  if (failure) {
    row('failing since', failure.since);
    row('failure kind', failure.kind);
    row('attempts', failure.attempts);
    row('reason', failure.reason);
  }
  return table.toString();
}
