/**
 * The HubSpot scopes this service needs: it reads companies, contacts and the associations between
 * them (an association read needs the read scopes of both object types). The HubSpot project app
 * asks for exactly these, `check` verifies them, and a service key needs them ticked.
 */
export const REQUIRED_SCOPES = ['crm.objects.companies.read', 'crm.objects.contacts.read'] as const;
export type RequiredScope = (typeof REQUIRED_SCOPES)[number];

/**
 * With HUBSPOT_WRITE_BACK (the default) it also writes the billing properties onto companies
 * (batch update) and creates them (the properties API).
 */
export const WRITE_BACK_SCOPES = ['crm.objects.companies.write', 'crm.schemas.companies.write'] as const;

/** Every scope the service asks for with these settings. */
export function requiredScopes(options: { writeBack: boolean }): string[] {
  return [...REQUIRED_SCOPES, ...(options.writeBack ? WRITE_BACK_SCOPES : [])];
}
