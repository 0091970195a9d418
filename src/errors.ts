/**
 * Typed errors. Whether a failure is retried is decided by `kind`, which is set when the error is
 * built from facts (an HTTP status, a timeout, a socket error) and never by reading message text.
 *
 * - retryable: 5xx, timeouts, connection resets; retried with backoff, a bounded number of times.
 * - rate-limited: a 429; the API is paused for every worker, the work waits and is not counted as an attempt.
 * - auth: 401/403; the credentials are wrong, the worker stops taking jobs.
 * - permanent: the request itself is wrong (400-class, a company that cannot be mapped); never retried.
 */
import { redactText, redactValue } from './shared/redact';

export type ErrorKind = 'retryable' | 'rate-limited' | 'auth' | 'permanent';
export type ServiceName = 'sequence' | 'hubspot';

export abstract class SyncError extends Error {
  abstract readonly kind: ErrorKind;
  get shouldRetry(): boolean {
    return this.kind === 'retryable' || this.kind === 'rate-limited';
  }
}

export interface ApiErrorInit {
  service: ServiceName;
  method: string;
  path: string;
  /** HTTP status, or undefined when no answer arrived (timeout, connection reset). */
  status?: number;
  body?: unknown;
  /** Milliseconds to wait before calling the service again, when the service said so. */
  retryAfterMs?: number;
  /** For 429s: the limit that was hit (HubSpot's policyName, e.g. TEN_SECONDLY_ROLLING or DAILY). */
  policy?: string;
  cause?: unknown;
  timedOut?: boolean;
  /** Overrides the kind derived from the status, for failures the status alone misdescribes. */
  kindOverride?: ErrorKind;
}

export function kindForStatus(status: number | undefined): ErrorKind {
  if (status === undefined) return 'retryable';
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limited';
  if (status >= 500 || status === 408) return 'retryable';
  return 'permanent';
}

/** A failed call to Sequence or HubSpot: carries status, body and whether to retry. */
export class ApiError extends SyncError {
  readonly kind: ErrorKind;
  readonly service: ServiceName;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly body?: unknown;
  readonly retryAfterMs?: number;
  readonly policy?: string;
  readonly timedOut: boolean;

  constructor(raw: ApiErrorInit) {
    // What the service answered is upstream text: credentials it echoes back stop here.
    const init: ApiErrorInit = { ...raw, body: redactValue(raw.body), cause: redactCause(raw.cause) };
    super(describeApiFailure(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kindOverride ?? kindForStatus(init.status);
    this.service = init.service;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.body = init.body;
    this.retryAfterMs = init.retryAfterMs;
    this.policy = init.policy;
    this.timedOut = init.timedOut ?? false;
  }

  get retryable(): boolean {
    return this.shouldRetry;
  }

  /** The service's own explanation, when its body carries one. */
  get serverMessage(): string | undefined {
    return extractServerMessage(this.body);
  }
}

/** The cause keeps its name, code and (redacted) message; nothing else of it (bodies, headers) is kept. */
function redactCause(cause: unknown): unknown {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : redactValue(cause);
  const copy = new Error(redactText(cause.message));
  copy.name = cause.name;
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

function describeApiFailure(init: ApiErrorInit): string {
  const where = `${init.service} ${init.method} ${init.path}`;
  if (init.timedOut) return `${where} timed out`;
  if (init.status === undefined) {
    const cause = init.cause as { message?: unknown } | undefined;
    const reason = typeof cause?.message === 'string' ? cause.message : 'no response';
    return redactText(`${where} failed: ${reason}`);
  }
  const detail = extractServerMessage(init.body);
  return redactText(`${where} answered ${init.status}${detail ? `: ${detail}` : ''}`);
}

/** Pulls a human-readable message out of the error bodies both services use. */
export function extractServerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return plainText(body) || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message;
  const nested = record.error;
  if (nested && typeof nested === 'object') {
    const err = nested as Record<string, unknown>;
    const parts = [err.type, err.message].filter((p): p is string => typeof p === 'string');
    if (parts.length) return parts.join(': ');
  }
  if (typeof nested === 'string') return nested;
  return undefined;
}

/** An error page (a proxy's HTML) reduced to its words. */
function plainText(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  const words = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return words.length > 300 ? `${words.slice(0, 300)}…` : words;
}

/** Another worker holds the company's lock for longer than we are willing to wait. */
export class CompanyBusyError extends SyncError {
  readonly kind = 'retryable' as const;
  constructor(readonly companyId: string) {
    super(`company ${companyId} is being synced by another worker`);
    this.name = 'CompanyBusyError';
  }
}

/** PARENT_CUSTOMERS: the company's parent company did not sync in this attempt (temporarily), so the company waits for it. */
export class ParentNotSyncedError extends SyncError {
  readonly kind = 'retryable' as const;
  constructor(
    readonly companyId: string,
    readonly parentCompanyId: string,
    reason: string,
  ) {
    super(`company ${companyId} waits for its parent company ${parentCompanyId}: ${reason}`);
    this.name = 'ParentNotSyncedError';
  }
}

/** An error's message for a log line or a stored reason, scrubbed of credentials (it may quote an upstream answer). */
export function errorMessage(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error));
}
