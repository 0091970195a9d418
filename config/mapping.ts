/**
 * The mapping rules (HubSpot company → Sequence customer) that a user can change through settings.
 * Defaults live in env.ts; this turns them into the shape the mapper reads.
 */
import type { Env } from './env';
import type { ContactBillingPreference, PushIntegration, TaxStatus } from '../src/sequence/enums';
import type { FieldOwnership } from '../src/sequence/ownership';
import { WRITE_BACK_PROPERTY_NAMES } from '../src/writeback/properties';

/** The Sequence fields whose HubSpot source property can be renamed (COMPANY_PROPERTY_MAP). */
export const MAPPED_FIELDS = ['legalName', 'line1', 'line2', 'town', 'postcode', 'state', 'country', 'website', 'domain'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Where each field comes from by default: HubSpot's standard company properties. */
export const DEFAULT_COMPANY_PROPERTIES: Readonly<Record<MappedField, string>> = {
  legalName: 'name',
  line1: 'address',
  line2: 'address2',
  town: 'city',
  postcode: 'zip',
  state: 'state',
  country: 'country',
  website: 'website',
  domain: 'domain',
};

export interface MappingConfig {
  /** HubSpot property read for each field, when not the standard one (e.g. a custom "legal_name"). */
  companyProperties?: Partial<Record<MappedField, string>>;
  /** Prefix of the deterministic alias given to every company's customer: `<prefix><companyId>`. */
  aliasPrefix: string;
  /** Association label that marks a company's billing contact. */
  billingContactLabel: string;
  /** Billing preference of the contacts that are not the PRIMARY one. */
  otherContactsPreference: ContactBillingPreference;
  maxContacts: number;
  defaultTaxStatus: TaxStatus;
  /** Company property that holds the tax status, mapped through taxStatusValues. */
  taxStatusProperty?: string;
  /** HubSpot value (case-blind) → Sequence tax status. */
  taxStatusValues: Record<string, string>;
  /** Company property copied to the customer's label. */
  labelProperty?: string;
  /** Sequence custom property name → HubSpot company property. */
  customProperties: Record<string, string>;
  /** Billing email used when a company has no usable contact; unset means such a company cannot be billed. */
  fallbackBillingEmail?: string;
  /** Which groups of fields Sequence owns after creation or wherever it has a value (FIELD_OWNERSHIP); unset: HubSpot owns all. */
  fieldOwnership?: FieldOwnership;
  /**
   * Company properties read with every company that the mapping does not use: the values the
   * write-back compares with (HUBSPOT_WRITE_BACK). Never subscribed to in the HubSpot project.
   */
  alsoRead?: readonly string[];
  /** PARENT_CUSTOMERS: a company's HubSpot parent company becomes its customer's parent (synced first). */
  parentCustomers?: boolean;
  /** PUSH_TO_INTEGRATIONS: integrations a new customer is also created in (sent with the create only). */
  pushToIntegrations?: readonly PushIntegration[];
}

export function mappingConfigFromEnv(env: Env): MappingConfig {
  return {
    aliasPrefix: env.CUSTOMER_ALIAS_PREFIX,
    billingContactLabel: env.BILLING_CONTACT_LABEL,
    otherContactsPreference: env.OTHER_CONTACTS_PREFERENCE,
    maxContacts: env.MAX_CONTACTS,
    defaultTaxStatus: env.DEFAULT_TAX_STATUS,
    taxStatusProperty: env.TAX_STATUS_PROPERTY,
    taxStatusValues: env.TAX_STATUS_VALUES,
    labelProperty: env.LABEL_PROPERTY,
    customProperties: env.CUSTOM_PROPERTIES,
    fallbackBillingEmail: env.FALLBACK_BILLING_EMAIL,
    companyProperties: env.COMPANY_PROPERTY_MAP,
    fieldOwnership: env.FIELD_OWNERSHIP,
    alsoRead: env.HUBSPOT_WRITE_BACK ? WRITE_BACK_PROPERTY_NAMES : [],
    parentCustomers: env.PARENT_CUSTOMERS,
    pushToIntegrations: env.PUSH_TO_INTEGRATIONS as PushIntegration[],
  };
}

/** The property names in effect: the defaults with the configured ones on top. */
export function companyPropertyNames(config: Pick<MappingConfig, 'companyProperties'>): Record<MappedField, string> {
  return { ...DEFAULT_COMPANY_PROPERTIES, ...config.companyProperties };
}
