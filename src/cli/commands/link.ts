/**
 * `crm-sequence-sync link <companyId> [--json]`: the company's link to Sequence, its failure if any,
 * and (when HUBSPOT_ACCESS_TOKEN is set) whether it is in the billing scope and why not.
 */
import { table as newTable } from '../table';
import { connectForCommand } from '../../queue/connection';
import { LinkStore, type LinkRecord } from '../../sequence/links';
import { FailureIndex, type FailureRecord } from '../../sync/failures';
import { EXIT, loadCommandConfig } from '../runtime';
import { formatChange } from '../../sequence/field-diff';
import { parseCompanyIds } from './sync';
import type { Config } from '../../../config';
import { scopeText } from '../../../config/billing-scope';
import { HubSpotApi } from '../../hubspot/client';
import { HubSpotGateway } from '../../hubspot/gateway';
import { indexedCustomerId } from '../../sequence/customer-index';
import { explainCompanyScope } from '../../sync/scope-gate';
import { errorMessage } from '../../errors';

/** What the billing scope says about the company, for `link`. */
export interface LinkScope {
  setting: string;
  /** Undefined when it could not be checked (no token, HubSpot unreachable, company unknown). */
  inScope?: boolean;
  reason: string;
  /** Linked to a customer: updated whatever the scope says. */
  linked: boolean;
}

export async function runLink(companyId: string, options: { json?: boolean }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [id] = parseCompanyIds([companyId]);
  const config = loadCommandConfig();
  const redis = await connectForCommand(config.redis);
  try {
    const link = await new LinkStore(redis, config.redis.prefix).get(id!);
    const failure = await new FailureIndex(redis, config.redis.prefix).get(id!);
    const linked = Boolean(link?.customerId || link?.pendingCreateAt || (await indexedCustomerId(redis, config.redis.prefix, id!)));
    const scope = await linkScope(config, id!, linked);
    if (options.json) {
      out.write(`${JSON.stringify({ companyId: id, link: link ?? null, failure: failure ?? null, scope }, null, 2)}\n`);
      return link || failure ? EXIT.ok : EXIT.failed;
    }
    if (!link && !failure) {
      out.write(`company ${id} has never been synced (no link, no failure). Sync it with: crm-sequence-sync sync ${id} --wait\n`);
      out.write(`${capitalize(scopeSentence(scope))}.\n`);
      return EXIT.failed;
    }
    out.write(`${formatLink(id!, link, failure, scope)}\n`);
    return EXIT.ok;
  } finally {
    redis.disconnect();
  }
}

/** Reads the company and (closed-won) its deals from HubSpot and decides; says why when it cannot. */
async function linkScope(config: Config, companyId: string, linked: boolean): Promise<LinkScope> {
  const setting = scopeText(config.scope);
  if (config.scope.kind === 'all') return { setting, inScope: true, reason: 'every company', linked };
  if (!config.hubspot.accessToken) return { setting, linked, reason: 'not checked: HUBSPOT_ACCESS_TOKEN is not set' };
  try {
    const gateway = new HubSpotGateway(HubSpotApi.fromConfig(config.hubspot), { attempts: 1 });
    const decision = await explainCompanyScope(gateway, config.scope, companyId);
    if (!decision) return { setting, linked, reason: 'not checked: HubSpot does not have this company (deleted or merged)' };
    return { setting, inScope: decision.inScope, reason: decision.reason, linked };
  } catch (error) {
    return { setting, linked, reason: `not checked: HubSpot answered with an error: ${errorMessage(error)}` };
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "in BILLING_SCOPE=closed-won (won deal 9 (Closed Won, Sales Pipeline))", and what that means for this company. */
export function scopeSentence(scope: LinkScope): string {
  const setting = `BILLING_SCOPE=${scope.setting}`;
  if (scope.inScope === undefined) return `${setting}: ${scope.reason}`;
  if (scope.inScope) return `in ${setting} (${scope.reason})${scope.linked ? '' : ': a customer is created at its next sync'}`;
  return `out of ${setting} (${scope.reason}): ${scope.linked ? 'it has a customer, which keeps being updated' : 'no customer is created until it is in scope'}`;
}

/** The link as a two-column table, the last write's changes one per line. */
export function formatLink(companyId: string, link: LinkRecord | undefined, failure: FailureRecord | undefined, scope?: LinkScope): string {
  const table = newTable();
  const row = (k: string, v: string | number | undefined) => table.push({ [k]: v === undefined ? '-' : String(v) });
  row('company', companyId);
  row('customer', link?.customerId);
  if (scope) row('billing scope', scopeSentence(scope));
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
