/**
 * Strips credential-shaped text from messages that come from outside (HubSpot and Sequence error
 * bodies, socket errors) before they are logged or stored: bearer and basic tokens, Authorization
 * values, credentials in URLs, and the configured secret values themselves. A service that echoes
 * our request back in its error body must not put our token into the log, the failure index or the
 * link store.
 */

const REDACTED = '[redacted]';
/** Shorter values are too likely to occur by chance (and are rejected as secrets anyway). */
const MIN_SECRET_LENGTH = 6;

const secrets = new Set<string>();

/** Adds values that must never appear in a message (the configured tokens, secrets, passwords). */
export function registerSecrets(values: readonly (string | undefined)[]): void {
  for (const value of values) {
    const v = value?.trim();
    if (v && v.length >= MIN_SECRET_LENGTH) secrets.add(v);
  }
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
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return maskUrlCredentials(out);
}

/** A copy of a parsed body (JSON value) with every string redacted; object keys are kept. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = /^(authorization|access_?token|client_?secret|password)$/i.test(key) && typeof v === 'string' ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}
