/**
 * The HubSpot scopes this service needs: it reads companies, contacts and the associations between
 * them (an association read needs the read scopes of both object types), and, under
 * BILLING_SCOPE=closed-won, deals and their pipelines. The HubSpot project app asks for exactly
 * these, `check` verifies them, and a service key needs them ticked.
 */
import type { BillingScope } from '../scope/types';

export const REQUIRED_SCOPES = ['crm.objects.companies.read', 'crm.objects.contacts.read'] as const;
export const DEAL_SCOPE = 'crm.objects.deals.read';
export type RequiredScope = (typeof REQUIRED_SCOPES)[number] | typeof DEAL_SCOPE;

/**
 * With HUBSPOT_WRITE_BACK (the default) it also writes the billing properties onto companies
 * (batch update) and creates them (the properties API).
 */
export const WRITE_BACK_SCOPES = ['crm.objects.companies.write', 'crm.schemas.companies.write'] as const;
export type WriteBackScope = (typeof WRITE_BACK_SCOPES)[number];

/** The object types whose read scopes the billing scope needs (each needs `crm.objects.<type>.read`). */
export function requiredObjectTypes(scope: BillingScope): ('companies' | 'contacts' | 'deals')[] {
  return scope.kind === 'closed-won' ? ['companies', 'contacts', 'deals'] : ['companies', 'contacts'];
}

/** The read scopes the billing scope needs. */
export function requiredScopes(scope: BillingScope): RequiredScope[] {
  return scope.kind === 'closed-won' ? [...REQUIRED_SCOPES, DEAL_SCOPE] : [...REQUIRED_SCOPES];
}

/** Every scope the service asks for with these settings: the reads, then the write-back's when it is on. */
export function appScopes(options: { scope: BillingScope; writeBack: boolean }): (RequiredScope | WriteBackScope)[] {
  return [...requiredScopes(options.scope), ...(options.writeBack ? WRITE_BACK_SCOPES : [])];
}
