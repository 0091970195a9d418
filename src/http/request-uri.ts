/**
 * The URI HubSpot signed for a webhook request: the target URL configured in the HubSpot app.
 *
 * - WEBHOOK_PUBLIC_URL, when set, is that URL, used as is (set it behind proxies that rewrite the
 *   path, or when the Host header does not reach us).
 * - Otherwise it is rebuilt: scheme and host from the connection and the Host header; then the path
 *   and query exactly as received.
 * - X-Forwarded-Proto / X-Forwarded-Host (first values) replace the scheme and host only when
 *   TRUST_PROXY is on. Any client can send them, and trusting them lets a request signed for
 *   another host (another installation with the same app secret) verify here, outside that host's
 *   replay store; so they are honoured only when a proxy we trust sets them.
 */
export interface RequestUriParts {
  headers: Record<string, string | string[] | undefined>;
  /** 'http' or 'https', from the connection. */
  protocol: string;
  /** Path and query as received (`request.raw.url`). */
  url: string;
  /** TRUST_PROXY: honour X-Forwarded-Proto / X-Forwarded-Host. */
  trustProxy?: boolean;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const first = raw?.split(',')[0]?.trim();
  return first ? first : undefined;
}

export function rebuildRequestUri(parts: RequestUriParts): string {
  const forwarded = (name: string) => (parts.trustProxy ? firstValue(parts.headers[name]) : undefined);
  const proto = (forwarded('x-forwarded-proto') ?? parts.protocol).toLowerCase();
  const host = forwarded('x-forwarded-host') ?? firstValue(parts.headers.host) ?? 'localhost';
  const path = parts.url.startsWith('/') ? parts.url : `/${parts.url}`;
  return `${proto}://${host}${path}`;
}

export function signedRequestUri(publicUrl: string | undefined, parts: RequestUriParts): string {
  return publicUrl ?? rebuildRequestUri(parts);
}
