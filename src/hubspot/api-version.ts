/**
 * HubSpot's date-based API versions (`/crm/objects/2026-09/...`). HubSpot ships one every March and
 * September; a version is supported for 18 months after it ships. The service is tested against the
 * versions listed here; another well-formed version is accepted, with a warning at start-up.
 */
export const TESTED_HUBSPOT_API_VERSIONS = ['2026-03', '2026-09'] as const;
export type TestedHubSpotApiVersion = (typeof TESTED_HUBSPOT_API_VERSIONS)[number];
export const DEFAULT_HUBSPOT_API_VERSION: TestedHubSpotApiVersion = '2026-09';

/** `YYYY-03` or `YYYY-09`: the only months HubSpot releases a version in. */
export const HUBSPOT_API_VERSION_PATTERN = /^20\d{2}-(03|09)$/;

export interface ApiVersionDescription {
  version: string;
  wellFormed: boolean;
  tested: boolean;
  /** What to tell the user, when the version is not a tested one. */
  warning?: string;
}

export function describeApiVersion(version: string): ApiVersionDescription {
  const wellFormed = HUBSPOT_API_VERSION_PATTERN.test(version);
  const tested = (TESTED_HUBSPOT_API_VERSIONS as readonly string[]).includes(version);
  if (!wellFormed) {
    return { version, wellFormed, tested: false, warning: `HUBSPOT_API_VERSION ${JSON.stringify(version)} is not a HubSpot API version (YYYY-03 or YYYY-09, e.g. ${DEFAULT_HUBSPOT_API_VERSION})` };
  }
  if (tested) return { version, wellFormed, tested };
  return {
    version,
    wellFormed,
    tested,
    warning: `HUBSPOT_API_VERSION ${version} has not been tested with this release (tested: ${TESTED_HUBSPOT_API_VERSIONS.join(', ')}); it is used as configured`,
  };
}
