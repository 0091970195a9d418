/**
 * The URI HubSpot signed for a webhook request: the target URL configured in the HubSpot app.
 *
 * - WEBHOOK_PUBLIC_URL, when set, is that URL, used as is (set it behind proxies that rewrite the
 *   path, or when the Host header does not reach us).
 * - Otherwise it is rebuilt: scheme from X-Forwarded-Proto (first value) else the connection's;
 *   host from X-Forwarded-Host (first value) else Host; then the path and query exactly as received.
 *
 * Forwarded headers are taken at face value: they only decide which URI the signature is checked
 * against, and no URI verifies without the client secret.
 */
export interface RequestUriParts {
  headers: Record<string, string | string[] | undefined>;
  /** 'http' or 'https', from the connection. */
  protocol: string;
  /** Path and query as received (`request.raw.url`). */
  url: string;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const first = raw?.split(',')[0]?.trim();
  return first ? first : undefined;
}

export function rebuildRequestUri(parts: RequestUriParts): string {
  const proto = (firstValue(parts.headers['x-forwarded-proto']) ?? parts.protocol).toLowerCase();
  const host = firstValue(parts.headers['x-forwarded-host']) ?? firstValue(parts.headers.host) ?? 'localhost';
  const path = parts.url.startsWith('/') ? parts.url : `/${parts.url}`;
  return `${proto}://${host}${path}`;
}

export function signedRequestUri(publicUrl: string | undefined, parts: RequestUriParts): string {
  return publicUrl ?? rebuildRequestUri(parts);
}
