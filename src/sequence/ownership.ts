/**
 * Who owns which field of a customer (FIELD_OWNERSHIP): HubSpot (written whenever it differs, the
 * default), or Sequence after creation (`create-only`), or Sequence wherever it has a value
 * (`fill-empty`). Pure code: the upsert calls `applyOwnership` where the desired request meets the
 * customer it read, and `ownershipHash` for its "nothing changed" shortcut.
 *
 * "Empty" in Sequence, per group:
 * - legalName, url, label, taxStatus: missing or blank;
 * - address: the whole address, when line1, town and postcode are all blank. It is filled or kept
 *   as one piece: taking the street from one source and the town from the other makes an address
 *   that exists nowhere;
 * - contacts: no active (unarchived) contact;
 * - customProperties: each mapped property on its own, when it is absent or blank;
 * - parent: no parent customer. The group only matters with PARENT_CUSTOMERS; without it the
 *   request names no parent and Sequence's is always kept (see merge.ts).
 *
 * Because PUT replaces the customer, an update carries Sequence's current value for every group
 * Sequence owns. When that value is one Sequence would refuse back (no contact, a blank required
 * field), HubSpot's value is written instead, with a note: a PUT without it cannot be sent.
 */
import { z } from 'zod';
import { hashPayload } from '../shared/hash';
import type { CurrentCustomer } from './customer-listing';
import { addressView } from './field-diff';
import { AddressRequest, CreateOrUpdateCustomerRequest, TaxStatus, type Customer } from './schemas';

export const FIELD_GROUPS = ['legalName', 'address', 'url', 'label', 'taxStatus', 'contacts', 'customProperties', 'parent'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** The request field each group is written to (the same name, but for the parent's `parentId`). */
type GroupKey = Exclude<FieldGroup, 'parent'> | 'parentId';
const requestKey = (group: FieldGroup): GroupKey => (group === 'parent' ? 'parentId' : group);

export const FIELD_OWNERS = ['hubspot', 'create-only', 'fill-empty'] as const;
export type FieldOwner = (typeof FIELD_OWNERS)[number];

export type FieldOwnership = Readonly<Record<FieldGroup, FieldOwner>>;

export const DEFAULT_OWNERSHIP: FieldOwnership = Object.freeze(
  Object.fromEntries(FIELD_GROUPS.map((g) => [g, 'hubspot'])) as Record<FieldGroup, FieldOwner>,
);

const isGroup = (key: string): key is FieldGroup => (FIELD_GROUPS as readonly string[]).includes(key);
const isOwner = (value: unknown): value is FieldOwner => typeof value === 'string' && (FIELD_OWNERS as readonly string[]).includes(value);

/**
 * The setting's value (already JSON-parsed) → the full policy. Every problem names the group and
 * lists what is allowed.
 */
export const FieldOwnershipSetting = z
  .record(z.string(), z.unknown(), {
    error: `must be a JSON object of field group → owner, e.g. {"address":"create-only"}; groups: ${FIELD_GROUPS.join(', ')}; owners: ${FIELD_OWNERS.join(', ')}`,
  })
  .superRefine((value, ctx) => {
    for (const [key, owner] of Object.entries(value)) {
      if (!isGroup(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown field group "${key}"; groups are ${FIELD_GROUPS.join(', ')}` });
      } else if (!isOwner(owner)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${key}: ${JSON.stringify(owner)} is not an owner; allowed: ${FIELD_OWNERS.join(', ')}` });
      }
    }
  })
  .transform((value): FieldOwnership => {
    const policy: Record<FieldGroup, FieldOwner> = { ...DEFAULT_OWNERSHIP };
    for (const [key, owner] of Object.entries(value)) if (isGroup(key) && isOwner(owner)) policy[key] = owner;
    return policy;
  });

export function isDefaultOwnership(policy: FieldOwnership | undefined): boolean {
  return !policy || FIELD_GROUPS.every((g) => policy[g] === 'hubspot');
}

/** The groups the policy leaves to Sequence (after creation, or wherever it has a value). */
export function sequenceOwnedGroups(policy: FieldOwnership | undefined): { group: FieldGroup; owner: Exclude<FieldOwner, 'hubspot'> }[] {
  if (!policy) return [];
  return FIELD_GROUPS.flatMap((group) => {
    const owner = policy[group];
    return owner === 'hubspot' ? [] : [{ group, owner }];
  });
}

/**
 * True when an update must carry Sequence's contacts, which only a read of the customer gives (the
 * customer listing has none): a decision made from the listing alone must read the customer first.
 */
export function needsCurrentContacts(policy: FieldOwnership | undefined): boolean {
  return !!policy && policy.contacts !== 'hubspot';
}

export const OWNER_MEANING: Record<FieldOwner, string> = {
  hubspot: "HubSpot's value is written whenever it differs",
  'create-only': "written when the customer is created; Sequence's value is kept after that",
  'fill-empty': "written only where Sequence's value is empty",
};

/**
 * The hash the upsert compares with the link's before reading anything from Sequence.
 *
 * It must change exactly when the outcome of a read-and-compare could change because of HubSpot:
 * - the default policy hashes the request as before, so links written by earlier versions stay valid;
 * - `create-only` groups are left out: after creation HubSpot's value never reaches Sequence, so a
 *   HubSpot edit to them alone costs no call at all;
 * - `fill-empty` groups stay in: a new HubSpot value is worth one read, to fill the field if
 *   Sequence's is empty (when Sequence's is set, the compare finds nothing to write);
 * - the policy itself is hashed, so changing FIELD_OWNERSHIP makes every company look again.
 * Finance's edits in Sequence never change this hash, and they need not: the policy keeps them.
 */
export function ownershipHash(request: CreateOrUpdateCustomerRequest, policy: FieldOwnership | undefined): string {
  if (!policy || isDefaultOwnership(policy)) return hashPayload(request);
  const projected: Partial<CreateOrUpdateCustomerRequest> = { ...request };
  for (const group of FIELD_GROUPS) if (policy[group] === 'create-only') delete projected[requestKey(group)];
  return hashPayload({ request: projected, ownership: policy });
}

export interface OwnershipOutcome {
  /** What to send: HubSpot's value for its groups, Sequence's current value for the others. */
  request: CreateOrUpdateCustomerRequest;
  /** Groups where Sequence's current value was kept. */
  kept: FieldGroup[];
  /** Why a Sequence-owned value could not be kept (HubSpot's was used). */
  notes: string[];
}

/**
 * Applies the policy to the request HubSpot's data gives. `current` undefined means the customer is
 * about to be created: every group is written from HubSpot.
 */
export function applyOwnership(desired: CreateOrUpdateCustomerRequest, current: CurrentCustomer | undefined, policy: FieldOwnership | undefined): OwnershipOutcome {
  if (!current || !policy || isDefaultOwnership(policy)) return { request: desired, kept: [], notes: [] };
  const request: CreateOrUpdateCustomerRequest = { ...desired };
  const kept: FieldGroup[] = [];
  const notes: string[] = [];
  for (const group of FIELD_GROUPS) {
    const owner = policy[group];
    if (owner === 'hubspot') continue;
    if (group === 'customProperties') {
      if (keepCustomProperties(request, desired, current, owner)) kept.push(group);
      continue;
    }
    if (owner === 'fill-empty' && isEmpty(group, current)) continue;
    const value = currentValue(group, current);
    if (!value.ok) {
      notes.push(`${group}: Sequence's value cannot be sent back (${value.reason}); HubSpot's was written`);
      continue;
    }
    setGroup(request, group, value.value);
    kept.push(group);
  }
  return { request, kept, notes };
}

/** True when Sequence has no value for the group (see the file comment). */
export function isEmpty(group: Exclude<FieldGroup, 'customProperties'>, current: CurrentCustomer): boolean {
  switch (group) {
    case 'legalName':
      return blank(current.legalName);
    case 'address':
      return blank(current.address.line1) && blank(current.address.town) && blank(current.address.postcode);
    case 'url':
      return blank(current.url);
    case 'label':
      return blank(current.label);
    case 'taxStatus':
      return blank(current.taxStatus);
    case 'contacts':
      return !knownContacts(current).some((c) => !c.archivedAt);
    case 'parent':
      return blank(current.parentId);
  }
}

/** A listed customer has no contacts: callers read the customer first when a policy needs them (needsCurrentContacts). */
function knownContacts(current: CurrentCustomer): Customer['contacts'] {
  if (!current.contacts) throw new Error(`customer ${current.id}: contacts are not known (listed, not read); read it before applying a contacts policy`);
  return current.contacts;
}

function blank(value: string | null | undefined): boolean {
  return (value ?? '').trim() === '';
}

type GroupValue = CreateOrUpdateCustomerRequest[Exclude<GroupKey, 'customProperties'>];
type Current = { ok: true; value: GroupValue } | { ok: false; reason: string };

/** Sequence's value of a group in request form, if a PUT can carry it. */
function currentValue(group: Exclude<FieldGroup, 'customProperties'>, current: CurrentCustomer): Current {
  const shape = CreateOrUpdateCustomerRequest.shape;
  switch (group) {
    case 'legalName':
      return checked(shape.legalName.safeParse(current.legalName));
    case 'address':
      return checked(AddressRequest.safeParse(addressView(current.address)));
    case 'url':
      return blank(current.url) ? { ok: true, value: undefined } : checked(shape.url.safeParse(current.url));
    case 'label':
      return { ok: true, value: current.label || undefined };
    case 'taxStatus':
      return checked(TaxStatus.safeParse(current.taxStatus));
    case 'contacts': {
      const active = knownContacts(current).filter((c) => !c.archivedAt).map((c) => ({ name: c.name, email: c.email, billingPreference: c.billingPreference }));
      return checked(shape.contacts.safeParse(active));
    }
    case 'parent':
      return { ok: true, value: current.parentId || undefined };
  }
}

function checked(result: { success: true; data: GroupValue } | { success: false; error: z.ZodError }): Current {
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reason: `${where}${issue?.message ?? 'invalid'}` };
}

function setGroup(request: CreateOrUpdateCustomerRequest, group: Exclude<FieldGroup, 'customProperties'>, value: GroupValue): void {
  const target = request as Record<string, unknown>;
  const key = requestKey(group);
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/**
 * Custom properties are owned one by one: create-only leaves them out of the request (an omitted
 * customProperties leaves Sequence's as they are); fill-empty sends only those Sequence lacks.
 * Returns true when some Sequence value was kept.
 */
function keepCustomProperties(request: CreateOrUpdateCustomerRequest, desired: CreateOrUpdateCustomerRequest, current: CurrentCustomer, owner: Exclude<FieldOwner, 'hubspot'>): boolean {
  if (!desired.customProperties) return false;
  if (owner === 'create-only') {
    delete request.customProperties;
    return true;
  }
  const fill = Object.entries(desired.customProperties).filter(([name]) => blank(current.customProperties[name]));
  const keptAny = fill.length < Object.keys(desired.customProperties).length;
  if (fill.length) request.customProperties = Object.fromEntries(fill);
  else delete request.customProperties;
  return keptAny;
}
