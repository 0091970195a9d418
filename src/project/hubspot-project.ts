/**
 * The HubSpot developer-platform project a user uploads with HubSpot's CLI (`hs project upload`):
 * a private app with static auth and exactly the scopes the service needs (`oauth`, which reads the
 * account's portal id for the account guard, the read scopes, and the write scopes only with
 * HUBSPOT_WRITE_BACK), and a webhooks component subscribed to everything the service acts on (never
 * to the write-back's own properties).
 *
 * Pure: the files are derived from the mapping settings through the same function the sync uses to
 * ask HubSpot for properties (`mappedCompanyProperties`), so a property the mapping reads always has
 * its property-change subscription, and from the billing scope (BILLING_SCOPE): closed-won adds the
 * deal scope and deal subscriptions, lifecycle: and property: the company property they read, all
 * nothing. `hubspot/` in the repository is this output for the default settings (a test keeps it
 * so); `crm-sequence-sync hubspot-project` writes it for yours.
 */
import type { MappingConfig } from '../../config/mapping';
import { appScopes } from '../hubspot/scopes';
import { MAPPED_CONTACT_PROPERTIES, mappedCompanyProperties } from '../mappers';
import { scopeProperties, type BillingScope } from '../scope';
import { SCOPE_DEAL_PROPERTIES } from '../webhooks/events';
import { WRITE_BACK_PROPERTY_NAMES } from '../writeback/properties';

/** The generally available platform version HubSpot's CLI creates projects with by default. */
export const DEFAULT_PLATFORM_VERSION = '2026.03';
/** Date-based platform versions: one every March and September. */
export const PLATFORM_VERSION_PATTERN = /^20\d{2}\.(03|09)$/;
export const PROJECT_NAME = 'crm-sequence-sync';
/**
 * What the shipped folder carries until a user writes their own with `hubspot-project`: a name under
 * `.invalid`, which never resolves (RFC 2606), so an upload by mistake sends nothing to anyone's
 * domain, and says what to do in its own text.
 */
export const PLACEHOLDER_WEBHOOK_URL = 'https://replace-with-your-domain.invalid/webhooks/hubspot';
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
  /** BILLING_SCOPE: decides the deal scope and the scope's subscriptions. */
  scope: BillingScope;
  /** HUBSPOT_WRITE_BACK (default true): the app also asks for the scopes to write the billing properties. */
  writeBack?: boolean;
  /** Default {@link DEFAULT_PLATFORM_VERSION}. */
  platformVersion?: string;
}

export interface ProjectFile {
  /** Relative to the project folder, with forward slashes. */
  path: string;
  content: string;
}

interface Subscription {
  subscriptionType: string;
  objectType?: 'company' | 'contact' | 'deal';
  propertyName?: string;
  active: true;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The generic (object.*) subscriptions: one per event the service acts on. */
export function webhookSubscriptions(mapping: MappingConfig, scope: BillingScope): { crmObjects: Subscription[]; hubEvents: Subscription[] } {
  const crmObjects: Subscription[] = [];
  const add = (subscriptionType: string, objectType: 'company' | 'contact' | 'deal', propertyName?: string) =>
    crmObjects.push({ subscriptionType, objectType, ...(propertyName ? { propertyName } : {}), active: true });
  for (const type of ['object.creation', 'object.deletion', 'object.restore', 'object.merge', 'object.associationChange']) add(type, 'company');
  // The scope's property (lifecyclestage, or the checkbox) beside the mapping's: ticking it brings the company in.
  const companyProperties = [...new Set([...mappedCompanyProperties(mapping), ...scopeProperties(scope)])].filter((name) => !NOT_SUBSCRIBABLE.has(name)).sort();
  for (const name of companyProperties) add('object.propertyChange', 'company', name);
  for (const name of [...MAPPED_CONTACT_PROPERTIES].sort()) add('object.propertyChange', 'contact', name);
  add('object.deletion', 'contact');
  if (scope.kind === 'closed-won') {
    // A deal created as won, moved to a won stage (or pipeline), or associated with a company.
    add('object.creation', 'deal');
    for (const name of SCOPE_DEAL_PROPERTIES) add('object.propertyChange', 'deal', name);
    add('object.associationChange', 'deal');
  }
  // Privacy deletions (GDPR) are a hub event, not a CRM object event.
  return { crmObjects, hubEvents: [{ subscriptionType: 'contact.privacyDeletion', active: true }] };
}

/** The app's scopes (appScopes: `oauth` first, as HubSpot's static-auth templates have it) and the description that says what it does with them. */
function appAccess(scope: BillingScope, writeBack: boolean): { requiredScopes: string[]; description: string } {
  const reads = scope.kind === 'closed-won' ? 'companies, contacts and deals' : 'companies and contacts';
  const access = writeBack ? `reads ${reads}; writes the billing state back onto companies` : `read-only access to ${reads}`;
  return { requiredScopes: appScopes({ scope, writeBack }), description: `Keeps Sequence billing customers in step with HubSpot companies (${access}).` };
}

export function hubspotProjectFiles(options: HubSpotProjectOptions): ProjectFile[] {
  const subscriptions = webhookSubscriptions(options.mapping, options.scope);
  const access = appAccess(options.scope, options.writeBack ?? true);
  return [
    { path: 'hsproject.json', content: json({ name: PROJECT_NAME, srcDir: 'src', platformVersion: options.platformVersion ?? DEFAULT_PLATFORM_VERSION }) },
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

/** Why a --platform-version cannot be used, or undefined when it can. */
export function platformVersionProblem(text: string): string | undefined {
  if (PLATFORM_VERSION_PATTERN.test(text)) return undefined;
  return `--platform-version must be a date-based HubSpot platform version, YYYY.03 or YYYY.09 (e.g. ${DEFAULT_PLATFORM_VERSION} or 2026.09), got ${JSON.stringify(text)}`;
}

