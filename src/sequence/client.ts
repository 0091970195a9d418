/**
 * HTTP client for Sequence's customer API: Basic auth, the version header, a timeout on every
 * request, JSON in and out, answers parsed with zod. Every failure is an ApiError whose `kind`
 * says whether to retry. Customer requests are not parsed again here: they come from the mapper,
 * whose last step is the strict CreateOrUpdateCustomerRequest schema.
 *
 * undici's `request` rather than `fetch`: no Request/Response objects per call, which showed up in
 * profiles at hundreds of calls a second.
 *
 * `timeoutMs` (REQUEST_TIMEOUT_MS) is a deadline on the whole request, body included: undici's own
 * header and body timeouts only bound the silence between two chunks, so an answer that sends one
 * byte at a time would otherwise never end (and hold its job slot and company lock meanwhile).
 */
import { Agent, errors, request } from 'undici';
import type { z } from 'zod';
import { ApiError } from '../errors';
import { guardedCall, type CallGuard } from '../limits/guarded-call';
import { retryTransient } from '../retry/backoff';
import { registerBasicCredentials } from '../shared/redact';
import {
  CreateCustomerAliasRequest,
  type CreateOrUpdateCustomerRequest,
  Customer,
  CustomerAlias,
  CustomerAliasesResponse,
  ListCustomerAliasesResponse,
  ListCustomersResponse,
} from './schemas';

export interface SequenceClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiVersion: string;
  timeoutMs: number;
  guard?: CallGuard;
  /** In-process tries of an idempotent call that failed temporarily (default 3). */
  attempts?: number;
  retryBaseMs?: number;
}

export interface ListCustomersQuery {
  limit?: number;
  after?: string;
  before?: string;
  includeArchived?: boolean;
  alias?: string;
  legalName?: string;
  email?: string;
  label?: string;
  /** By creation time; Sequence's default is DESC (newest first). */
  sortOrder?: 'ASC' | 'DESC';
}

interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Route pattern for logs and metrics. */
  route: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
  /**
   * False only for POST /customers, which has no idempotency key: repeating it blindly could make a
   * second customer, so its failures go back to the upsert, which checks the alias first.
   */
  idempotent?: boolean;
}

export class SequenceClient {
  private readonly authorization: string;
  /** Keep-alive connections; a connection or an answer that falls silent for `timeoutMs` is dropped. */
  private readonly dispatcher: Agent;

  constructor(private readonly options: SequenceClientOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
    // Whoever builds a client, what it sends is never repeated in a message (an upstream may echo it).
    registerBasicCredentials(options.clientId, options.clientSecret);
    this.dispatcher = new Agent({
      connections: 64,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: options.timeoutMs },
    });
  }

  createCustomer(request: CreateOrUpdateCustomerRequest): Promise<Customer> {
    return this.request({
      method: 'POST',
      path: '/customers',
      route: '/customers',
      body: request,
      schema: Customer,
      idempotent: false,
    });
  }

  updateCustomer(id: string, request: CreateOrUpdateCustomerRequest): Promise<Customer> {
    return this.request({
      method: 'PUT',
      path: `/customers/${encodeURIComponent(id)}`,
      route: '/customers/:id',
      body: request,
      schema: Customer,
    });
  }

  getCustomer(id: string): Promise<Customer> {
    return this.request({ method: 'GET', path: `/customers/${encodeURIComponent(id)}`, route: '/customers/:id', schema: Customer });
  }

  /** The customer that owns `alias`, or undefined when no customer has it. */
  async findCustomerByAlias(alias: string): Promise<Customer | undefined> {
    return this.notFoundAsUndefined(
      this.request({
        method: 'GET',
        path: `/customers/by-alias/${encodeURIComponent(alias)}`,
        route: '/customers/by-alias/:alias',
        schema: Customer,
      }),
    );
  }

  /** The customer with this id, or undefined when Sequence does not know it. */
  async findCustomer(id: string): Promise<Customer | undefined> {
    return this.notFoundAsUndefined(this.getCustomer(id));
  }

  listCustomers(query: ListCustomersQuery = {}): Promise<ListCustomersResponse> {
    return this.request({ method: 'GET', path: '/customers', route: '/customers', query: { ...query }, schema: ListCustomersResponse });
  }

  archiveCustomer(id: string): Promise<Customer> {
    return this.request({
      method: 'POST',
      path: `/customers/${encodeURIComponent(id)}/archive`,
      route: '/customers/:id/archive',
      schema: Customer,
    });
  }

  async getCustomerAliases(id: string): Promise<CustomerAlias[]> {
    const answer = await this.request({
      method: 'GET',
      path: `/customers/${encodeURIComponent(id)}/aliases`,
      route: '/customers/:id/aliases',
      schema: CustomerAliasesResponse,
    });
    return answer.items;
  }

  /** One page of every alias of the account (oldest first). */
  listCustomerAliases(query: { limit?: number; after?: string } = {}): Promise<ListCustomerAliasesResponse> {
    return this.request({ method: 'GET', path: '/customer-aliases', route: '/customer-aliases', query: { ...query }, schema: ListCustomerAliasesResponse });
  }

  createCustomerAlias(request: CreateCustomerAliasRequest, idempotencyKey: string): Promise<CustomerAlias> {
    return this.request({
      method: 'POST',
      path: '/customer-aliases',
      route: '/customer-aliases',
      body: CreateCustomerAliasRequest.parse(request),
      headers: { 'Idempotency-Key': idempotencyKey },
      schema: CustomerAlias,
    });
  }

  private async notFoundAsUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private request<T>(spec: RequestSpec<T>): Promise<T> {
    const call = () => guardedCall(this.options.guard, 'sequence', { method: spec.method, route: `${spec.method} ${spec.route}` }, () => this.send(spec));
    if (spec.idempotent === false) return call();
    return retryTransient(call, { attempts: this.options.attempts ?? 3, baseMs: this.options.retryBaseMs ?? 200, maxMs: 2_000 });
  }

  private async send<T>(spec: RequestSpec<T>): Promise<{ status: number; value: T }> {
    const url = new URL(`${this.options.baseUrl}${spec.path}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const failure = { service: 'sequence' as const, method: spec.method, path: spec.route };
    let status: number;
    let text: string;
    let retryAfter: string | undefined;
    // Aborting destroys the connection, whether the answer has not begun or is still arriving.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new RequestDeadlineError(this.options.timeoutMs)), this.options.timeoutMs);
    try {
      const response = await request(url, {
        method: spec.method,
        dispatcher: this.dispatcher,
        signal: deadline.signal,
        headers: {
          authorization: this.authorization,
          'sequence-version': this.options.apiVersion,
          accept: 'application/json',
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...spec.headers,
        },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      });
      status = response.statusCode;
      const header = response.headers['retry-after'];
      retryAfter = Array.isArray(header) ? header[0] : header;
      // A connection that breaks while the body arrives leaves the outcome unknown, like a timeout.
      text = await response.body.text();
    } catch (cause) {
      throw new ApiError({ ...failure, cause, timedOut: deadline.signal.aborted || isTimeout(cause) });
    } finally {
      clearTimeout(timer);
    }
    const body = parseJson(text);

    if (status < 200 || status >= 300) {
      throw new ApiError({ ...failure, status, body, retryAfterMs: parseRetryAfter(retryAfter ?? null) });
    }
    const parsed = spec.schema.safeParse(body);
    if (!parsed.success) {
      // A 2xx we cannot read: the write may have happened, so treat it like a lost answer and retry.
      throw new ApiError({
        ...failure,
        status,
        body: { message: `unexpected response shape: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` },
        kindOverride: 'retryable',
      });
    }
    return { status, value: parsed.data };
  }

  /** Closes the kept-alive connections, after the requests in flight (as long as REQUEST_TIMEOUT_MS). */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** Aborts requests in flight and closes every connection at once: for a shutdown out of time. */
  async destroy(): Promise<void> {
    await this.dispatcher.destroy();
  }
}

/** REQUEST_TIMEOUT_MS passed before the whole answer arrived. */
class RequestDeadlineError extends Error {
  constructor(ms: number) {
    super(`no complete answer within ${ms} ms`);
    this.name = 'RequestDeadlineError';
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** undici marks its timeouts with error codes. */
function isTimeout(error: unknown): boolean {
  return error instanceof errors.UndiciError && TIMEOUT_CODES.has(error.code);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
