/**
 * Exactly one Sequence customer per HubSpot company.
 *
 * POST /customers takes no idempotency key, so the company's deterministic alias is the key:
 * - a create is always sent with the alias; a create refused because the alias exists turns into
 *   "look it up and update";
 * - just before a create is sent the link store marks it pending; a later attempt that finds the mark
 *   (the answer was lost, the process died) looks the alias up before creating again;
 * - customers that exist without our alias (Sequence's own HubSpot integration, made by hand) are
 *   found through the customer index and adopted: given the alias, then updated.
 * Unchanged payloads (same hash as the last one Sequence accepted; with FIELD_OWNERSHIP the hash leaves out
 * what HubSpot no longer writes, see ownershipHash) cost no call at all.
 * Callers hold the company's lock, so no two workers run this for one company at once.
 */
import { ApiError } from '../errors';
import type { SequenceClient } from './client';
import type { CustomerIndex } from './customer-index';
import type { LinkRecord, LinkStore } from './links';
import { customerMatches, mergeForUpdate } from './merge';
import { diffCustomer, type FieldChange } from './field-diff';
import { applyOwnership, FIELD_GROUPS, ownershipHash, type FieldOwnership } from './ownership';
import type { CreateOrUpdateCustomerRequest, Customer } from './schemas';

export type UpsertAction = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  action: UpsertAction;
  customerId?: string;
  /** Things a person may want to know (e.g. the customer is archived in Sequence). */
  notes: string[];
  /** Updates (and dry-run updates): each field the write changes, before → after. */
  changes?: FieldChange[];
}

export interface UpsertDeps {
  client: SequenceClient;
  links: LinkStore;
  index: CustomerIndex;
}

export interface UpsertOptions {
  /** Skip the unchanged-hash shortcut and the equality check: always write. */
  force?: boolean;
  /** Decide what would happen, with reads only: no write to Sequence, no change to the link store. */
  dryRun?: boolean;
  /** The company's link as read under its lock (null: none); read here when not given. */
  link?: LinkRecord | null;
  /** The customer index's entry for the company, when the caller looked it up for a whole batch (null: none). */
  indexedCustomerId?: string | null;
  /** The company's HubSpot contact ids, sorted; kept in the link (see LinkRecord.contactIds). */
  contactIds?: readonly string[];
  /** FIELD_OWNERSHIP: groups Sequence owns keep Sequence's value in every update. Unset: HubSpot owns all. */
  ownership?: FieldOwnership;
}

export async function upsertCustomer(
  deps: UpsertDeps,
  companyId: string,
  alias: string,
  request: CreateOrUpdateCustomerRequest,
  options: UpsertOptions = {},
): Promise<UpsertResult> {
  const { client, links } = deps;
  // Field ownership: the hash covers what HubSpot may still write (see ownershipHash).
  const hash = ownershipHash(request, options.ownership);
  const link = options.link === undefined ? await links.get(companyId) : (options.link ?? undefined);

  if (link?.customerId && !link.pendingCreateAt && link.hash === hash && !options.force) {
    if (options.contactIds && !options.dryRun && !sameIds(link.contactIds, options.contactIds)) {
      await links.update(companyId, { contactIds: [...options.contactIds] }, link);
    }
    return { action: 'unchanged', customerId: link.customerId, notes: [] };
  }

  let existing = await findExisting(deps, companyId, alias, link, options);
  if (!existing) {
    if (options.dryRun) return { action: 'created', notes: [] };
    const pending = await links.update(companyId, { pendingCreateAt: new Date().toISOString() }, link ?? null);
    try {
      const created = await client.createCustomer(request);
      await recordSuccess(links, pending, created.id, hash, 'created', options.contactIds, { at: new Date().toISOString(), action: 'created', fields: [...FIELD_GROUPS] });
      return { action: 'created', customerId: created.id, notes: [] };
    } catch (error) {
      // A refused create (other than auth / rate limit) may mean the alias is already taken: by a
      // customer we made whose answer was lost, or before the link store was wiped.
      if (!(error instanceof ApiError) || error.kind !== 'permanent') throw error;
      existing = await client.findCustomerByAlias(alias);
      if (!existing) {
        await links.update(companyId, { pendingCreateAt: undefined }, pending);
        throw error;
      }
    }
  }
  return updateExisting(deps, companyId, request, existing, hash, options, link ?? null);
}

async function findExisting(
  deps: UpsertDeps,
  companyId: string,
  alias: string,
  link: LinkRecord | undefined,
  options: UpsertOptions,
): Promise<Customer | undefined> {
  const { client, index } = deps;
  if (link?.customerId) {
    const linked = await client.findCustomer(link.customerId);
    if (linked) return linked;
  }
  if (link?.pendingCreateAt || link?.customerId) {
    const byAlias = await client.findCustomerByAlias(alias);
    if (byAlias) return byAlias;
  }
  let indexedId = options.indexedCustomerId;
  if (indexedId === undefined) {
    await index.ensureBuilt();
    indexedId = await index.lookup(companyId);
  }
  if (!indexedId) return undefined;
  const adopted = await client.findCustomer(indexedId);
  if (!adopted) return undefined;
  if (!options.dryRun) await giveAlias(deps, adopted, alias);
  return adopted;
}

/**
 * Gives an adopted customer our alias unless it has it already (after a wiped Redis, customers we made
 * are found through the index too): a read first, then a write that is safe to repeat (Idempotency-Key).
 */
async function giveAlias(deps: UpsertDeps, customer: Customer, alias: string): Promise<void> {
  if ((await deps.client.findCustomerByAlias(alias))?.id === customer.id) return;
  try {
    await deps.client.createCustomerAlias(
      { customerId: customer.id, value: alias, label: 'HubSpot company' },
      `crm-sequence-sync:${alias}:${customer.id}`,
    );
  } catch (error) {
    if (!(error instanceof ApiError) || error.kind !== 'permanent') throw error;
    // Refused: fine if the alias already points at this customer, otherwise a real conflict.
    const owner = await deps.client.findCustomerByAlias(alias);
    if (owner?.id !== customer.id) throw error;
  }
}

async function updateExisting(
  deps: UpsertDeps,
  companyId: string,
  desired: CreateOrUpdateCustomerRequest,
  existing: Customer,
  hash: string,
  options: UpsertOptions,
  link: LinkRecord | null,
): Promise<UpsertResult> {
  const notes = existing.archivedAt ? [`customer ${existing.id} is archived in Sequence; it stays archived`] : [];
  // Field ownership: groups Sequence owns carry its current value, so the PUT leaves them as they are.
  const owned = applyOwnership(desired, existing, options.ownership);
  notes.push(...owned.notes);
  const body = mergeForUpdate(owned.request, existing);
  if (!options.force && customerMatches(body, existing)) {
    if (!options.dryRun) await recordSuccess(deps.links, link ?? { companyId }, existing.id, hash, 'unchanged', options.contactIds);
    return { action: 'unchanged', customerId: existing.id, notes };
  }
  const changes = diffCustomer(existing, body);
  if (options.dryRun) return { action: 'updated', customerId: existing.id, notes, changes };
  const updated = await deps.client.updateCustomer(existing.id, body);
  const lastWrite = { at: new Date().toISOString(), action: 'updated' as const, fields: changes.map((c) => c.field), changes };
  await recordSuccess(deps.links, link ?? { companyId }, updated.id, hash, 'updated', options.contactIds, lastWrite);
  return { action: 'updated', customerId: updated.id, notes, changes };
}

async function recordSuccess(
  links: LinkStore,
  current: LinkRecord,
  customerId: string,
  hash: string,
  outcome: UpsertAction,
  contactIds: readonly string[] | undefined,
  lastWrite?: LinkRecord['lastWrite'],
): Promise<void> {
  await links.update(current.companyId, {
    customerId,
    hash,
    lastSyncedAt: new Date().toISOString(),
    lastOutcome: outcome,
    lastMessage: undefined,
    pendingCreateAt: undefined,
    ...(contactIds ? { contactIds: [...contactIds] } : {}),
    ...(lastWrite ? { lastWrite } : {}),
  }, current);
}

function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);
}
