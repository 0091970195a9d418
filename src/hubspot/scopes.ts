/**
 * The HubSpot scopes this service needs: it reads companies, contacts and the associations between
 * them (an association read needs the read scopes of both object types), and, under
 * BILLING_SCOPE=closed-won, deals and their pipelines. The HubSpot project app asks for exactly
 * these, `check` verifies them, and a service key needs them ticked.
 *
 * Besides, HubSpot's basic `oauth` scope lets the service read which account a token belongs to
 * (its portal id, account-info.ts), which the prefix's account guard checks. Without it the service
 * still runs (the portal is then unverified, a warning), so it is not among the scopes `check` fails on.
 */
import type { BillingScope } from '../scope/types';

export const REQUIRED_SCOPES = ['crm.objects.companies.read', 'crm.objects.contacts.read'] as const;
export const DEAL_SCOPE = 'crm.objects.deals.read';
/** Needed by GET /account-info/…/details (the portal id); every HubSpot static-auth template asks for it too. */
export const ACCOUNT_INFO_SCOPE = 'oauth';
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

/**
 * Every scope the project app asks for with these settings: `oauth` first (as HubSpot's static-auth
 * templates have it; the account guard reads the portal id with it), the reads, then the
 * write-back's when it is on.
 */
export function appScopes(options: { scope: BillingScope; writeBack: boolean }): (typeof ACCOUNT_INFO_SCOPE | RequiredScope | WriteBackScope)[] {
  return [ACCOUNT_INFO_SCOPE, ...requiredScopes(options.scope), ...(options.writeBack ? WRITE_BACK_SCOPES : [])];
}
