/**
 * The accounts a configuration works on: the Sequence account (its base URL and client id) and the
 * HubSpot account (its portal id). The Sequence side is known from the settings alone and kept only as
 * a fingerprint (a SHA-256 of base URL and client id, shortened): the client id is a credential and is
 * never stored or shown in clear. The HubSpot side needs one call (`readPortalId`), which may fail.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../config';
import { errorMessage } from '../errors';
import { readPortalId } from '../hubspot/account-info';
import { HubSpotApi } from '../hubspot/client';

export interface SequenceAccount {
  /** 16 hex digits of SHA-256("sequence-account", base URL, client id). */
  fingerprint: string;
  /** The API's host (eu.sequencehq.com, sandbox.sequencehq.com, …): not a secret, and it tells sandbox from production. */
  host: string;
}

export type HubSpotAccount = { portalId: string } | { unknown: string };

export interface AccountIdentity {
  /** Undefined when the configuration has no Sequence credentials (a command that only queues work). */
  sequence?: SequenceAccount;
  /** Undefined when the configuration has no HubSpot token. */
  hubspot?: HubSpotAccount;
}

export function sequenceAccount(sequence: Pick<Config['sequence'], 'baseUrl' | 'clientId'>): SequenceAccount | undefined {
  if (!sequence.clientId) return undefined;
  const url = new URL(sequence.baseUrl);
  const base = `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  const fingerprint = createHash('sha256').update(`sequence-account\n${base}\n${sequence.clientId}`, 'utf8').digest('hex').slice(0, 16);
  return { fingerprint, host: url.host.toLowerCase() };
}

/** Asks HubSpot for the token's portal id; a failure is reported as unknown, with why (never thrown). */
export async function hubspotAccount(hubspot: Config['hubspot'], timeoutMs = hubspot.timeoutMs): Promise<HubSpotAccount | undefined> {
  if (!hubspot.accessToken) return undefined;
  try {
    return { portalId: await readPortalId(HubSpotApi.fromConfig({ ...hubspot, timeoutMs })) };
  } catch (error) {
    return { unknown: errorMessage(error) };
  }
}

export async function currentIdentity(config: Config, options: { timeoutMs?: number } = {}): Promise<AccountIdentity> {
  return { sequence: sequenceAccount(config.sequence), hubspot: await hubspotAccount(config.hubspot, options.timeoutMs) };
}

export const describeSequence = (account: SequenceAccount) => `Sequence account ${account.fingerprint} at ${account.host}`;
export const describeHubSpot = (portalId: string) => `HubSpot portal ${portalId}`;
