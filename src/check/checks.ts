/**
 * `crm-sequence-sync check`: is this installation ready? One read call to each side (HubSpot: one
 * small list per object type, because each needs its own scope), plus what the settings say.
 *
 * Each item ends `ok`, `warn`, `fail` or `skip` (not checked because an earlier item failed, or not
 * needed in this mode). What the configured mode needs:
 * - always: Redis, the HubSpot token with every scope, the HubSpot API version, the Sequence
 *   credentials and API version: any of them failing fails the check;
 * - write-back (HUBSPOT_WRITE_BACK, the default): the billing properties are created when missing
 *   and the token must be allowed to write companies; a missing scope fails the check, naming
 *   both ways out (grant it, or turn the write-back off);
 * - billing scope (BILLING_SCOPE other than all): how many companies it matches, a warning when none,
 *   a failure when BILLING_SCOPE_PIPELINES names no pipeline (scope-check.ts);
 * - webhooks (HUBSPOT_CLIENT_SECRET set): the URL HubSpot signs must be known; rebuilding it from
 *   the Host header is only a warning. Without the secret (a service key, or no public URL) the
 *   service runs on reconciliation alone: a warning, not a failure.
 */
import { redactText } from '../shared/redact';
import { withTimeout } from '../shared/timeout';
import { DEFAULT_HUBSPOT_API_VERSION, describeApiVersion, TESTED_HUBSPOT_API_VERSIONS } from '../hubspot/api-version';
import { z } from 'zod';
import type { Config } from '../../config';
import { ApiError } from '../errors';
import { HubSpotApi } from '../hubspot/client';
import { requiredObjectTypes, requiredScopes, WRITE_BACK_SCOPES } from '../hubspot/scopes';
import { HubSpotWrites, missingScopesOf } from '../hubspot/writes';
import { WRITE_BACK_GROUP, WRITE_BACK_PROPERTIES } from '../writeback/properties';
import { checkBillingScope } from './scope-check';
import { SequenceClient } from '../sequence/client';
import { checkAccounts } from './account-check';
import { checkRedisLines } from './redis-checks';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckLine {
  item: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it (for warn and fail). */
  fix?: string;
}

export interface CheckOptions {
  /** Longest wait for each answer; defaults to REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
}

const errorText = (err: unknown) => redactText(err instanceof Error ? err.message : String(err));


// ---- Redis ----------------------------------------------------------------------------------------

/** Redis answers; TLS, eviction policy and (on a cluster) the key prefix: see ./redis-checks.ts. */
export function checkRedis(config: Config): Promise<CheckLine[]> {
  return checkRedisLines(config);
}

// ---- HubSpot --------------------------------------------------------------------------------------

const MissingScopesBody = z.object({
  category: z.literal('MISSING_SCOPES'),
  errors: z
    .array(z.object({ context: z.object({ requiredGranularScopes: z.array(z.string()).optional(), requiredScopes: z.array(z.string()).optional() }).optional() }))
    .optional(),
});
const MessageBody = z.object({ message: z.string() });

type Probe = { kind: 'answer'; status: number; body: unknown } | { kind: 'unreachable'; reason: string };

/** One GET through the worker's own HubSpot client: the same deadline (body included), the same parsing. */
async function probeHubSpot(config: Config, path: string, timeoutMs: number): Promise<Probe> {
  const api = HubSpotApi.fromConfig({ ...config.hubspot, timeoutMs });
  try {
    const answer = await api.request({ method: 'GET', path, qs: { limit: '1' } });
    return { kind: 'answer', status: answer.status, body: answer.body };
  } catch (err) {
    if (err instanceof ApiError && err.status !== undefined) return { kind: 'answer', status: err.status, body: err.body };
    return { kind: 'unreachable', reason: errorText(err) };
  }
}

const messageOf = (body: unknown) => {
  const parsed = MessageBody.safeParse(body);
  return parsed.success ? parsed.data.message.slice(0, 200) : typeof body === 'string' ? body.slice(0, 200) : '';
};

/** The scopes a 403 says are missing; the probe's own scope when the body does not name them. */
function missingScopes(body: unknown, probeScope: string): string[] {
  const parsed = MissingScopesBody.safeParse(body);
  if (!parsed.success) return [probeScope];
  const named = (parsed.data.errors ?? []).flatMap((e) => [...(e.context?.requiredGranularScopes ?? []), ...(e.context?.requiredScopes ?? [])]);
  return named.length ? named : [probeScope];
}

export async function checkHubSpot(config: Config, options: CheckOptions = {}): Promise<CheckLine[]> {
  const version = config.hubspot.apiVersion;
  const items = { token: 'HubSpot token', scopes: 'HubSpot scopes', version: `HubSpot API version ${version}` };
  const tokenFix = "copy the app's static access token (HubSpot: Development › your app › Auth) or a service key into HUBSPOT_ACCESS_TOKEN";
  if (!config.hubspot.accessToken) {
    return [
      { item: items.token, status: 'fail', detail: 'HUBSPOT_ACCESS_TOKEN is not set', fix: tokenFix },
      { item: items.scopes, status: 'skip', detail: 'not checked without a token' },
      { item: items.version, status: 'skip', detail: 'not checked without a token' },
    ];
  }
  const timeoutMs = options.timeoutMs ?? config.hubspot.timeoutMs;
  const probes = await Promise.all(
    requiredObjectTypes(config.scope).map(async (type) => ({
      type,
      scope: `crm.objects.${type}.read`,
      result: await probeHubSpot(config, `/crm/objects/${encodeURIComponent(version)}/${type}`, timeoutMs),
    })),
  );

  const unreachable = probes.find((p) => p.result.kind === 'unreachable');
  if (unreachable && unreachable.result.kind === 'unreachable') {
    return [
      { item: items.token, status: 'fail', detail: `cannot reach HubSpot at ${config.hubspot.baseUrl}: ${unreachable.result.reason}`, fix: 'check HUBSPOT_BASE_URL and the network (proxy, firewall)' },
      { item: items.scopes, status: 'skip', detail: 'not checked: HubSpot did not answer' },
      { item: items.version, status: 'skip', detail: 'not checked: HubSpot did not answer' },
    ];
  }
  const answers = probes.map((p) => ({ ...p, status: p.result.kind === 'answer' ? p.result.status : 0, body: p.result.kind === 'answer' ? p.result.body : undefined }));
  if (answers.some((a) => a.status === 401)) {
    return [
      { item: items.token, status: 'fail', detail: 'HubSpot refused the token (401)', fix: tokenFix },
      { item: items.scopes, status: 'skip', detail: 'not checked: the token was refused' },
      { item: items.version, status: 'skip', detail: 'not checked: the token was refused' },
    ];
  }
  const lines: CheckLine[] = [{ item: items.token, status: 'ok', detail: 'accepted' }];

  const missing = [...new Set(answers.filter((a) => a.status === 403).flatMap((a) => missingScopes(a.body, a.scope)))];
  if (missing.length) {
    lines.push({
      item: items.scopes,
      status: 'fail',
      detail: `missing ${missing.join(', ')}`,
      fix: `grant ${requiredScopes(config.scope).join(' and ')} (project app: requiredScopes in hubspot/src/app/app-hsmeta.json, upload, reinstall; service key: tick them), then copy the new token`,
    });
  } else {
    lines.push({ item: items.scopes, status: 'ok', detail: `has ${requiredScopes(config.scope).join(', ')}` });
  }

  const ok = answers.filter((a) => a.status >= 200 && a.status < 300);
  const refused = answers.find((a) => a.status === 400 || a.status === 404);
  const other = answers.find((a) => a.status !== 403 && !(a.status >= 200 && a.status < 300) && a.status !== 400 && a.status !== 404);
  if (refused) {
    lines.push({
      item: items.version,
      status: 'fail',
      detail: `refused (${refused.status}${messageOf(refused.body) ? `: ${messageOf(refused.body)}` : ''})`,
      fix: `set HUBSPOT_API_VERSION to a version HubSpot supports (${TESTED_HUBSPOT_API_VERSIONS.join(' or ')}), or check HUBSPOT_BASE_URL`,
    });
  } else if (other) {
    lines.push({ item: items.version, status: 'fail', detail: `HubSpot answered ${other.status}${messageOf(other.body) ? `: ${messageOf(other.body)}` : ''}`, fix: 'try again in a minute; see HubSpot status if it persists' });
  } else if (ok.length) {
    const described = describeApiVersion(version);
    lines.push({
      item: items.version,
      status: described.tested ? 'ok' : 'warn',
      detail: `accepted (GET /crm/objects/${version}/${ok.map((a) => a.type).join(', /')})${described.tested ? '' : `; not one this release was tested with (${TESTED_HUBSPOT_API_VERSIONS.join(', ')})`}`,
      ...(described.tested ? {} : { fix: `prefer ${DEFAULT_HUBSPOT_API_VERSION} unless you need this version` }),
    });
  } else {
    lines.push({ item: items.version, status: 'skip', detail: 'not checked: every call was refused for missing scopes' });
  }
  return lines;
}

// ---- HubSpot write-back ---------------------------------------------------------------------------

/** HUBSPOT_WRITE_BACK: creates the billing properties where missing (as a worker does at start-up) and checks the token may write companies. */
export async function checkWriteBack(config: Config, options: CheckOptions = {}): Promise<CheckLine> {
  const item = 'HubSpot write-back';
  if (!config.hubspot.writeBack) return { item, status: 'skip', detail: 'off (HUBSPOT_WRITE_BACK=false): HubSpot is only read' };
  if (!config.hubspot.accessToken) return { item, status: 'skip', detail: 'not checked without a token' };
  const api = HubSpotApi.fromConfig({ ...config.hubspot, timeoutMs: options.timeoutMs ?? config.hubspot.timeoutMs });
  const writes = new HubSpotWrites(api, { attempts: 1 });
  const missing = new Set<string>();
  const created: string[] = [];
  // Refused or unreachable: the lines above say so. An answer that never finished (REQUEST_TIMEOUT_MS) fails this line, saying it timed out.
  const notChecked = (error: unknown): CheckLine | undefined => {
    if (error instanceof ApiError && (error.status === 401 || (error.status === undefined && !error.timedOut))) {
      return { item, status: 'skip', detail: error.status === 401 ? 'not checked: the token was refused' : 'not checked: HubSpot did not answer' };
    }
    return undefined;
  };
  let failure: string | undefined;
  try {
    await writes.createCompanyPropertyGroup(WRITE_BACK_GROUP);
    for (const property of WRITE_BACK_PROPERTIES) if ((await writes.createCompanyProperty(property)) === 'created') created.push(property.name);
  } catch (error) {
    const scopes = missingScopesOf(error);
    if (scopes) for (const scope of scopes.length ? scopes : ['crm.schemas.companies.write']) missing.add(scope);
    else {
      const skip = notChecked(error);
      if (skip) return skip;
      failure = `could not create the billing properties: ${errorText(error)}`;
    }
  }
  try {
    const probe = await writes.probeCompanyWrites();
    if (!probe.ok) for (const scope of probe.missing) missing.add(scope);
  } catch (error) {
    const skip = notChecked(error);
    if (skip) return skip;
    failure ??= `could not check the write scope: ${errorText(error)}`;
  }
  if (missing.size) {
    return {
      item,
      status: 'fail',
      detail: `the token lacks ${[...missing].join(', ')}: companies would still sync to Sequence, but HubSpot would not show their billing state`,
      fix: `grant ${WRITE_BACK_SCOPES.join(' and ')} (project app: run crm-sequence-sync hubspot-project again, upload, reinstall, copy the new token; service key: tick them), or set HUBSPOT_WRITE_BACK=false to keep HubSpot read-only`,
    };
  }
  if (failure) return { item, status: 'fail', detail: failure, fix: 'try again in a minute; if it persists, create the properties by hand (docs/hubspot-setup.md) or set HUBSPOT_WRITE_BACK=false' };
  return {
    item,
    status: 'ok',
    detail: `company properties in group ${WRITE_BACK_GROUP.name} ${created.length ? `created (${created.join(', ')})` : 'present'}; the token may write companies`,
  };
}

// ---- Sequence -------------------------------------------------------------------------------------

const SequenceErrorBody = z.object({ error: z.object({ type: z.string() }) });

export async function checkSequence(config: Config, options: CheckOptions = {}): Promise<CheckLine[]> {
  const items = { credentials: 'Sequence credentials', version: `Sequence API version ${config.sequence.apiVersion}` };
  const credentialsFix = 'create an API key in Sequence (Settings › API keys) and set SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET; check SEQUENCE_BASE_URL (eu, us or sandbox)';
  if (!config.sequence.clientId || !config.sequence.clientSecret) {
    return [
      { item: items.credentials, status: 'fail', detail: 'SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET must both be set', fix: credentialsFix },
      { item: items.version, status: 'skip', detail: 'not checked without credentials' },
    ];
  }
  // One try: what the check saw (a timeout included) is what it reports.
  const client = new SequenceClient({ ...config.sequence, timeoutMs: options.timeoutMs ?? config.sequence.timeoutMs, attempts: 1 });
  try {
    await client.listCustomers({ limit: 1 });
    return [
      { item: items.credentials, status: 'ok', detail: `accepted by ${config.sequence.baseUrl}` },
      { item: items.version, status: 'ok', detail: 'accepted' },
    ];
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === undefined) {
      return [
        { item: items.credentials, status: 'fail', detail: `cannot reach Sequence at ${config.sequence.baseUrl}: ${err.message}`, fix: 'check SEQUENCE_BASE_URL and the network' },
        { item: items.version, status: 'skip', detail: 'not checked: Sequence did not answer' },
      ];
    }
    if (err.status === 401 || err.status === 403) {
      return [
        { item: items.credentials, status: 'fail', detail: `Sequence refused them (${err.status})`, fix: credentialsFix },
        { item: items.version, status: 'skip', detail: 'not checked: the credentials were refused' },
      ];
    }
    const body = SequenceErrorBody.safeParse(err.body);
    if (err.status === 400 && body.success && body.data.error.type === 'UnrecognisedApiVersion') {
      return [
        { item: items.credentials, status: 'ok', detail: `accepted by ${config.sequence.baseUrl}` },
        { item: items.version, status: 'fail', detail: `refused (${err.serverMessage ?? '400'})`, fix: 'unset SEQUENCE_API_VERSION to use the version this release is built for' },
      ];
    }
    return [
      { item: items.credentials, status: 'fail', detail: `Sequence answered ${err.status}${err.serverMessage ? `: ${err.serverMessage.slice(0, 200)}` : ''}`, fix: 'try again in a minute; check SEQUENCE_BASE_URL' },
      { item: items.version, status: 'skip', detail: 'not checked' },
    ];
  } finally {
    await client.close();
  }
}

// ---- webhooks -------------------------------------------------------------------------------------

export function checkWebhooks(config: Config): CheckLine[] {
  const env = config.env;
  if (!config.hubspot.clientSecret) {
    return [
      {
        item: 'Webhook secret',
        status: 'warn',
        detail: 'HUBSPOT_CLIENT_SECRET is not set: webhooks are off (POST /webhooks/hubspot answers 503) and changes reach Sequence only through reconciliation',
        fix: "to receive webhooks, copy the project app's client secret into HUBSPOT_CLIENT_SECRET; with a service key, leave it unset",
      },
      { item: 'Webhook URL', status: 'skip', detail: 'not needed without webhooks' },
    ];
  }
  const lines: CheckLine[] = [{ item: 'Webhook secret', status: 'ok', detail: 'set: webhook signatures are verified with HUBSPOT_CLIENT_SECRET' }];
  if (env.WEBHOOK_PUBLIC_URL) {
    lines.push({ item: 'Webhook URL', status: 'ok', detail: `signatures are checked against WEBHOOK_PUBLIC_URL ${env.WEBHOOK_PUBLIC_URL} (it must equal the app's targetUrl)` });
  } else if (env.TRUST_PROXY) {
    lines.push({ item: 'Webhook URL', status: 'ok', detail: "rebuilt for each request from X-Forwarded-Proto and X-Forwarded-Host (TRUST_PROXY=true) and the request's path" });
  } else {
    lines.push({
      item: 'Webhook URL',
      status: 'warn',
      detail: "rebuilt for each request from the connection's scheme, the Host header and the path (neither WEBHOOK_PUBLIC_URL nor TRUST_PROXY is set)",
      fix: "set WEBHOOK_PUBLIC_URL to the app's targetUrl (or TRUST_PROXY=true behind a proxy that sets X-Forwarded-Proto/-Host)",
    });
  }
  return lines;
}

// ---- all of it ------------------------------------------------------------------------------------

export async function runChecks(config: Config, options: CheckOptions = {}): Promise<CheckLine[]> {
  const [redis, hubspot, sequence, accounts] = await Promise.all([checkRedis(config), checkHubSpot(config, options), checkSequence(config, options), checkAccounts(config, options)]);
  // After the read checks: a token refused there is not tried again here.
  const hubspotUsable = hubspot.every((line) => line.item !== 'HubSpot token' || line.status === 'ok');
  const writeBack = hubspotUsable ? await checkWriteBack(config, options) : { item: 'HubSpot write-back', status: 'skip' as const, detail: 'not checked: the HubSpot token did not pass' };
  // The scope is counted only once HubSpot accepted the token and every scope it needs.
  const hubspotReady = hubspot.every((line) => line.status === 'ok' || line.status === 'warn');
  const scope = await checkBillingScope(config, { ...options, skipReason: hubspotReady ? undefined : 'not checked: HubSpot is not ready (see above)' });
  // Details quote upstream answers: whatever credentials those echo stop here, for the text and the JSON alike.
  return [...redis, ...hubspot, writeBack, scope, ...sequence, ...checkWebhooks(config), accounts].map(redactLine);
}

function redactLine(line: CheckLine): CheckLine {
  return { ...line, detail: redactText(line.detail), ...(line.fix === undefined ? {} : { fix: redactText(line.fix) }) };
}

export const checkPassed = (lines: readonly CheckLine[]) => lines.every((line) => line.status !== 'fail');

const LABEL: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

export function formatCheckLine(line: CheckLine): string {
  return redactText(`${LABEL[line.status]}  ${line.item}: ${line.detail}${line.fix && (line.status === 'fail' || line.status === 'warn') ? ` → ${line.fix}` : ''}`);
}
