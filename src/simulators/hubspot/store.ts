/**
 * In-memory HubSpot CRM data behind the simulated API: companies, contacts, deals (with their
 * pipelines), the associations between them, parent and child companies, and the property
 * definitions (properties API). Usable on its own (tests, the benchmark's seeding, the demo) and
 * served over HTTP by `startHubSpotSimulator`.
 *
 * Built for 100,000+ companies: records live in a Map keyed by numeric id plus an array sorted by
 * id (binary search for paging cursors and hs_object_id windows). The system properties
 * (`hs_object_id`, `createdate`, `hs_lastmodifieddate`/`lastmodifieddate`) are not stored as
 * strings but derived from the record when it is read. Associations are kept on both records as
 * sorted parallel arrays (other id, interned association-type set), so a company with three
 * contacts costs two small arrays instead of a Map.
 */
import { DealCompanyLinks, DealPipelines, type PipelineSpec, type StageInput } from './deals';
import { PropertyRegistry } from './properties';

export type HubSpotObjectType = 'companies' | 'contacts' | 'deals';

/** A property map as HubSpot returns it: values are strings, or null for "no value". */
export type HubSpotPropertyValues = Record<string, string | null>;

/** A point in time: epoch milliseconds, a Date, or an ISO-8601 string. */
export type TimeInput = number | Date | string;

/** An object as the v3 object APIs return it (with every stored property). */
export interface HubSpotObject {
  id: string;
  properties: HubSpotPropertyValues;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED';

/** One association type as the v4 APIs show it. */
export interface AssociationTypeSpec {
  category: AssociationCategory;
  typeId: number;
  label: string | null;
}

/** What `associate` accepts: a company → contact type id (label only matters for new USER_DEFINED ids). */
export interface AssociationTypeInput {
  typeId: number;
  label?: string | null;
  category: AssociationCategory;
}

/** A user-defined association label: its id from company to contact and the inverse id from contact to company. */
export interface AssociationLabelDefinition {
  category: AssociationCategory;
  label: string | null;
  /** company → contact */
  typeId: number;
  /** contact → company */
  inverseTypeId: number;
}

export interface AssociatedObject {
  /** Id of the object at the other end. */
  id: string;
  /** Types as seen from the object that was asked about (company → contact ids for a company). */
  types: AssociationTypeSpec[];
}

export interface CreateObjectOptions {
  /** Explicit numeric id (must be unused); default: the next id. */
  id?: string | number;
  /** Creation time; default now. */
  createdAt?: TimeInput;
  /** Last modification time; default the creation time. */
  updatedAt?: TimeInput;
}

export interface UpdateObjectOptions {
  /** Modification time to record (hs_lastmodifieddate / updatedAt); default now. */
  at?: TimeInput;
}

export interface HubSpotStoreOptions {
  /** First company id is this + 1. Default 10,000,000,000, so company and contact ids never look alike. */
  companyIdBase?: number;
  /** First contact id is this + 1. Default 50,000,000,000. */
  contactIdBase?: number;
  /** First deal id is this + 1. Default 90,000,000,000. */
  dealIdBase?: number;
  /** Changes younger than this are invisible to search (see {@link HubSpotStore.searchIndexLagMs}). */
  searchIndexLagMs?: number;
  /** Clock used for "now" (tests can freeze it). Default Date.now. */
  now?: () => number;
}

export interface HubSpotStoreCounts {
  companies: number;
  archivedCompanies: number;
  contacts: number;
  archivedContacts: number;
  /** Company ↔ contact pairs (each pair once, whatever its types), including those with an archived end. */
  associations: number;
  deals: number;
  /** Deal ↔ company pairs, including those with an archived end. */
  dealAssociations: number;
}

// ---------------------------------------------------------------------------------------------
// Internal representation (exported for the server and search modules, not part of the API).

/** What search sees of a record: the record itself or, while a change is not yet indexed, a snapshot. */
export interface RecordState {
  props: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
}

/** @internal */
export class ObjectRecord implements RecordState {
  archived = false;
  archivedAt = 0;
  /** Wall-clock time until which the last change is not visible to search. */
  pendingUntil = 0;
  /** The state search shows while `pendingUntil` is in the future; null = not indexed at all yet. */
  indexed: RecordState | null = null;
  /** Associations, interleaved `[otherId, typeSet, otherId, typeSet, ...]`, sorted by other id. */
  links: number[] | null = null;
  /** Set when this record was merged into another one. */
  mergedInto = 0;

  constructor(
    readonly idNum: number,
    public props: Record<string, string>,
    public createdAt: number,
    public updatedAt: number,
  ) {}

  get id(): string {
    return toStr(this.idNum);
  }
}

interface TypeSet {
  /** Definition indexes, ascending. */
  defs: number[];
  /** As seen from the company (company → contact type ids). */
  forward: AssociationTypeSpec[];
  /** As seen from the contact (contact → company type ids). */
  reverse: AssociationTypeSpec[];
}

// Globals captured once: inside jest's vm sandbox every global lookup (String, Number, Date...) is
// an interceptor call, which made bulk creation several times slower there.
const toStr = String;
const toNum = Number;
const { isSafeInteger, isFinite: isFiniteNumber } = Number;
const DateClass = Date;
const parseDate = Date.parse;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const hasOwn = Object.prototype.hasOwnProperty;

/** Company properties HubSpot defines out of the box; requested ones without a value read as null. */
const COMPANY_DEFINED = [
  'name', 'domain', 'website', 'phone', 'address', 'address2', 'city', 'state', 'zip', 'country',
  'industry', 'description', 'numberofemployees', 'annualrevenue', 'lifecyclestage', 'hubspot_owner_id',
  'num_associated_contacts', 'hs_merged_object_ids', 'timezone', 'type', 'hs_parent_company_id', 'hs_num_child_companies',
  'num_associated_deals',
];
/** Company properties HubSpot computes (from associations, merges): an API write to them is refused. */
const COMPANY_CALCULATED = ['num_associated_contacts', 'num_associated_deals', 'hs_merged_object_ids', 'hs_parent_company_id', 'hs_num_child_companies'];
const CONTACT_CALCULATED = ['hs_merged_object_ids', 'associatedcompanyid'];
const SYSTEM_PROPERTIES = ['hs_object_id', 'createdate', 'hs_lastmodifieddate', 'lastmodifieddate'];
const DEAL_DEFINED = [
  'dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'dealtype', 'description', 'hubspot_owner_id',
  'hs_merged_object_ids', 'hs_is_closed', 'hs_is_closed_won',
];
/** Deal properties HubSpot calculates (from the stage's metadata): never stored, derived on read. */
const DEAL_CALCULATED = new Set(['hs_is_closed', 'hs_is_closed_won']);
const CONTACT_DEFINED = [
  'email', 'firstname', 'lastname', 'phone', 'mobilephone', 'jobtitle', 'company', 'address', 'city', 'state',
  'zip', 'country', 'lifecyclestage', 'hubspot_owner_id', 'hs_merged_object_ids', 'associatedcompanyid',
];

export function toEpochMs(value: TimeInput, what = 'time'): number {
  const ms = value instanceof DateClass ? value.getTime() : typeof value === 'number' ? value : parseDate(value);
  if (!isFiniteNumber(ms)) throw new Error(`invalid ${what}: ${toStr(value)}`);
  return ms;
}

let isoMs = Number.NaN;
let isoText = '';
let isoMs2 = Number.NaN;
let isoText2 = '';

/** `new Date(ms).toISOString()`, remembering the last two answers (bulk data shares timestamps). */
export function iso(ms: number): string {
  if (ms === isoMs) return isoText;
  if (ms === isoMs2) return isoText2;
  const text = new DateClass(ms).toISOString();
  isoMs2 = isoMs;
  isoText2 = isoText;
  isoMs = ms;
  isoText = text;
  return text;
}

/** One object type's records. @internal */
export class ObjectTable {
  readonly byId = new Map<number, ObjectRecord>();
  /** All records (archived too), sorted by id. */
  readonly order: ObjectRecord[] = [];
  readonly definedProps: Set<string>;
  readonly defaultProps: readonly string[];
  live = 0;
  private lastId: number;

  constructor(
    readonly type: HubSpotObjectType,
    /** `hs_lastmodifieddate` for companies, `lastmodifieddate` for contacts. */
    readonly modifiedProp: string,
    idBase: number,
    private readonly store: HubSpotStore,
  ) {
    this.lastId = idBase;
    this.definedProps = new Set(type === 'companies' ? COMPANY_DEFINED : type === 'deals' ? DEAL_DEFINED : CONTACT_DEFINED);
    this.defaultProps =
      type === 'companies'
        ? ['name', 'domain', 'createdate', 'hs_lastmodifieddate', 'hs_object_id']
        : type === 'deals'
          ? ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage', 'createdate', 'hs_lastmodifieddate', 'hs_object_id']
          : ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'];
  }

  get archivedCount(): number {
    return this.order.length - this.live;
  }

  isSystemProp(name: string): boolean {
    return name === 'hs_object_id' || name === 'createdate' || name === this.modifiedProp;
  }

  /** Looks up a record by its id string ("123"); anything that is not a canonical positive integer misses. */
  get(id: string | number): ObjectRecord | undefined {
    if (typeof id === 'number') return this.byId.get(id);
    if (id.length === 0 || id.length > 16) return undefined;
    const n = toNum(id);
    if (!isSafeInteger(n) || n <= 0 || toStr(n) !== id) return undefined;
    return this.byId.get(n);
  }

  require(id: string | number): ObjectRecord {
    const rec = this.get(id);
    if (!rec) throw new Error(`${this.type}: no object with id ${toStr(id)}`);
    return rec;
  }

  /** Index of the first record whose id is >= idNum. */
  lowerBound(idNum: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.order[mid] as ObjectRecord).idNum < idNum) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A fresh property object (never `delete`: that would put the object in slow dictionary mode). */
  private cleanProps(input: HubSpotPropertyValues, base: Record<string, string> | null): Record<string, string> {
    const out: Record<string, string> = {};
    if (base) for (const k in base) if (!hasOwn.call(input, k)) out[k] = base[k] as string;
    for (const k in input) {
      const v = input[k];
      if (!this.definedProps.has(k)) {
        if (FORBIDDEN_KEYS.has(k)) continue;
        this.definedProps.add(k);
      }
      if (v === null || v === undefined || this.isSystemProp(k) || (this.type === 'companies' && DERIVED_COMPANY_PROPS.has(k)) || (this.type === 'deals' && DEAL_CALCULATED.has(k))) continue;
      out[k] = typeof v === 'string' ? v : toStr(v);
    }
    return out;
  }

  create(properties: HubSpotPropertyValues, opts: CreateObjectOptions = {}): ObjectRecord {
    let idNum: number;
    if (opts.id !== undefined) {
      idNum = toNum(opts.id);
      if (!isSafeInteger(idNum) || idNum <= 0) throw new Error(`${this.type}: invalid id ${toStr(opts.id)}`);
      if (this.byId.has(idNum)) throw new Error(`${this.type}: id ${idNum} already exists`);
    } else {
      idNum = this.lastId + 1;
    }
    if (idNum > this.lastId) this.lastId = idNum;
    const now = this.store.now();
    const createdAt = opts.createdAt === undefined ? now : toEpochMs(opts.createdAt, 'createdAt');
    const updatedAt = opts.updatedAt === undefined ? createdAt : toEpochMs(opts.updatedAt, 'updatedAt');
    const rec = new ObjectRecord(idNum, this.cleanProps(properties, null), createdAt, updatedAt);
    const lag = this.store.searchIndexLagMs;
    if (lag > 0) {
      rec.pendingUntil = now + lag;
      rec.indexed = null;
    }
    this.byId.set(idNum, rec);
    const last = this.order[this.order.length - 1];
    if (!last || last.idNum < idNum) this.order.push(rec);
    else this.order.splice(this.lowerBound(idNum), 0, rec);
    this.live += 1;
    return rec;
  }

  /** Records the state search keeps showing until the change is indexed. Call before changing `rec`. */
  beforeChange(rec: ObjectRecord): void {
    const lag = this.store.searchIndexLagMs;
    if (lag <= 0) return;
    const now = this.store.now();
    if (rec.pendingUntil <= now) {
      rec.indexed = { props: rec.props, createdAt: rec.createdAt, updatedAt: rec.updatedAt, archived: rec.archived };
    }
    rec.pendingUntil = now + lag;
  }

  update(id: string | number, properties: HubSpotPropertyValues, opts: UpdateObjectOptions = {}): ObjectRecord {
    const rec = this.require(id);
    this.beforeChange(rec);
    // Copy on write: a search snapshot may still point at the old property object.
    rec.props = this.cleanProps(properties, rec.props);
    rec.updatedAt = opts.at === undefined ? this.store.now() : toEpochMs(opts.at, 'at');
    return rec;
  }

  touch(rec: ObjectRecord, at?: TimeInput): void {
    this.beforeChange(rec);
    rec.updatedAt = at === undefined ? this.store.now() : toEpochMs(at, 'at');
  }

  archive(id: string | number, at?: TimeInput): boolean {
    const rec = this.get(id);
    if (!rec || rec.archived) return false;
    this.beforeChange(rec);
    rec.archived = true;
    rec.archivedAt = at === undefined ? this.store.now() : toEpochMs(at, 'at');
    rec.updatedAt = rec.archivedAt;
    this.live -= 1;
    return true;
  }

  restore(id: string | number, at?: TimeInput): boolean {
    const rec = this.get(id);
    if (!rec || !rec.archived || rec.mergedInto) return false;
    this.beforeChange(rec);
    rec.archived = false;
    rec.archivedAt = 0;
    rec.updatedAt = at === undefined ? this.store.now() : toEpochMs(at, 'at');
    this.live += 1;
    return true;
  }

  /** Value of one property as HubSpot returns it (undefined: not a property HubSpot would return). */
  value(rec: ObjectRecord, state: RecordState, name: string): string | null | undefined {
    if (name === 'hs_object_id') return toStr(rec.idNum);
    if (name === 'createdate') return iso(state.createdAt);
    if (name === this.modifiedProp) return iso(state.updatedAt);
    if (this.type === 'companies' && DERIVED_COMPANY_PROPS.has(name)) {
      // Calculated properties: derived from the live associations, not stored (reading them moves nothing).
      if (name === 'num_associated_contacts') return toStr(this.store.liveLinkCount(rec, this.store.contactTable));
      if (name === 'num_associated_deals') return toStr(this.store.getCompanyDeals(toStr(rec.idNum)).length);
      if (name === 'hs_parent_company_id') return this.store.getParentCompany(toStr(rec.idNum)) ?? null;
      return toStr(this.store.getChildCompanies(toStr(rec.idNum)).length);
    }
    if (this.type === 'deals' && DEAL_CALCULATED.has(name)) {
      const stage = this.store.pipelines.stage(state.props.dealstage);
      if (!stage) return 'false';
      const closed = stage.stage.isClosed;
      return toStr(name === 'hs_is_closed' ? closed : closed && stage.stage.probability === '1.0');
    }
    const v = state.props[name];
    if (v !== undefined) return v;
    return this.definedProps.has(name) ? null : undefined;
  }

  /**
   * The `properties` object of an answer: the requested properties (defaults when none) plus the
   * system ones, like HubSpot. `requested === 'all'` returns every stored property.
   */
  properties(
    rec: ObjectRecord,
    requested: readonly string[] | 'all',
    state: RecordState = rec,
    createdIso = iso(state.createdAt),
    updatedIso = iso(state.updatedAt),
  ): HubSpotPropertyValues {
    const out: HubSpotPropertyValues = {};
    const props = state.props;
    if (requested === 'all') {
      for (const k in props) out[k] = props[k] as string;
    } else {
      const names = requested.length ? requested : this.defaultProps;
      for (const name of names) {
        if (this.isSystemProp(name)) continue;
        const v = props[name];
        if (v !== undefined) out[name] = v;
        else {
          const derived = this.value(rec, state, name);
          if (derived !== undefined) out[name] = derived;
        }
      }
    }
    out.createdate = createdIso;
    out[this.modifiedProp] = updatedIso;
    out.hs_object_id = toStr(rec.idNum);
    return out;
  }

  view(rec: ObjectRecord, requested: readonly string[] | 'all' = 'all', state: RecordState = rec): HubSpotObject {
    const createdAt = iso(state.createdAt);
    const updatedAt = iso(state.updatedAt);
    const obj: HubSpotObject = {
      id: toStr(rec.idNum),
      properties: this.properties(rec, requested, state, createdAt, updatedAt),
      createdAt,
      updatedAt,
      archived: state.archived,
    };
    if (state.archived && rec.archivedAt) obj.archivedAt = iso(rec.archivedAt);
    return obj;
  }
}

/** Company properties computed on read from the associations (never stored). */
const DERIVED_COMPANY_PROPS = new Set(['num_associated_contacts', 'num_associated_deals', 'hs_parent_company_id', 'hs_num_child_companies']);

const UNLABELED = 0;
const PRIMARY = 1;

/** Company ↔ company association types (HubSpot changelog 2018-09-11). */
export const PARENT_TO_CHILD_COMPANY = 13;
export const CHILD_TO_PARENT_COMPANY = 14;

/** Writes made through the HTTP API (batch update), for tests that count them. Seeding and store writes do not count. */
export interface HubSpotApiWrites {
  /** `POST …/batch/update` calls answered 200/207 (or 200 with errors). */
  batchUpdates: number;
  /** Objects changed by them (a missing id changes nothing). */
  objectUpdates: number;
  propertiesCreated: number;
  groupsCreated: number;
}

/** One input of a batch update. */
export interface ApiUpdateInput {
  id: string;
  properties: Record<string, unknown>;
}

export class HubSpotStore {
  /** @internal */ readonly companyTable: ObjectTable;
  /** @internal */ readonly contactTable: ObjectTable;
  /** @internal */ readonly dealTable: ObjectTable;
  /** The account's deal pipelines (a `default` one to start with). */
  readonly pipelines: DealPipelines;
  /** @internal */ readonly dealLinks = new DealCompanyLinks();
  /**
   * Changes made less than this many ms ago are not yet visible to search ("may take moments to
   * appear"): search keeps answering with the previous state (or not at all for new objects).
   * Applies to changes made after it is set.
   */
  searchIndexLagMs: number;
  readonly now: () => number;

  private readonly defs: AssociationLabelDefinition[] = [
    { category: 'HUBSPOT_DEFINED', label: null, typeId: 280, inverseTypeId: 279 },
    { category: 'HUBSPOT_DEFINED', label: 'Primary', typeId: 2, inverseTypeId: 1 },
  ];
  private readonly defByTypeId = new Map<number, number>([
    [280, UNLABELED],
    [2, PRIMARY],
  ]);
  private readonly defByInverseTypeId = new Map<number, number>([
    [279, UNLABELED],
    [1, PRIMARY],
  ]);
  /** Portal-specific ids for user-defined labels: chosen here so nobody can hard-code them. */
  private nextLabelTypeId = 37;
  private readonly typeSets: TypeSet[] = [];
  /** Child company id → parent company id (a company has at most one parent). */
  private readonly parentOf = new Map<number, number>();
  /** Parent company id → child ids, ascending. */
  private readonly childrenOf = new Map<number, number[]>();
  /** Property groups and definitions of each object type (the properties API). */
  readonly companyProperties: PropertyRegistry;
  readonly contactProperties: PropertyRegistry;
  readonly dealProperties: PropertyRegistry;
  readonly apiWrites: HubSpotApiWrites = { batchUpdates: 0, objectUpdates: 0, propertiesCreated: 0, groupsCreated: 0 };
  private readonly typeSetByKey = new Map<string, number>();
  private readonly typeSetByMask = new Map<number, number>();
  private pairs = 0;

  constructor(opts: HubSpotStoreOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.searchIndexLagMs = opts.searchIndexLagMs ?? 0;
    this.companyTable = new ObjectTable('companies', 'hs_lastmodifieddate', opts.companyIdBase ?? 10_000_000_000, this);
    this.contactTable = new ObjectTable('contacts', 'lastmodifieddate', opts.contactIdBase ?? 50_000_000_000, this);
    this.dealTable = new ObjectTable('deals', 'hs_lastmodifieddate', opts.dealIdBase ?? 90_000_000_000, this);
    this.pipelines = new DealPipelines(this.now());
    const registry = (table: ObjectTable, calculated: readonly string[], group: string, label: string) =>
      new PropertyRegistry(
        table.type,
        () => table.definedProps,
        new Set([...SYSTEM_PROPERTIES, ...calculated]),
        { name: group, label, displayOrder: -1, archived: false },
        this.now,
        (name) => table.definedProps.add(name),
      );
    this.companyProperties = registry(this.companyTable, COMPANY_CALCULATED, 'companyinformation', 'Company information');
    this.contactProperties = registry(this.contactTable, CONTACT_CALCULATED, 'contactinformation', 'Contact information');
    this.dealProperties = registry(this.dealTable, ['hs_merged_object_ids', ...DEAL_CALCULATED], 'dealinformation', 'Deal information');
  }

  /** @internal */
  propertiesOf(type: HubSpotObjectType): PropertyRegistry {
    return type === 'companies' ? this.companyProperties : type === 'deals' ? this.dealProperties : this.contactProperties;
  }

  /**
   * `POST /crm/objects/V/{type}/batch/update`: every value is checked first (a bad one refuses the
   * whole batch, nothing written); then each existing, live object is updated (its modification time
   * moves, as every write does in HubSpot, changed value or not). Ids that are not live objects come
   * back in `missing`. @internal
   */
  updateFromApi(type: HubSpotObjectType, inputs: readonly ApiUpdateInput[]): { updated: HubSpotObject[]; missing: string[] } {
    const registry = this.propertiesOf(type);
    const checked = inputs.map((input) => ({ id: input.id, values: registry.checkValues(input.properties) }));
    const table = this.table(type);
    const updated: HubSpotObject[] = [];
    const missing: string[] = [];
    for (const { id, values } of checked) {
      const rec = table.get(id);
      if (!rec || rec.archived) {
        missing.push(id);
        continue;
      }
      table.update(rec.idNum, values);
      updated.push(table.view(rec, Object.keys(values)));
    }
    if (inputs.length) this.apiWrites.batchUpdates += 1;
    this.apiWrites.objectUpdates += updated.length;
    return { updated, missing };
  }

  /** @internal */
  table(type: HubSpotObjectType): ObjectTable {
    return type === 'companies' ? this.companyTable : type === 'deals' ? this.dealTable : this.contactTable;
  }

  // ---- companies ------------------------------------------------------------------------------

  createCompany(properties: HubSpotPropertyValues, opts?: CreateObjectOptions): HubSpotObject {
    const t = this.companyTable;
    return t.view(t.create(properties, opts));
  }

  updateCompany(id: string, properties: HubSpotPropertyValues, opts?: UpdateObjectOptions): HubSpotObject {
    const t = this.companyTable;
    return t.view(t.update(id, properties, opts));
  }

  /** Archives ("deletes") a company; false when it does not exist or is already archived. */
  deleteCompany(id: string, opts?: UpdateObjectOptions): boolean {
    return this.companyTable.archive(id, opts?.at);
  }

  restoreCompany(id: string, opts?: UpdateObjectOptions): boolean {
    return this.companyTable.restore(id, opts?.at);
  }

  /** The company, archived or not (undefined when the id was never used). */
  getCompany(id: string): HubSpotObject | undefined {
    const rec = this.companyTable.get(id);
    return rec && this.companyTable.view(rec);
  }

  /**
   * Merges `mergedId` into `primaryId` like HubSpot: the merged company is archived for good (it
   * cannot be restored), its contacts are associated with the primary (types united; one primary
   * company per contact), the primary's `hs_merged_object_ids` lists the merged id and its
   * modification time moves. HTTP reads by the merged id (GET by id, batch read) answer with the primary.
   * Its company ↔ company associations follow the rule for all of them (the remaining record keeps
   * the associations of both): its child companies become the primary's, and its parent becomes the
   * primary's when the primary has none (a company has one parent).
   */
  mergeCompanies(primaryId: string, mergedId: string, opts?: UpdateObjectOptions): HubSpotObject {
    const t = this.companyTable;
    const primary = t.require(primaryId);
    const merged = t.require(mergedId);
    if (primary === merged) throw new Error('cannot merge a company into itself');
    if (primary.archived || merged.archived) throw new Error('cannot merge archived companies');
    const links = merged.links ? [...merged.links] : [];
    for (let i = 0; i < links.length; i += 2) {
      const contact = this.contactTable.byId.get(links[i] as number) as ObjectRecord;
      const set = this.typeSets[links[i + 1] as number] as TypeSet;
      this.unlink(merged, contact);
      this.link(primary, contact, set.defs);
    }
    for (const dealId of [...this.dealLinks.dealsOf(merged.idNum)]) {
      const primaryCompany = this.dealLinks.isPrimary(dealId, merged.idNum);
      this.dealLinks.unlink(dealId, merged.idNum);
      this.dealLinks.link(dealId, primary.idNum, primaryCompany);
    }
    for (const child of [...(this.childrenOf.get(merged.idNum) ?? [])]) {
      this.setParentCompany(toStr(child), child === primary.idNum ? null : toStr(primary.idNum));
    }
    const mergedParent = this.parentOf.get(merged.idNum);
    this.setParentCompany(toStr(merged.idNum), null);
    if (mergedParent !== undefined && mergedParent !== primary.idNum && !this.parentOf.has(primary.idNum)) this.setParentCompany(toStr(primary.idNum), toStr(mergedParent));
    const previous = primary.props.hs_merged_object_ids;
    const at = opts?.at;
    t.update(primary.idNum, { hs_merged_object_ids: previous ? `${previous};${merged.idNum}` : toStr(merged.idNum) }, { at });
    t.archive(merged.idNum, at);
    merged.mergedInto = primary.idNum;
    return t.view(primary);
  }

  // ---- contacts -------------------------------------------------------------------------------

  createContact(properties: HubSpotPropertyValues, opts?: CreateObjectOptions): HubSpotObject {
    const t = this.contactTable;
    return t.view(t.create(properties, opts));
  }

  updateContact(id: string, properties: HubSpotPropertyValues, opts?: UpdateObjectOptions): HubSpotObject {
    const t = this.contactTable;
    return t.view(t.update(id, properties, opts));
  }

  deleteContact(id: string, opts?: UpdateObjectOptions): boolean {
    return this.contactTable.archive(id, opts?.at);
  }

  restoreContact(id: string, opts?: UpdateObjectOptions): boolean {
    return this.contactTable.restore(id, opts?.at);
  }

  getContact(id: string): HubSpotObject | undefined {
    const rec = this.contactTable.get(id);
    return rec && this.contactTable.view(rec);
  }

  // ---- associations ---------------------------------------------------------------------------

  /**
   * Defines (or returns the existing) USER_DEFINED company → contact label, e.g. "Billing contact".
   * Its type ids are portal-specific: read them from here or from the labels endpoint.
   */
  defineLabel(label: string, typeId?: number): AssociationLabelDefinition {
    const existing = this.defs.find((d) => d.category === 'USER_DEFINED' && d.label === label);
    if (existing) return { ...existing };
    return { ...(this.defs[this.addDefinition(label, typeId)] as AssociationLabelDefinition) };
  }

  private addDefinition(label: string | null, typeId?: number): number {
    let id = typeId ?? this.nextLabelTypeId;
    while (this.defByTypeId.has(id) || this.defByInverseTypeId.has(id)) id += 2;
    let inverse = id + 1;
    while (this.defByTypeId.has(inverse) || this.defByInverseTypeId.has(inverse) || inverse === id) inverse += 1;
    this.nextLabelTypeId = Math.max(this.nextLabelTypeId, inverse + 1);
    const index = this.defs.length;
    this.defs.push({ category: 'USER_DEFINED', label, typeId: id, inverseTypeId: inverse });
    this.defByTypeId.set(id, index);
    this.defByInverseTypeId.set(inverse, index);
    return index;
  }

  /** Association types between the two object types, as `GET /crm/v4/associations/{from}/{to}/labels` lists them. */
  labels(from: HubSpotObjectType = 'companies', to: HubSpotObjectType = from === 'companies' ? 'contacts' : 'companies'): AssociationTypeSpec[] {
    if (from === 'companies' && to === 'companies') {
      return [PARENT_TO_CHILD_COMPANY, CHILD_TO_PARENT_COMPANY].map((typeId) => ({ category: 'HUBSPOT_DEFINED' as const, typeId, label: null }));
    }
    return this.defs.map((d) => ({
      category: d.category,
      typeId: from === 'companies' ? d.typeId : d.inverseTypeId,
      label: d.label,
    }));
  }

  /**
   * Associates a company with a contact. `types` are company → contact types (default: unlabeled
   * 280). Like HubSpot, every association also carries the unlabeled type, types add up over calls,
   * and a contact has one primary company (type 2 here): making this company primary removes the
   * primary type from the contact's other companies. An unknown USER_DEFINED typeId defines it.
   */
  associate(companyId: string, contactId: string, types: readonly AssociationTypeInput[] = []): void {
    const company = this.companyTable.require(companyId);
    const contact = this.contactTable.require(contactId);
    if (company.archived || contact.archived) throw new Error('cannot associate archived objects');
    const defs: number[] = [UNLABELED];
    for (const t of types) {
      let index = this.defByTypeId.get(t.typeId);
      if (index === undefined) {
        if (t.category !== 'USER_DEFINED') throw new Error(`unknown HUBSPOT_DEFINED association type ${t.typeId}`);
        index = this.addDefinition(t.label ?? null, t.typeId);
      }
      defs.push(index);
    }
    this.link(company, contact, defs);
  }

  /**
   * Removes association types between a company and a contact (company → contact type ids), or the
   * whole association when `typeIds` is omitted or includes the unlabeled type 280.
   */
  disassociate(companyId: string, contactId: string, typeIds?: readonly number[]): boolean {
    const company = this.companyTable.require(companyId);
    const contact = this.contactTable.require(contactId);
    const at = findLink(company, contact.idNum);
    if (at < 0) return false;
    if (!typeIds || typeIds.includes(280)) {
      this.unlink(company, contact);
    } else {
      const drop = new Set(typeIds.map((id) => this.defByTypeId.get(id)));
      const set = this.typeSets[(company.links as number[])[at + 1] as number] as TypeSet;
      this.setLinkTypes(company, contact, this.internTypeSet(set.defs.filter((d) => !drop.has(d))));
    }
    return true;
  }

  /**
   * Makes `parentId` the parent company of `childId` (association types 13 parent → child and 14
   * child → parent), replacing any parent it had; `null` removes the parent. Like an association
   * change, it does not move either company's hs_lastmodifieddate. HubSpot's UI refuses a cycle; what
   * its API does with one is undocumented, so the store lets a test make one.
   */
  setParentCompany(childId: string, parentId: string | null): void {
    const child = this.companyTable.require(childId);
    const previous = this.parentOf.get(child.idNum);
    if (previous !== undefined) {
      const siblings = (this.childrenOf.get(previous) ?? []).filter((id) => id !== child.idNum);
      if (siblings.length) this.childrenOf.set(previous, siblings);
      else this.childrenOf.delete(previous);
      this.parentOf.delete(child.idNum);
    }
    if (parentId === null) return;
    const parent = this.companyTable.require(parentId);
    if (parent === child) throw new Error('a company cannot be its own parent');
    if (parent.archived || child.archived) throw new Error('cannot associate archived companies');
    this.parentOf.set(child.idNum, parent.idNum);
    const kids = this.childrenOf.get(parent.idNum) ?? [];
    kids.push(child.idNum);
    kids.sort((a, b) => a - b);
    this.childrenOf.set(parent.idNum, kids);
  }

  /** The company's live parent company, if any. */
  getParentCompany(companyId: string): string | undefined {
    const rec = this.companyTable.get(companyId);
    const parentId = rec && this.parentOf.get(rec.idNum);
    if (parentId === undefined) return undefined;
    return this.companyTable.byId.get(parentId)?.archived === false ? toStr(parentId) : undefined;
  }

  /** The company's live child companies, ascending. */
  getChildCompanies(companyId: string): string[] {
    const rec = this.companyTable.get(companyId);
    if (!rec) return [];
    return (this.childrenOf.get(rec.idNum) ?? []).filter((id) => this.companyTable.byId.get(id)?.archived === false).map(toStr);
  }

  /** The live contacts of a company with company → contact types. */
  getCompanyContacts(companyId: string): AssociatedObject[] {
    const company = this.companyTable.get(companyId);
    if (!company) return [];
    return this.linksOf(company, this.contactTable, 'forward');
  }

  /** The live companies of a contact with contact → company types. */
  getContactCompanies(contactId: string): AssociatedObject[] {
    const contact = this.contactTable.get(contactId);
    if (!contact) return [];
    return this.linksOf(contact, this.companyTable, 'reverse');
  }

  private linksOf(rec: ObjectRecord, other: ObjectTable, side: 'forward' | 'reverse'): AssociatedObject[] {
    const out: AssociatedObject[] = [];
    const links = rec.links;
    if (rec.archived || !links) return out;
    for (let i = 0; i < links.length; i += 2) {
      const target = other.byId.get(links[i] as number);
      if (!target || target.archived) continue;
      out.push({ id: toStr(links[i]), types: (this.typeSets[links[i + 1] as number] as TypeSet)[side].map((t) => ({ ...t })) });
    }
    return out;
  }

  /**
   * One page of the live associations of `fromId` (for the v4 batch read): targets with id >=
   * `startId`, at most `pageSize`, and the id where the next page starts. Undefined when the object
   * is missing or archived or has no live associations (HubSpot's NO_ASSOCIATIONS_FOUND). @internal
   */
  associationPage(
    from: HubSpotObjectType,
    toType: HubSpotObjectType,
    fromId: string,
    startId: number,
    pageSize: number,
  ): { to: { toObjectId: number; associationTypes: AssociationTypeSpec[] }[]; nextStartId?: number } | undefined {
    if (from === 'companies' && toType === 'companies') return this.companyCompanyPage(fromId, startId, pageSize);
    const table = this.table(from);
    const other = from === 'companies' ? this.contactTable : this.companyTable;
    const side = from === 'companies' ? 'forward' : 'reverse';
    const rec = table.get(fromId);
    const links = rec?.links;
    if (!rec || rec.archived || !links) return undefined;
    const to: { toObjectId: number; associationTypes: AssociationTypeSpec[] }[] = [];
    // A later page that starts past the end still answers (empty); only "nothing at all" is an error.
    let hasAny = false;
    for (let j = 0; j < links.length && !hasAny; j += 2) {
      if (other.byId.get(links[j] as number)?.archived === false) hasAny = true;
    }
    if (!hasAny) return undefined;
    for (let i = 2 * lowerBoundPair(links, startId); i < links.length; i += 2) {
      const targetId = links[i] as number;
      if (other.byId.get(targetId)?.archived !== false) continue;
      if (to.length === pageSize) return { to, nextStartId: targetId };
      to.push({ toObjectId: targetId, associationTypes: (this.typeSets[links[i + 1] as number] as TypeSet)[side] });
    }
    return { to };
  }

  /** Company → company associations of one company (its parent, type 14; its children, type 13), paged like the others. */
  private companyCompanyPage(
    fromId: string,
    startId: number,
    pageSize: number,
  ): { to: { toObjectId: number; associationTypes: AssociationTypeSpec[] }[]; nextStartId?: number } | undefined {
    const rec = this.companyTable.get(fromId);
    if (!rec || rec.archived) return undefined;
    const types = new Map<number, AssociationTypeSpec[]>();
    const add = (id: number, typeId: number) => {
      if (this.companyTable.byId.get(id)?.archived !== false) return;
      const list = types.get(id) ?? [];
      list.push({ category: 'HUBSPOT_DEFINED', typeId, label: null });
      types.set(id, list);
    };
    const parent = this.parentOf.get(rec.idNum);
    if (parent !== undefined) add(parent, CHILD_TO_PARENT_COMPANY);
    for (const child of this.childrenOf.get(rec.idNum) ?? []) add(child, PARENT_TO_CHILD_COMPANY);
    if (!types.size) return undefined;
    const ids = [...types.keys()].sort((a, b) => a - b).filter((id) => id >= startId);
    const out: { toObjectId: number; associationTypes: AssociationTypeSpec[] }[] = [];
    for (const id of ids) {
      if (out.length === pageSize) return { to: out, nextStartId: id };
      out.push({ toObjectId: id, associationTypes: types.get(id) as AssociationTypeSpec[] });
    }
    return { to: out };
  }

  /** @internal v3-style association entries (`{id, type}`) for `?associations=contacts|companies`. */
  v3Associations(from: HubSpotObjectType, rec: ObjectRecord): { id: string; type: string }[] {
    const other = from === 'companies' ? this.contactTable : this.companyTable;
    const out: { id: string; type: string }[] = [];
    const links = rec.links;
    if (!links) return out;
    const base = from === 'companies' ? 'company_to_contact' : 'contact_to_company';
    for (let i = 0; i < links.length; i += 2) {
      if (other.byId.get(links[i] as number)?.archived !== false) continue;
      for (const d of (this.typeSets[links[i + 1] as number] as TypeSet).defs) {
        const def = this.defs[d] as AssociationLabelDefinition;
        const type =
          d === UNLABELED ? `${base}_unlabeled` : d === PRIMARY ? base : (def.label ?? `type_${def.typeId}`).toLowerCase().replace(/[^a-z0-9]+/g, '_');
        out.push({ id: toStr(links[i]), type });
      }
    }
    return out;
  }

  private internTypeSet(defs: readonly number[]): number {
    // Fast path (no allocation) for the usual few, low definition indexes: a bit mask.
    let mask = 0;
    let small = true;
    for (const d of defs) {
      if (d >= 30) {
        small = false;
        break;
      }
      mask |= 1 << d;
    }
    if (small) {
      const known = this.typeSetByMask.get(mask);
      if (known !== undefined) return known;
    }
    const sorted = [...new Set(defs)].sort((a, b) => a - b);
    const key = sorted.join(',');
    const known = this.typeSetByKey.get(key);
    if (known !== undefined) {
      if (small) this.typeSetByMask.set(mask, known);
      return known;
    }
    const set: TypeSet = {
      defs: sorted,
      forward: sorted.map((d) => {
        const def = this.defs[d] as AssociationLabelDefinition;
        return { category: def.category, typeId: def.typeId, label: def.label };
      }),
      reverse: sorted.map((d) => {
        const def = this.defs[d] as AssociationLabelDefinition;
        return { category: def.category, typeId: def.inverseTypeId, label: def.label };
      }),
    };
    Object.freeze(set.forward);
    Object.freeze(set.reverse);
    const index = this.typeSets.length;
    this.typeSets.push(set);
    this.typeSetByKey.set(key, index);
    if (small) this.typeSetByMask.set(mask, index);
    return index;
  }

  private link(company: ObjectRecord, contact: ObjectRecord, defs: readonly number[]): void {
    const at = findLink(company, contact.idNum);
    const all = at >= 0 ? [...(this.typeSets[(company.links as number[])[at + 1] as number] as TypeSet).defs, ...defs] : defs;
    const contactLinks = contact.links;
    if (defs.includes(PRIMARY) && contactLinks) {
      // One primary company per contact: the others keep the association, without the primary type.
      for (let i = 0; i < contactLinks.length; i += 2) {
        const otherId = contactLinks[i] as number;
        if (otherId === company.idNum) continue;
        const set = this.typeSets[contactLinks[i + 1] as number] as TypeSet;
        if (!set.defs.includes(PRIMARY)) continue;
        const other = this.companyTable.byId.get(otherId) as ObjectRecord;
        this.setLinkTypes(other, contact, this.internTypeSet(set.defs.filter((d) => d !== PRIMARY)));
      }
    }
    const set = this.internTypeSet(all);
    if (at < 0) this.pairs += 1;
    this.setLinkTypes(company, contact, set);
  }

  private setLinkTypes(company: ObjectRecord, contact: ObjectRecord, set: number): void {
    upsertLink(company, contact.idNum, set);
    upsertLink(contact, company.idNum, set);
  }

  private unlink(company: ObjectRecord, contact: ObjectRecord): void {
    if (removeLink(company, contact.idNum)) this.pairs -= 1;
    removeLink(contact, company.idNum);
  }

  /** @internal Number of live objects at the other end of `rec`'s associations. */
  liveLinkCount(rec: ObjectRecord, other: ObjectTable): number {
    let n = 0;
    const links = rec.links;
    if (links) for (let i = 0; i < links.length; i += 2) if (other.byId.get(links[i] as number)?.archived === false) n++;
    return n;
  }

  // ---- deals ----------------------------------------------------------------------------------

  /** Creates a deal; `dealstage` and `pipeline` are HubSpot's properties (default pipeline `default`). */
  createDeal(properties: HubSpotPropertyValues, opts?: CreateObjectOptions): HubSpotObject {
    const t = this.dealTable;
    return t.view(t.create({ pipeline: 'default', ...properties }, opts));
  }

  updateDeal(id: string, properties: HubSpotPropertyValues, opts?: UpdateObjectOptions): HubSpotObject {
    const t = this.dealTable;
    return t.view(t.update(id, properties, opts));
  }

  deleteDeal(id: string, opts?: UpdateObjectOptions): boolean {
    return this.dealTable.archive(id, opts?.at);
  }

  getDeal(id: string): HubSpotObject | undefined {
    const rec = this.dealTable.get(id);
    return rec && this.dealTable.view(rec);
  }

  /** Moves a deal to a stage (and its pipeline), like dragging it on the board: its modification time moves. */
  moveDeal(id: string, stageId: string, opts?: UpdateObjectOptions): HubSpotObject {
    const found = this.pipelines.stage(stageId);
    if (!found) throw new Error(`no deal stage ${stageId}`);
    return this.updateDeal(id, { dealstage: stageId, pipeline: found.pipeline.id }, opts);
  }

  /** Adds a deal pipeline (numeric ids for it and its stages, as in HubSpot). */
  createDealPipeline(label: string, stages: readonly StageInput[]): PipelineSpec {
    return this.pipelines.create(label, stages, this.now());
  }

  /**
   * Associates a deal with a company (deal → company 341; with `primary`, also 5: the deal's one
   * primary company). A new pair changes the company's `num_associated_deals`, which HubSpot sets
   * itself, so it moves the company's `hs_lastmodifieddate` ("most recent timestamp of any property
   * update ... includes HubSpot internal properties"); the deal's modification time does not move.
   */
  associateDeal(dealId: string, companyId: string, opts: { primary?: boolean; at?: TimeInput } = {}): void {
    const deal = this.dealTable.require(dealId);
    const company = this.companyTable.require(companyId);
    if (deal.archived || company.archived) throw new Error('cannot associate archived objects');
    if (this.dealLinks.link(deal.idNum, company.idNum, opts.primary ?? false)) this.companyTable.touch(company, opts.at);
  }

  /** Removes a deal ↔ company pair; the company's deal count changes, so its modification time moves. */
  disassociateDeal(dealId: string, companyId: string, at?: TimeInput): boolean {
    const company = this.companyTable.require(companyId);
    const removed = this.dealLinks.unlink(this.dealTable.require(dealId).idNum, company.idNum);
    if (removed && !company.archived) this.companyTable.touch(company, at);
    return removed;
  }

  /** Live companies of a live deal. */
  getDealCompanies(dealId: string): string[] {
    const deal = this.dealTable.get(dealId);
    if (!deal || deal.archived) return [];
    return this.dealLinks.companiesOf(deal.idNum).filter((id) => this.companyTable.byId.get(id)?.archived === false).map(toStr);
  }

  /** Live deals of a live company. */
  getCompanyDeals(companyId: string): string[] {
    const company = this.companyTable.get(companyId);
    if (!company || company.archived) return [];
    return this.dealLinks.dealsOf(company.idNum).filter((id) => this.dealTable.byId.get(id)?.archived === false).map(toStr);
  }

  /**
   * One page of a deal's companies or a company's deals (v4 batch read), like
   * {@link associationPage}. Undefined when the record is missing, archived or has no live associations. @internal
   */
  dealAssociationPage(
    from: 'deals' | 'companies',
    fromId: string,
    startId: number,
    pageSize: number,
  ): { to: { toObjectId: number; associationTypes: AssociationTypeSpec[] }[]; nextStartId?: number } | undefined {
    const table = from === 'deals' ? this.dealTable : this.companyTable;
    const other = from === 'deals' ? this.companyTable : this.dealTable;
    const rec = table.get(fromId);
    if (!rec || rec.archived) return undefined;
    const ids = (from === 'deals' ? this.dealLinks.companiesOf(rec.idNum) : this.dealLinks.dealsOf(rec.idNum)).filter((id) => other.byId.get(id)?.archived === false);
    if (!ids.length) return undefined;
    const to: { toObjectId: number; associationTypes: AssociationTypeSpec[] }[] = [];
    for (const id of ids) {
      if (id < startId) continue;
      if (to.length === pageSize) return { to, nextStartId: id };
      const [dealId, companyId] = from === 'deals' ? [rec.idNum, id] : [id, rec.idNum];
      to.push({ toObjectId: id, associationTypes: this.dealLinks.types(from, dealId, companyId) });
    }
    return { to };
  }

  /** Deal ↔ company association types, as `GET /crm/associations/{version}/{from}/{to}/labels` lists them. */
  dealLabels(from: 'deals' | 'companies'): AssociationTypeSpec[] {
    return from === 'deals'
      ? [{ category: 'HUBSPOT_DEFINED', typeId: 341, label: null }, { category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Primary' }]
      : [{ category: 'HUBSPOT_DEFINED', typeId: 342, label: null }, { category: 'HUBSPOT_DEFINED', typeId: 6, label: 'Primary' }];
  }

  get dealCount(): number {
    return this.dealTable.live;
  }

  // ---- bulk reads & counts --------------------------------------------------------------------

  /** Iterates companies in id order (live ones, or archived ones with `archived: true`). */
  *companies(opts: { archived?: boolean } = {}): IterableIterator<HubSpotObject> {
    const t = this.companyTable;
    const archived = opts.archived ?? false;
    for (const rec of t.order) if (rec.archived === archived) yield t.view(rec);
  }

  *contacts(opts: { archived?: boolean } = {}): IterableIterator<HubSpotObject> {
    const t = this.contactTable;
    const archived = opts.archived ?? false;
    for (const rec of t.order) if (rec.archived === archived) yield t.view(rec);
  }

  /** Live company ids in id order (cheap: no views built). */
  companyIds(): string[] {
    const out: string[] = [];
    for (const rec of this.companyTable.order) if (!rec.archived) out.push(toStr(rec.idNum));
    return out;
  }

  get companyCount(): number {
    return this.companyTable.live;
  }

  get contactCount(): number {
    return this.contactTable.live;
  }

  get associationCount(): number {
    return this.pairs;
  }

  counts(): HubSpotStoreCounts {
    return {
      companies: this.companyTable.live,
      archivedCompanies: this.companyTable.archivedCount,
      contacts: this.contactTable.live,
      archivedContacts: this.contactTable.archivedCount,
      associations: this.pairs,
      deals: this.dealTable.live,
      dealAssociations: this.dealLinks.pairs,
    };
  }
}

/** Index of the first pair of `links` whose id is >= value (pairs `[id, set]`). */
function lowerBoundPair(links: readonly number[], value: number): number {
  let lo = 0;
  let hi = links.length >>> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((links[2 * mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Array index of the pair for `otherId` in `rec.links`, or -1. */
function findLink(rec: ObjectRecord, otherId: number): number {
  const links = rec.links;
  if (!links) return -1;
  const i = 2 * lowerBoundPair(links, otherId);
  return links[i] === otherId ? i : -1;
}

/** @internal Whether `rec` has an association with `otherId` (archived ends included). */
export function hasLink(rec: ObjectRecord, otherId: number): boolean {
  return findLink(rec, otherId) >= 0;
}

function upsertLink(rec: ObjectRecord, otherId: number, set: number): void {
  const links = rec.links;
  if (!links) {
    rec.links = [otherId, set];
    return;
  }
  if (links.length === 0 || otherId > (links[links.length - 2] as number)) {
    links.push(otherId, set);
    return;
  }
  const i = 2 * lowerBoundPair(links, otherId);
  if (links[i] === otherId) links[i + 1] = set;
  else links.splice(i, 0, otherId, set);
}

function removeLink(rec: ObjectRecord, otherId: number): boolean {
  const i = findLink(rec, otherId);
  if (i < 0) return false;
  (rec.links as number[]).splice(i, 2);
  return true;
}
