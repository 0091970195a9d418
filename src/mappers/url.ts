/**
 * HubSpot `website` (or `domain`) → an absolute https:// URL for Sequence's optional `url`.
 * "www.Acme.com/en " → "https://www.acme.com/en", "http://acme.com" → "https://acme.com".
 * Text that is not a public hostname is rejected: the caller drops it with a warning, since a
 * customer without a url can still be billed.
 */
import { CreateOrUpdateCustomerRequest } from '../sequence/schemas';
import { cleanText } from './text';

export type WebsiteResult = { ok: true; url: string } | { ok: false; reason: string };

const MAX_URL_LENGTH = 2000;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const urlSchema = CreateOrUpdateCustomerRequest.shape.url;

/** Normalises website text to `https://host[:port][/path][?query]`; undefined input → reason "empty". */
export function normalizeWebsite(text: string | null | undefined): WebsiteResult {
  let rest = cleanText(text).replace(/\s+/g, '');
  if (!rest) return { ok: false, reason: 'is empty' };
  if (rest.length > MAX_URL_LENGTH) return { ok: false, reason: `is longer than ${MAX_URL_LENGTH} characters` };

  let wasHttp = false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(rest);
  if (scheme?.[1] && /^https?$/i.test(scheme[1])) {
    wasHttp = scheme[1].toLowerCase() === 'http';
    rest = rest.slice(scheme[0].length).replace(/^\/+/, '');
  } else if (scheme?.[1] && (rest.slice(scheme[0].length).startsWith('//') || /^(mailto|tel|ftp|file|javascript|data)$/i.test(scheme[1]))) {
    return { ok: false, reason: `uses the scheme "${scheme[1]}:", not http(s)` };
  } else {
    rest = rest.replace(/^\/\//, '');
  }
  if (!rest) return { ok: false, reason: 'has no hostname' };

  let parsed: URL;
  try {
    parsed = new URL(`https://${rest}`);
  } catch {
    return { ok: false, reason: 'is not a web address' };
  }
  if (parsed.username || parsed.password) return { ok: false, reason: 'contains a user name (is it an email address?)' };

  const host = parsed.hostname.replace(/\.$/, '');
  if (host.startsWith('[') || /^[0-9.]+$/.test(host)) return { ok: false, reason: 'is an IP address, not a hostname' };
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (
    labels.length < 2 ||
    host.length > 253 ||
    !labels.every((label) => LABEL.test(label)) ||
    tld.length < 2 ||
    /^[0-9]+$/.test(tld)
  ) {
    return { ok: false, reason: 'is not a hostname like "example.com"' };
  }

  const port = parsed.port && !(wasHttp && parsed.port === '80') ? `:${parsed.port}` : '';
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  const url = `https://${host}${port}${path}${parsed.search}`;
  if (url.length > MAX_URL_LENGTH || !urlSchema.safeParse(url).success) return { ok: false, reason: 'is not a valid URL' };
  return { ok: true, url };
}
