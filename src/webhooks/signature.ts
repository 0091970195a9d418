/**
 * HubSpot request signatures: computing them (tests, the benchmark and the demo sign the webhooks
 * they send) and verifying an incoming request. Pure: no clock of its own (callers pass `now`), no
 * Redis (replay protection lives in `replay.ts`).
 *
 * v3 (the one we require by default), from HubSpot's "Validating requests" page:
 *   base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)), where `timestamp` is the
 *   X-HubSpot-Request-Timestamp header (epoch ms) and requests older than 5 minutes are rejected.
 *   In the URI, the percent-encodings of : / ? @ ! $ ' ( ) * , ; are decoded before signing
 *   (`normalizeSignedUri`); every other escape (%20, %25, %2B, …) stays as sent.
 * v2: sha256 hex of clientSecret + method + uri + body (the URI exactly as requested, no decoding).
 * v1: sha256 hex of clientSecret + body.
 * v1/v2 carry no timestamp, so a captured request stays valid forever; they are accepted only when
 * WEBHOOK_ACCEPT_V1_V2 is set.
 *
 * Comparisons are constant-time (`crypto.timingSafeEqual` on equal-length buffers).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureVersion = 'v1' | 'v2' | 'v3';

/** How far the request timestamp may be from our clock, either way. */
export const MAX_TIMESTAMP_SKEW_MS = 5 * 60_000;

export const SIGNATURE_HEADERS = {
  v3: 'x-hubspot-signature-v3',
  timestamp: 'x-hubspot-request-timestamp',
  legacy: 'x-hubspot-signature',
  version: 'x-hubspot-signature-version',
} as const;

type Body = string | Buffer;

/**
 * The percent-encodings HubSpot's v3 instructions list as decoded in the signed URI (both hex cases:
 * percent-encoding is case-insensitive, RFC 3986 §2.1). One pass, so `%253A` stays `%253A`.
 */
const DECODED_IN_URI = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

export function normalizeSignedUri(uri: string): string {
  return uri.replace(DECODED_IN_URI, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** X-HubSpot-Signature-v3 for a request; `uri` is the full public URL (decoded as HubSpot does). */
export function signV3(secret: string, method: string, uri: string, body: Body, timestamp: number | string): string {
  return createHmac('sha256', secret)
    .update(method.toUpperCase(), 'utf8')
    .update(normalizeSignedUri(uri), 'utf8')
    .update(body)
    .update(String(timestamp), 'utf8')
    .digest('base64');
}

/** X-HubSpot-Signature with X-HubSpot-Signature-Version: v2. */
export function signV2(secret: string, method: string, uri: string, body: Body): string {
  return createHash('sha256').update(secret, 'utf8').update(method.toUpperCase(), 'utf8').update(uri, 'utf8').update(body).digest('hex');
}

/** X-HubSpot-Signature with X-HubSpot-Signature-Version: v1. */
export function signV1(secret: string, body: Body): string {
  return createHash('sha256').update(secret, 'utf8').update(body).digest('hex');
}

/** Headers that make a request pass v3 verification (what HubSpot sends). */
export function signedHeadersV3(secret: string, method: string, uri: string, body: Body, timestamp: number = Date.now()): Record<string, string> {
  return {
    'x-hubspot-signature-v3': signV3(secret, method, uri, body, timestamp),
    'x-hubspot-request-timestamp': String(timestamp),
  };
}

/** Constant-time string equality; unequal lengths are unequal (after a same-length dummy compare). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export interface VerifyInput {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  /** The URI HubSpot signed: the public target URL (see `src/http/request-uri.ts`). */
  uri: string;
  rawBody: Buffer;
  secret: string;
  acceptV1V2: boolean;
  now: number;
}

export type VerifyResult =
  | { ok: true; version: SignatureVersion; /** our own computation of the signature: the replay key */ digest: string; timestamp?: number }
  | { ok: false; reason: string };

function header(headers: VerifyInput['headers'], name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** What the signature headers announce, checked for shape only (no body, no secret needed). */
export type SignatureHeaders =
  | { version: 'v3'; signature: string; rawTimestamp: string; timestamp: number }
  | { version: 'v1' | 'v2'; signature: string };

export type HeaderCheck = { ok: true; headers: SignatureHeaders } | { ok: false; reason: string };

/** base64 of a SHA-256 HMAC (32 bytes) and hex of a SHA-256 digest. */
const V3_SHAPE = /^[A-Za-z0-9+/]{43}=$/;
const HEX_SHAPE = /^[0-9A-Fa-f]{64}$/;

/**
 * The checks that need only the headers: present, well formed, timestamp within 5 minutes, version
 * accepted. Run before the body is read, so an unsigned request costs no buffering; a request that
 * passes still needs `verifyWebhookSignature` over its body.
 */
export function checkSignatureHeaders(headers: VerifyInput['headers'], options: { acceptV1V2: boolean; now: number }): HeaderCheck {
  const v3 = header(headers, SIGNATURE_HEADERS.v3);
  if (v3 !== undefined) {
    const rawTimestamp = header(headers, SIGNATURE_HEADERS.timestamp);
    if (rawTimestamp === undefined) return { ok: false, reason: 'missing X-HubSpot-Request-Timestamp' };
    if (!/^\d{1,15}$/.test(rawTimestamp)) return { ok: false, reason: 'malformed X-HubSpot-Request-Timestamp' };
    const timestamp = Number(rawTimestamp);
    if (options.now - timestamp > MAX_TIMESTAMP_SKEW_MS) return { ok: false, reason: 'stale timestamp (older than 5 minutes)' };
    if (timestamp - options.now > MAX_TIMESTAMP_SKEW_MS) return { ok: false, reason: 'timestamp more than 5 minutes in the future' };
    if (!V3_SHAPE.test(v3)) return { ok: false, reason: 'malformed X-HubSpot-Signature-v3' };
    return { ok: true, headers: { version: 'v3', signature: v3, rawTimestamp, timestamp } };
  }

  const legacy = header(headers, SIGNATURE_HEADERS.legacy);
  if (legacy === undefined) return { ok: false, reason: 'missing X-HubSpot-Signature-v3' };
  if (!options.acceptV1V2) return { ok: false, reason: 'v1/v2 signatures are not accepted (WEBHOOK_ACCEPT_V1_V2=false)' };
  const version = header(headers, SIGNATURE_HEADERS.version)?.toLowerCase();
  if (version !== 'v1' && version !== 'v2') {
    return { ok: false, reason: version === undefined ? 'missing X-HubSpot-Signature-Version' : 'unknown X-HubSpot-Signature-Version' };
  }
  if (!HEX_SHAPE.test(legacy)) return { ok: false, reason: `malformed X-HubSpot-Signature (${version})` };
  return { ok: true, headers: { version, signature: legacy.toLowerCase() } };
}

/**
 * Checks the request's signature. v3 when X-HubSpot-Signature-v3 is present (a failing v3 is never
 * rescued by a v1/v2 header); otherwise v1/v2 by X-HubSpot-Signature-Version, only if `acceptV1V2`.
 */
export function verifyWebhookSignature(input: VerifyInput): VerifyResult {
  const { secret } = input;
  const checked = checkSignatureHeaders(input.headers, { acceptV1V2: input.acceptV1V2, now: input.now });
  if (!checked.ok) return checked;
  const announced = checked.headers;
  if (announced.version === 'v3') {
    const expected = signV3(secret, input.method, input.uri, input.rawBody, announced.rawTimestamp);
    if (!constantTimeEqual(expected, announced.signature)) return { ok: false, reason: 'bad v3 signature' };
    return { ok: true, version: 'v3', digest: expected, timestamp: announced.timestamp };
  }
  const { version } = announced;
  const expected = version === 'v1' ? signV1(secret, input.rawBody) : signV2(secret, input.method, input.uri, input.rawBody);
  if (!constantTimeEqual(expected, announced.signature)) return { ok: false, reason: `bad ${version} signature` };
  return { ok: true, version, digest: expected };
}
