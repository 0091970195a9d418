/**
 * Reads from HubSpot in batches, within the documented limits: companies and contacts ≤ 100 per
 * call, associations ≤ 1000 inputs per call following each input's paging, search ≤ 200 per page.
 * Every call goes to a date-based path (`/crm/objects/{version}/...`, `/crm/associations/{version}/...`)
 * through the shared rate limit; transient failures are retried a few times here (reads are
 * idempotent), and every answer is parsed with zod before it leaves this module.
 *
 * Partial batch answers come in two forms and are treated alike: 207 Multi-Status with `errors`
 * (v3/v4 and 2026-03), and 200 with `errors`/`numErrors` (2026-09). Ids HubSpot reports as not
 * found are "missing" (deleted or merged away); any other per-item error fails the call as retryable,
 * so a company is never taken for deleted because of an error that says something else.
 */
import { z } from 'zod';
import { ApiError } from '../errors';
import { guardedCall, type CallGuard } from '../limits/guarded-call';
import type { LimitedApi } from '../limits/rate-limiter';
import { retryTransient } from '../retry/backoff';
import { chunk, unique } from '../shared/collections';
import type { HubSpotAnswer, HubSpotApi, HubSpotObjectType, HubSpotRequest } from './client';
import { PipelineCache, PIPELINES_TTL_MS } from './pipelines';
import { ASSOCIATION_TYPE, AssociationType, CONTACT_PROPERTIES, DEAL_PROPERTIES, HubSpotCompany, HubSpotPipeline, HubSpotProperties, type HubSpotDeal, type SearchFilter } from './types';

export const BATCH_READ_LIMIT = 100;
export const ASSOCIATION_BATCH_LIMIT = 1000;
export const LIST_PAGE_LIMIT = 100;
export const SEARCH_PAGE_LIMIT = 200;

export interface HubSpotContact {
  id: string;
  properties: HubSpotProperties;
  createdAt?: string;
}

export interface ContactAssociation {
  contactId: string;
  types: AssociationType[];
}

export interface GatewayOptions {
  guard?: CallGuard;
  /** In-process tries for transient failures of one call (reads are safe to repeat). */
  attempts?: number;
  retryBaseMs?: number;
  /** How long the deal pipelines read are kept (default 5 minutes). */
  pipelinesTtlMs?: number;
}

const ApiObject = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  // 2026-09 declares every property value nullable; older versions send strings or null as well.
  properties: z.record(z.string(), z.string().nullable().optional()).transform((p) => {
    const out: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(p)) out[k] = v ?? null;
    return out;
  }),
  createdAt: z.string().nullish().transform((v) => v ?? undefined),
  updatedAt: z.string().nullish().transform((v) => v ?? undefined),
  archived: z.boolean().nullish().transform((v) => v ?? undefined),
});
type ApiObject = z.infer<typeof ApiObject>;

/** One entry of a batch answer's `errors` (HubSpot's StandardError). */
const BatchError = z.looseObject({
  category: z.string().nullish(),
  subCategory: z.string().nullish(),
  message: z.string().nullish(),
  context: z.record(z.string(), z.array(z.string())).nullish(),
});
type BatchError = z.infer<typeof BatchError>;
const Partial = { errors: z.array(BatchError).nullish(), numErrors: z.number().nullish() };

const BatchObjects = z.object({ results: z.array(ApiObject), ...Partial });
const ListPage = z.object({
  results: z.array(ApiObject),
  paging: z.object({ next: z.object({ after: z.string() }).nullish() }).nullish(),
});
const SearchPage = ListPage.extend({ total: z.number().nullish() });
const AssociationBatch = z.object({
  results: z.array(
    z.object({
      from: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
      to: z.array(
        z.object({
          toObjectId: z.union([z.string(), z.number()]).transform(String),
          associationTypes: z.array(z.object({ typeId: z.number(), label: z.string().nullish(), category: z.string() })),
        }),
      ),
      paging: z.object({ next: z.object({ after: z.string() }).nullish() }).nullish(),
    }),
  ),
  ...Partial,
});

/** Errors meaning "no such record" (or, for associations, "no associations"): the ids are treated as absent. */
const ABSENT_CATEGORIES = new Set(['OBJECT_NOT_FOUND']);

export interface SearchModifiedSinceQuery {
  /** Epoch ms: objects modified at or after this. */
  sinceMs: number;
  /** Only objects with a greater hs_object_id (windowing past the 10,000-result cap). */
  afterId?: string;
  limit?: number;
  properties: readonly string[];
}

/** The property holding the last modification time of each object type. */
const MODIFIED_PROPERTY: Record<HubSpotObjectType, string> = { companies: 'hs_lastmodifieddate', contacts: 'lastmodifieddate', deals: 'hs_lastmodifieddate' };

const PipelinesAnswer = z.object({ results: z.array(HubSpotPipeline) });

/** A windowed search (see {@link HubSpotGateway.searchModifiedSince}) with extra filters, e.g. the billing scope's. */
export interface ScopedSearchQuery {
  filters: readonly SearchFilter[];
  /** Epoch ms: only objects modified at or after this. */
  sinceMs?: number;
  afterId?: string;
  limit?: number;
  properties: readonly string[];
}

export class HubSpotGateway {
  private readonly attempts: number;
  private readonly retryBaseMs: number;
  private readonly pipelines: PipelineCache;

  constructor(
    private readonly api: HubSpotApi,
    private readonly options: GatewayOptions = {},
  ) {
    this.attempts = options.attempts ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.pipelines = new PipelineCache(() => this.readPipelinesNow(), options.pipelinesTtlMs ?? PIPELINES_TTL_MS);
  }

  /** The date-based API version every call uses. */
  get apiVersion(): string {
    return this.api.version;
  }

  /** Calls HubSpot through the rate limit, with in-process retries; failures arrive as ApiError. */
  private call(api: LimitedApi, request: HubSpotRequest): Promise<HubSpotAnswer> {
    return retryTransient(
      () =>
        guardedCall(this.options.guard, api, { method: request.method, route: `${request.method} ${request.path}` }, async () => {
          const answer = await this.api.request(request);
          return { status: answer.status, value: answer };
        }),
      { attempts: this.attempts, baseMs: this.retryBaseMs, maxMs: this.retryBaseMs * 8 },
    );
  }

  /** Reads companies by id; ids HubSpot does not know (deleted, merged away) come back in `missing`. */
  async readCompanies(ids: readonly string[], properties: readonly string[]): Promise<{ companies: HubSpotCompany[]; missing: string[] }> {
    const rows = await this.batchRead('companies', ids, properties);
    const companies = rows.map(toCompany);
    const found = new Set(companies.map((c) => c.id));
    return { companies, missing: unique(ids).filter((id) => !found.has(id)) };
  }

  /** Reads contacts by id; unknown ids are left out. */
  async readContacts(ids: readonly string[], properties: readonly string[] = CONTACT_PROPERTIES): Promise<Map<string, HubSpotContact>> {
    const contacts = new Map<string, HubSpotContact>();
    for (const row of await this.batchRead('contacts', ids, properties)) {
      contacts.set(row.id, { id: row.id, properties: row.properties, createdAt: row.createdAt });
    }
    return contacts;
  }

  /**
   * All parts are asked for at once: the rate limit serves a process's callers in the order they
   * asked, so a batch's reads go out together instead of each queueing behind other batches' calls.
   */
  private async batchRead(type: HubSpotObjectType, ids: readonly string[], properties: readonly string[]): Promise<ApiObject[]> {
    const path = this.api.objectsPath(type, '/batch/read');
    const pages = await Promise.all(
      chunk(unique(ids), BATCH_READ_LIMIT).map(async (part) => {
        const answer = await this.call('hubspot', {
          method: 'POST',
          path,
          body: { inputs: part.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] },
        });
        const page = BatchObjects.parse(answer.body);
        failOnUnexpectedErrors(page.errors, 'POST', path, answer);
        return page.results;
      }),
    );
    return pages.flat();
  }

  /** One page of all (non-archived) companies, in id order. */
  async listCompanies(query: { after?: string; limit?: number; properties: readonly string[] }): Promise<{ companies: HubSpotCompany[]; nextAfter?: string }> {
    const qs: Record<string, string> = { limit: String(Math.min(query.limit ?? LIST_PAGE_LIMIT, LIST_PAGE_LIMIT)), archived: 'false' };
    if (query.after) qs.after = query.after;
    if (query.properties.length) qs.properties = query.properties.join(',');
    const answer = await this.call('hubspot', { method: 'GET', path: this.api.objectsPath('companies'), qs });
    const page = ListPage.parse(answer.body);
    return { companies: page.results.map(toCompany), nextAfter: page.paging?.next?.after };
  }

  /**
   * Companies modified since `sinceMs`, in id order, starting after `afterId`. Each call is a fresh
   * query windowed on hs_object_id, so no query ever pages past HubSpot's 10,000-result cap.
   */
  async searchModifiedSince(query: SearchModifiedSinceQuery): Promise<{ companies: HubSpotCompany[]; total?: number }> {
    const page = await this.searchModified('companies', query);
    return { companies: page.objects.map(toCompany), total: page.total };
  }

  /** Contacts modified since `sinceMs` (their ids), windowed like {@link searchModifiedSince}. */
  async searchContactsModifiedSince(query: Omit<SearchModifiedSinceQuery, 'properties'>): Promise<{ contactIds: string[]; total?: number }> {
    const page = await this.searchModified('contacts', { ...query, properties: ['hs_object_id'] });
    return { contactIds: page.objects.map((o) => o.id), total: page.total };
  }

  private searchModified(type: HubSpotObjectType, query: SearchModifiedSinceQuery): Promise<{ objects: ApiObject[]; total?: number }> {
    return this.search(type, { ...query, filters: [] });
  }

  /** One windowed search: the filters, optionally modified since, ids above `afterId`, sorted by id. */
  private async search(type: HubSpotObjectType, query: ScopedSearchQuery): Promise<{ objects: ApiObject[]; total?: number }> {
    const filters: SearchFilter[] = [...query.filters];
    if (query.sinceMs !== undefined) filters.push({ propertyName: MODIFIED_PROPERTY[type], operator: 'GTE', value: String(query.sinceMs) });
    if (query.afterId) filters.push({ propertyName: 'hs_object_id', operator: 'GT', value: query.afterId });
    const answer = await this.call('hubspot-search', {
      method: 'POST',
      path: this.api.objectsPath(type, '/search'),
      body: {
        filterGroups: filters.length ? [{ filters }] : [],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties: [...query.properties],
        limit: Math.min(query.limit ?? SEARCH_PAGE_LIMIT, SEARCH_PAGE_LIMIT),
        after: '0',
      },
    });
    const page = SearchPage.parse(answer.body);
    return { objects: page.results, total: page.total ?? undefined };
  }

  /** Companies matching the filters (the billing scope's), windowed like {@link searchModifiedSince}. */
  async searchCompanies(query: ScopedSearchQuery): Promise<{ companies: HubSpotCompany[]; total?: number }> {
    const page = await this.search('companies', query);
    return { companies: page.objects.map(toCompany), total: page.total };
  }

  /** Deals matching the filters (e.g. dealstage IN the won stages), windowed like {@link searchModifiedSince}. */
  async searchDeals(query: Omit<ScopedSearchQuery, 'properties'> & { properties?: readonly string[] }): Promise<{ deals: HubSpotDeal[]; total?: number }> {
    const page = await this.search('deals', { ...query, properties: query.properties ?? DEAL_PROPERTIES });
    return { deals: page.objects.map(toDeal), total: page.total };
  }

  /** Reads deals by id; unknown ids are left out. */
  async readDeals(ids: readonly string[], properties: readonly string[] = DEAL_PROPERTIES): Promise<Map<string, HubSpotDeal>> {
    const deals = new Map<string, HubSpotDeal>();
    for (const row of await this.batchRead('deals', ids, properties)) deals.set(row.id, toDeal(row));
    return deals;
  }

  /** The deals associated with each company. */
  async readCompanyDeals(companyIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = await this.readAssociations('companies', 'deals', companyIds);
    return new Map([...map].map(([from, to]) => [from, to.map((t) => t.id)]));
  }

  /** The companies each deal is associated with. */
  async readDealCompanies(dealIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = await this.readAssociations('deals', 'companies', dealIds);
    return new Map([...map].map(([from, to]) => [from, to.map((t) => t.id)]));
  }

  /** The account's deal pipelines with their stages; read at most once per few minutes. */
  readDealPipelines(): Promise<HubSpotPipeline[]> {
    return this.pipelines.get();
  }

  private async readPipelinesNow(): Promise<HubSpotPipeline[]> {
    const answer = await this.call('hubspot', { method: 'GET', path: this.api.pipelinesPath('deals') });
    return PipelinesAnswer.parse(answer.body).results.filter((p) => !p.archived);
  }

  /** The contacts associated with each company, with their association types and labels. */
  readCompanyContacts(companyIds: readonly string[]): Promise<Map<string, ContactAssociation[]>> {
    return this.readAssociations('companies', 'contacts', companyIds).then((map) => {
      const out = new Map<string, ContactAssociation[]>();
      for (const [from, to] of map) out.set(from, to.map(({ id, types }) => ({ contactId: id, types })));
      return out;
    });
  }

  /**
   * Each company's parent company, for those that have one: the company → company association of
   * type 14 (child → parent; HubSpot allows one parent per company). Companies without associations
   * are left out.
   */
  async readParentCompanies(companyIds: readonly string[]): Promise<Map<string, string>> {
    const map = await this.readAssociations('companies', 'companies', companyIds);
    const parents = new Map<string, string>();
    for (const [child, to] of map) {
      const parent = to.find((t) => t.types.some((type) => type.typeId === ASSOCIATION_TYPE.CHILD_TO_PARENT_COMPANY));
      if (parent) parents.set(child, parent.id);
    }
    return parents;
  }

  /** Each company's child companies (the company → company associations of type 13), for those that have any. */
  async readChildCompanies(companyIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = await this.readAssociations('companies', 'companies', companyIds);
    const children = new Map<string, string[]>();
    for (const [parent, to] of map) {
      const ids = to.filter((t) => t.types.some((type) => type.typeId === ASSOCIATION_TYPE.PARENT_TO_CHILD_COMPANY)).map((t) => t.id);
      if (ids.length) children.set(parent, ids);
    }
    return children;
  }

  /** The companies each contact belongs to. */
  async readContactCompanies(contactIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = await this.readAssociations('contacts', 'companies', contactIds);
    return new Map([...map].map(([from, to]) => [from, to.map((t) => t.id)]));
  }

  /** Ids without associations (HubSpot reports them as NO_ASSOCIATIONS_FOUND errors) map to empty lists. */
  private async readAssociations(
    fromType: HubSpotObjectType,
    toType: HubSpotObjectType,
    ids: readonly string[],
  ): Promise<Map<string, { id: string; types: AssociationType[] }[]>> {
    const result = new Map<string, { id: string; types: AssociationType[] }[]>();
    const path = this.api.associationsPath(fromType, toType, '/batch/read');
    let pending: { id: string; after?: string }[] = unique(ids).map((id) => ({ id }));
    for (const id of unique(ids)) result.set(id, []);
    while (pending.length) {
      const next: { id: string; after?: string }[] = [];
      for (const part of chunk(pending, ASSOCIATION_BATCH_LIMIT)) {
        const answer = await this.call('hubspot', { method: 'POST', path, body: { inputs: part } });
        const page = AssociationBatch.parse(answer.body);
        failOnUnexpectedErrors(page.errors, 'POST', path, answer);
        for (const row of page.results) {
          const list = result.get(row.from.id) ?? [];
          for (const to of row.to) {
            list.push({ id: to.toObjectId, types: to.associationTypes.map((t) => ({ typeId: t.typeId, label: t.label ?? null, category: t.category })) });
          }
          result.set(row.from.id, list);
          if (row.paging?.next?.after) next.push({ id: row.from.id, after: row.paging.next.after });
        }
      }
      pending = next;
    }
    return result;
  }
}

/** A partial answer whose errors are not all "not found" is not trusted: the call fails, to be retried. */
function failOnUnexpectedErrors(errors: readonly BatchError[] | null | undefined, method: string, path: string, answer: HubSpotAnswer): void {
  const unexpected = (errors ?? []).filter((e) => !ABSENT_CATEGORIES.has(e.category ?? ''));
  if (!unexpected.length) return;
  const message = `partial answer with errors: ${unexpected.map((e) => `${e.category ?? 'error'}${e.message ? ` (${e.message})` : ''}`).join('; ')}`;
  throw new ApiError({ service: 'hubspot', method, path, status: answer.status, body: { message, errors: unexpected }, kindOverride: 'retryable' });
}

function toDeal(row: ApiObject): HubSpotDeal {
  return { id: row.id, properties: row.properties };
}

function toCompany(row: ApiObject): HubSpotCompany {
  return HubSpotCompany.parse({ id: row.id, properties: row.properties, createdAt: row.createdAt, updatedAt: row.updatedAt, archived: row.archived });
}
