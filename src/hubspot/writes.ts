/**
 * The service's only writes to HubSpot (the billing write-back, src/writeback/): creating a property
 * group and properties on companies (the dated properties API), and batch updates of companies.
 * Same rules as the reads in gateway.ts: dated paths through the official client's `apiRequest`, the
 * shared rate limit, a few quick tries for transient failures (both writes are safe to repeat), and
 * zod-parsed answers. What exists already (409) is not an error here.
 */
import { z } from 'zod';
import { ApiError } from '../errors';
import { guardedCall, type CallGuard } from '../limits/guarded-call';
import { retryTransient } from '../retry/backoff';
import type { HubSpotAnswer, HubSpotApi, HubSpotRequest } from './client';

/** HubSpot's limit of inputs per batch update. */
export const BATCH_UPDATE_LIMIT = 100;

export interface PropertyGroupDefinition {
  name: string;
  label: string;
  displayOrder?: number;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  description: string;
  groupName: string;
  type: 'string' | 'enumeration' | 'datetime';
  fieldType: 'text' | 'textarea' | 'select' | 'date';
  options?: { label: string; value: string; description?: string; displayOrder: number; hidden: boolean }[];
  displayOrder?: number;
  formField?: boolean;
}

export interface CompanyUpdate {
  id: string;
  properties: Record<string, string>;
}

export interface WritesOptions {
  guard?: CallGuard;
  /** In-process tries for transient failures of one call. */
  attempts?: number;
  retryBaseMs?: number;
}

const BatchError = z.looseObject({ category: z.string().nullish(), message: z.string().nullish(), context: z.record(z.string(), z.array(z.string())).nullish() });
const BatchUpdateAnswer = z.object({
  results: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) })).default([]),
  errors: z.array(BatchError).nullish(),
});

/** The scopes a 403 says are missing (HubSpot's MISSING_SCOPES body), if it names them. */
const MissingScopesBody = z.object({
  category: z.literal('MISSING_SCOPES'),
  errors: z.array(z.object({ context: z.object({ requiredGranularScopes: z.array(z.string()).optional(), requiredScopes: z.array(z.string()).optional() }).optional() })).optional(),
});

export function missingScopesOf(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError) || error.service !== 'hubspot' || error.status !== 403) return undefined;
  const body = MissingScopesBody.safeParse(error.body);
  if (!body.success) return [];
  return [...new Set((body.data.errors ?? []).flatMap((e) => [...(e.context?.requiredGranularScopes ?? []), ...(e.context?.requiredScopes ?? [])]))];
}

export class HubSpotWrites {
  private readonly attempts: number;
  private readonly retryBaseMs: number;

  constructor(
    private readonly api: HubSpotApi,
    private readonly options: WritesOptions = {},
  ) {
    this.attempts = options.attempts ?? 2;
    this.retryBaseMs = options.retryBaseMs ?? 250;
  }

  private call(request: HubSpotRequest): Promise<HubSpotAnswer> {
    return retryTransient(
      () =>
        guardedCall(this.options.guard, 'hubspot', { method: request.method, route: `${request.method} ${request.path}` }, async () => {
          const answer = await this.api.request(request);
          return { status: answer.status, value: answer };
        }),
      { attempts: this.attempts, baseMs: this.retryBaseMs, maxMs: this.retryBaseMs * 4 },
    );
  }

  /** Creates a company property group; 'exists' when HubSpot already has it (409). */
  createCompanyPropertyGroup(group: PropertyGroupDefinition): Promise<'created' | 'exists'> {
    return this.createOrExists({ method: 'POST', path: this.api.propertiesPath('companies', '/groups'), body: group });
  }

  /** Creates a company property; 'exists' when HubSpot already has one of that name (409). */
  createCompanyProperty(property: PropertyDefinition): Promise<'created' | 'exists'> {
    return this.createOrExists({ method: 'POST', path: this.api.propertiesPath('companies'), body: property });
  }

  private async createOrExists(request: HubSpotRequest): Promise<'created' | 'exists'> {
    try {
      await this.call(request);
      return 'created';
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return 'exists';
      throw error;
    }
  }

  /**
   * One batch update (≤ 100 companies). Companies HubSpot reports as not found (deleted since they
   * were read) come back in `missing`; any other per-company error fails the call.
   */
  async updateCompanies(updates: readonly CompanyUpdate[]): Promise<{ updated: number; missing: string[] }> {
    if (updates.length > BATCH_UPDATE_LIMIT) throw new RangeError(`at most ${BATCH_UPDATE_LIMIT} companies per batch update (got ${updates.length})`);
    if (!updates.length) return { updated: 0, missing: [] };
    const path = this.api.objectsPath('companies', '/batch/update');
    const answer = await this.call({ method: 'POST', path, body: { inputs: updates.map((u) => ({ id: u.id, properties: u.properties })) } });
    const parsed = BatchUpdateAnswer.parse(answer.body ?? {});
    const missing: string[] = [];
    for (const error of parsed.errors ?? []) {
      if (error.category !== 'OBJECT_NOT_FOUND') {
        throw new ApiError({ service: 'hubspot', method: 'POST', path, status: answer.status, body: { message: `partial answer with errors: ${error.category ?? 'error'}${error.message ? ` (${error.message})` : ''}` }, kindOverride: 'permanent' });
      }
      missing.push(...(error.context?.ids ?? []));
    }
    return { updated: parsed.results.length, missing };
  }

  /**
   * Whether the token may write companies, without writing anything: an empty batch update is
   * refused with 403 for a token without the scope (HubSpot checks scopes before the body).
   */
  async probeCompanyWrites(): Promise<{ ok: true } | { ok: false; missing: string[] }> {
    try {
      await this.call({ method: 'POST', path: this.api.objectsPath('companies', '/batch/update'), body: { inputs: [] } });
      return { ok: true };
    } catch (error) {
      const missing = missingScopesOf(error);
      if (missing) return { ok: false, missing: missing.length ? missing : ['crm.objects.companies.write'] };
      // Any other refusal (an empty batch may be a 400) means the scope check passed.
      if (error instanceof ApiError && error.kind === 'permanent') return { ok: true };
      throw error;
    }
  }
}
