/**
 * `crm-sequence-sync map [file]`: maps one HubSpot company (as the API returns it, with its
 * contacts) read from a file or stdin, and prints what would be sent to Sequence.
 *
 * With FIELD_OWNERSHIP set, stderr ends with the fields the policy leaves to Sequence.
 *
 * With a billing scope (BILLING_SCOPE; the input may carry the company's `deals`, and `pipelines`
 * for custom ones), stderr also says whether the company is in scope and why not.
 *
 * Exit codes: 0 the request JSON is on stdout (warnings on stderr); 1 the company cannot be billed
 * (one line per problem, then warnings, on stderr); 2 the input cannot be read or is not a company;
 * 3 the request is on stdout but the company is outside the billing scope: no customer would be
 * created for it (a customer it already has would still be updated).
 *
 * `map --jsonl [file]` reads JSON Lines instead, one company with its contacts per line, and writes
 * one result per line (see map-jsonl.ts).
 */
import { readFile } from 'node:fs/promises';
import type { MappingConfig } from '../../../config/mapping';
import { CompanyBundle } from '../../hubspot/types';
import { formatProblem, formatWarning, mapCompanyToCustomer } from '../../mappers';
import { OWNER_MEANING, sequenceOwnedGroups } from '../../sequence/ownership';
import { formatPath, MAP_EXIT, type MapArgs, type MapIo } from './map-io';
import { runMapJsonl } from './map-jsonl';
import { scopeText } from '../../../config/billing-scope';
import { decideBundleScope, type BillingScope, type ScopeDecision } from '../../scope';

export { MAP_EXIT, type MapArgs, type MapIo } from './map-io';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves once the stream has taken the text, so a caller that exits right after loses nothing. */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    stream.write(text, () => resolve());
  });
}

export async function runMap(args: MapArgs, io: MapIo, config: MappingConfig, scope?: BillingScope): Promise<number> {
  if (args.jsonl) return runMapJsonl(args, io, config, scope);
  const source = args.file && args.file !== '-' ? args.file : 'stdin';
  const writeErr = (line: string) => write(io.stderr, `${line}\n`);

  let text: string;
  try {
    text = source === 'stdin' ? await readAll(io.stdin) : await readFile(source, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await writeErr(`map: cannot read ${source}: ${reason}`);
    return MAP_EXIT.badInput;
  }

  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await writeErr(`map: ${source} is not valid JSON: ${reason}`);
    return MAP_EXIT.badInput;
  }

  const parsed = CompanyBundle.safeParse(json);
  if (!parsed.success) {
    await writeErr(`map: ${source} is not a HubSpot company with contacts ({"company": {"id", "properties"}, "contacts": [...]}):`);
    for (const issue of parsed.error.issues) await writeErr(`  ${formatPath(issue.path)}: ${issue.message}`);
    return MAP_EXIT.badInput;
  }

  const outcome = mapCompanyToCustomer(parsed.data, config);
  const decision = scope ? decideBundleScope(scope, parsed.data) : undefined;
  const notes = [...ownershipLines(config), ...hierarchyLines(parsed.data, config), ...(scope && decision ? [scopeLine(scope, decision)] : [])];
  if (outcome.ok) {
    await write(io.stdout, `${JSON.stringify(outcome.request, null, 2)}
`);
    for (const warning of outcome.warnings) await writeErr(formatWarning(warning));
    for (const line of notes) await writeErr(line);
    return decision && !decision.inScope ? MAP_EXIT.outOfScope : MAP_EXIT.ok;
  }
  for (const problem of outcome.problems) await writeErr(formatProblem(problem));
  for (const warning of outcome.warnings) await writeErr(formatWarning(warning));
  for (const line of notes) await writeErr(line);
  return MAP_EXIT.unbillable;
}

/**
 * What the printed request does not show, because it is known only when the sync runs: the parent
 * customer (PARENT_CUSTOMERS; the parent company is synced first and its customer becomes parentId),
 * and the integrations a new customer is pushed to (PUSH_TO_INTEGRATIONS, on creation only).
 */
export function hierarchyLines(bundle: Pick<CompanyBundle, 'parentCompanyId'>, config: Pick<MappingConfig, 'parentCustomers' | 'pushToIntegrations'>): string[] {
  const lines: string[] = [];
  if (bundle.parentCompanyId) {
    lines.push(
      config.parentCustomers
        ? `parent: HubSpot company ${bundle.parentCompanyId}; the sync creates or updates its customer first and sends it as parentId`
        : `parent: HubSpot company ${bundle.parentCompanyId}, not sent (PARENT_CUSTOMERS is off: a parent set in Sequence is kept)`,
    );
  }
  if (config.pushToIntegrations?.length) lines.push(`on creation the request also carries pushToIntegrations: ${JSON.stringify(config.pushToIntegrations)} (PUSH_TO_INTEGRATIONS)`);
  return lines;
}

/** "billing scope closed-won: out of scope (no won deal: …)": what the scope decides for this company. */
export function scopeLine(scope: BillingScope, decision: ScopeDecision): string {
  const setting = `BILLING_SCOPE=${scopeText(scope)}`;
  return decision.inScope
    ? `${setting}: in scope (${decision.reason}): a customer is created for it`
    : `${setting}: out of scope (${decision.reason}): no customer would be created for it; one it already has would still be updated`;
}

/** FIELD_OWNERSHIP: the fields the request above only reaches Sequence at creation, or where Sequence's are empty. */
export function ownershipLines(config: Pick<MappingConfig, 'fieldOwnership'>): string[] {
  const owned = sequenceOwnedGroups(config.fieldOwnership);
  if (!owned.length) return [];
  return ['FIELD_OWNERSHIP leaves these fields to Sequence:', ...owned.map(({ group, owner }) => `  ${group}: ${owner} (${OWNER_MEANING[owner]})`)];
}
