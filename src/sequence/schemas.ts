/**
 * Request and response shapes of Sequence's customer API (2024-07-30).
 *
 * The request schema is strict and carries the documented business rules (a PRIMARY contact,
 * a state for US and Canadian addresses), so a payload that passes it is one Sequence accepts.
 * Response schemas are lenient on purpose: enum-like fields are plain strings and unknown keys are
 * dropped, so a value Sequence adds later never breaks a sync.
 */
import { z } from 'zod';
import {
  ContactBillingPreference,
  CountryCode,
  CustomerStatus,
  IntegrationService,
  PushIntegration,
  State,
  TaxStatus,
} from './enums';

export * from './enums';

const US_STATES = new Set<string>(State.options.slice(0, State.options.indexOf('AB')));
const CA_PROVINCES = new Set<string>(State.options.slice(State.options.indexOf('AB')));

export function isUsState(code: string): boolean {
  return US_STATES.has(code);
}
export function isCanadianProvince(code: string): boolean {
  return CA_PROVINCES.has(code);
}

const nonBlank = z.string().trim().min(1, 'must not be blank');

export const AddressRequest = z
  .strictObject({
    line1: nonBlank,
    line2: z.string().optional(),
    town: nonBlank,
    state: State.optional(),
    postcode: nonBlank,
    country: CountryCode,
  })
  .superRefine((address, ctx) => {
    if (address.country === 'US' || address.country === 'CA') {
      const belongs = address.country === 'US' ? isUsState : isCanadianProvince;
      if (!address.state) {
        ctx.addIssue({ code: 'custom', path: ['state'], message: `state is required when country is ${address.country}` });
      } else if (!belongs(address.state)) {
        ctx.addIssue({ code: 'custom', path: ['state'], message: `${address.state} is not a state of ${address.country}` });
      }
    }
  });
export type AddressRequest = z.infer<typeof AddressRequest>;

export const ContactRequest = z.strictObject({
  name: nonBlank,
  email: z.email(),
  billingPreference: ContactBillingPreference,
});
export type ContactRequest = z.infer<typeof ContactRequest>;

export const IntegrationIdRequest = z.strictObject({
  service: IntegrationService,
  id: nonBlank,
});
export type IntegrationIdRequest = z.infer<typeof IntegrationIdRequest>;

export const CreateOrUpdateCustomerRequest = z.strictObject({
  legalName: nonBlank,
  address: AddressRequest,
  url: z.url({ protocol: /^https?$/ }).optional(),
  label: z.string().optional(),
  taxStatus: TaxStatus,
  customerAliases: z.array(nonBlank).optional(),
  integrationIds: z.array(IntegrationIdRequest).optional(),
  parentId: z.string().optional(),
  contacts: z
    .array(ContactRequest)
    .min(1, 'at least one contact is required')
    .refine((contacts) => contacts.some((c) => c.billingPreference === 'PRIMARY'), {
      message: 'at least one contact must have billingPreference PRIMARY',
    }),
  pushToIntegrations: z.array(PushIntegration).optional(),
  status: CustomerStatus.optional(),
  customProperties: z.record(z.string(), z.string()).optional(),
});
export type CreateOrUpdateCustomerRequest = z.infer<typeof CreateOrUpdateCustomerRequest>;

// ---- responses -------------------------------------------------------------------------------

export const AddressResponse = z.object({
  line1: z.string(),
  line2: z.string().nullish(),
  town: z.string(),
  state: z.string().nullish(),
  postcode: z.string(),
  country: z.string(),
});
export type AddressResponse = z.infer<typeof AddressResponse>;

export const IntegrationIdResponse = z.object({
  service: z.string(),
  id: z.string(),
  lastSynced: z.string().nullish(),
  isPending: z.boolean().optional(),
});
export type IntegrationIdResponse = z.infer<typeof IntegrationIdResponse>;

export const ContactResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  billingPreference: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullish(),
});
export type ContactResponse = z.infer<typeof ContactResponse>;

export const CustomerIdWithName = z.object({ id: z.string(), name: z.string().nullish() });

/**
 * `CustomerOrganization`: a parent customer (`owner`) and its children (`members`, "excluding the
 * owner"). A customer's `organizations` lists the one it belongs to as a child and, when it has
 * children, its own: its parent is the owner that is not itself (see sequence/parents.ts).
 */
export const CustomerOrganization = z.object({
  id: z.string(),
  owner: CustomerIdWithName,
  members: z.array(CustomerIdWithName).default([]),
});
export type CustomerOrganization = z.infer<typeof CustomerOrganization>;

const customerFields = {
  id: z.string().min(1),
  createdAt: z.string(),
  organizations: z.array(CustomerOrganization).optional(),
  legalName: z.string(),
  address: AddressResponse,
  url: z.string().nullish(),
  domain: z.string().nullish(),
  label: z.string().nullish(),
  integrationIds: z.array(IntegrationIdResponse).default([]),
  archivedAt: z.string().nullish(),
  taxStatus: z.string(),
  status: z.string().optional(),
  customProperties: z.record(z.string(), z.string()).default({}),
};

/**
 * The customer's parent: the owner of an organization it belongs to that is not itself. Sequence's
 * answers carry no `parentId`, only `organizations` (its own organization, when it has children,
 * has itself as owner).
 */
export function parentFromOrganizations(customer: { id: string; organizations?: readonly CustomerOrganization[] }): string | undefined {
  return customer.organizations?.find((o) => o.owner.id !== customer.id)?.owner.id;
}

function withParentId<T extends { id: string; organizations?: CustomerOrganization[] }>(customer: T): T & { parentId?: string } {
  const parentId = parentFromOrganizations(customer);
  return parentId ? { ...customer, parentId } : customer;
}

/** A customer as returned by GET/POST/PUT /customers[/{id}]: with its contacts, and `parentId` read from its organizations. */
export const Customer = z.object({ ...customerFields, contacts: z.array(ContactResponse).default([]) }).transform(withParentId);
export type Customer = z.infer<typeof Customer>;

/** The list model of GET /customers, as sent: no contacts. */
export const ListedCustomerFields = z.object(customerFields);

/** A customer as listed by GET /customers, with `parentId` read from its organizations. */
export const ListedCustomer = ListedCustomerFields.transform(withParentId);
export type ListedCustomer = z.infer<typeof ListedCustomer>;

export const Pagination = z.object({
  after: z.string().nullish(),
  before: z.string().nullish(),
  totalResultSize: z.number().int().optional(),
});

export const ListCustomersResponse = z.object({
  items: z.array(ListedCustomer),
  pagination: Pagination.default({}),
});
export type ListCustomersResponse = z.infer<typeof ListCustomersResponse>;

export const CustomerAlias = z.object({
  id: z.string(),
  customerId: z.string(),
  value: z.string(),
  createdAt: z.string(),
  sequenceAccountId: z.string().optional(),
  label: z.string().nullish(),
  archivedAt: z.string().nullish(),
  deletedAt: z.string().nullish(),
});
export type CustomerAlias = z.infer<typeof CustomerAlias>;

export const CustomerAliasesResponse = z.object({ items: z.array(CustomerAlias) });

/** GET /customer-aliases: every alias of the account, paged. */
export const ListCustomerAliasesResponse = z.object({
  items: z.array(CustomerAlias),
  pagination: Pagination.default({}),
});
export type ListCustomerAliasesResponse = z.infer<typeof ListCustomerAliasesResponse>;

export const CreateCustomerAliasRequest = z.strictObject({
  customerId: nonBlank,
  value: nonBlank,
  label: z.string().optional(),
});
export type CreateCustomerAliasRequest = z.infer<typeof CreateCustomerAliasRequest>;
