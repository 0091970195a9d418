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
 *
 * Deciding from the listing: when an index build has just listed the customers (customer-listing.ts),
 * the company's customer is taken as listed instead of read again. One that holds our alias is left
 * alone when its listed fields match, else updated; one without it (Sequence's own integration) is
 * adopted with one alias write and one update. The list model carries no contacts, so a match trusts
 * them, and adoption always writes. The listing is used only when it is newer than anything this
 * service recorded for the company (no pending create, link not synced since the listing started, the
 * same customer linked); otherwise the customer is read as before. A listing may be minutes old: a
 * PUT replaces the customer with what HubSpot says (merged with what was listed; past
 * LISTING_FRESH_FOR_WRITES_MS the customer is read first), and "unchanged" found from a listing
 * records no hash, so the next run decides again and corrects what a later change in Sequence made stale.
 */
import { ApiError } from '../errors';
import type { SequenceClient } from './client';
import type { CustomerIndex } from './customer-index';
import type { CurrentCustomer, ListedCompany } from './customer-listing';
import type { LinkRecord, LinkStore } from './links';
import { customerMatches, mergeForUpdate } from './merge';
import { diffCustomer, type FieldChange } from './field-diff';
import { applyOwnership, FIELD_GROUPS, needsCurrentContacts, ownershipHash, type FieldOwnership } from './ownership';
import type { CreateOrUpdateCustomerRequest, Customer } from './schemas';
import type { HeldWrite } from '../shared/held-write';

/** How old a listing may be for a write to be merged from it; an older one is read again first. */
export const LISTING_FRESH_FOR_WRITES_MS = 15 * 60_000;

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
  /** What the last listing says about the company (undefined: no listing to decide from). */
  listed?: ListedCompany;
  /**
   * The link write that records the outcome (always the last step) is held here instead of sent, for
   * the caller to send with the company lock's release. Writes that must land first (the pending mark) are sent.
   */
  holdOutcome?: HeldWrite;
  /**
   * The pending-create mark, already written by the caller (with the company lock, when there was no
   * link and nothing in the index or listing: a create is certain). Given only with `link: null`.
   */
  pendingMarked?: LinkRecord;
}

export type UpsertDecision = { write: false; notes: string[] } | { write: true; body: CreateOrUpdateCustomerRequest; notes: string[] };

/**
 * The one comparison of what HubSpot wants with the customer as Sequence has it (read, or listed):
 * the body of the update (groups Sequence owns keep its value, ownership.ts; what others set is kept,
 * merge.ts), or nothing to write.
 */
export function decideUpsert(
  current: CurrentCustomer,
  desired: CreateOrUpdateCustomerRequest,
  options: { force?: boolean; ownership?: FieldOwnership } = {},
): UpsertDecision {
  const owned = applyOwnership(desired, current, options.ownership);
  const body = mergeForUpdate(owned.request, current);
  if (!options.force && customerMatches(body, current)) return { write: false, notes: owned.notes };
  return { write: true, body, notes: owned.notes };
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

  // A customer this service archived (company deleted or merged away) is looked at again, to say so.
  if (link?.customerId && !link.pendingCreateAt && !link.archivedAt && link.hash === hash && !options.force) {
    if (options.contactIds && !options.dryRun && !sameIds(link.contactIds, options.contactIds)) {
      await links.update(companyId, { contactIds: [...options.contactIds] }, link, options.holdOutcome);
    }
    return { action: 'unchanged', customerId: link.customerId, notes: [] };
  }

  // The listing carries no contacts: a dry run (whose preview must show them) and a policy that keeps
  // Sequence's contacts read the customer instead.
  const listed = options.dryRun || needsCurrentContacts(options.ownership) ? undefined : usableListing(options.listed, link);
  if (listed) {
    // Adopted: its contacts are unknown (not listed) and surely not ours, so it is always written.
    const adopt = listed.aliasOwner !== listed.customer.id;
    // A link whose hash differs means HubSpot's payload changed since Sequence last accepted it; the
    // change may be in the contacts, which the listing cannot show, so it is written.
    const force = options.force || adopt || link?.hash !== undefined;
    const decision = decideUpsert(listed.customer, request, { force, ownership: options.ownership });
    // What others set since the listing would be lost by a write merged from an old listing: read first.
    if (!decision.write || Date.now() - listed.listedAt <= LISTING_FRESH_FOR_WRITES_MS) {
      if (adopt && !options.dryRun) await giveAlias(deps, listed.customer, alias, false);
      return updateExisting(deps, companyId, listed.customer, hash, options, link ?? null, decision, true);
    }
  }

  let existing = await findExisting(deps, companyId, alias, link, options);
  if (!existing) {
    if (options.dryRun) return { action: 'created', notes: [] };
    const pending = options.pendingMarked ?? (await links.update(companyId, { pendingCreateAt: new Date().toISOString() }, link ?? null));
    try {
      const created = await client.createCustomer(request);
      await recordSuccess(links, pending, created.id, hash, 'created', options, { at: new Date().toISOString(), action: 'created', fields: [...FIELD_GROUPS] });
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
  const decision = decideUpsert(existing, request, { force: options.force, ownership: options.ownership });
  return updateExisting(deps, companyId, existing, hash, options, link ?? null, decision);
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
  if (!options.dryRun) await giveAlias(deps, adopted, alias, true);
  return adopted;
}

/**
 * The listing's customer for the company, when the listing can be trusted for it: nothing this
 * service recorded is newer (a pending create, a sync since the listing started, another linked
 * customer), and our alias is on that customer or on none (then it is adopted).
 */
function usableListing(listed: ListedCompany | undefined, link: LinkRecord | undefined): (ListedCompany & { customer: CurrentCustomer }) | undefined {
  const customer = listed?.customer;
  if (!listed || !customer) return undefined;
  if (link?.pendingCreateAt) return undefined;
  if (link?.lastSyncedAt && Date.parse(link.lastSyncedAt) >= listed.listedAt) return undefined;
  if (link?.customerId && link.customerId !== customer.id) return undefined;
  if (listed.aliasOwner && listed.aliasOwner !== customer.id) return undefined;
  return { ...listed, customer };
}

/**
 * Gives an adopted customer our alias, with a write that is safe to repeat (Idempotency-Key). When
 * it may have it already (found through the index after a wiped Redis: customers we made are found
 * there too), `readFirst` looks first; the listing already says who holds the alias.
 */
async function giveAlias(deps: UpsertDeps, customer: CurrentCustomer, alias: string, readFirst: boolean): Promise<void> {
  if (readFirst && (await deps.client.findCustomerByAlias(alias))?.id === customer.id) return;
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
  existing: CurrentCustomer,
  hash: string,
  options: UpsertOptions,
  link: LinkRecord | null,
  decision: UpsertDecision,
  fromListing = false,
): Promise<UpsertResult> {
  const notes = existing.archivedAt
    ? [`customer ${existing.id} is archived in Sequence (since ${existing.archivedAt}) although the company exists in HubSpot; Sequence's API cannot unarchive it: unarchive it in Sequence if it should bill`]
    : [];
  notes.push(...decision.notes);
  if (!decision.write) {
    // Found unchanged from the listing: no hash, so the next run decides again from its own listing
    // (and corrects this decision if Sequence changed after the listing), and a sync before then reads.
    if (!options.dryRun) await recordSuccess(deps.links, link ?? { companyId }, existing.id, fromListing ? undefined : hash, 'unchanged', options);
    return { action: 'unchanged', customerId: existing.id, notes };
  }
  const changes = diffCustomer(existing, decision.body);
  if (options.dryRun) return { action: 'updated', customerId: existing.id, notes, changes };
  const updated = await deps.client.updateCustomer(existing.id, decision.body);
  const lastWrite = { at: new Date().toISOString(), action: 'updated' as const, fields: changes.map((c) => c.field), changes };
  await recordSuccess(deps.links, link ?? { companyId }, updated.id, hash, 'updated', options, lastWrite);
  return { action: 'updated', customerId: updated.id, notes, changes };
}

async function recordSuccess(
  links: LinkStore,
  current: LinkRecord,
  customerId: string,
  hash: string | undefined,
  outcome: UpsertAction,
  { contactIds, holdOutcome }: UpsertOptions,
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
  }, current, holdOutcome);
}

function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);
}
