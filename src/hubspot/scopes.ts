/**
 * The HubSpot scopes this service needs: it only reads companies, contacts and the associations
 * between them (an association read needs the read scopes of both object types). The HubSpot project
 * app asks for exactly these, `check` verifies them, and a service key needs them ticked.
 */
export const REQUIRED_SCOPES = ['crm.objects.companies.read', 'crm.objects.contacts.read'] as const;
export type RequiredScope = (typeof REQUIRED_SCOPES)[number];
