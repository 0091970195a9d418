/**
 * Reads from HubSpot in batches, within the documented limits: companies and contacts ≤ 100 per
 * call, associations ≤ 1000 inputs per call following each input's paging. Every call goes through
 * the shared rate limit, transient failures are retried a few times here (reads are idempotent),
 * and every answer is parsed with zod before it leaves this module.
 */
import type { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies/models/Filter';
import { z } from 'zod';
import { guardedCall, type CallGuard } from '../limits/guarded-call';
import type { LimitedApi } from '../limits/rate-limiter';
import { retryTransient } from '../retry/backoff';
import { chunk, unique } from '../shared/collections';
import { toHubSpotError } from './client';
import { AssociationType, CONTACT_PROPERTIES, HubSpotCompany, HubSpotProperties } from './types';

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
}

// What the generated client hands back, reduced to the fields we use. Dates arrive as Date objects.
const dateish = z.union([z.date(), z.string()]).optional().transform((d) => (d instanceof Date ? d.toISOString() : d));
const ApiObject = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable().optional()).transform((p) => {
    const out: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(p)) out[k] = v ?? null;
    return out;
  }),
  createdAt: dateish,
  updatedAt: dateish,
  archived: z.boolean().optional(),
});
const BatchObjects = z.object({ results: z.array(ApiObject) });
const ListPage = z.object({
  results: z.array(ApiObject),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});
const SearchPage = ListPage.extend({ total: z.number().optional() });
const AssociationPage = z.object({
  results: z.array(
    z.object({
      _from: z.object({ id: z.string() }),
      to: z.array(
        z.object({
          toObjectId: z.union([z.string(), z.number()]).transform(String),
          associationTypes: z.array(
            z.object({ typeId: z.number(), label: z.string().nullish(), category: z.string() }),
          ),
        }),
      ),
      paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
    }),
  ),
});

export interface SearchModifiedSinceQuery {
  /** Epoch ms: companies whose hs_lastmodifieddate is at or after this. */
  sinceMs: number;
  /** Only companies with a greater hs_object_id (windowing past the 10,000-result cap). */
  afterId?: string;
  limit?: number;
  properties: readonly string[];
}

export class HubSpotGateway {
  private readonly attempts: number;
  private readonly retryBaseMs: number;

  constructor(
    private readonly client: Client,
    private readonly options: GatewayOptions = {},
  ) {
    this.attempts = options.attempts ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 500;
  }

  /** Calls HubSpot through the rate limit, with in-process retries, turning exceptions into ApiError. */
  private call<T>(api: LimitedApi, method: string, route: string, fn: () => Promise<{ httpStatusCode: number; data: T }>): Promise<T> {
    return retryTransient(
      () =>
        guardedCall(this.options.guard, api, { method, route: `${method} ${route}` }, async () => {
          try {
            const info = await fn();
            return { status: info.httpStatusCode, value: info.data };
          } catch (error) {
            throw toHubSpotError(error, method, route);
          }
        }),
      { attempts: this.attempts, baseMs: this.retryBaseMs, maxMs: this.retryBaseMs * 8 },
    );
  }

  /** Reads companies by id; ids HubSpot does not know (deleted, merged away) come back in `missing`. */
  async readCompanies(ids: readonly string[], properties: readonly string[]): Promise<{ companies: HubSpotCompany[]; missing: string[] }> {
    const companies: HubSpotCompany[] = [];
    for (const part of chunk(unique(ids), BATCH_READ_LIMIT)) {
      const data = await this.call('hubspot', 'POST', '/crm/v3/objects/companies/batch/read', () =>
        this.client.crm.companies.batchApi.readWithHttpInfo(
          { inputs: part.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] },
          false,
        ),
      );
      companies.push(...BatchObjects.parse(data).results.map(toCompany));
    }
    const found = new Set(companies.map((c) => c.id));
    return { companies, missing: unique(ids).filter((id) => !found.has(id)) };
  }

  /** One page of all (non-archived) companies, in id order. */
  async listCompanies(query: { after?: string; limit?: number; properties: readonly string[] }): Promise<{ companies: HubSpotCompany[]; nextAfter?: string }> {
    const data = await this.call('hubspot', 'GET', '/crm/v3/objects/companies', () =>
      this.client.crm.companies.basicApi.getPageWithHttpInfo(
        Math.min(query.limit ?? LIST_PAGE_LIMIT, LIST_PAGE_LIMIT),
        query.after,
        [...query.properties],
        undefined,
        undefined,
        false,
      ),
    );
    const page = ListPage.parse(data);
    return { companies: page.results.map(toCompany), nextAfter: page.paging?.next?.after };
  }

  /**
   * Companies modified since `sinceMs`, in id order, starting after `afterId`. Each call is a fresh
   * query windowed on hs_object_id, so no query ever pages past HubSpot's 10,000-result cap.
   */
  async searchModifiedSince(query: SearchModifiedSinceQuery): Promise<{ companies: HubSpotCompany[]; total?: number }> {
    const filters = [{ propertyName: 'hs_lastmodifieddate', operator: FilterOperatorEnum.Gte, value: String(query.sinceMs) }];
    if (query.afterId) filters.push({ propertyName: 'hs_object_id', operator: FilterOperatorEnum.Gt, value: query.afterId });
    const data = await this.call('hubspot-search', 'POST', '/crm/v3/objects/companies/search', () =>
      this.client.crm.companies.searchApi.doSearchWithHttpInfo({
        filterGroups: [{ filters }],
        sorts: ['hs_object_id'],
        properties: [...query.properties],
        limit: Math.min(query.limit ?? SEARCH_PAGE_LIMIT, SEARCH_PAGE_LIMIT),
        after: '0',
      }),
    );
    const page = SearchPage.parse(data);
    return { companies: page.results.map(toCompany), total: page.total };
  }

  /** The contacts associated with each company, with their association types and labels. */
  readCompanyContacts(companyIds: readonly string[]): Promise<Map<string, ContactAssociation[]>> {
    return this.readAssociations('companies', 'contacts', companyIds).then((map) => {
      const out = new Map<string, ContactAssociation[]>();
      for (const [from, to] of map) out.set(from, to.map(({ id, types }) => ({ contactId: id, types })));
      return out;
    });
  }

  /** The companies each contact belongs to. */
  async readContactCompanies(contactIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = await this.readAssociations('contacts', 'companies', contactIds);
    return new Map([...map].map(([from, to]) => [from, to.map((t) => t.id)]));
  }

  private async readAssociations(
    fromType: 'companies' | 'contacts',
    toType: 'companies' | 'contacts',
    ids: readonly string[],
  ): Promise<Map<string, { id: string; types: AssociationType[] }[]>> {
    const result = new Map<string, { id: string; types: AssociationType[] }[]>();
    const route = `/crm/v4/associations/${fromType}/${toType}/batch/read`;
    let pending: { id: string; after?: string }[] = unique(ids).map((id) => ({ id }));
    for (const id of unique(ids)) result.set(id, []);
    while (pending.length) {
      const next: { id: string; after?: string }[] = [];
      for (const part of chunk(pending, ASSOCIATION_BATCH_LIMIT)) {
        const data = await this.call('hubspot', 'POST', route, () =>
          this.client.crm.associations.v4.batchApi.getPageWithHttpInfo(fromType, toType, { inputs: part }),
        );
        for (const row of AssociationPage.parse(data).results) {
          const list = result.get(row._from.id) ?? [];
          for (const to of row.to) {
            list.push({ id: to.toObjectId, types: to.associationTypes.map((t) => ({ typeId: t.typeId, label: t.label ?? null, category: t.category })) });
          }
          result.set(row._from.id, list);
          if (row.paging?.next?.after) next.push({ id: row._from.id, after: row.paging.next.after });
        }
      }
      pending = next;
    }
    return result;
  }

  /** Reads contacts by id; unknown ids are left out. */
  async readContacts(ids: readonly string[], properties: readonly string[] = CONTACT_PROPERTIES): Promise<Map<string, HubSpotContact>> {
    const contacts = new Map<string, HubSpotContact>();
    for (const part of chunk(unique(ids), BATCH_READ_LIMIT)) {
      const data = await this.call('hubspot', 'POST', '/crm/v3/objects/contacts/batch/read', () =>
        this.client.crm.contacts.batchApi.readWithHttpInfo(
          { inputs: part.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] },
          false,
        ),
      );
      for (const row of BatchObjects.parse(data).results) {
        contacts.set(row.id, { id: row.id, properties: row.properties, createdAt: row.createdAt });
      }
    }
    return contacts;
  }
}

function toCompany(row: z.infer<typeof ApiObject>): HubSpotCompany {
  return HubSpotCompany.parse({ id: row.id, properties: row.properties, createdAt: row.createdAt, updatedAt: row.updatedAt, archived: row.archived });
}
