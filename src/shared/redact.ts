/**
 * Strips credential-shaped text from messages that come from outside (HubSpot and Sequence error
 * bodies, socket errors) before they are logged or stored: bearer and basic tokens, Authorization
 * values, credentials in URLs, and the configured secret values themselves (registered with the forms
 * they may come back in: `Bearer <token>`, base64(id:secret), percent-encoded, JSON-escaped). A service that echoes
 * our request back in its error body must not put our token into the log, the failure index or the
 * link store.
 */

const REDACTED = '[redacted]';
/** Shorter values are too likely to occur by chance (and are rejected as secrets anyway). */
const MIN_SECRET_LENGTH = 6;

const secrets = new Set<string>();
/** The registered secrets, longest first (so one that contains another is removed whole); rebuilt when one is added. */
let longestFirst: string[] = [];

/** How a value may come back in an upstream's text: as is, percent-encoded (a URL, a form) or JSON-escaped (a quoted body). */
function echoForms(value: string): string[] {
  return [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
}

/** Adds values that must never appear in a message (the configured tokens, secrets, passwords), in each form they may be echoed. */
export function registerSecrets(values: readonly (string | undefined)[]): void {
  let added = false;
  for (const value of values) {
    const v = value?.trim();
    if (!v || v.length < MIN_SECRET_LENGTH) continue;
    for (const form of echoForms(v)) {
      if (secrets.has(form)) continue;
      secrets.add(form);
      added = true;
    }
  }
  if (added) longestFirst = [...secrets].sort((a, b) => b.length - a.length);
}

/** A Bearer token (HubSpot's): the token and its `Bearer` form. */
export function registerBearerToken(token: string | undefined): void {
  const t = token?.trim();
  if (t) registerSecrets([t, `Bearer ${t}`]);
}

/**
 * HTTP Basic credentials (Sequence's client id and secret): each part, the `id:secret` pair, and the
 * pair's base64 and base64url as an `Authorization: Basic` header carries it, without the `=` padding
 * (so an echo that drops or keeps it is caught either way).
 */
export function registerBasicCredentials(id: string | undefined, secret: string | undefined): void {
  const i = id?.trim();
  const s = secret?.trim();
  if (!i || !s) return registerSecrets([i, s]);
  const encoded = Buffer.from(`${i}:${s}`, 'utf8').toString('base64').replace(/=+$/, '');
  registerSecrets([i, s, `${i}:${s}`, encoded, encoded.replace(/\+/g, '-').replace(/\//g, '_')]);
}

/** `scheme://user:password@host` → `scheme://***@host`; up to the last `@` of the token, so a password containing `@`, `#` or `/` is masked whole. */
export function maskUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s"'<>]*@/gi, '$1***@');
}

const PATTERNS: [RegExp, string][] = [
  // Authorization=…, "authorization": "…", Authorization: Bearer … (header dumps, query strings, JSON)
  [/(authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;&}\]]+/gi, `$1${REDACTED}`],
  [/(bearer)(\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1$2${REDACTED}`],
  // Basic credentials are base64: a word of plain lowercase letters ("basic information") is left alone.
  [/([Bb]asic|BASIC)(\s+)(?=[A-Za-z0-9+/]*[A-Z0-9+/])[A-Za-z0-9+/]{8,}={0,2}/g, `$1$2${REDACTED}`],
  // access_token=…, client_secret=…, password=… in query strings and form bodies, and as quoted JSON
  // members; "password: is required" (a validation message) is left alone.
  [/\b((?:access_token|refresh_token|client_secret|password|hapikey)\s*=\s*)[^\s"',;&}\]]+/gi, `$1${REDACTED}`],
  [/("(?:access_?token|refresh_?token|client_?secret|password|hapikey)"\s*:\s*")[^"]*/gi, `$1${REDACTED}`],
];

/** The text with every credential-shaped part replaced by `[redacted]`. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of longestFirst) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return maskUrlCredentials(out);
}

/** A copy of a parsed body (JSON value) with every string redacted, object keys included. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[redactText(key)] = /^(authorization|access_?token|client_?secret|password)$/i.test(key) && typeof v === 'string' ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}
