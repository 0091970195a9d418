/**
 * A billing scope carried in a job (a dry run previewing a scope change): the setting as written,
 * parsed by the same rules as BILLING_SCOPE (the job payload schema refuses one that does not parse).
 */
import { billingScopeOf, parseScopeSetting, scopeText } from '../../config/billing-scope';
import type { BillingScope } from './types';

export interface ScopeOverride {
  setting: string;
  pipelines: string[];
}

/** Why a carried scope cannot be used, or undefined. */
export function scopeOverrideProblem(override: Pick<ScopeOverride, 'setting'>): string | undefined {
  const parsed = parseScopeSetting(override.setting);
  return parsed.ok ? undefined : parsed.message;
}

export function scopeFromPayload(override: { setting: string; pipelines: readonly string[] }): BillingScope {
  const parsed = parseScopeSetting(override.setting);
  if (!parsed.ok) throw new Error(`billing scope ${JSON.stringify(override.setting)}: ${parsed.message}`);
  return billingScopeOf(parsed.value, parsed.value.kind === 'closed-won' ? override.pipelines : []);
}

export function scopeToPayload(scope: BillingScope): ScopeOverride {
  return { setting: scopeText(scope), pipelines: scope.kind === 'closed-won' ? [...scope.pipelines] : [] };
}
