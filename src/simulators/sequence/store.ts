/**
 * In-memory state of the simulated Sequence customer API, usable without HTTP.
 *
 * Sized for benchmarks of 10k–100k customers: every lookup by id, alias or contact email is a map
 * hit, list pages are read from the creation order with cursor positions found by binary search,
 * and answers are built on demand from lean rows (the rows never leave the store).
 *
 * Behaviour where Sequence's 2024-07-30 docs are silent (chosen here, documented per method):
 * - `PUT /customers/{id}` (see `updateCustomer`): the documented "contacts replace all existing
 *   ones" and "customProperties omitted → unchanged"; `integrationIds` and `customerAliases`
 *   omitted → unchanged, given → replace; `url`/`label` omitted → cleared (PUT replaces the
 *   representation); `status` omitted → unchanged; archived customers stay archived.
 * - `parentId` is documented only for creating a child. On a PUT, omitted → cleared by default (PUT
 *   replaces the representation; `parentOmittedOnUpdate: 'keeps'` for the other reading), and a
 *   different parent (a move, or a parent for a customer that had none) is made by default or refused
 *   with 400 (`parentMoves: 'refused'`). A parent that would make a cycle is always refused.
 * - `pushToIntegrations` on a create adds a pending integration id for each service (the customer
 *   is created there asynchronously, as with Sequence's linked accounting system).
 * - Alias values are compared exactly (case-sensitive) and stay owned by a customer after it is
 *   archived, so `byAlias` still finds archived customers.
 * - Contacts are matched by email (case-insensitive) on update: a kept email keeps its contact id
 *   and `createdAt`; `updatedAt` moves only when the contact changed. Dropped contacts disappear.
 */
import { randomUUID } from 'node:crypto';
import type {
  ContactBillingPreference,
  CreateCustomerAliasRequest,
  CreateOrUpdateCustomerRequest,
  CustomerStatus,
  IntegrationService,
  TaxStatus,
} from '../../sequence/schemas';
import {
  type AddressModel,
  type ContactModel,
  type CustomerAliasModel,
  type CustomerModel,
  type CustomerOrganizationModel,
  type IntegrationIdModel,
  type ListCustomerAliasesModel,
  type ListCustomerModel,
  type ListCustomersModel,
  SimulatorApiError,
} from './models';
import { checkLimit, decodeCursor, encodeCursor, pageOf } from './paging';

export interface SequenceStoreOptions {
  /** Clock in epoch milliseconds (tests move it to expire idempotency keys). Default `Date.now`. */
  now?: () => number;
  /** `sequenceAccountId` put on aliases. Default: a random UUID. */
  accountId?: string;
  /** How long an `Idempotency-Key` of POST /customer-aliases is remembered. Default 24 h (documented). */
  idempotencyTtlMs?: number;
  /** Page size of list calls without `limit` (undocumented by Sequence). Default 20. */
  defaultPageSize?: number;
}

/** Counters of state changes, for tests that assert how many writes a sync made. */
export interface SequenceWriteCounters {
  /** Customers created by `createCustomer` (POST /customers); seeding does not count. */
  creates: number;
  /** Successful `updateCustomer` calls (PUT /customers/{id}), no-op updates included. */
  updates: number;
  /** Customers that went from active to archived (repeated archive calls do not count). */
  archives: number;
  /** Alias rows created: by POST /customer-aliases, or by `customerAliases` of a create or update. */
  aliasCreates: number;
  /** Alias rows removed: by DELETE /customer-aliases/{id}, or dropped by an update's `customerAliases`. */
  aliasDeletes: number;
}

export interface ListCustomersQuery {
  /** Case-insensitive substring of the legal name (undocumented: Sequence says "filter by legal name"). */
  legalName?: string;
  /** Case-insensitive exact match on any contact's email. */
  email?: string;
  /** Exact alias value. */
  alias?: string;
  /** Exact label. */
  label?: string;
  includeArchived?: boolean;
  /** The simulator has no billing schedules: every customer is INACTIVE. */
  billingStatus?: 'ACTIVE' | 'INACTIVE';
  limit?: number;
  after?: string;
  before?: string;
  /** Creation-time order; Sequence's default is DESC (newest first). */
  sortOrder?: 'ASC' | 'DESC';
}

export interface ListAliasesQuery {
  value?: string;
  limit?: number;
  after?: string;
  before?: string;
}

/** A pre-existing customer to seed (e.g. one made by Sequence's own HubSpot integration). */
export type SeedCustomerInput = Partial<Omit<CreateOrUpdateCustomerRequest, 'legalName'>> & {
  legalName: string;
  /** ISO timestamp; default now. Creation order (and so list order) is still the seeding order. */
  createdAt?: string;
};

export interface SeedCustomerOptions {
  /** Aliases to give it (added to `customerAliases` of the input). */
  aliases?: string[];
  archived?: boolean;
}

export interface DuplicateGroup {
  /** The integration id shared by more than one non-archived customer. */
  integrationId: string;
  /** Their customer ids, oldest first. */
  customerIds: string[];
}

/**
 * Rows keep one fixed shape (absent values are `undefined`, never deleted keys), share frozen
 * empty collections and hold flat id strings: about 1.4 KB of heap per customer with one contact,
 * one alias and one integration id, indexes included (~140 MB for 100k).
 */
interface CustomerRow {
  seq: number;
  id: string;
  createdAt: string;
  legalName: string;
  address: AddressModel;
  url: string | undefined;
  /** Derived from `url` when it is written. */
  domain: string | undefined;
  label: string | undefined;
  taxStatus: TaxStatus;
  status: CustomerStatus;
  integrationIds: readonly IntegrationIdModel[];
  contacts: readonly ContactModel[];
  customProperties: Readonly<Record<string, string>>;
  parentId: string | undefined;
  /** Id of the organization this customer owns, made when it first gets a child. */
  orgId: string | undefined;
  archivedAt: string | undefined;
  /** Alias values, in creation order. */
  aliases: readonly string[];
}

interface AliasRow {
  seq: number;
  id: string;
  customerId: string;
  value: string;
  createdAt: string;
  label: string | undefined;
  deleted: boolean;
}

const EMPTY_STRINGS: readonly string[] = Object.freeze([]);
const EMPTY_PROPERTIES: Readonly<Record<string, string>> = Object.freeze({});
const EMPTY_INTEGRATIONS: readonly IntegrationIdModel[] = Object.freeze([]);

/**
 * A random UUID (crypto.randomUUID) as a flat string: Node builds randomUUID's answer by
 * concatenation, and the resulting rope costs ~500 bytes of heap per id until V8 flattens it.
 */
export function newId(): string {
  return Buffer.from(randomUUID(), 'latin1').toString('latin1');
}

function frozenOr<T>(values: readonly T[], empty: readonly T[]): readonly T[] {
  return values.length === 0 ? empty : values;
}

interface IdempotencyEntry {
  fingerprint: string;
  expiresAt: number;
  result?: CustomerAliasModel;
  error?: SimulatorApiError;
}

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export class SequenceStore {
  readonly accountId: string;
  readonly writes: SequenceWriteCounters = { creates: 0, updates: 0, archives: 0, aliasCreates: 0, aliasDeletes: 0 };
  /** What an alias 409 answers with; the HTTP layer sets it from `aliasConflictStatus`. */
  aliasConflictStatus: number = 409;
  /** What a PUT without `parentId` does to a customer that has a parent (undocumented). */
  parentOmittedOnUpdate: 'clears' | 'keeps' = 'clears';
  /** Whether a PUT may give a customer another parent (undocumented). */
  parentMoves: 'allowed' | 'refused' = 'allowed';

  private readonly now: () => number;
  private readonly idempotencyTtlMs: number;
  private readonly defaultPageSize: number;

  private byId = new Map<string, CustomerRow>();
  /** Customers by creation: `order[i].seq === i` (customers are never deleted). */
  private order: CustomerRow[] = [];
  private archivedCount = 0;
  /** Lower-cased contact email → id of the customer that has it, or ids when several do. */
  private byEmail = new Map<string, string | string[]>();
  /** Parent id → ids of its children. */
  private children = new Map<string, string[]>();

  private aliasByValue = new Map<string, AliasRow>();
  private aliasById = new Map<string, AliasRow>();
  /** Alias rows by creation (ascending seq); deleted rows are skipped and compacted away later. */
  private aliasOrder: AliasRow[] = [];
  private deletedAliasRows = 0;
  private nextAliasSeq = 0;

  /** Key → remembered answer; insertion order is expiry order (the TTL is fixed). */
  private idempotency = new Map<string, IdempotencyEntry>();

  constructor(opts: SequenceStoreOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.accountId = opts.accountId ?? newId();
    this.idempotencyTtlMs = opts.idempotencyTtlMs ?? 24 * 60 * 60 * 1000;
    this.defaultPageSize = opts.defaultPageSize ?? 20;
  }

  // ---- customers: writes --------------------------------------------------------------------

  /**
   * POST /customers. The request must already satisfy `CreateOrUpdateCustomerRequest`.
   * Throws 409 (`aliasConflictStatus`) when an alias is taken, 400 for an unknown `parentId`.
   * Nothing is stored when it throws.
   */
  createCustomer(req: CreateOrUpdateCustomerRequest): CustomerModel {
    const aliases = unique(req.customerAliases ?? []);
    this.checkAliasesFree(aliases, undefined);
    if (req.parentId !== undefined) this.checkParent(req.parentId, undefined);
    const row = this.insert(req, aliases, this.iso());
    for (const service of new Set(req.pushToIntegrations ?? [])) {
      if (row.integrationIds.some((i) => i.service === service)) continue;
      const pushed: IntegrationIdModel = { service, id: `${service.toLowerCase()}-${newId()}`, lastSynced: row.createdAt, isPending: true };
      row.integrationIds = [...row.integrationIds, pushed];
    }
    this.writes.creates += 1;
    return this.toCustomer(row);
  }

  /**
   * PUT /customers/{id}: 404 for an unknown id, 409 (`aliasConflictStatus`) when another customer
   * owns one of `customerAliases`, 400 for a bad `parentId`. Nothing changes when it throws.
   *
   * - legalName, address, taxStatus: replaced (required).
   * - contacts: replace all existing ones (documented); matched by email to keep ids.
   * - customProperties: given → replaces all; omitted → unchanged (documented).
   * - integrationIds: given → replace the list (a pair already present keeps its `lastSynced`);
   *   omitted → unchanged.
   * - customerAliases: given → the customer's aliases become exactly that list (dropped aliases are
   *   deleted and free again); omitted → unchanged.
   * - url, label: omitted → cleared.  status: omitted → unchanged.
   * - parentId: the same → unchanged; another → moved, or 400 when `parentMoves` is 'refused';
   *   omitted → cleared, or unchanged when `parentOmittedOnUpdate` is 'keeps'.
   * - an archived customer can be updated and stays archived (there is no unarchive).
   */
  updateCustomer(id: string, req: CreateOrUpdateCustomerRequest): CustomerModel {
    const row = this.byId.get(id);
    if (!row) throw notFound(id);
    const aliases = req.customerAliases === undefined ? undefined : unique(req.customerAliases);
    if (aliases) this.checkAliasesFree(aliases, id);
    if (req.parentId !== undefined) this.checkParent(req.parentId, id);
    if (req.parentId !== undefined && req.parentId !== row.parentId && this.parentMoves === 'refused') {
      const problem = row.parentId === undefined ? 'a parent can only be given when the customer is created' : "a customer's parent cannot be changed";
      throw new SimulatorApiError(400, 'ValidationError', `Invalid parentId: ${problem}`, [{ path: 'parentId', message: problem }]);
    }

    const now = this.iso();
    row.legalName = req.legalName;
    row.address = address(req.address);
    row.url = req.url;
    row.domain = req.url === undefined ? undefined : domainOf(req.url);
    row.label = req.label;
    row.taxStatus = req.taxStatus;
    if (req.status !== undefined) row.status = req.status;
    this.setContacts(row, req.contacts, now);
    if (req.customProperties !== undefined) row.customProperties = properties(req.customProperties);
    if (req.integrationIds !== undefined) row.integrationIds = integrationIds(req.integrationIds, row.integrationIds, now);
    if (req.parentId !== undefined) this.setParent(row, req.parentId);
    else if (this.parentOmittedOnUpdate === 'clears') this.clearParent(row);
    if (aliases) {
      const keep = new Set(aliases);
      for (const value of row.aliases.filter((v) => !keep.has(v))) this.removeAlias(value);
      for (const value of aliases) if (!this.aliasByValue.has(value)) this.addAlias(row, value, undefined, now);
      row.aliases = frozenOr(aliases, EMPTY_STRINGS);
    }
    this.writes.updates += 1;
    return this.toCustomer(row);
  }

  /** POST /customers/{id}/archive: 404 for an unknown id; archiving again changes nothing. */
  archiveCustomer(id: string): CustomerModel {
    const row = this.byId.get(id);
    if (!row) throw notFound(id);
    if (row.archivedAt === undefined) {
      row.archivedAt = this.iso();
      this.archivedCount += 1;
      this.writes.archives += 1;
    }
    return this.toCustomer(row);
  }

  /**
   * Inserts a pre-existing customer without validation and without counting a write, e.g. one
   * Sequence's native HubSpot integration made: `{ legalName, integrationIds: [{ service: 'HubSpot',
   * id: '123' }] }`. Missing required fields get placeholders (a GB address, TAXED, no contacts).
   * Alias uniqueness is still enforced (throws 409).
   */
  seedCustomer(input: SeedCustomerInput, opts: SeedCustomerOptions = {}): CustomerModel {
    const aliases = unique([...(input.customerAliases ?? []), ...(opts.aliases ?? [])]);
    this.checkAliasesFree(aliases, undefined);
    const createdAt = input.createdAt ?? this.iso();
    const req: CreateOrUpdateCustomerRequest = {
      ...input,
      legalName: input.legalName,
      address: input.address ?? { line1: 'Unknown', town: 'Unknown', postcode: 'Unknown', country: 'GB' },
      taxStatus: input.taxStatus ?? 'TAXED',
      contacts: input.contacts ?? [],
    };
    const row = this.insert(req, aliases, createdAt);
    if (opts.archived) {
      row.archivedAt = createdAt;
      this.archivedCount += 1;
    }
    return this.toCustomer(row);
  }

  // ---- customers: reads ---------------------------------------------------------------------

  get(id: string): CustomerModel | undefined {
    const row = this.byId.get(id);
    return row && this.toCustomer(row);
  }

  /** GET /customers/by-alias/{alias}; archived customers are found too. */
  byAlias(value: string): CustomerModel | undefined {
    const alias = this.aliasByValue.get(value);
    const row = alias && this.byId.get(alias.customerId);
    return row && this.toCustomer(row);
  }

  /** GET /customers/{id}/aliases; undefined for an unknown customer. */
  aliasesOf(customerId: string): CustomerAliasModel[] | undefined {
    const row = this.byId.get(customerId);
    if (!row) return undefined;
    return row.aliases.map((v) => this.toAlias(this.aliasByValue.get(v) as AliasRow));
  }

  /** The id of the customer's parent (what `organizations` shows as the owner of its organization). */
  parentOf(id: string): string | undefined {
    return this.byId.get(id)?.parentId;
  }

  /** Every customer, archived ones included, oldest first. */
  all(): CustomerModel[] {
    return this.order.map((row) => this.toCustomer(row));
  }

  /** Number of customers, archived ones included. */
  count(opts: { includeArchived?: boolean } = {}): number {
    return opts.includeArchived === false ? this.order.length - this.archivedCount : this.order.length;
  }

  /**
   * Non-archived customers that share an integration id of `service` (default HubSpot): the
   * duplicates a retried create or Sequence's own HubSpot import can leave behind.
   */
  duplicatesByIntegrationId(service: IntegrationService = 'HubSpot'): DuplicateGroup[] {
    const groups = new Map<string, string[]>();
    for (const row of this.order) {
      if (row.archivedAt !== undefined) continue;
      const seen = new Set<string>();
      for (const integration of row.integrationIds) {
        if (integration.service !== service || seen.has(integration.id)) continue;
        seen.add(integration.id);
        const ids = groups.get(integration.id);
        if (ids) ids.push(row.id);
        else groups.set(integration.id, [row.id]);
      }
    }
    return [...groups]
      .filter(([, ids]) => ids.length > 1)
      .map(([integrationId, customerIds]) => ({ integrationId, customerIds }));
  }

  /**
   * GET /customers. Archived customers are left out unless `includeArchived`; `totalResultSize`
   * counts every match across pages. Throws 400 for a bad limit or cursor, or both cursors.
   */
  listCustomers(q: ListCustomersQuery = {}): ListCustomersModel {
    const limit = checkLimit(q.limit, this.defaultPageSize);
    if (q.after !== undefined && q.before !== undefined) throw badRequest('after/before', 'give only one of after and before');
    const after = q.after === undefined ? undefined : decodeCursor('cus', q.after, 'after');
    const before = q.before === undefined ? undefined : decodeCursor('cus', q.before, 'before');

    const legalName = q.legalName?.toLowerCase();
    const email = q.email?.toLowerCase();
    const includeArchived = q.includeArchived === true;
    const none = q.billingStatus === 'ACTIVE';

    // The narrowest source: one customer by alias, the few with a contact email, or all of them.
    let source: readonly CustomerRow[] = this.order;
    let filtered = none;
    if (q.alias !== undefined) {
      const alias = this.aliasByValue.get(q.alias);
      const row = alias && this.byId.get(alias.customerId);
      source = row ? [row] : [];
      filtered = true;
    } else if (email !== undefined) {
      source = this.customersWithEmail(email);
      filtered = true;
    }
    filtered ||= legalName !== undefined || q.label !== undefined || email !== undefined;

    const match = (row: CustomerRow): boolean =>
      !none &&
      (includeArchived || row.archivedAt === undefined) &&
      (legalName === undefined || row.legalName.toLowerCase().includes(legalName)) &&
      (q.label === undefined || row.label === q.label) &&
      (email === undefined || row.contacts.some((c) => c.email.toLowerCase() === email));

    const page = pageOf(source, match, { limit, after, before, desc: q.sortOrder !== 'ASC' });
    let total: number;
    if (!filtered) total = includeArchived ? this.order.length : this.order.length - this.archivedCount;
    else total = source.reduce((n, row) => (match(row) ? n + 1 : n), 0);

    const first = page.items[0];
    const last = page.items[page.items.length - 1];
    return {
      items: page.items.map((row) => this.toListed(row)),
      pagination: {
        ...(page.hasAfter && last ? { after: encodeCursor('cus', last.seq) } : {}),
        ...(page.hasBefore && first ? { before: encodeCursor('cus', first.seq) } : {}),
        totalResultSize: total,
      },
    };
  }

  // ---- aliases ------------------------------------------------------------------------------

  /**
   * POST /customer-aliases. 400 for an unknown customer (the documented error codes of this
   * endpoint are 400/401/500), 409 (`aliasConflictStatus`) when the value is taken, even by the
   * same customer. Archived customers can get aliases.
   *
   * With an `idempotencyKey` (max 255 characters, else 400), kept `idempotencyTtlMs` (24 h):
   * the same key with the same body gives back the first answer, error answers included, without
   * running again; the same key with a different body is a 422 `IdempotencyKeyReused` (the IETF
   * Idempotency-Key draft's choice; Sequence documents none).
   */
  createAlias(req: CreateCustomerAliasRequest, opts: { idempotencyKey?: string } = {}): CustomerAliasModel {
    const key = opts.idempotencyKey;
    if (key === undefined) return this.createAliasOnce(req);
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw badRequest('Idempotency-Key', `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    }
    this.expireIdempotencyKeys();
    const fingerprint = stableJson(req);
    const seen = this.idempotency.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw new SimulatorApiError(
          422,
          'IdempotencyKeyReused',
          'This Idempotency-Key was already used with a different request body',
        );
      }
      if (seen.error) throw seen.error;
      return { ...(seen.result as CustomerAliasModel) };
    }
    const entry: IdempotencyEntry = { fingerprint, expiresAt: this.now() + this.idempotencyTtlMs };
    try {
      entry.result = this.createAliasOnce(req);
      this.idempotency.set(key, entry);
      return { ...entry.result };
    } catch (err) {
      if (err instanceof SimulatorApiError && err.status < 500) {
        entry.error = err;
        this.idempotency.set(key, entry);
      }
      throw err;
    }
  }

  /** PUT /customer-aliases/{id}: only the label changes. 404 for an unknown or deleted alias. */
  updateAlias(id: string, req: { label?: string }): CustomerAliasModel {
    const alias = this.aliasById.get(id);
    if (!alias) throw new SimulatorApiError(404, 'NotFound', `Customer alias ${id} not found`);
    alias.label = req.label;
    return this.toAlias(alias);
  }

  /** DELETE /customer-aliases/{id}: frees the value. 404 for an unknown or deleted alias. */
  deleteAlias(id: string): CustomerAliasModel & { deletedAt: string } {
    const alias = this.aliasById.get(id);
    if (!alias) throw new SimulatorApiError(404, 'NotFound', `Customer alias ${id} not found`);
    const owner = this.byId.get(alias.customerId);
    if (owner) owner.aliases = owner.aliases.filter((v) => v !== alias.value);
    this.removeAlias(alias.value);
    return { ...this.toAlias(alias), deletedAt: this.iso() };
  }

  /** GET /customer-aliases: oldest first (undocumented), `value` is an exact match. */
  listAliases(q: ListAliasesQuery = {}): ListCustomerAliasesModel {
    const limit = checkLimit(q.limit, this.defaultPageSize);
    if (q.after !== undefined && q.before !== undefined) throw badRequest('after/before', 'give only one of after and before');
    const after = q.after === undefined ? undefined : decodeCursor('ali', q.after, 'after');
    const before = q.before === undefined ? undefined : decodeCursor('ali', q.before, 'before');
    let source: readonly AliasRow[] = this.aliasOrder;
    if (q.value !== undefined) {
      const row = this.aliasByValue.get(q.value);
      source = row ? [row] : [];
    }
    const match = (row: AliasRow) => !row.deleted;
    const page = pageOf(source, match, { limit, after, before, desc: false });
    const total = q.value !== undefined ? source.length : this.aliasByValue.size;
    const first = page.items[0];
    const last = page.items[page.items.length - 1];
    return {
      items: page.items.map((row) => this.toAlias(row)),
      pagination: {
        ...(page.hasAfter && last ? { after: encodeCursor('ali', last.seq) } : {}),
        ...(page.hasBefore && first ? { before: encodeCursor('ali', first.seq) } : {}),
        totalResultSize: total,
      },
    };
  }

  /** Forgets everything (customers, aliases, idempotency keys) and zeroes the write counters. */
  clear(): void {
    this.byId.clear();
    this.order = [];
    this.archivedCount = 0;
    this.byEmail.clear();
    this.children.clear();
    this.aliasByValue.clear();
    this.aliasById.clear();
    this.aliasOrder = [];
    this.deletedAliasRows = 0;
    this.nextAliasSeq = 0;
    this.idempotency.clear();
    for (const k of Object.keys(this.writes) as (keyof SequenceWriteCounters)[]) this.writes[k] = 0;
  }

  // ---- internals ----------------------------------------------------------------------------

  private lastMs = Number.NaN;
  private lastIso = '';

  /** Now as an ISO 8601 string (one string per millisecond, shared by the rows written in it). */
  private iso(): string {
    const ms = this.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = new Date(ms).toISOString();
    }
    return this.lastIso;
  }

  private insert(req: CreateOrUpdateCustomerRequest, aliases: string[], createdAt: string): CustomerRow {
    const row: CustomerRow = {
      seq: this.order.length,
      id: newId(),
      createdAt,
      legalName: req.legalName,
      address: address(req.address),
      taxStatus: req.taxStatus,
      status: req.status ?? 'ACTIVE',
      url: req.url,
      domain: req.url === undefined ? undefined : domainOf(req.url),
      label: req.label,
      integrationIds: integrationIds(req.integrationIds ?? [], EMPTY_INTEGRATIONS, createdAt),
      contacts: [],
      customProperties: req.customProperties === undefined ? EMPTY_PROPERTIES : properties(req.customProperties),
      parentId: undefined,
      orgId: undefined,
      archivedAt: undefined,
      aliases: frozenOr(aliases, EMPTY_STRINGS),
    };
    this.byId.set(row.id, row);
    this.order.push(row);
    this.setContacts(row, req.contacts, createdAt);
    if (req.parentId !== undefined) this.setParent(row, req.parentId);
    for (const value of aliases) this.addAlias(row, value, undefined, createdAt);
    return row;
  }

  private createAliasOnce(req: CreateCustomerAliasRequest): CustomerAliasModel {
    const row = this.byId.get(req.customerId);
    if (!row) {
      throw new SimulatorApiError(400, 'ValidationError', `Customer ${req.customerId} does not exist`, [
        { path: 'customerId', message: 'no such customer' },
      ]);
    }
    this.checkAliasesFree([req.value], undefined, 'value');
    const alias = this.addAlias(row, req.value, req.label, this.iso());
    row.aliases = [...row.aliases, req.value];
    return this.toAlias(alias);
  }

  /** Throws the alias conflict when a value is owned by a customer other than `owner`. */
  private checkAliasesFree(values: readonly string[], owner: string | undefined, path = 'customerAliases'): void {
    const taken = values.filter((v) => {
      const alias = this.aliasByValue.get(v);
      return alias !== undefined && alias.customerId !== owner;
    });
    if (taken.length > 0) {
      throw new SimulatorApiError(
        this.aliasConflictStatus,
        'Conflict',
        `Customer alias already in use: ${taken.map((v) => JSON.stringify(v)).join(', ')}`,
        taken.map((v) => ({ path, message: `alias ${JSON.stringify(v)} is already in use` })),
      );
    }
  }

  private addAlias(row: CustomerRow, value: string, label: string | undefined, createdAt: string): AliasRow {
    const alias: AliasRow = { seq: this.nextAliasSeq++, id: newId(), customerId: row.id, value, createdAt, label, deleted: false };
    this.aliasByValue.set(value, alias);
    this.aliasById.set(alias.id, alias);
    this.aliasOrder.push(alias);
    this.writes.aliasCreates += 1;
    return alias;
  }

  /** Deletes an alias row (the caller fixes the owner's `aliases`). */
  private removeAlias(value: string): void {
    const alias = this.aliasByValue.get(value);
    if (!alias) return;
    alias.deleted = true;
    this.aliasByValue.delete(value);
    this.aliasById.delete(alias.id);
    this.writes.aliasDeletes += 1;
    this.deletedAliasRows += 1;
    if (this.deletedAliasRows > 1024 && this.deletedAliasRows * 2 > this.aliasOrder.length) {
      this.aliasOrder = this.aliasOrder.filter((a) => !a.deleted);
      this.deletedAliasRows = 0;
    }
  }

  private checkParent(parentId: string, self: string | undefined): void {
    const parent = this.byId.get(parentId);
    let problem: string | undefined;
    if (!parent) problem = 'no such customer';
    else if (parentId === self) problem = 'a customer cannot be its own parent';
    else if (self !== undefined && this.ancestors(parent).includes(self)) problem = 'the parent is a descendant of this customer';
    if (problem) {
      throw new SimulatorApiError(400, 'ValidationError', `Invalid parentId: ${problem}`, [{ path: 'parentId', message: problem }]);
    }
  }

  /** The customer's parent, its parent's parent, … (stops at a loop). */
  private ancestors(row: CustomerRow): string[] {
    const out: string[] = [];
    for (let next = row.parentId; next !== undefined && !out.includes(next); next = this.byId.get(next)?.parentId) out.push(next);
    return out;
  }

  private clearParent(row: CustomerRow): void {
    if (row.parentId === undefined) return;
    const siblings = this.children.get(row.parentId)?.filter((id) => id !== row.id) ?? [];
    if (siblings.length > 0) this.children.set(row.parentId, siblings);
    else this.children.delete(row.parentId);
    row.parentId = undefined;
  }

  private setParent(row: CustomerRow, parentId: string): void {
    if (row.parentId === parentId) return;
    this.clearParent(row);
    row.parentId = parentId;
    const kids = this.children.get(parentId);
    if (kids) kids.push(row.id);
    else this.children.set(parentId, [row.id]);
    const parent = this.byId.get(parentId);
    if (parent && parent.orgId === undefined) parent.orgId = newId();
  }

  /** Replaces the contacts, keeping id/createdAt of those whose email stays; maintains `byEmail`. */
  private setContacts(row: CustomerRow, contacts: CreateOrUpdateCustomerRequest['contacts'], now: string): void {
    const old = new Map<string, ContactModel>();
    for (const c of row.contacts) {
      const key = c.email.toLowerCase();
      if (!old.has(key)) old.set(key, c);
    }
    const next: ContactModel[] = contacts.map((c) => {
      const key = c.email.toLowerCase();
      const prev = old.get(key);
      if (prev) old.delete(key);
      const changed = !prev || prev.name !== c.name || prev.email !== c.email || prev.billingPreference !== c.billingPreference;
      return {
        id: prev?.id ?? newId(),
        name: c.name,
        email: c.email,
        billingPreference: c.billingPreference as ContactBillingPreference,
        createdAt: prev?.createdAt ?? now,
        updatedAt: changed ? now : (prev as ContactModel).updatedAt,
      };
    });
    const before = new Set(row.contacts.map((c) => c.email.toLowerCase()));
    const after = new Set(next.map((c) => c.email.toLowerCase()));
    for (const email of before) {
      if (after.has(email)) continue;
      const ids = this.byEmail.get(email);
      const rest = Array.isArray(ids) ? ids.filter((id) => id !== row.id) : [];
      if (rest.length > 1) this.byEmail.set(email, rest);
      else if (rest.length === 1) this.byEmail.set(email, rest[0] as string);
      else this.byEmail.delete(email);
    }
    for (const email of after) {
      if (before.has(email)) continue;
      const ids = this.byEmail.get(email);
      if (ids === undefined) this.byEmail.set(email, row.id);
      else if (Array.isArray(ids)) ids.push(row.id);
      else this.byEmail.set(email, [ids, row.id]);
    }
    row.contacts = next;
  }

  private customersWithEmail(email: string): CustomerRow[] {
    const ids = this.byEmail.get(email);
    if (ids === undefined) return [];
    const list = Array.isArray(ids) ? ids : [ids];
    return list.map((id) => this.byId.get(id) as CustomerRow).sort((a, b) => a.seq - b.seq);
  }

  private expireIdempotencyKeys(): void {
    const now = this.now();
    for (const [key, entry] of this.idempotency) {
      if (entry.expiresAt > now) break;
      this.idempotency.delete(key);
    }
  }

  private organizations(row: CustomerRow): CustomerOrganizationModel[] {
    const orgs: CustomerOrganizationModel[] = [];
    const parent = row.parentId === undefined ? undefined : this.byId.get(row.parentId);
    if (parent) orgs.push(this.organizationOf(parent));
    if (this.children.has(row.id)) orgs.push(this.organizationOf(row));
    return orgs;
  }

  private organizationOf(owner: CustomerRow): CustomerOrganizationModel {
    const members: CustomerOrganizationModel['members'] = [];
    for (const id of this.children.get(owner.id) ?? []) {
      const member = this.byId.get(id);
      if (member) members.push({ id: member.id, name: member.legalName });
    }
    return { id: owner.orgId as string, owner: { id: owner.id, name: owner.legalName }, members };
  }

  /**
   * The list model (no contacts, no status). Built without spreads or closures: answers are made
   * for every call, so this is the hot path of reads in benchmarks.
   */
  private toListed(row: CustomerRow): ListCustomerModel {
    const out: ListCustomerModel = {
      id: row.id,
      createdAt: row.createdAt,
      organizations: this.organizations(row),
      legalName: row.legalName,
      address: copyAddress(row.address),
      integrationIds: copyIntegrations(row.integrationIds),
      taxStatus: row.taxStatus,
      customProperties: Object.assign({}, row.customProperties),
    };
    addOptionals(out, row);
    return out;
  }

  /** The `Customer` model; optional fields (url, domain, label, archivedAt) are left out when unset. */
  private toCustomer(row: CustomerRow): CustomerModel {
    const out: CustomerModel = {
      id: row.id,
      createdAt: row.createdAt,
      organizations: this.organizations(row),
      legalName: row.legalName,
      address: copyAddress(row.address),
      integrationIds: copyIntegrations(row.integrationIds),
      taxStatus: row.taxStatus,
      contacts: copyContacts(row.contacts),
      status: row.status,
      customProperties: Object.assign({}, row.customProperties),
    };
    addOptionals(out, row);
    return out;
  }

  private toAlias(row: AliasRow): CustomerAliasModel {
    return {
      id: row.id,
      sequenceAccountId: this.accountId,
      customerId: row.customerId,
      value: row.value,
      createdAt: row.createdAt,
      ...(row.label !== undefined ? { label: row.label } : {}),
    };
  }
}

// ---- helpers ----------------------------------------------------------------------------------

function notFound(id: string): SimulatorApiError {
  return new SimulatorApiError(404, 'NotFound', `Customer ${id} not found`);
}

function badRequest(path: string, message: string): SimulatorApiError {
  return new SimulatorApiError(400, 'ValidationError', `${path}: ${message}`, [{ path, message }]);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function addOptionals(out: ListCustomerModel, row: CustomerRow): void {
  if (row.url !== undefined) out.url = row.url;
  if (row.domain !== undefined) out.domain = row.domain;
  if (row.label !== undefined) out.label = row.label;
  if (row.archivedAt !== undefined) out.archivedAt = row.archivedAt;
}

function copyAddress(a: AddressModel): AddressModel {
  const out: AddressModel = { line1: a.line1, town: a.town, postcode: a.postcode, country: a.country };
  if (a.line2 !== undefined) out.line2 = a.line2;
  if (a.state !== undefined) out.state = a.state;
  return out;
}

function copyIntegrations(list: readonly IntegrationIdModel[]): IntegrationIdModel[] {
  const out: IntegrationIdModel[] = [];
  for (const i of list) out.push({ service: i.service, id: i.id, lastSynced: i.lastSynced, isPending: i.isPending });
  return out;
}

function copyContacts(list: readonly ContactModel[]): ContactModel[] {
  const out: ContactModel[] = [];
  for (const c of list) {
    out.push({
      id: c.id,
      name: c.name,
      email: c.email,
      billingPreference: c.billingPreference,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    });
  }
  return out;
}

function properties(given: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.keys(given).length === 0 ? EMPTY_PROPERTIES : { ...given };
}

function address(a: CreateOrUpdateCustomerRequest['address']): AddressModel {
  return {
    line1: a.line1,
    ...(a.line2 !== undefined ? { line2: a.line2 } : {}),
    town: a.town,
    ...(a.state !== undefined ? { state: a.state } : {}),
    postcode: a.postcode,
    country: a.country,
  };
}

function integrationIds(
  given: NonNullable<CreateOrUpdateCustomerRequest['integrationIds']>,
  previous: readonly IntegrationIdModel[],
  now: string,
): readonly IntegrationIdModel[] {
  if (given.length === 0) return EMPTY_INTEGRATIONS;
  const seen = new Set<string>();
  const out: IntegrationIdModel[] = [];
  for (const { service, id } of given) {
    const key = `${service}\u0000${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const prev = previous.find((p) => p.service === service && p.id === id);
    out.push({ service, id, lastSynced: prev?.lastSynced ?? now, isPending: false });
  }
  return out;
}

/** Sequence's `domain`: the URL's host name without a leading `www.`. */
export function domainOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.startsWith('www.') ? host.slice(4) : host || undefined;
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted, to compare request bodies for idempotency. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
