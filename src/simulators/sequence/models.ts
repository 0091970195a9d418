/**
 * Wire shapes the simulated Sequence API answers with (version 2024-07-30), named after the
 * OpenAPI components they mirror. They are exact (no `unknown` bags) so tests can compare them,
 * and each is assignable to the project's lenient response types in `src/sequence/schemas.ts`.
 */
import type {
  ContactBillingPreference,
  CountryCode,
  CustomerStatus,
  IntegrationService,
  State,
  TaxStatus,
} from '../../sequence/enums';

export const SIMULATED_API_VERSION = '2024-07-30';

/** `Address`: `line2` and `state` are left out when not set (the OpenAPI fields are not nullable). */
export interface AddressModel {
  line1: string;
  line2?: string;
  town: string;
  state?: State;
  postcode: string;
  country: CountryCode;
}

/** `IntegrationId`: what a customer answer carries for each `integrationIds` entry. */
export interface IntegrationIdModel {
  service: IntegrationService;
  id: string;
  lastSynced: string;
  isPending: boolean;
}

/** `Contact`. */
export interface ContactModel {
  id: string;
  name: string;
  email: string;
  billingPreference: ContactBillingPreference;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerIdWithNameModel {
  id: string;
  name: string;
}

/** `CustomerOrganization`: a parent customer (owner) and its children (members, owner excluded). */
export interface CustomerOrganizationModel {
  id: string;
  owner: CustomerIdWithNameModel;
  members: CustomerIdWithNameModel[];
}

/** `ListCustomerResponseModel`: a customer as GET /customers lists it (no contacts, no status). */
export interface ListCustomerModel {
  id: string;
  createdAt: string;
  organizations: CustomerOrganizationModel[];
  legalName: string;
  address: AddressModel;
  url?: string;
  domain?: string;
  label?: string;
  integrationIds: IntegrationIdModel[];
  archivedAt?: string;
  taxStatus: TaxStatus;
  customProperties: Record<string, string>;
}

/** `Customer`: the answer of POST/PUT/GET /customers[/{id}] and the archive call. */
export interface CustomerModel extends ListCustomerModel {
  contacts: ContactModel[];
  status: CustomerStatus;
}

/** `CustomerAliasResponseModel` (a superset of `CustomerAlias`). */
export interface CustomerAliasModel {
  id: string;
  sequenceAccountId: string;
  customerId: string;
  value: string;
  createdAt: string;
  label?: string;
}

/** `PaginationMeta`: cursors are present only when there is a page in that direction. */
export interface PaginationModel {
  after?: string;
  before?: string;
  totalResultSize: number;
}

export interface ListCustomersModel {
  items: ListCustomerModel[];
  pagination: PaginationModel;
}

export interface ListCustomerAliasesModel {
  items: CustomerAliasModel[];
  pagination: PaginationModel;
}

export interface GetCustomerAliasesModel {
  items: CustomerAliasModel[];
}

export interface ErrorDetail {
  /** Dotted path into the request, e.g. `contacts[0].email`; empty for the body itself. */
  path: string;
  message: string;
}

/**
 * Error body. Sequence documents only the version error's shape
 * (`{"error":{"type":"UnrecognisedApiVersion",…}}`); the simulator uses the same envelope for all.
 */
export interface ErrorBodyModel {
  error: {
    type: string;
    message: string;
    details?: ErrorDetail[];
  };
}

/** A failed operation: the HTTP status and error body the simulator answers with. */
export class SimulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'SimulatorApiError';
  }

  toBody(): ErrorBodyModel {
    return {
      error: { type: this.type, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}
