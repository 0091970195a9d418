/**
 * `crm-sequence-sync map --jsonl [file]`: checks a whole HubSpot export before the first run.
 * Reads JSON Lines (one `{"company", "contacts"}` per line, the format `map` takes), streaming, so a
 * big export is never held in memory. Writes one result per line to stdout:
 *   {"id", "ok": true, "request", "warnings"} or {"id", "ok": false, "problems", "warnings"}
 * A line that is not JSON or not a company, or longer than `--max-line-bytes` (default 8 MiB), gives
 * `ok: false` with a problem naming the line; the rest goes on. With a billing scope each result also
 * carries `scope` ({inScope, reason}). A summary goes to stderr: billable, not billable, out of scope,
 * the most common problems.
 *
 * Exit codes: 0 every company is billable; 1 some are not (or some lines are unreadable);
 * 2 the input cannot be read at all.
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { boundedLines } from '../../shared/bounded-lines';
import type { MappingConfig } from '../../../config/mapping';
import { CompanyBundle } from '../../hubspot/types';
import { mapCompanyToCustomer, type MappingProblem, type MappingWarning } from '../../mappers';
import type { CreateOrUpdateCustomerRequest } from '../../sequence/schemas';
import { formatPath, MAP_EXIT, type MapArgs, type MapIo } from './map-io';
import { scopeText } from '../../../config/billing-scope';
import { decideBundleScope, type BillingScope, type ScopeDecision } from '../../scope';

/** With a billing scope, each result also says whether the company is in it (`scope`). */
export type JsonlResult = (
  | { id: string | null; ok: true; request: CreateOrUpdateCustomerRequest; warnings: MappingWarning[] }
  | { id: string | null; ok: false; problems: MappingProblem[]; warnings: MappingWarning[] }
) & { scope?: ScopeDecision };

/** How many of the most common problems the summary lists. */
const TOP_PROBLEMS = 10;

/**
 * Longest line read (`--max-line-bytes`): a company with hundreds of contacts is well under 1 MB, and
 * the bound keeps memory bounded whatever the input (a line that never ends included).
 */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

function inputProblem(line: number, message: string, fix: string): MappingProblem {
  return { field: '(input)', message: `line ${line} ${message}`, fix };
}

/** The company id of a line that is JSON but not a valid company, when it has one. */
function idOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const company = (json as { company?: unknown }).company;
  if (typeof company !== 'object' || company === null) return null;
  const id = (company as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** Maps one line; never throws. */
export function mapJsonlLine(text: string, line: number, config: MappingConfig, scope?: BillingScope): JsonlResult {
  let json: unknown;
  try {
    json = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { id: null, ok: false, problems: [inputProblem(line, `is not valid JSON: ${reason}`, 'write one JSON object per line')], warnings: [] };
  }
  const parsed = CompanyBundle.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
    return {
      id: idOf(json),
      ok: false,
      problems: [inputProblem(line, `is not a HubSpot company with contacts (${where})`, 'give {"company": {"id", "properties"}, "contacts": [...]} on each line')],
      warnings: [],
    };
  }
  const outcome = mapCompanyToCustomer(parsed.data, config);
  const id = parsed.data.company.id;
  const decision = scope ? { scope: decideBundleScope(scope, parsed.data) } : {};
  return outcome.ok
    ? { id, ok: true, request: outcome.request, warnings: outcome.warnings, ...decision }
    : { id, ok: false, problems: outcome.problems, warnings: outcome.warnings, ...decision };
}

/** Problems are grouped by field and fix ("address.country: set an ISO code or a country name"). */
function problemKind(problem: MappingProblem): string {
  return `${problem.field}: ${problem.field === '(input)' ? 'unreadable line' : problem.fix}`;
}

export async function runMapJsonl(args: MapArgs, io: MapIo, config: MappingConfig, scope?: BillingScope): Promise<number> {
  const source = args.file && args.file !== '-' ? args.file : 'stdin';
  let input: NodeJS.ReadableStream;
  if (source === 'stdin') input = io.stdin;
  else {
    const file = createReadStream(source);
    try {
      await once(file, 'open');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr.write(`map: cannot read ${source}: ${reason}\n`);
      return MAP_EXIT.badInput;
    }
    input = file;
  }

  let billable = 0;
  let unbillable = 0;
  let unreadable = 0;
  let outOfScope = 0;
  const kinds = new Map<string, number>();
  let lineNumber = 0;
  const maxBytes = args.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  try {
    for await (const line of boundedLines(input as AsyncIterable<Buffer | string>, maxBytes)) {
      lineNumber = line.number;
      if ('text' in line && line.text.trim() === '') continue;
      const result =
        'text' in line
          ? mapJsonlLine(line.text, line.number, config, scope)
          : ({
              id: null,
              ok: false,
              problems: [inputProblem(line.number, `is longer than ${maxBytes} bytes; not read`, 'give one company with its contacts per line (a line without an end?), or raise --max-line-bytes')],
              warnings: [],
            } satisfies JsonlResult);
      if (result.scope && !result.scope.inScope) outOfScope += 1;
      if (result.ok) billable += 1;
      else {
        unbillable += 1;
        if (result.problems.some((problem) => problem.field === '(input)')) unreadable += 1;
        for (const kind of new Set(result.problems.map(problemKind))) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      // Backpressure: a slow reader of stdout must not make us buffer the whole export.
      if (!io.stdout.write(`${JSON.stringify(result)}\n`)) await once(io.stdout, 'drain');
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`map: cannot read ${source} after line ${lineNumber}: ${reason}\n`);
    return MAP_EXIT.badInput;
  }

  const total = billable + unbillable;
  const summary = [
    `map: ${total} ${total === 1 ? 'company' : 'companies'}: ${billable} billable, ${unbillable} not billable` +
      (unreadable > 0 ? ` (${unreadable} unreadable ${unreadable === 1 ? 'line' : 'lines'})` : ''),
  ];
  if (scope) summary.push(`out of BILLING_SCOPE=${scopeText(scope)}: ${outOfScope} (no customer would be created for them)`);
  const top = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_PROBLEMS);
  if (top.length > 0) {
    summary.push('most common problems (companies):');
    const width = String(top[0]?.[1] ?? 0).length;
    for (const [kind, count] of top) summary.push(`  ${String(count).padStart(width)}  ${kind}`);
  }
  await new Promise<void>((resolve) => io.stderr.write(`${summary.join('\n')}\n`, () => resolve()));
  await new Promise<void>((resolve) => io.stdout.write('', () => resolve()));
  return unbillable === 0 ? MAP_EXIT.ok : MAP_EXIT.unbillable;
}
