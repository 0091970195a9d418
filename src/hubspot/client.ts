/**
 * HubSpot over the official `@hubspot/api-client`, on the date-based paths (`/crm/objects/2026-09/...`).
 * The client's generated classes only know the numbered v3/v4 paths, so every call goes through its
 * `apiRequest`, which sends any path with the client's auth and base URL and hands back the raw
 * (fetch) response without throwing on error statuses. This module turns that response into
 * parsed JSON or a typed ApiError. The client does no retries of its own (retry is decided by our
 * typed errors) and has no timeout option (apiRequest passes no agent or signal to fetch), so the
 * deadline is kept here: a call whose whole answer, body included, has not arrived within
 * `timeoutMs` (REQUEST_TIMEOUT_MS) fails as timed out, and its answer is cancelled, which closes the
 * connection, at once if the answer has begun, else as soon as its head arrives. A server that never
 * sends a head cannot be reached by a signal; fetch-backstop.ts makes fetch itself close that
 * connection a second after the deadline (instead of after its own 300 s headers timeout).
 */
import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { ApiError } from '../errors';
import { registerBearerToken } from '../shared/redact';
import { backstopFetchTimeouts } from './fetch-backstop';

export interface HubSpotClientOptions {
  accessToken: string;
  baseUrl: string;
  apiVersion: string;
  timeoutMs: number;
}

export type HubSpotObjectType = 'companies' | 'contacts' | 'deals';

export interface HubSpotRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  qs?: Record<string, string>;
}

export interface HubSpotAnswer {
  status: number;
  body: unknown;
}

export function createHubSpotClient(options: Pick<HubSpotClientOptions, 'accessToken' | 'baseUrl'>): Client {
  // Whoever builds a client, its token is never repeated in a message (an upstream may echo it).
  registerBearerToken(options.accessToken);
  return new Client({ accessToken: options.accessToken, basePath: options.baseUrl, numberOfApiCallRetries: 0 });
}

const RateLimitBody = z.object({ policyName: z.string().optional() });
const SystemErrorShape = z.object({ code: z.string() });
const FetchFailureShape = z.object({ name: z.literal('TypeError'), cause: z.looseObject({ message: z.string() }) });
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Sends date-based requests through the official client. */
export class HubSpotApi {
  readonly version: string;

  constructor(
    private readonly client: Client,
    private readonly options: Pick<HubSpotClientOptions, 'apiVersion' | 'timeoutMs'>,
  ) {
    this.version = options.apiVersion;
  }

  static fromConfig(options: HubSpotClientOptions): HubSpotApi {
    backstopFetchTimeouts(options.timeoutMs);
    return new HubSpotApi(createHubSpotClient(options), options);
  }

  /** `/crm/objects/{version}/{type}{rest}` */
  objectsPath(type: HubSpotObjectType, rest = ''): string {
    return `/crm/objects/${this.version}/${type}${rest}`;
  }

  /** `/crm/properties/{version}/{type}{rest}` */
  propertiesPath(type: HubSpotObjectType, rest = ''): string {
    return `/crm/properties/${this.version}/${type}${rest}`;
  }

  /** `/crm/pipelines/{version}/{type}` (deal pipelines and their stages) */
  pipelinesPath(type: 'deals'): string {
    return `/crm/pipelines/${this.version}/${type}`;
  }

  /** `/crm/associations/{version}/{from}/{to}{rest}` */
  associationsPath(from: HubSpotObjectType, to: HubSpotObjectType, rest = ''): string {
    return `/crm/associations/${this.version}/${from}/${to}${rest}`;
  }

  /** One call: 2xx answers come back parsed; anything else is thrown as an ApiError. */
  async request(request: HubSpotRequest): Promise<HubSpotAnswer> {
    const { method, path } = request;
    let timer: NodeJS.Timeout | undefined;
    const answer = new AbandonableAnswer();
    const sent = this.send(request, answer);
    // The abandoned call is cancelled below and settles on its own; nobody waits for it.
    sent.catch(() => undefined);
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        answer.abandon();
        reject(new ApiError({ service: 'hubspot', method, path, timedOut: true }));
      }, this.options.timeoutMs);
    });
    try {
      return await Promise.race([sent, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(request: HubSpotRequest, answer: AbandonableAnswer): Promise<HubSpotAnswer> {
    const { method, path } = request;
    let status: number;
    let retryAfter: string | null;
    let text: string;
    try {
      const response = await this.client.apiRequest({ method, path, ...(request.body !== undefined ? { body: request.body } : {}), ...(request.qs ? { qs: request.qs } : {}) });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await answer.read(response);
    } catch (error) {
      throw toHubSpotError(error, method, path);
    }
    const body = parseBody(text);
    if (status >= 200 && status < 300) {
      // A 2xx that is not JSON comes from something between us and HubSpot (a proxy page): try again later.
      if (body.json === false) throw new ApiError({ service: 'hubspot', method, path, status, body: body.value, kindOverride: 'retryable' });
      return { status, body: body.value };
    }
    throw responseError(status, body.value, retryAfter, method, path);
  }
}

/**
 * Reads one answer's body so that it can be given up: once abandoned, the body is cancelled (which
 * makes fetch close the connection) whether it is being read or has not arrived yet.
 */
class AbandonableAnswer {
  private abandoned = false;
  private reader?: ReadableStreamDefaultReader<Uint8Array>;

  abandon(): void {
    this.abandoned = true;
    this.reader?.cancel().catch(() => undefined);
  }

  async read(response: Response): Promise<string> {
    if (!response.body) return '';
    this.reader = response.body.getReader();
    if (this.abandoned) {
      await this.reader.cancel().catch(() => undefined);
      throw new Error('abandoned: the deadline passed before the answer began');
    }
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await this.reader.read();
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
  }
}

function parseBody(text: string): { json: boolean; value: unknown } {
  if (!text) return { json: true, value: undefined };
  try {
    return { json: true, value: JSON.parse(text) as unknown };
  } catch {
    return { json: false, value: text };
  }
}

/** An error status from HubSpot as a typed ApiError (429 keeps HubSpot's policyName: TEN_SECONDLY_ROLLING, SECONDLY, DAILY). */
export function responseError(status: number, body: unknown, retryAfter: string | null | undefined, method: string, path: string): ApiError {
  const policy = RateLimitBody.safeParse(body);
  const seconds = retryAfter === null || retryAfter === undefined || retryAfter === '' ? Number.NaN : Number(retryAfter);
  return new ApiError({
    service: 'hubspot',
    method,
    path,
    status,
    body,
    policy: policy.success ? policy.data.policyName : undefined,
    retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined,
  });
}

/** Turns what sending a request threw into a typed ApiError. Programming errors pass through unchanged. */
export function toHubSpotError(error: unknown, method: string, route: string): unknown {
  if (error instanceof ApiError) return error;
  const failure = { service: 'hubspot' as const, method, path: route };
  // Node's fetch reports every network failure (refused, reset, DNS, TLS) as a TypeError whose
  // `cause` is the underlying error, with its errno or undici code; a programming error has no cause.
  // (Checked by shape: fetch's errors come from Node's own realm, not from the one a test runs in.)
  const network = FetchFailureShape.safeParse(error);
  if (network.success) {
    const cause = network.data.cause;
    const system = SystemErrorShape.safeParse(cause);
    return new ApiError({ ...failure, cause, timedOut: system.success && TIMEOUT_CODES.has(system.data.code) });
  }
  const system = SystemErrorShape.safeParse(error);
  if (error instanceof Error && system.success) {
    return new ApiError({ ...failure, cause: error, timedOut: TIMEOUT_CODES.has(system.data.code) });
  }
  return error;
}
