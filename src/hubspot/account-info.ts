/**
 * Which HubSpot account a token belongs to: `GET /account-info/2026-03/details` answers the account's
 * `portalId` (its "Hub ID") for any token with HubSpot's basic `oauth` scope. HubSpot documents the
 * account-info API at 2026-03 (no 2026-09 release of it is published), so that path is asked first
 * and the configured HUBSPOT_API_VERSION only if 2026-03 is gone (404).
 */
import { z } from 'zod';
import { ApiError } from '../errors';
import type { HubSpotApi } from './client';

export const ACCOUNT_INFO_VERSION = '2026-03';

const AccountDetails = z.looseObject({ portalId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String) });

/** The portal id of the token's account; throws an ApiError when HubSpot does not tell (refused, down, unexpected answer). */
export async function readPortalId(api: HubSpotApi): Promise<string> {
  const versions = [...new Set([ACCOUNT_INFO_VERSION, api.version])];
  for (const [index, version] of versions.entries()) {
    const path = `/account-info/${version}/details`;
    try {
      const answer = await api.request({ method: 'GET', path });
      const parsed = AccountDetails.safeParse(answer.body);
      if (!parsed.success) throw new ApiError({ service: 'hubspot', method: 'GET', path, status: answer.status, body: { message: 'account details without a portalId' }, kindOverride: 'retryable' });
      return parsed.data.portalId;
    } catch (error) {
      const last = index === versions.length - 1;
      if (!last && error instanceof ApiError && error.status === 404) continue;
      throw error;
    }
  }
  throw new Error('unreachable');
}
