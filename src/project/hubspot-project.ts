/**
 * The HubSpot developer-platform project a user uploads with HubSpot's CLI (`hs project upload`):
 * a private app with static auth and exactly the scopes the service needs (the write scopes only with
 * HUBSPOT_WRITE_BACK), and a webhooks component subscribed to everything the service acts on (never
 * to the write-back's own properties).
 *
 * Pure: the files are derived from the mapping settings through the same function the sync uses to
 * ask HubSpot for properties (`mappedCompanyProperties`), so a property the mapping reads always has
 * its property-change subscription. `hubspot/` in the repository is this output for the default
 * settings (a test keeps it so); `crm-sequence-sync hubspot-project` writes it for yours.
 */
import type { MappingConfig } from '../../config/mapping';
import { requiredScopes } from '../hubspot/scopes';
import { MAPPED_CONTACT_PROPERTIES, mappedCompanyProperties } from '../mappers';
import { WRITE_BACK_PROPERTY_NAMES } from '../writeback/properties';

export const PLATFORM_VERSION = '2026.09';
export const PROJECT_NAME = 'crm-sequence-sync';
/** What the shipped folder carries until a user writes their own with `hubspot-project`. */
export const PLACEHOLDER_WEBHOOK_URL = 'https://sync.example.com/webhooks/hubspot';
/** Webhook requests HubSpot may have in flight at once (the value in HubSpot's own examples). */
export const MAX_CONCURRENT_REQUESTS = 10;

/**
 * Properties HubSpot does not send change events for, and the write-back's own (the service's
 * writes must not come back as webhooks, whatever the settings map).
 */
const NOT_SUBSCRIBABLE = new Set(['hs_lastmodifieddate', 'lastmodifieddate', 'hs_object_id', 'createdate', ...WRITE_BACK_PROPERTY_NAMES]);

export interface HubSpotProjectOptions {
  webhookUrl: string;
  mapping: MappingConfig;
  /** HUBSPOT_WRITE_BACK (default true): the app also asks for the scopes to write the billing properties. */
  writeBack?: boolean;
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

/** The app's scopes and the description that says what it does with them. */
function appAccess(writeBack: boolean): { requiredScopes: string[]; description: string } {
  const access = writeBack ? 'reads companies and contacts; writes the billing state back onto companies' : 'read-only access to companies and contacts';
  return { requiredScopes: requiredScopes({ writeBack }), description: `Keeps Sequence billing customers in step with HubSpot companies (${access}).` };
}

export function hubspotProjectFiles(options: HubSpotProjectOptions): ProjectFile[] {
  const subscriptions = webhookSubscriptions(options.mapping);
  const access = appAccess(options.writeBack ?? true);
  return [
    { path: 'hsproject.json', content: json({ name: PROJECT_NAME, srcDir: 'src', platformVersion: PLATFORM_VERSION }) },
    {
      path: 'src/app/app-hsmeta.json',
      content: json({
        uid: 'crm_sequence_sync_app',
        type: 'app',
        config: {
          name: 'crm-sequence-sync',
          description: access.description,
          distribution: 'private',
          auth: { type: 'static', requiredScopes: access.requiredScopes, optionalScopes: [], conditionallyRequiredScopes: [] },
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

/** Why a webhook URL cannot be HubSpot's target, or undefined when it can. */
export function webhookUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `--webhook-url ${JSON.stringify(text)} is not a URL; give the public https URL HubSpot will post to, e.g. https://sync.example.com/webhooks/hubspot`;
  }
  if (url.protocol !== 'https:') return `--webhook-url must be an https:// URL (HubSpot only posts to HTTPS), got ${JSON.stringify(text)}`;
  if (url.username || url.password) return '--webhook-url must not contain a user name or password';
  if (url.hash) return `--webhook-url must not have a #fragment, got ${JSON.stringify(text)}`;
  return undefined;
}
