/**
 * The URL HubSpot posts webhooks to, as given to `hubspot-project --webhook-url` (or
 * WEBHOOK_PUBLIC_URL): validated, and written in its normalised form (lower-case scheme and host,
 * no default port, dot segments resolved, percent-encoding as URL serialises it), so the project
 * carries exactly the URL HubSpot will sign.
 *
 * Refused rather than silently repaired: whitespace or control characters anywhere (the URL parser
 * drops them; they are a paste gone wrong), a URL that does not start with `https://` (HubSpot only
 * posts to HTTPS; `https:host/…` parses, but is not what anyone means to write), credentials, a
 * #fragment. No message repeats the URL's credentials: URLs in messages have them masked.
 */
import { maskUrlCredentials } from '../shared/redact';

export type ParsedWebhookUrl = { url: string } | { problem: string };

const EXAMPLE = 'https://sync.example.com/webhooks/hubspot';

const CONTROL_OR_SPACE: [RegExp, string][] = [
  [/\n|\r/, 'a newline'],
  [/\t/, 'a tab'],
  [/ /, 'a space'],
  [/[\u0000-\u001f\u007f-\u009f\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]/, 'a control or space character'],
];

export function parseWebhookUrl(text: string): ParsedWebhookUrl {
  const shown = JSON.stringify(maskUrlCredentials(text));
  for (const [pattern, what] of CONTROL_OR_SPACE) {
    if (pattern.test(text)) return { problem: `--webhook-url contains ${what} (${shown}); give the URL alone, e.g. ${EXAMPLE}` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `--webhook-url ${shown} is not a URL; give the public https URL HubSpot will post to, e.g. ${EXAMPLE}` };
  }
  // Credentials first: every later message may quote the URL.
  if (url.username || url.password) return { problem: '--webhook-url must not contain a user name or password (HubSpot signs its requests instead)' };
  if (!/^https:\/\//i.test(text)) return { problem: `--webhook-url must be an https:// URL (HubSpot only posts to HTTPS), written with its "https://", got ${shown}` };
  if (url.hash) return { problem: `--webhook-url must not have a #fragment, got ${shown}` };
  return { url: url.href };
}
