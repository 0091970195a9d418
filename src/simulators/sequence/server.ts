/**
 * A simulated Sequence customer API (version 2024-07-30) over HTTP, on fastify.
 *
 * Every request goes through, in order:
 *   1. Basic auth (`Authorization: Basic base64(id:secret)`), else 401 `Unauthorized`.
 *   2. `Sequence-Version`: missing → latest, `2024-07-30` → ok, anything else → 400
 *      `UnrecognisedApiVersion` (documented). Every answer carries `Sequence-Version: 2024-07-30`.
 *   3. The rate limit: a rolling 60 s window per credentials (documented 1,500/minute); 429
 *      `TooManyRequests`, with `Retry-After` only when `retryAfterSeconds` is set (Sequence
 *      documents no such header).
 *   4. Fault injection, `faults.pick(method, path, isWrite)` with the path relative to `/api`
 *      (query string included) and writes = POST/PUT/DELETE:
 *        error5xx → 500 (JSON) / 502 / 503 (HTML, as a gateway would), not applied;
 *        rateLimit → the 429 above, not applied;
 *        hang → no answer, the socket is destroyed after `faults.hangMs`, not applied;
 *        drip → a 200 head at once, then one byte every `faults.dripIntervalMs`, never the end;
 *        dropAfterApply → the write is applied, then a 502 with an HTML body replaces the answer;
 *        resetAfterApply → the write is applied, then the socket is destroyed without an answer.
 *   5. The route. `faults.latencyMs` delays every answer after the work is done, so a client
 *      timing out during the delay leaves an applied write behind, as with a slow real API.
 *
 * `stats` records every answer as `METHOD /route/:pattern STATUS`, e.g. `POST /customers 201`;
 * requests that got no answer (hang, resetAfterApply) are recorded with status 0.
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CreateCustomerAliasRequest, CreateOrUpdateCustomerRequest } from '../../sequence/schemas';
import { dripAnswer, FaultController, type FaultKind, type FaultRates, mulberry32, RequestStats, SlidingWindowLimit } from '../faults';
import { type ErrorBodyModel, type ErrorDetail, SIMULATED_API_VERSION, SimulatorApiError } from './models';
import { type ListCustomersQuery, SequenceStore } from './store';

export interface SequenceSimulatorOptions {
  /** Default `seq-test-id`. */
  clientId?: string;
  /** Default `seq-test-secret`. */
  clientSecret?: string;
  /** Default 0 (a free port); the host is always 127.0.0.1. */
  port?: number;
  /** Requests per rolling minute per credentials; default 1500 (documented), 0 disables. */
  rateLimitPerMinute?: number;
  /** Put `Retry-After: <n>` on 429s. Default: no header (Sequence documents none). */
  retryAfterSeconds?: number;
  /** Status of a create/alias call that uses a taken alias (undocumented). Default 409. */
  aliasConflictStatus?: 400 | 409 | 422;
  /** What a PUT without `parentId` does to a customer's parent (undocumented). Default 'clears'. */
  parentOmittedOnUpdate?: 'clears' | 'keeps';
  /** Whether a PUT may change a customer's parent (undocumented). Default 'allowed'. */
  parentMoves?: 'allowed' | 'refused';
  faults?: Partial<FaultRates>;
  /** Seed of the fault dice (and of the 500/502/503 choice). Default 1. */
  seed?: number;
  /** Fixed latency added to every answer (`faults.latencyMs`). */
  latencyMs?: number;
  /** Serve an existing store (e.g. one pre-seeded by a test). Default: a new, empty store. */
  store?: SequenceStore;
}

export interface SequenceSimulator {
  /** Base URL including the `/api` prefix, e.g. `http://127.0.0.1:PORT/api`. */
  url: string;
  store: SequenceStore;
  stats: RequestStats;
  faults: FaultController;
  /** Changes the per-minute limit of every credentials' window (0 disables). */
  setRateLimit(perMinute: number): void;
  /** Stops the server, ending hung and delayed requests. */
  close(): Promise<void>;
}

const API_PREFIX = '/api';
const BODY_LIMIT = 1024 * 1024;

interface RequestState {
  route: string;
  fault?: FaultKind;
  recorded: boolean;
}

/** Timers the server holds requests with, all ended by `close()`. */
class Waits {
  private pending = new Map<NodeJS.Timeout, () => void>();
  closed = false;

  wait(ms: number): Promise<void> {
    if (this.closed || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  endAll(): void {
    this.closed = true;
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}

export async function startSequenceSimulator(opts: SequenceSimulatorOptions = {}): Promise<SequenceSimulator> {
  const clientId = opts.clientId ?? 'seq-test-id';
  const clientSecret = opts.clientSecret ?? 'seq-test-secret';
  const store = opts.store ?? new SequenceStore();
  store.aliasConflictStatus = opts.aliasConflictStatus ?? 409;
  store.parentOmittedOnUpdate = opts.parentOmittedOnUpdate ?? 'clears';
  store.parentMoves = opts.parentMoves ?? 'allowed';
  const stats = new RequestStats();
  const faults = new FaultController(opts.faults, opts.seed ?? 1);
  if (opts.latencyMs !== undefined) faults.latencyMs = opts.latencyMs;
  const dice = mulberry32(((opts.seed ?? 1) ^ 0x5e9e5e9e) >>> 0);
  let perMinute = opts.rateLimitPerMinute ?? 1500;
  const windows = new Map<string, SlidingWindowLimit>();
  const waits = new Waits();
  const states = new WeakMap<IncomingMessage, RequestState>();

  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    return503OnClosing: true,
  });

  // JSON bodies only (other media types → 415). An empty body is no body (clients often send
  // `Content-Type: application/json` on the bodiless archive call); anything unparsable is a 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = new Error('Malformed JSON body') as FastifyError;
      err.statusCode = 400;
      err.code = 'SIM_MALFORMED_JSON';
      done(err, undefined);
    }
  });

  const state = (request: FastifyRequest): RequestState => {
    let s = states.get(request.raw);
    if (!s) {
      s = { route: routeOf(request), recorded: false };
      states.set(request.raw, s);
    }
    return s;
  };

  const record = (request: FastifyRequest, status: number): void => {
    const s = state(request);
    if (s.recorded) return;
    s.recorded = true;
    stats.record(request.method, s.route, status);
  };

  const tooManyRequests = (reply: FastifyReply): FastifyReply => {
    if (opts.retryAfterSeconds !== undefined) reply.header('Retry-After', String(opts.retryAfterSeconds));
    return reply.code(429).send(errorBody('TooManyRequests', 'Rate limit exceeded'));
  };

  /** Ends a request without an answer. */
  const destroy = (request: FastifyRequest, reply: FastifyReply): void => {
    if (!reply.sent) reply.hijack();
    record(request, 0);
    request.raw.socket?.destroy();
  };

  /**
   * Sends the outcome of a route, unless a drop/reset fault is pending for this request: then the
   * outcome (whatever it was: the work has been done) is replaced by a 502 or a dead socket.
   */
  const finish = (request: FastifyRequest, reply: FastifyReply, status: number, body: unknown): FastifyReply => {
    const fault = state(request).fault;
    if (fault === 'resetAfterApply') {
      destroy(request, reply);
      return reply;
    }
    if (fault === 'dropAfterApply') return reply.code(502).type('text/html').send(gatewayPage(502));
    return reply.code(status).send(body);
  };

  const run = (
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => { status: number; body: unknown },
  ): FastifyReply => {
    let outcome: { status: number; body: unknown };
    try {
      outcome = work();
    } catch (err) {
      outcome =
        err instanceof SimulatorApiError
          ? { status: err.status, body: err.toBody() }
          : { status: 500, body: errorBody('InternalServerError', 'Internal server error') };
    }
    return finish(request, reply, outcome.status, outcome.body);
  };

  app.addHook('onRequest', async (request, reply) => {
    const s = state(request);
    reply.header('Sequence-Version', SIMULATED_API_VERSION);

    const credentials = basicCredentials(request.headers.authorization);
    if (credentials !== `${clientId}:${clientSecret}`) {
      reply.header('WWW-Authenticate', 'Basic realm="Sequence"');
      return reply
        .code(401)
        .send(errorBody('Unauthorized', 'Missing or invalid API credentials: use HTTP Basic auth with your client id and secret'));
    }

    const version = headerValue(request.headers['sequence-version']);
    if (version !== undefined && version !== SIMULATED_API_VERSION) {
      return reply
        .code(400)
        .send(errorBody('UnrecognisedApiVersion', `Unrecognised API version '${version}'. Supported: ${SIMULATED_API_VERSION}`));
    }

    if (perMinute > 0) {
      let window = windows.get(credentials);
      if (!window) {
        window = new SlidingWindowLimit(perMinute, 60_000);
        windows.set(credentials, window);
      }
      if (!window.take().ok) return tooManyRequests(reply);
    }

    const method = request.method.toUpperCase();
    const isWrite = method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'PATCH';
    const fault = faults.pick(method, relativePath(request.url), isWrite);
    switch (fault) {
      case 'error5xx': {
        const status = [500, 502, 503][Math.floor(dice() * 3)] ?? 500;
        if (status === 500) return reply.code(500).send(errorBody('InternalServerError', 'Internal server error'));
        return reply.code(status).type('text/html').send(gatewayPage(status));
      }
      case 'rateLimit':
        return tooManyRequests(reply);
      case 'reject400':
        return reply.code(400).send(errorBody('ValidationError', 'address.postcode: is not a valid postcode for the country'));
      case 'hang':
        reply.hijack();
        await waits.wait(faults.hangMs);
        destroy(request, reply);
        return reply;
      case 'echoCredentials': {
        const status = faults.echoStatus;
        const encoded = /^Basic\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
        if (status >= 500) return reply.code(status).type('text/plain').send(`${status} Bad Gateway: no upstream for credentials ${encoded}`);
        return reply.code(status).send(errorBody(status === 404 ? 'NotFound' : 'BadRequest', `Request with credentials ${encoded} could not be served`));
      }
      case 'drip':
        reply.hijack();
        dripAnswer(request.raw.socket, faults, () => record(request, 0));
        return reply;
      case 'dropAfterApply':
      case 'resetAfterApply':
        s.fault = fault;
        return undefined;
      default:
        return undefined;
    }
  });

  app.addHook('onSend', async () => {
    if (faults.latencyMs > 0) await waits.wait(faults.latencyMs);
  });

  app.addHook('onResponse', async (request, reply) => {
    record(request, reply.statusCode);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return finish(request, reply, 413, errorBody('PayloadTooLarge', `Request body larger than ${BODY_LIMIT} bytes`));
    if (status === 415) {
      return finish(request, reply, 415, errorBody('UnsupportedMediaType', 'Request bodies must be application/json'));
    }
    if (status >= 400 && status < 500) return finish(request, reply, status, errorBody('BadRequest', error.message));
    return finish(request, reply, 500, errorBody('InternalServerError', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) =>
    finish(request, reply, 404, errorBody('NotFound', `No route for ${request.method} ${relativePath(request.url).split('?')[0]}`)),
  );

  // ---- customers ----------------------------------------------------------------------------

  app.post(`${API_PREFIX}/customers`, (request, reply) =>
    run(request, reply, () => ({ status: 201, body: store.createCustomer(parseBody(CreateOrUpdateCustomerRequest, request.body)) })),
  );

  app.get(`${API_PREFIX}/customers`, (request, reply) =>
    run(request, reply, () => ({ status: 200, body: store.listCustomers(listCustomersQuery(request.query)) })),
  );

  app.get<{ Params: { alias: string } }>(`${API_PREFIX}/customers/by-alias/:alias`, (request, reply) =>
    run(request, reply, () => {
      const customer = store.byAlias(request.params.alias);
      if (!customer) throw new SimulatorApiError(404, 'NotFound', `No customer with alias ${JSON.stringify(request.params.alias)}`);
      return { status: 200, body: customer };
    }),
  );

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/customers/:id`, (request, reply) =>
    run(request, reply, () => {
      const customer = store.get(request.params.id);
      if (!customer) throw new SimulatorApiError(404, 'NotFound', `Customer ${request.params.id} not found`);
      return { status: 200, body: customer };
    }),
  );

  app.put<{ Params: { id: string } }>(`${API_PREFIX}/customers/:id`, (request, reply) =>
    run(request, reply, () => ({
      status: 200,
      body: store.updateCustomer(request.params.id, parseBody(CreateOrUpdateCustomerRequest, request.body)),
    })),
  );

  app.post<{ Params: { id: string } }>(`${API_PREFIX}/customers/:id/archive`, (request, reply) =>
    run(request, reply, () => ({ status: 200, body: store.archiveCustomer(request.params.id) })),
  );

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/customers/:id/aliases`, (request, reply) =>
    run(request, reply, () => {
      const items = store.aliasesOf(request.params.id);
      if (!items) throw new SimulatorApiError(404, 'NotFound', `Customer ${request.params.id} not found`);
      return { status: 200, body: { items } };
    }),
  );

  // ---- customer aliases ---------------------------------------------------------------------

  app.get(`${API_PREFIX}/customer-aliases`, (request, reply) =>
    run(request, reply, () => {
      const q = queryReader(request.query);
      return {
        status: 200,
        body: store.listAliases({ value: q.str('value'), limit: q.int('limit'), after: q.str('after'), before: q.str('before') }),
      };
    }),
  );

  app.post(`${API_PREFIX}/customer-aliases`, (request, reply) =>
    run(request, reply, () => {
      const key = headerValue(request.headers['idempotency-key']);
      const body = parseBody(CreateCustomerAliasRequest, request.body);
      return { status: 201, body: store.createAlias(body, key === undefined ? {} : { idempotencyKey: key }) };
    }),
  );

  app.put<{ Params: { id: string } }>(`${API_PREFIX}/customer-aliases/:id`, (request, reply) =>
    run(request, reply, () => ({
      status: 200,
      body: store.updateAlias(request.params.id, parseBody(UpdateCustomerAliasRequest, request.body ?? {})),
    })),
  );

  app.delete<{ Params: { id: string } }>(`${API_PREFIX}/customer-aliases/:id`, (request, reply) =>
    run(request, reply, () => ({ status: 200, body: store.deleteAlias(request.params.id) })),
  );

  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${API_PREFIX}`,
    store,
    stats,
    faults,
    setRateLimit(limit: number): void {
      perMinute = limit;
      for (const window of windows.values()) window.limit = limit;
    },
    async close(): Promise<void> {
      waits.endAll();
      await app.close();
    },
  };
}

// ---- helpers ----------------------------------------------------------------------------------

const UpdateCustomerAliasRequest = z.strictObject({ label: z.string().optional() });

function errorBody(type: string, message: string, details?: ErrorDetail[]): ErrorBodyModel {
  return { error: { type, message, ...(details ? { details } : {}) } };
}

function gatewayPage(status: number): string {
  const title = status === 502 ? '502 Bad Gateway' : status === 503 ? '503 Service Temporarily Unavailable' : `${status} Error`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

/** `METHOD` route pattern without the `/api` prefix; `*` when no route matched. */
function routeOf(request: FastifyRequest): string {
  const url = request.routeOptions.url;
  if (!url) return '*';
  return url.startsWith(API_PREFIX) ? url.slice(API_PREFIX.length) || '/' : url;
}

function relativePath(url: string): string {
  return url.startsWith(`${API_PREFIX}/`) || url === API_PREFIX ? url.slice(API_PREFIX.length) : url;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `id:secret` from a Basic Authorization header, or undefined. */
function basicCredentials(header: string | undefined): string | undefined {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  return decoded.includes(':') ? decoded : undefined;
}

/** Validates a body with a zod schema; problems become a 400 `ValidationError` listing each. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const details: ErrorDetail[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) details.push({ path: formatPath([...issue.path, key]), message: 'unknown field' });
    } else {
      details.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  throw new SimulatorApiError(400, 'ValidationError', `Invalid request body: ${summary}`, details);
}

/** `['contacts', 0, 'email']` → `contacts[0].email`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function queryReader(query: unknown) {
  const q = (query ?? {}) as Record<string, string | string[] | undefined>;
  const str = (name: string): string | undefined => {
    const v = q[name];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s === '' ? undefined : s;
  };
  const bad = (name: string, message: string) =>
    new SimulatorApiError(400, 'ValidationError', `Invalid query parameter '${name}': ${message}`, [{ path: name, message }]);
  return {
    str,
    int(name: string): number | undefined {
      const s = str(name);
      if (s === undefined) return undefined;
      if (!/^-?\d+$/.test(s)) throw bad(name, 'must be an integer');
      return Number(s);
    },
    bool(name: string): boolean | undefined {
      const s = str(name)?.toLowerCase();
      if (s === undefined) return undefined;
      if (s !== 'true' && s !== 'false') throw bad(name, 'must be true or false');
      return s === 'true';
    },
    oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
      const s = str(name)?.toUpperCase();
      if (s === undefined) return undefined;
      if (!(values as readonly string[]).includes(s)) throw bad(name, `must be one of ${values.join(', ')}`);
      return s as T;
    },
    bad,
  };
}

function listCustomersQuery(query: unknown): ListCustomersQuery {
  const q = queryReader(query);
  const sortBy = q.str('sortBy');
  if (sortBy !== undefined && sortBy !== 'createdAt') {
    throw q.bad('sortBy', 'the simulator sorts by creation time only');
  }
  const out: ListCustomersQuery = {
    legalName: q.str('legalName'),
    email: q.str('email'),
    alias: q.str('alias'),
    label: q.str('label'),
    includeArchived: q.bool('includeArchived'),
    billingStatus: q.oneOf('billingStatus', ['ACTIVE', 'INACTIVE'] as const),
    limit: q.int('limit'),
    after: q.str('after'),
    before: q.str('before'),
    sortOrder: q.oneOf('sortOrder', ['ASC', 'DESC'] as const),
  };
  for (const key of Object.keys(out) as (keyof ListCustomersQuery)[]) if (out[key] === undefined) delete out[key];
  return out;
}
