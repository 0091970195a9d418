/**
 * The HubSpot developer-platform project a user uploads with HubSpot's CLI (`hs project upload`):
 * a private app with static auth and exactly the read scopes the service needs, and a webhooks
 * component subscribed to everything the service acts on.
 *
 * Pure: the files are derived from the mapping settings through the same function the sync uses to
 * ask HubSpot for properties (`mappedCompanyProperties`), so a property the mapping reads always has
 * its property-change subscription. `hubspot/` in the repository is this output for the default
 * settings (a test keeps it so); `crm-sequence-sync hubspot-project` writes it for yours.
 */
import type { MappingConfig } from '../../config/mapping';
import { REQUIRED_SCOPES } from '../hubspot/scopes';
import { MAPPED_CONTACT_PROPERTIES, mappedCompanyProperties } from '../mappers';

export const PLATFORM_VERSION = '2026.09';
export const PROJECT_NAME = 'crm-sequence-sync';
/** What the shipped folder carries until a user writes their own with `hubspot-project`. */
export const PLACEHOLDER_WEBHOOK_URL = 'https://sync.example.com/webhooks/hubspot';
/** Webhook requests HubSpot may have in flight at once (the value in HubSpot's own examples). */
export const MAX_CONCURRENT_REQUESTS = 10;

/** Properties HubSpot does not send change events for. */
const NOT_SUBSCRIBABLE = new Set(['hs_lastmodifieddate', 'lastmodifieddate', 'hs_object_id', 'createdate']);

export interface HubSpotProjectOptions {
  webhookUrl: string;
  mapping: MappingConfig;
}

export interface ProjectFile {
  /** Relative to the project folder, with forward slashes. */
  path: string;
  content: string;
}

interface Subscription {
  subscriptionType: string;
  objectType?: 'company' | 'contact';
  propertyName?: string;
  active: true;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The generic (object.*) subscriptions: one per event the service acts on. */
export function webhookSubscriptions(mapping: MappingConfig): { crmObjects: Subscription[]; hubEvents: Subscription[] } {
  const crmObjects: Subscription[] = [];
  const add = (subscriptionType: string, objectType: 'company' | 'contact', propertyName?: string) =>
    crmObjects.push({ subscriptionType, objectType, ...(propertyName ? { propertyName } : {}), active: true });
  for (const type of ['object.creation', 'object.deletion', 'object.restore', 'object.merge', 'object.associationChange']) add(type, 'company');
  const companyProperties = mappedCompanyProperties(mapping).filter((name) => !NOT_SUBSCRIBABLE.has(name)).sort();
  for (const name of companyProperties) add('object.propertyChange', 'company', name);
  for (const name of [...MAPPED_CONTACT_PROPERTIES].sort()) add('object.propertyChange', 'contact', name);
  add('object.deletion', 'contact');
  // Privacy deletions (GDPR) are a hub event, not a CRM object event.
  return { crmObjects, hubEvents: [{ subscriptionType: 'contact.privacyDeletion', active: true }] };
}

export function hubspotProjectFiles(options: HubSpotProjectOptions): ProjectFile[] {
  const subscriptions = webhookSubscriptions(options.mapping);
  return [
    { path: 'hsproject.json', content: json({ name: PROJECT_NAME, srcDir: 'src', platformVersion: PLATFORM_VERSION }) },
    {
      path: 'src/app/app-hsmeta.json',
      content: json({
        uid: 'crm_sequence_sync_app',
        type: 'app',
        config: {
          name: 'crm-sequence-sync',
          description: 'Keeps Sequence billing customers in step with HubSpot companies (read-only access to companies and contacts).',
          distribution: 'private',
          auth: { type: 'static', requiredScopes: [...REQUIRED_SCOPES], optionalScopes: [], conditionallyRequiredScopes: [] },
          permittedUrls: { fetch: [], iframe: [], img: [] },
        },
      }),
    },
    {
      path: 'src/app/webhooks/webhooks-hsmeta.json',
      content: json({
        uid: 'crm_sequence_sync_webhooks',
        type: 'webhooks',
        config: {
          settings: { targetUrl: options.webhookUrl, maxConcurrentRequests: MAX_CONCURRENT_REQUESTS },
          subscriptions: { crmObjects: subscriptions.crmObjects, legacyCrmObjects: [], hubEvents: subscriptions.hubEvents },
        },
      }),
    },
  ];
}
