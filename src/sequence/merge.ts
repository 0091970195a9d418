/**
 * How an update is written without destroying what finance set in Sequence: integration ids of other
 * services (and other HubSpot ids) are kept, custom properties we do not map are kept, aliases are
 * left out of the PUT so Sequence keeps every alias the customer has, and, unless parents come from
 * HubSpot (PARENT_CUSTOMERS), the customer's parent is sent back as it is: a PUT without `parentId`
 * may clear it (undocumented), and a parent set by hand in Sequence must survive.
 */
import type { CurrentCustomer } from './customer-listing';
import { IntegrationService, type CreateOrUpdateCustomerRequest } from './schemas';

export function mergeForUpdate(desired: CreateOrUpdateCustomerRequest, existing: CurrentCustomer, options: { keepParent?: boolean } = {}): CreateOrUpdateCustomerRequest {
  const { customerAliases: _aliases, ...rest } = desired;
  const integrationIds = [...(desired.integrationIds ?? [])];
  const seen = new Set(integrationIds.map((i) => `${i.service}\u0000${i.id}`));
  for (const current of existing.integrationIds) {
    const key = `${current.service}\u0000${current.id}`;
    // A service newer than our schema cannot be sent back; it is the one case an update could drop.
    const service = IntegrationService.safeParse(current.service);
    if (seen.has(key) || !service.success) continue;
    seen.add(key);
    integrationIds.push({ service: service.data, id: current.id });
  }
  const merged: CreateOrUpdateCustomerRequest = { ...rest, integrationIds };
  if (desired.customProperties) merged.customProperties = { ...existing.customProperties, ...desired.customProperties };
  if (options.keepParent) {
    if (existing.parentId) merged.parentId = existing.parentId;
    else delete merged.parentId;
  }
  return merged;
}

/**
 * True when writing `request` would not change `customer`. Contacts are compared when known: the
 * list model of GET /customers carries none (see upsert.ts for how a listed customer is trusted).
 */
export function customerMatches(request: CreateOrUpdateCustomerRequest, customer: CurrentCustomer): boolean {
  const a = request.address;
  const b = customer.address;
  if (request.legalName !== customer.legalName) return false;
  if (a.line1 !== b.line1 || (a.line2 ?? '') !== (b.line2 ?? '') || a.town !== b.town || a.postcode !== b.postcode) return false;
  if (a.country !== b.country || (a.state ?? '') !== (b.state ?? '')) return false;
  if ((request.url ?? '') !== (customer.url ?? '')) return false;
  if (request.label !== undefined && request.label !== (customer.label ?? '')) return false;
  if (request.taxStatus !== customer.taxStatus) return false;
  if (request.status !== undefined && request.status !== customer.status) return false;
  if ((request.parentId ?? '') !== (customer.parentId ?? '')) return false;
  if (customer.contacts && !sameSet(request.contacts.map(contactKey), customer.contacts.filter((c) => !c.archivedAt).map(contactKey))) return false;
  const wantedIds = (request.integrationIds ?? []).map((i) => `${i.service}\u0000${i.id}`);
  const knownIds = customer.integrationIds.filter((i) => IntegrationService.safeParse(i.service).success);
  if (!sameSet(wantedIds, knownIds.map((i) => `${i.service}\u0000${i.id}`))) return false;
  if (request.customProperties && !sameRecord(request.customProperties, customer.customProperties)) return false;
  return true;
}

function contactKey(c: { name: string; email: string; billingPreference: string }): string {
  return `${c.email.toLowerCase()}\u0000${c.name}\u0000${c.billingPreference}`;
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((v, i) => v === sb[i]);
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
