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
 *
 * Parents: unless PARENT_CUSTOMERS gives the parent to HubSpot (`parentsFromHubSpot`), every update
 * sends the customer's current parent back (merge.ts). With it, the request names the parent
 * HubSpot says, on every write; Sequence documents `parentId` only for creating a child, so an
 * update that moves a customer and is refused is sent again with the parent it has, and the
 * refusal becomes a problem of the company (no hash is kept, so the next sync tries again).
 */
import { ApiError } from '../errors';
import type { SequenceClient } from './client';
import type { CustomerIndex } from './customer-index';
import type { CurrentCustomer, ListedCompany } from './customer-listing';
import type { LinkRecord, LinkStore } from './links';
import { customerMatches, mergeForUpdate } from './merge';
import { diffCustomer, type FieldChange } from './field-diff';
import { applyOwnership, FIELD_GROUPS, needsCurrentContacts, ownershipHash, type FieldOwnership } from './ownership';
import type { CreateOrUpdateCustomerRequest, Customer, PushIntegration } from './schemas';
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
  /** What is wrong although the customer was written (e.g. Sequence refused to move it under its parent). */
  problems?: string[];
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
  /** PARENT_CUSTOMERS: the request's parentId, or its absence, is HubSpot's word. Otherwise Sequence's parent is kept. */
  parentsFromHubSpot?: boolean;
  /** The HubSpot parent company whose customer the request names as parentId (kept in the link, named in problems). */
  parentCompanyId?: string;
  /** PUSH_TO_INTEGRATIONS: sent with a create, so the customer also appears in the linked accounting system. */
  pushToIntegrations?: readonly PushIntegration[];
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
  options: { force?: boolean; ownership?: FieldOwnership; parentsFromHubSpot?: boolean } = {},
): UpsertDecision {
  const owned = applyOwnership(desired, current, options.ownership);
  const body = mergeForUpdate(owned.request, current, { keepParent: !options.parentsFromHubSpot });
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
    // What the link knows beside the payload: the contacts, and the parent company (a merge in HubSpot
    // may give a child another parent company whose customer is the one it has).
    const contactsMoved = options.contactIds !== undefined && !sameIds(link.contactIds, options.contactIds);
    const parentMoved = options.parentsFromHubSpot === true && link.parentCompanyId !== options.parentCompanyId;
    if ((contactsMoved || parentMoved) && !options.dryRun) {
      await links.update(
        companyId,
        { ...(contactsMoved ? { contactIds: [...options.contactIds!] } : {}), ...(parentMoved ? { parentCompanyId: options.parentCompanyId } : {}) },
        link,
        options.holdOutcome,
      );
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
    const decision = decideUpsert(listed.customer, request, { force, ownership: options.ownership, parentsFromHubSpot: options.parentsFromHubSpot });
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
      const created = await client.createCustomer(options.pushToIntegrations?.length ? { ...request, pushToIntegrations: [...options.pushToIntegrations] } : request);
      await recordSuccess(links, pending, created.id, hash, 'created', options, { at: new Date().toISOString(), action: 'created', fields: [...FIELD_GROUPS] }, request.parentId);
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
  const decision = decideUpsert(existing, request, { force: options.force, ownership: options.ownership, parentsFromHubSpot: options.parentsFromHubSpot });
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
    if (!options.dryRun) await recordSuccess(deps.links, link ?? { companyId }, existing.id, fromListing ? undefined : hash, 'unchanged', options, undefined, existing.parentId);
    return { action: 'unchanged', customerId: existing.id, notes };
  }
  if (options.dryRun) return { action: 'updated', customerId: existing.id, notes, changes: diffCustomer(existing, decision.body) };
  const written = await writeUpdate(deps.client, existing, decision.body, options.parentCompanyId);
  const changes = diffCustomer(existing, written.body);
  const lastWrite = { at: new Date().toISOString(), action: 'updated' as const, fields: changes.map((c) => c.field), changes };
  // A refused move keeps no hash: the next sync compares again, tries again, and reports it again.
  await recordSuccess(deps.links, link ?? { companyId }, written.customer.id, written.problem ? undefined : hash, 'updated', options, lastWrite, written.body.parentId);
  return { action: 'updated', customerId: written.customer.id, notes, changes, ...(written.problem ? { problems: [written.problem] } : {}) };
}

/**
 * PUTs the update. One that moves the customer under another parent and is refused (Sequence
 * documents parentId only for creating a child) is sent again with the parent the customer has:
 * the rest of the customer is kept in step, and the refusal is returned as a problem. Whether a
 * refusal was about the move is learnt from the second PUT succeeding, never from the message.
 */
async function writeUpdate(
  client: SequenceClient,
  existing: CurrentCustomer,
  body: CreateOrUpdateCustomerRequest,
  parentCompanyId: string | undefined,
): Promise<{ customer: Customer; body: CreateOrUpdateCustomerRequest; problem?: string }> {
  try {
    return { customer: await client.updateCustomer(existing.id, body), body };
  } catch (error) {
    const moves = body.parentId !== undefined && body.parentId !== existing.parentId;
    if (!moves || !(error instanceof ApiError) || error.kind !== 'permanent') throw error;
    const kept: CreateOrUpdateCustomerRequest = { ...body };
    if (existing.parentId) kept.parentId = existing.parentId;
    else delete kept.parentId;
    let customer: Customer;
    try {
      customer = await client.updateCustomer(existing.id, kept);
    } catch {
      throw error;
    }
    const under = `customer ${body.parentId}${parentCompanyId ? ` (of parent company ${parentCompanyId})` : ''}`;
    const was = existing.parentId ? `it stays under customer ${existing.parentId}` : 'it stays without a parent';
    return {
      customer,
      body: kept,
      problem: `parent: Sequence refused to move this customer under ${under} (${error.serverMessage ?? `answered ${error.status}`}); ${was}, the rest was updated. Move it in Sequence by hand, or change the parent company in HubSpot`,
    };
  }
}

async function recordSuccess(
  links: LinkStore,
  current: LinkRecord,
  customerId: string,
  hash: string | undefined,
  outcome: UpsertAction,
  { contactIds, holdOutcome, parentsFromHubSpot, parentCompanyId }: UpsertOptions,
  lastWrite?: LinkRecord['lastWrite'],
  parentCustomerId?: string,
): Promise<void> {
  await links.update(current.companyId, {
    parentCustomerId,
    ...(parentsFromHubSpot ? { parentCompanyId } : {}),
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
