/**
 * The simulated HubSpot CRM API over HTTP (fastify). Shapes follow what `@hubspot/api-client` v13
 * deserializes (see the notes in index.ts); behaviour follows HubSpot's documentation.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dripAnswer, FaultController, FaultKind, RequestStats, SlidingWindowLimit, mulberry32 } from '../faults';
import { PropertyApiProblem, PropertyCreateBody, PropertyGroupCreateBody } from './properties';
import { runSearch, SearchValidationError } from './search';
import { HubSpotObject, HubSpotObjectType, HubSpotStore, ObjectRecord, RecordState, iso } from './store';

export const BATCH_READ_LIMIT = 100;
export const BATCH_UPDATE_LIMIT = 100;
export const ASSOCIATION_BATCH_LIMIT = 1000;
export const LIST_MAX_LIMIT = 100;

/** Date-based versions the simulator serves, and how each answers a partial batch read. */
export const SIMULATED_API_VERSIONS = ['2026-03', '2026-09'] as const;
export type SimulatedApiVersion = (typeof SIMULATED_API_VERSIONS)[number];

/** How a request reached a route: a numbered path (v3/v4) or a date-based one. */
export type ApiFlavour = 'numbered' | SimulatedApiVersion;

export interface ServerConfig {
  accessToken: string;
  /** Further tokens, each with the only scopes it was granted (the main token has every scope). */
  scopedTokens?: Readonly<Record<string, readonly string[]>>;
  /** Answer every /crm/v3 and /crm/v4 path with 410, as HubSpot will after September 2027. */
  refuseNumberedPaths: boolean;
  rateLimitPer10s: number;
  searchRateLimitPerSecond: number;
  associationsPageSize: number;
  seed: number;
  /** The account's id (its "Hub ID"), answered by the account-info API. */
  portalId: number;
}

/** Versions of the account-info API the simulator serves (HubSpot documents `/account-info/2026-03/details`). */
export const ACCOUNT_INFO_VERSIONS = ['2026-03'] as const;

interface Answer {
  status: number;
  body: unknown;
}

interface RouteSpec {
  method: 'GET' | 'POST';
  /** The numbered path, e.g. `/crm/v3/objects/:objectType`. */
  url: string;
  /** The date-based path, e.g. `/crm/objects/:version/:objectType`. */
  dated: string;
  search?: boolean;
  /** Changes data: fault injection may apply it and drop the answer (`dropAfterApply`). */
  write?: boolean;
  handle(req: FastifyRequest, ctx: HandlerContext): Answer;
}

interface HandlerContext {
  baseUrl: string;
  flavour: ApiFlavour;
  /** The request's path up to and including the version (`/crm/v3/objects`, `/crm/objects/2026-09`). */
  prefix: string;
}

/** A partial batch answer: 207 Multi-Status up to 2026-03; 200 with `errors`/`numErrors` from 2026-09. */
function partial(flavour: ApiFlavour, body: Record<string, unknown>): Answer {
  return { status: flavour === '2026-09' ? 200 : 207, body };
}

function isSimulatedVersion(value: string | undefined): value is SimulatedApiVersion {
  return (SIMULATED_API_VERSIONS as readonly string[]).includes(value ?? '');
}

interface HungRequest {
  timer: NodeJS.Timeout;
  socket: Socket;
}

// ---- HubSpot-style error bodies -----------------------------------------------------------------

function errorBody(message: string, category?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { status: 'error', message, correlationId: randomUUID() };
  if (category) body.category = category;
  return { ...body, ...extra };
}

function validation(message: string, extra: Record<string, unknown> = {}): Answer {
  return { status: 400, body: errorBody(message, 'VALIDATION_ERROR', extra) };
}

export function authFailureBody(): Record<string, unknown> {
  return errorBody(
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
    'INVALID_AUTHENTICATION',
  );
}

/**
 * HubSpot's 403 for a token without a scope the call needs. The shape (category MISSING_SCOPES,
 * `errors[].context.requiredGranularScopes`) follows answers quoted in HubSpot's client issues.
 */
export function missingScopesBody(requiredScopes: readonly string[]): Record<string, unknown> {
  return errorBody(
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    'MISSING_SCOPES',
    {
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [...requiredScopes] } }],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
}

/**
 * The scopes a call needs. Reads: one read scope per object type the path names (associations name
 * two). Writes: `crm.objects.{type}.write` for a batch update, `crm.schemas.{type}.write` to create
 * a property or a property group (HubSpot also accepts other scopes for some of these; the simulator
 * asks for the one this service is documented to need). Account details need HubSpot's basic
 * `oauth` scope.
 */
export function scopesForPath(path: string, method = 'GET'): string[] {
  if (path.startsWith('/account-info/')) return ['oauth'];
  const segments = path.split('?')[0]!.split('/');
  const scopes = new Set<string>();
  const post = method.toUpperCase() === 'POST';
  if (segments[2] === 'properties' || segments[3] === 'properties') {
    const type = segments.map(objectType).find((t) => t !== undefined);
    if (type) scopes.add(post ? `crm.schemas.${type}.write` : `crm.objects.${type}.read`);
    return [...scopes];
  }
  for (const segment of segments) {
    const type = objectType(segment);
    if (type) scopes.add(`crm.objects.${type}.read`);
  }
  if (post && segments[segments.length - 1] === 'update' && segments[segments.length - 2] === 'batch') {
    return [...scopes].map((scope) => scope.replace(/\.read$/, '.write'));
  }
  return [...scopes];
}

export function rateLimitBody(search: boolean): Record<string, unknown> {
  // As documented: no `category`; `policyName` TEN_SECONDLY_ROLLING for the burst limit, SECONDLY for search.
  return search
    ? {
        status: 'error',
        message: 'You have reached your secondly limit.',
        errorType: 'RATE_LIMIT',
        correlationId: randomUUID(),
        policyName: 'SECONDLY',
        groupName: 'publicapi:crm-search:secondly',
      }
    : {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        correlationId: randomUUID(),
        policyName: 'TEN_SECONDLY_ROLLING',
        groupName: 'publicapi:private-app:ten-secondly-rolling',
      };
}

function serverErrorAnswer(status: number): Answer {
  return status === 502
    ? { status, body: errorBody('Bad Gateway: the upstream service did not answer', undefined) }
    : { status, body: errorBody('internal error', undefined) };
}

// ---- request parsing ------------------------------------------------------------------------------

const OBJECT_TYPES: Record<string, HubSpotObjectType> = {
  companies: 'companies',
  company: 'companies',
  '0-2': 'companies',
  contacts: 'contacts',
  contact: 'contacts',
  '0-1': 'contacts',
  deals: 'deals',
  deal: 'deals',
  '0-3': 'deals',
};

const SINGULAR: Record<HubSpotObjectType, string> = { companies: 'company', contacts: 'contact', deals: 'deal' };

function objectType(value: unknown): HubSpotObjectType | undefined {
  return typeof value === 'string' ? OBJECT_TYPES[value.toLowerCase()] : undefined;
}

type Query = Record<string, string | string[] | undefined>;
type Params = Record<string, string | undefined>;

/** `properties=a,b&properties=c` → ['a','b','c'] (the client repeats the parameter; people also use commas). */
function listParam(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const parts = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const p of parts) for (const name of p.split(',')) if (name.trim()) out.push(name.trim());
  return out;
}

function boolParam(value: string | string[] | undefined): boolean {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  return v === 'true';
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

const IdInput = z.object({ id: z.union([z.string(), z.number()]).transform(String) });
const BatchReadBody = z.object({
  inputs: z.array(IdInput),
  properties: z.array(z.string()),
  propertiesWithHistory: z.array(z.string()),
  idProperty: z.string().nullish(),
});
const BatchUpdateBody = z.object({
  inputs: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      idProperty: z.string().nullish(),
      objectWriteTraceId: z.string().nullish(),
    }),
  ),
});
const AssociationBatchBody = z.object({
  inputs: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), after: z.string().nullish() })),
});
const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const SearchBody = z.object({
  filterGroups: z
    .array(
      z.object({
        filters: z
          .array(
            z.object({
              propertyName: z.string(),
              operator: z.string(),
              value: Scalar.nullish(),
              highValue: Scalar.nullish(),
              values: z.array(Scalar).nullish(),
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
  sorts: z.array(z.union([z.string(), z.object({ propertyName: z.string(), direction: z.string().nullish() })])).nullish(),
  query: z.string().nullish(),
  properties: z.array(z.string()).nullish(),
  limit: z.number().int().nullish(),
  after: z.union([z.string(), z.number()]).nullish(),
});

function invalidBody(error: z.ZodError): Answer {
  const missing = error.issues
    .filter((i) => i.code === 'invalid_type' && i.message.includes('received undefined'))
    .map((i) => i.path.join('.'));
  if (missing.length) return validation(`Invalid input JSON on line 1, column 1: Some required fields were not set: [${missing.join(', ')}]`);
  const first = error.issues[0];
  return validation(`Invalid input JSON on line 1, column 1: ${first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'invalid body'}`);
}

/** Opaque per-input association cursor: the id where the next page starts. */
export function encodeAssociationCursor(startId: number): string {
  return Buffer.from(`assoc:${startId}`).toString('base64url');
}

function decodeAssociationCursor(after: string): number | undefined {
  const text = Buffer.from(after, 'base64url').toString();
  const m = /^assoc:(\d+)$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

// ---- the server -----------------------------------------------------------------------------------

export class HubSpotServer {
  readonly app: FastifyInstance;
  readonly burst: SlidingWindowLimit;
  readonly searchLimit: SlidingWindowLimit;
  private readonly hung = new Set<HungRequest>();
  private readonly random: () => number;
  private closed = false;

  constructor(
    readonly store: HubSpotStore,
    readonly stats: RequestStats,
    readonly faults: FaultController,
    readonly config: ServerConfig,
  ) {
    this.burst = new SlidingWindowLimit(config.rateLimitPer10s, 10_000);
    this.searchLimit = new SlidingWindowLimit(config.searchRateLimitPerSecond, 1_000);
    this.random = mulberry32(config.seed ^ 0x5bd1e995);
    this.app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 16 * 1024 * 1024 });
    this.install();
  }

  private install(): void {
    const app = this.app;
    const expected = `Bearer ${this.config.accessToken}`;
    const scoped = new Map(Object.entries(this.config.scopedTokens ?? {}).map(([token, scopes]) => [`Bearer ${token}`, new Set(scopes)]));

    app.addHook('onRequest', async (req, reply) => {
      if (req.headers.authorization === expected) return undefined;
      const granted = scoped.get(req.headers.authorization ?? '');
      if (!granted) return reply.code(401).send(authFailureBody());
      const missing = scopesForPath(req.url, req.method).filter((scope) => !granted.has(scope));
      if (missing.length) return reply.code(403).send(missingScopesBody(missing));
      return undefined;
    });

    app.addHook('onResponse', async (req, reply) => {
      this.stats.record(req.method, routeLabel(req), reply.statusCode);
    });

    app.setErrorHandler((error: { statusCode?: number; message?: string; code?: string }, _req, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      if (status >= 500) return reply.code(status).send(errorBody(`internal error: ${error.message ?? 'unknown'}`));
      const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(error.message ?? '') ? `Invalid input JSON on line 1, column 1: ${error.message ?? ''}` : error.message ?? 'Bad request';
      return reply.code(status).send(errorBody(message, 'VALIDATION_ERROR'));
    });

    // GET /account-info/{version}/details: the account the token belongs to (portalId, …), as documented for 2026-03.
    app.get('/account-info/:version/details', (req, reply) => {
      const { version } = req.params as { version: string };
      if (!(ACCOUNT_INFO_VERSIONS as readonly string[]).includes(version) && !(version === 'v3' && !this.config.refuseNumberedPaths)) {
        return reply.code(404).send(errorBody(`API version ${version} does not exist for account-info; supported: ${ACCOUNT_INFO_VERSIONS.join(', ')}`, 'OBJECT_NOT_FOUND'));
      }
      const fault = this.faults.pick(req.method, req.url, false);
      if (fault === 'error5xx') return reply.code(503).send(serverErrorAnswer(503).body);
      if (fault === 'drip') {
        reply.hijack();
        const label = routeLabel(req);
        dripAnswer(req.raw.socket, this.faults, () => this.stats.record(req.method, label, 0));
        return undefined;
      }
      if (fault === 'hang') {
        this.hang(req, reply, this.faults.hangMs);
        return undefined;
      }
      return reply.code(200).send({
        portalId: this.config.portalId,
        accountType: 'STANDARD',
        timeZone: 'US/Eastern',
        companyCurrency: 'USD',
        additionalCurrencies: [],
        utcOffset: '-05:00',
        utcOffsetMilliseconds: -18_000_000,
        uiDomain: 'app.hubspot.com',
        dataHostingLocation: 'na1',
      });
    });

    app.setNotFoundHandler((req, reply) => {
      reply.code(404).send(errorBody(`The HubSpot simulator does not implement ${req.method} ${req.url.split('?')[0]}`, 'OBJECT_NOT_FOUND'));
    });

    for (const spec of this.routes()) {
      app.route({ method: spec.method, url: spec.url, handler: (req, reply) => this.dispatch(spec, 'numbered', req, reply) });
      app.route({ method: spec.method, url: spec.dated, handler: (req, reply) => this.dispatch(spec, 'dated', req, reply) });
    }
  }

  private async dispatch(spec: RouteSpec, kind: 'numbered' | 'dated', req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    let flavour: ApiFlavour = 'numbered';
    if (kind === 'dated') {
      const version = (req.params as Params).version;
      if (!isSimulatedVersion(version)) {
        return reply
          .code(404)
          .send(errorBody(`API version ${version ?? ''} does not exist or is not supported; supported versions: ${SIMULATED_API_VERSIONS.join(', ')}`, 'OBJECT_NOT_FOUND'));
      }
      flavour = version;
    } else if (this.config.refuseNumberedPaths) {
      return reply
        .code(410)
        .send(errorBody(`${req.method} ${req.url.split('?')[0]}: the numbered (v1-v4) APIs are no longer supported. Use a date-based version, e.g. /crm/objects/2026-09/...`, 'GONE'));
    }
    const latency = this.faults.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const search = spec.search === true;
    const fault: FaultKind | undefined = this.faults.pick(req.method, req.url, spec.write === true);
    if (fault === 'drip') {
      reply.hijack();
      const label = routeLabel(req);
      dripAnswer(req.raw.socket, this.faults, () => this.stats.record(req.method, label, 0));
      return undefined;
    }
    if (fault === 'hang' || fault === 'resetAfterApply') {
      if (fault === 'resetAfterApply') this.answer(spec, req, flavour);
      this.hang(req, reply, fault === 'hang' ? this.faults.hangMs : 0);
      return undefined;
    }
    if (fault === 'error5xx') {
      const a = serverErrorAnswer(this.random() < 0.5 ? 502 : 500);
      return reply.code(a.status).send(a.body);
    }
    if (fault === 'rateLimit') {
      if (!search && this.burst.limit > 0) this.rateHeaders(reply, 0);
      return reply.code(429).send(rateLimitBody(search));
    }
    if (fault === 'echoCredentials') {
      const status = this.faults.echoStatus;
      const sent = req.headers.authorization ?? '';
      if (status >= 500) return reply.code(status).type('text/plain').send(`${status} Bad Gateway: upstream refused the request (you sent ${sent})`);
      return reply.code(status).send(errorBody(`Invalid request: you sent ${sent}`, status === 404 ? 'OBJECT_NOT_FOUND' : 'VALIDATION_ERROR'));
    }
    if (fault === 'reject400') {
      // Like an upstream that quotes the whole request back in its error: the Authorization header included.
      const echoed = `Authorization=${req.headers.authorization ?? ''}`;
      return reply.code(400).send(errorBody(`Invalid request (${echoed}); request headers: {"authorization":"${req.headers.authorization ?? ''}"}`, 'VALIDATION_ERROR'));
    }
    if (search) {
      if (this.searchLimit.limit > 0 && !this.searchLimit.take().ok) return reply.code(429).send(rateLimitBody(true));
    } else if (this.burst.limit > 0) {
      const slot = this.burst.take();
      this.rateHeaders(reply, slot.remaining);
      if (!slot.ok) return reply.code(429).send(rateLimitBody(false));
    }
    const answer = this.answer(spec, req, flavour);
    if (fault === 'dropAfterApply') {
      const a = serverErrorAnswer(502);
      return reply.code(a.status).send(a.body);
    }
    return reply.code(answer.status).send(answer.body);
  }

  private answer(spec: RouteSpec, req: FastifyRequest, flavour: ApiFlavour): Answer {
    const path = req.url.split('?')[0] ?? '';
    const prefix = flavour === 'numbered' ? (/^\/crm\/v\d+\/[a-z]+/.exec(path)?.[0] ?? '') : (/^\/crm\/[a-z]+\/[^/]+/.exec(path)?.[0] ?? '');
    try {
      return spec.handle(req, { baseUrl: `http://${req.headers.host ?? 'localhost'}`, flavour, prefix });
    } catch (error) {
      if (error instanceof SearchValidationError) return validation(error.message);
      if (error instanceof PropertyApiProblem) return { status: error.status, body: errorBody(error.message, error.category, error.extra) };
      throw error;
    }
  }

  private rateHeaders(reply: FastifyReply, remaining: number): void {
    reply.header('X-HubSpot-RateLimit-Max', String(this.burst.limit));
    reply.header('X-HubSpot-RateLimit-Remaining', String(Math.max(0, remaining)));
    reply.header('X-HubSpot-RateLimit-Interval-Milliseconds', '10000');
  }

  /** Never answers: holds the socket for `ms`, then destroys it (recorded with status 0). */
  private hang(req: FastifyRequest, reply: FastifyReply, ms: number): void {
    reply.hijack();
    const socket = req.raw.socket;
    const label = routeLabel(req);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(entry.timer);
      this.hung.delete(entry);
      socket.off('close', finish);
      socket.destroy();
      this.stats.record(req.method, label, 0);
    };
    const entry: HungRequest = { socket, timer: setTimeout(finish, ms) };
    socket.once('close', finish);
    this.hung.add(entry);
  }

  /** Releases hung requests (their sockets are destroyed). */
  releaseHung(): void {
    for (const h of [...this.hung]) {
      clearTimeout(h.timer);
      h.socket.destroy();
    }
    this.hung.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.releaseHung();
    await this.app.close();
  }

  // ---- visibility -------------------------------------------------------------------------------

  private searchState = (rec: ObjectRecord): RecordState | null => {
    if (rec.pendingUntil === 0) return rec;
    return rec.pendingUntil > this.store.now() ? rec.indexed : rec;
  };

  // ---- routes -----------------------------------------------------------------------------------

  private routes(): RouteSpec[] {
    const store = this.store;
    const pageSize = () => Math.max(1, this.config.associationsPageSize);

    const list: RouteSpec = {
      method: 'GET',
      url: '/crm/v3/objects/:objectType',
      dated: '/crm/objects/:version/:objectType',
      handle: (req, ctx) => {
        const type = objectType((req.params as Params).objectType);
        if (!type) return unknownType((req.params as Params).objectType);
        const table = store.table(type);
        const q = req.query as Query;
        const limitText = single(q.limit);
        const limit = limitText === undefined ? 10 : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1) return validation(`limit must be a positive integer, got ${limitText}`);
        if (limit > LIST_MAX_LIMIT) return validation(`limit must be at most ${LIST_MAX_LIMIT}, got ${limit}`);
        const afterText = single(q.after);
        let startId = 0;
        if (afterText !== undefined && afterText !== '') {
          startId = Number(afterText);
          if (!Number.isSafeInteger(startId) || startId < 0) return validation(`Invalid after: ${afterText}`);
        }
        const archived = boolParam(q.archived);
        const properties = listParam(q.properties);
        const withHistory = listParam(q.propertiesWithHistory);
        const assocTypes = listParam(q.associations).map(objectType).filter((t): t is HubSpotObjectType => t !== undefined && t !== type);
        const results: unknown[] = [];
        const order = table.order;
        let next: number | undefined;
        for (let i = table.lowerBound(startId); i < order.length; i++) {
          const rec = order[i] as ObjectRecord;
          if (rec.archived !== archived) continue;
          if (results.length === limit) {
            next = rec.idNum;
            break;
          }
          const obj: Record<string, unknown> = { ...objectJson(store, type, rec, properties, withHistory) };
          if (assocTypes.length) {
            const associations: Record<string, unknown> = {};
            for (const other of assocTypes) {
              const entries = store.v3Associations(type, rec);
              if (entries.length) associations[other] = { results: entries };
            }
            if (Object.keys(associations).length) obj.associations = associations;
          }
          results.push(obj);
        }
        const body: Record<string, unknown> = { results };
        if (next !== undefined) {
          const params = new URLSearchParams();
          params.set('limit', String(limit));
          params.set('after', String(next));
          for (const p of properties) params.append('properties', p);
          if (archived) params.set('archived', 'true');
          body.paging = { next: { after: String(next), link: `${ctx.baseUrl}${ctx.prefix}/${type}?${params.toString()}` } };
        }
        return { status: 200, body };
      },
    };

    const getById: RouteSpec = {
      method: 'GET',
      url: '/crm/v3/objects/:objectType/:objectId',
      dated: '/crm/objects/:version/:objectType/:objectId',
      handle: (req) => {
        const params = req.params as Params;
        const type = objectType(params.objectType);
        if (!type) return unknownType(params.objectType);
        const q = req.query as Query;
        const idProperty = single(q.idProperty);
        if (idProperty && idProperty !== 'hs_object_id') return validation(`idProperty ${idProperty} is not supported by the HubSpot simulator`);
        const archived = boolParam(q.archived);
        const rec = resolve(store, type, params.objectId ?? '', archived);
        if (!rec) return { status: 404, body: errorBody('resource not found', 'OBJECT_NOT_FOUND') };
        const obj: Record<string, unknown> = { ...objectJson(store, type, rec, listParam(q.properties), listParam(q.propertiesWithHistory)) };
        const assocTypes = listParam(q.associations).map(objectType).filter((t): t is HubSpotObjectType => t !== undefined && t !== type);
        if (assocTypes.length) {
          const entries = store.v3Associations(type, rec);
          if (entries.length) obj.associations = Object.fromEntries(assocTypes.map((t) => [t, { results: entries }]));
        }
        return { status: 200, body: obj };
      },
    };

    const batchRead: RouteSpec = {
      method: 'POST',
      url: '/crm/v3/objects/:objectType/batch/read',
      dated: '/crm/objects/:version/:objectType/batch/read',
      handle: (req, ctx) => {
        const type = objectType((req.params as Params).objectType);
        if (!type) return unknownType((req.params as Params).objectType);
        const startedAt = iso(Date.now());
        const parsed = BatchReadBody.safeParse(req.body);
        if (!parsed.success) return invalidBody(parsed.error);
        const body = parsed.data;
        if (body.inputs.length > BATCH_READ_LIMIT) {
          return validation(
            `The maximum number of inputs supported in a batch request is ${BATCH_READ_LIMIT}. Please reduce the number of items and try again (got ${body.inputs.length}).`,
            { context: { inputs: [String(body.inputs.length)] } },
          );
        }
        if (body.idProperty && body.idProperty !== 'hs_object_id') {
          return validation(`idProperty ${body.idProperty} is not supported by the HubSpot simulator`);
        }
        const archived = boolParam((req.query as Query).archived);
        const results: HubSpotObject[] = [];
        const missing: string[] = [];
        const seen = new Set<number>();
        for (const { id } of body.inputs) {
          const rec = resolve(store, type, id, archived);
          if (!rec) {
            if (!missing.includes(id)) missing.push(id);
            continue;
          }
          if (seen.has(rec.idNum)) continue;
          seen.add(rec.idNum);
          results.push(objectJson(store, type, rec, body.properties, body.propertiesWithHistory));
        }
        const completedAt = iso(Date.now());
        if (!missing.length) return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt } };
        const singular = SINGULAR[type].toUpperCase();
        return partial(ctx.flavour, {
          status: 'COMPLETE',
          results,
          numErrors: 1,
          errors: [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              message: `Could not get some ${singular} objects, they may be deleted or not exist. Check that ids are valid.`,
              context: { ids: missing },
            },
          ],
          startedAt,
          completedAt,
        });
      },
    };

    const search: RouteSpec = {
      method: 'POST',
      url: '/crm/v3/objects/:objectType/search',
      dated: '/crm/objects/:version/:objectType/search',
      search: true,
      handle: (req) => {
        const type = objectType((req.params as Params).objectType);
        if (!type) return unknownType((req.params as Params).objectType);
        const parsed = SearchBody.safeParse(req.body ?? {});
        if (!parsed.success) return invalidBody(parsed.error);
        const table = store.table(type);
        const result = runSearch(table, parsed.data, this.searchState);
        const properties = parsed.data.properties ?? [];
        const results = result.page.map((m) => table.view(m.rec, properties, m.state));
        const body: Record<string, unknown> = { total: result.total, results };
        if (result.nextAfter !== undefined) body.paging = { next: { after: String(result.nextAfter) } };
        return { status: 200, body };
      },
    };

    // v4 batch read. For an id without (live) associations the real API answers 207 with one
    // OBJECT_NOT_FOUND / crm.associations.NO_ASSOCIATIONS_FOUND error per such id (and no entry in
    // `results`); it says the same for ids that do not exist. We do exactly that. 200 only when
    // every input has associations. 2026-09 reports the same errors inside a 200 answer.
    const associationsRead: RouteSpec = {
      method: 'POST',
      url: '/crm/v4/associations/:fromObjectType/:toObjectType/batch/read',
      dated: '/crm/associations/:version/:fromObjectType/:toObjectType/batch/read',
      handle: (req, ctx) => {
        const params = req.params as Params;
        const from = objectType(params.fromObjectType);
        const to = objectType(params.toObjectType);
        if (!from) return unknownType(params.fromObjectType);
        if (!to || (to === from && to !== 'companies')) return unknownType(params.toObjectType);
        const startedAt = iso(Date.now());
        const parsed = AssociationBatchBody.safeParse(req.body);
        if (!parsed.success) return invalidBody(parsed.error);
        const inputs = parsed.data.inputs;
        if (inputs.length > ASSOCIATION_BATCH_LIMIT) {
          return validation(
            `The maximum number of inputs supported in a batch request is ${ASSOCIATION_BATCH_LIMIT}. Please reduce the number of items and try again (got ${inputs.length}).`,
          );
        }
        const size = pageSize();
        const results: unknown[] = [];
        const errors: unknown[] = [];
        const fromSingular = SINGULAR[from];
        const toSingular = SINGULAR[to];
        const withDeals = from === 'deals' || to === 'deals';
        if (withDeals && from !== 'companies' && to !== 'companies') return validation('The HubSpot simulator models deal associations with companies only');
        for (const input of inputs) {
          let startId = 0;
          if (input.after) {
            const decoded = decodeAssociationCursor(input.after);
            if (decoded === undefined) return validation(`Invalid after token for object ${input.id}: ${input.after}`);
            startId = decoded;
          }
          const page = withDeals ? store.dealAssociationPage(from === 'deals' ? 'deals' : 'companies', input.id, startId, size) : store.associationPage(from, to, input.id, startId, size);
          if (!page) {
            errors.push({
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
              message: `No ${toSingular} is associated with ${fromSingular} ${input.id}.`,
              context: { fromObjectId: [input.id], fromObjectType: [fromSingular], toObjectType: [toSingular] },
            });
            continue;
          }
          const row: Record<string, unknown> = { from: { id: input.id }, to: page.to };
          if (page.nextStartId !== undefined) row.paging = { next: { after: encodeAssociationCursor(page.nextStartId) } };
          results.push(row);
        }
        const completedAt = iso(Date.now());
        if (!errors.length) return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt } };
        return partial(ctx.flavour, { status: 'COMPLETE', results, numErrors: errors.length, errors, startedAt, completedAt });
      },
    };

    const labels: RouteSpec = {
      method: 'GET',
      url: '/crm/v4/associations/:fromObjectType/:toObjectType/labels',
      dated: '/crm/associations/:version/:fromObjectType/:toObjectType/labels',
      handle: (req) => {
        const params = req.params as Params;
        const from = objectType(params.fromObjectType);
        const to = objectType(params.toObjectType);
        if (!from) return unknownType(params.fromObjectType);
        if (!to || (to === from && to !== 'companies')) return unknownType(params.toObjectType);
        if (from === 'deals' || to === 'deals') {
          if (from !== 'companies' && to !== 'companies') return validation('The HubSpot simulator models deal associations with companies only');
          return { status: 200, body: { results: store.dealLabels(from === 'deals' ? 'deals' : 'companies') } };
        }
        return { status: 200, body: { results: store.labels(from, to) } };
      },
    };

    // Deal pipelines with their stages; a stage is won or lost by its metadata (probability, isClosed).
    const pipelines: RouteSpec = {
      method: 'GET',
      url: '/crm/v3/pipelines/:objectType',
      dated: '/crm/pipelines/:version/:objectType',
      handle: (req) => {
        const type = objectType((req.params as Params).objectType);
        if (type !== 'deals') return unknownType((req.params as Params).objectType);
        return { status: 200, body: { results: store.pipelines.json(iso) } };
      },
    };

    // Batch update: every value is checked first (one bad value refuses the whole batch with 400);
    // ids that are not live objects are reported like a batch read's missing ids (207 up to 2026-03,
    // 200 with errors from 2026-09) and the others are written.
    const batchUpdate: RouteSpec = {
      method: 'POST',
      url: '/crm/v3/objects/:objectType/batch/update',
      dated: '/crm/objects/:version/:objectType/batch/update',
      write: true,
      handle: (req, ctx) => {
        const type = objectType((req.params as Params).objectType);
        if (!type) return unknownType((req.params as Params).objectType);
        const startedAt = iso(Date.now());
        const parsed = BatchUpdateBody.safeParse(req.body);
        if (!parsed.success) return invalidBody(parsed.error);
        const inputs = parsed.data.inputs;
        if (inputs.length > BATCH_UPDATE_LIMIT) {
          return validation(`The maximum number of inputs supported in a batch request is ${BATCH_UPDATE_LIMIT}. Please reduce the number of items and try again (got ${inputs.length}).`);
        }
        if (inputs.some((i) => i.idProperty && i.idProperty !== 'hs_object_id')) return validation('idProperty other than hs_object_id is not supported by the HubSpot simulator');
        const { updated, missing } = store.updateFromApi(type, inputs);
        const completedAt = iso(Date.now());
        if (!missing.length) return { status: 200, body: { status: 'COMPLETE', results: updated, startedAt, completedAt } };
        return partial(ctx.flavour, {
          status: 'COMPLETE',
          results: updated,
          numErrors: 1,
          errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found. objectId are usually numeric.', context: { ids: missing } }],
          startedAt,
          completedAt,
        });
      },
    };

    const propertiesOf = (req: FastifyRequest) => {
      const type = objectType((req.params as Params).objectType);
      return type ? store.propertiesOf(type) : undefined;
    };

    const listProperties: RouteSpec = {
      method: 'GET',
      url: '/crm/v3/properties/:objectType',
      dated: '/crm/properties/:version/:objectType',
      handle: (req) => {
        const registry = propertiesOf(req);
        if (!registry) return unknownType((req.params as Params).objectType);
        return { status: 200, body: { results: registry.list() } };
      },
    };

    const createProperty: RouteSpec = {
      method: 'POST',
      url: '/crm/v3/properties/:objectType',
      dated: '/crm/properties/:version/:objectType',
      write: true,
      handle: (req) => {
        const registry = propertiesOf(req);
        if (!registry) return unknownType((req.params as Params).objectType);
        const parsed = PropertyCreateBody.safeParse(req.body);
        if (!parsed.success) return invalidBody(parsed.error);
        const created = registry.createProperty(parsed.data);
        store.apiWrites.propertiesCreated += 1;
        return { status: 201, body: created };
      },
    };

    const getProperty: RouteSpec = {
      method: 'GET',
      url: '/crm/v3/properties/:objectType/:propertyName',
      dated: '/crm/properties/:version/:objectType/:propertyName',
      handle: (req) => {
        const registry = propertiesOf(req);
        if (!registry) return unknownType((req.params as Params).objectType);
        const name = (req.params as Params).propertyName ?? '';
        const property = registry.get(name);
        if (!property) return { status: 404, body: errorBody(`Unable to find property ${name}`, 'OBJECT_NOT_FOUND') };
        return { status: 200, body: property };
      },
    };

    const listGroups: RouteSpec = {
      method: 'GET',
      url: '/crm/v3/properties/:objectType/groups',
      dated: '/crm/properties/:version/:objectType/groups',
      handle: (req) => {
        const registry = propertiesOf(req);
        if (!registry) return unknownType((req.params as Params).objectType);
        return { status: 200, body: { results: registry.listGroups() } };
      },
    };

    const createGroup: RouteSpec = {
      method: 'POST',
      url: '/crm/v3/properties/:objectType/groups',
      dated: '/crm/properties/:version/:objectType/groups',
      write: true,
      handle: (req) => {
        const registry = propertiesOf(req);
        if (!registry) return unknownType((req.params as Params).objectType);
        const parsed = PropertyGroupCreateBody.safeParse(req.body);
        if (!parsed.success) return invalidBody(parsed.error);
        const created = registry.createGroup(parsed.data);
        store.apiWrites.groupsCreated += 1;
        return { status: 201, body: created };
      },
    };

    return [list, getById, batchRead, search, associationsRead, labels, pipelines, batchUpdate, listProperties, createProperty, getProperty, listGroups, createGroup];
  }
}

function unknownType(value: string | undefined): Answer {
  return validation(`Unable to infer object type from: ${value ?? ''}`);
}

/** Finds the record a read by id answers with: merged ids resolve to the surviving company. */
function resolve(store: HubSpotStore, type: HubSpotObjectType, id: string, archived: boolean): ObjectRecord | undefined {
  const table = store.table(type);
  let rec = table.get(id);
  if (!rec) return undefined;
  if (!archived) {
    for (let hops = 0; rec.mergedInto && hops < 16; hops++) {
      const next: ObjectRecord | undefined = table.byId.get(rec.mergedInto);
      if (!next) break;
      rec = next;
    }
  }
  return rec.archived === archived ? rec : undefined;
}

function objectJson(
  store: HubSpotStore,
  type: HubSpotObjectType,
  rec: ObjectRecord,
  properties: readonly string[],
  withHistory: readonly string[],
): HubSpotObject & { propertiesWithHistory?: Record<string, unknown[]> } {
  const table = store.table(type);
  const obj: HubSpotObject & { propertiesWithHistory?: Record<string, unknown[]> } = table.view(rec, properties);
  if (withHistory.length) {
    // Only the current value is kept, so the history has one entry.
    const history: Record<string, unknown[]> = {};
    for (const name of withHistory) {
      const value = table.value(rec, rec, name);
      if (value === undefined || value === null) continue;
      history[name] = [{ value, timestamp: iso(rec.updatedAt), sourceType: 'API' }];
    }
    obj.propertiesWithHistory = history;
  }
  return obj;
}

/**
 * The route pattern recorded in the stats, with the object types and the version filled in
 * (`/crm/v3/objects/companies/batch/read`, `/crm/objects/2026-09/companies/batch/read`).
 */
function routeLabel(req: FastifyRequest): string {
  const url = req.routeOptions.url;
  if (!url) return '*';
  const params = (req.params ?? {}) as Params;
  return url.replace(/:(objectType|fromObjectType|toObjectType|version)\b/g, (whole, key: string) =>
    key === 'version' ? (params.version ?? whole) : (objectType(params[key]) ?? params[key] ?? whole),
  );
}
