/**
 * BILLING_SCOPE and BILLING_SCOPE_PIPELINES, parsed into the typed scope the rest of the program
 * reads (src/scope/types.ts). A value that is none of the allowed forms is a configuration error
 * naming the forms.
 */
import type { BillingScope } from '../src/scope/types';

export const DEFAULT_BILLING_SCOPE = 'closed-won';

/** The allowed forms, as quoted in error messages and the docs. */
export const BILLING_SCOPE_FORMS = 'closed-won, lifecycle:<stage>[,<stage>…], property:<name> or all (e.g. lifecycle:customer,evangelist or property:billing_enabled)';

/** BILLING_SCOPE without the pipelines (those come from BILLING_SCOPE_PIPELINES). */
export type ScopeSetting = { kind: 'closed-won' } | Exclude<BillingScope, { kind: 'closed-won' }>;

const STAGE = /^[A-Za-z0-9_-]+$/;
const PROPERTY = /^[A-Za-z][A-Za-z0-9_]*$/;

export type ParsedScope = { ok: true; value: ScopeSetting } | { ok: false; message: string };

/** Parses the text of BILLING_SCOPE (case-blind keywords; stages are kept in lower case, as HubSpot's internal values are). */
export function parseScopeSetting(text: string): ParsedScope {
  const value = text.trim();
  const lower = value.toLowerCase();
  const fail = (why?: string): ParsedScope => ({ ok: false, message: `${why ? `${why}; ` : ''}must be ${BILLING_SCOPE_FORMS}` });
  if (lower === 'closed-won') return { ok: true, value: { kind: 'closed-won' } };
  if (lower === 'all') return { ok: true, value: { kind: 'all' } };
  const colon = value.indexOf(':');
  if (colon < 0) return fail();
  const keyword = lower.slice(0, colon).trim();
  const rest = value.slice(colon + 1).trim();
  if (keyword === 'lifecycle') {
    const stages = rest.split(',').map((s) => s.trim()).filter(Boolean);
    if (!stages.length) return fail('lifecycle: needs at least one stage');
    const bad = stages.filter((s) => !STAGE.test(s));
    if (bad.length) return fail(`lifecycle stage ${JSON.stringify(bad[0])} is not an internal stage value (letters, digits, _ and -)`);
    return { ok: true, value: { kind: 'lifecycle', stages: [...new Set(stages.map((s) => s.toLowerCase()))] } };
  }
  if (keyword === 'property') {
    if (!PROPERTY.test(rest)) return fail(`property: needs a company property's internal name (got ${JSON.stringify(rest)})`);
    return { ok: true, value: { kind: 'property', name: rest } };
  }
  return fail();
}

/** BILLING_SCOPE_PIPELINES: pipeline ids or labels, comma-separated; empty means every pipeline. */
export function parsePipelineList(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(',').map((p) => p.trim()).filter(Boolean))];
}

export function billingScopeOf(setting: ScopeSetting, pipelines: readonly string[]): BillingScope {
  return setting.kind === 'closed-won' ? { kind: 'closed-won', pipelines: [...pipelines] } : setting;
}

/** The scope as written in BILLING_SCOPE (e.g. `lifecycle:customer,evangelist`), for messages and job payloads. */
export function scopeText(scope: BillingScope | ScopeSetting): string {
  switch (scope.kind) {
    case 'closed-won':
    case 'all':
      return scope.kind;
    case 'lifecycle':
      return `lifecycle:${scope.stages.join(',')}`;
    case 'property':
      return `property:${scope.name}`;
  }
}
