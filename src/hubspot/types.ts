/**
 * HubSpot objects as this program uses them, parsed with zod at the edge (API answers, the `map`
 * command's input). Property values arrive as strings or null; anything else is rejected here, not
 * deep inside the mapper.
 */
import { z } from 'zod';

export const HubSpotProperties = z.record(z.string(), z.string().nullable());
export type HubSpotProperties = z.infer<typeof HubSpotProperties>;

export const HubSpotCompany = z.object({
  id: z.string().min(1),
  properties: HubSpotProperties,
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  archived: z.boolean().optional(),
});
export type HubSpotCompany = z.infer<typeof HubSpotCompany>;

/** One association type between a company and a contact (v4: category, typeId, label). */
export const AssociationType = z.object({
  typeId: z.number().int(),
  label: z.string().nullable().optional(),
  category: z.string(),
});
export type AssociationType = z.infer<typeof AssociationType>;

/** A contact together with the ways it is associated with the company being mapped. */
export const AssociatedContact = z.object({
  id: z.string().min(1),
  properties: HubSpotProperties,
  createdAt: z.string().optional(),
  associationTypes: z.array(AssociationType).default([]),
});
export type AssociatedContact = z.infer<typeof AssociatedContact>;

/** A deal as HubSpot's API gives it (`dealstage` and `pipeline` are what the billing scope reads). */
export const HubSpotDealInput = z.object({ id: z.union([z.string(), z.number()]).transform(String), properties: HubSpotProperties });

/**
 * Everything the mapper needs about one company: the input of `crm-sequence-sync map`. `deals` (and,
 * for custom pipelines, `pipelines` as the pipelines API returns them) let `map` decide the
 * closed-won billing scope too.
 */
export const CompanyBundle = z.object({
  company: HubSpotCompany,
  contacts: z.array(AssociatedContact).default([]),
  deals: z.array(HubSpotDealInput).optional(),
  pipelines: z.lazy(() => z.array(HubSpotPipeline)).optional(),
  /** Its HubSpot parent company (PARENT_CUSTOMERS): shown by `map`; the sync reads it from the associations. */
  parentCompanyId: z.string().regex(/^\d+$/, 'a HubSpot company id is a number').optional(),
});
export type CompanyBundle = z.infer<typeof CompanyBundle>;

/** HubSpot's association type ids: company → contact, and company → company (changelog 2018-09-11). */
export const ASSOCIATION_TYPE = {
  /** The contact's primary company is this company. */
  PRIMARY_COMPANY: 2,
  UNLABELED: 280,
  /** From a parent company to each of its child companies. */
  PARENT_TO_CHILD_COMPANY: 13,
  /** From a child company to its parent company (at most one). */
  CHILD_TO_PARENT_COMPANY: 14,
} as const;

/** Company properties the mapper reads by default (configured ones are added at run time). */
export const COMPANY_PROPERTIES = [
  'name',
  'domain',
  'website',
  'phone',
  'address',
  'address2',
  'city',
  'state',
  'zip',
  'country',
  'hs_object_id',
  'createdate',
  'hs_lastmodifieddate',
] as const;

export const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'phone', 'jobtitle', 'createdate', 'lastmodifieddate'] as const;

/** A deal as read from HubSpot: the properties the billing scope needs. */
export interface HubSpotDeal {
  id: string;
  properties: HubSpotProperties;
}

/** Deal properties read for the billing scope. */
export const DEAL_PROPERTIES = ['dealname', 'dealstage', 'pipeline', 'hs_lastmodifieddate'] as const;

/** A deal pipeline as HubSpot's pipelines API returns it (metadata values are strings). */
export const HubSpotPipeline = z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number().nullish(),
  archived: z.boolean().nullish(),
  stages: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      displayOrder: z.number().nullish(),
      archived: z.boolean().nullish(),
      metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullish().transform((v) => (v === null || v === undefined ? null : String(v)))).nullish(),
    }),
  ),
});
export type HubSpotPipeline = z.infer<typeof HubSpotPipeline>;

/** One filter of a CRM search (filters of a group are ANDed). */
export interface SearchFilter {
  propertyName: string;
  operator: 'EQ' | 'IN' | 'GT' | 'GTE';
  value?: string;
  values?: string[];
}
