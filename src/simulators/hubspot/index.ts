/**
 * A stateful simulated HubSpot CRM API that the real `@hubspot/api-client` v13 works against:
 *
 * ```ts
 * const sim = await startHubSpotSimulator({ associationsPageSize: 100 });
 * seedCompanies(sim.store, { count: 1000, seed: 7 });
 * const client = new Client({ accessToken: 'hubspot-test-token', basePath: sim.url, numberOfApiCallRetries: 0 });
 * ```
 *
 * Endpoints (all behind `Authorization: Bearer <token>`), each on a date-based path with version
 * `V` = 2026-03 or 2026-09 and on its numbered v3/v4 path:
 * - `GET  /crm/objects/V/{companies|contacts|deals}` (`/crm/v3/objects/...`) list, `?limit≤100&after&properties&archived&associations`
 * - `GET  /crm/objects/V/{companies|contacts|deals}/{id}`
 * - `POST /crm/objects/V/{companies|contacts|deals}/batch/read` (≤ 100 inputs; partial answer for missing ids)
 * - `POST /crm/objects/V/{companies|contacts|deals}/search` (own 5/s limit, 200 per page, 10,000 cap; IN, EQ, GTE… on any property)
 * - `POST /crm/associations/V/{from}/{to}/batch/read` (`/crm/v4/associations/...`; ≤ 1000 inputs, paged per input; partial answer for ids without associations);
 *   companies ↔ contacts and deals ↔ companies (type ids 341/5 deal → company, 342/6 company → deal)
 * - `GET  /crm/associations/V/{from}/{to}/labels`
 * - `GET  /crm/pipelines/V/deals` (`/crm/v3/pipelines/deals`): the `default` pipeline and any added with
 *   `store.createDealPipeline`; stages carry `metadata.probability` ("1.0" won, "0.0" lost) and `metadata.isClosed`
 * - `POST /crm/objects/V/{companies|contacts|deals}/batch/update` (≤ 100 inputs; every value checked first,
 *   a bad one refuses the batch with 400; missing ids answered like a batch read's; every write moves
 *   the object's modification time)
 * - `GET|POST /crm/properties/V/{companies|contacts|deals}` and `…/groups`, `GET …/{propertyName}` (the
 *   properties API: 409 when it exists, groups must exist, enumerations need options)
 * - company ↔ company parent associations (`/crm/associations/V/companies/companies/batch/read`:
 *   type 14 child → parent, 13 parent → child; `store.setParentCompany`); `hs_parent_company_id`
 *   and `hs_num_child_companies` are derived on read
 * - `GET  /crm/v3/objects/...`-style numbered paths answer the same unless refused
 *
 * Versions: a partial batch answer (missing ids, ids without associations) is 207 Multi-Status with
 * `errors` on the numbered paths and 2026-03, and 200 with `errors`/`numErrors` on 2026-09. Any other
 * version answers 404. With `refuseNumberedPaths` every /crm/v3 and /crm/v4 path answers 410 with a
 * HubSpot-style error body, as HubSpot will once the numbered APIs are retired (September 2027).
 *
 * `scopedTokens` adds tokens granted only some scopes: a call needing another scope (a read scope per
 * object type in the path; `crm.objects.companies.write` for a company batch update;
 * `crm.schemas.companies.write` to create a company property or group) answers 403 with HubSpot's
 * MISSING_SCOPES body naming it.
 *
 * What the client does with the answers (checked in node_modules/@hubspot/api-client/lib/codegen):
 * - 200 and 207 both resolve; a batch read's 207 body deserializes as `...WithErrors` (errors kept).
 * - Any other status throws `ApiException{code, body, headers}`. The generated code asks for the
 *   model "Error", which is not in the serializer's type map (the class is `ModelError`), so `body`
 *   is the parsed JSON as sent: a 429's `policyName`/`errorType` survive. `headers` keys are lower-case.
 * - Dates (`createdAt`, `startedAt`...) become Date objects; property values stay strings.
 *
 * Deviations from HubSpot, by choice:
 * - Only companies, contacts and deals (with their pipelines). Over HTTP, the only writes are batch
 *   updates and property definitions; everything else is written through `sim.store`.
 *   `sim.store.apiWrites` counts the API's writes.
 * - Deals are associated with companies only (not with contacts). A deal ↔ company association
 *   change moves the company's `hs_lastmodifieddate`: HubSpot sets the company's `num_associated_deals`
 *   itself, and documents `hs_lastmodifieddate` as the most recent update of any property, internal ones
 *   included. The deal's modification time does not move. `hs_is_closed` and `hs_is_closed_won` are
 *   derived from the stage's metadata on read.
 * - Contact and parent-company association changes move no modification time (by the same documented
 *   rule HubSpot's counts would move it; the service does not rely on it: those changes come by
 *   webhook and full runs). `num_associated_contacts` and `num_associated_deals` are derived on read.
 * - Contact emails are not unique (HubSpot dedups them) so the seed can contain duplicates.
 * - `propertiesWithHistory` returns only the current value; `idProperty` other than hs_object_id is rejected.
 * - List `limit` > 100 and search `limit` > 200 are rejected with 400 (HubSpot may clamp instead).
 * - When a rate limit is set to 0 (disabled) no X-HubSpot-RateLimit-* headers are sent.
 * - Association paging cursors are opaque base64 strings; `toObjectId` is a number as in the real API
 *   (the client's model says string but passes the number through).
 * - A hung request (fault `hang`) is recorded in `stats` with status 0 when its socket is destroyed.
 * - `GET /account-info/2026-03/details` (the only documented dated version; `v3` unless numbered paths
 *   are refused) answers the account's details with `portalId` (option `portalId`); it needs `oauth`.
 * - The wording of the 400 messages (batch > 100 inputs, search past 10,000) is modelled on HubSpot's
 *   VALIDATION_ERROR bodies, not copied from a captured answer; status and category are what count.
 * - Batch read requires `properties` and `propertiesWithHistory` (both marked required in HubSpot's
 *   schema); ties in a search sort are broken by id so paging is stable (HubSpot does not promise it).
 * - Like HubSpot, every association also carries the unlabeled type (280 / 279) and a contact has
 *   one primary company; batch reads of a merged company's id answer with the surviving company.
 */
import type { AddressInfo } from 'node:net';
import { FaultController, FaultRates, RequestStats } from '../faults';
import { HubSpotServer } from './server';
import { HubSpotStore } from './store';

export * from './store';
export { seedCompanies, seedDeals, renewalsPipeline } from './seed';
export type { SeedOptions, SeedSummary, UnbillableReason, DealSeedOptions, DealSeedSummary } from './seed';
export type { PipelineSpec, StageSpec, StageInput } from './deals';
export { ACCOUNT_INFO_VERSIONS, authFailureBody, missingScopesBody, scopesForPath, rateLimitBody, encodeAssociationCursor, BATCH_READ_LIMIT, BATCH_UPDATE_LIMIT, ASSOCIATION_BATCH_LIMIT, LIST_MAX_LIMIT, SIMULATED_API_VERSIONS } from './server';
export { PropertyRegistry, PropertyApiProblem, type PropertyModel, type PropertyGroupModel } from './properties';
export type { SimulatedApiVersion, ApiFlavour } from './server';
export { SEARCH_MAX_LIMIT, SEARCH_MAX_RESULTS } from './search';

export const DEFAULT_HUBSPOT_ACCESS_TOKEN = 'hubspot-test-token';

export interface HubSpotSimulatorOptions {
  /** Default 'hubspot-test-token'; requests need `Authorization: Bearer <token>`. */
  accessToken?: string;
  /** Further tokens granted only the listed scopes; a call needing another scope answers 403 MISSING_SCOPES. */
  scopedTokens?: Record<string, readonly string[]>;
  /** Default 0 (random); the host is 127.0.0.1. */
  port?: number;
  /** Default 100; 0 disables. Rolling 10 s window for all non-search endpoints. */
  rateLimitPer10s?: number;
  /** Default 5; 0 disables. */
  searchRateLimitPerSecond?: number;
  /** Per-input page size of v4 association batch reads, default 500. */
  associationsPageSize?: number;
  faults?: Partial<FaultRates>;
  /** Seed of the fault dice (default 1). */
  seed?: number;
  /** Fixed latency added to every answer. */
  latencyMs?: number;
  /** Default 0: changes newer than this are invisible to search ("may take moments to appear"). */
  searchIndexLagMs?: number;
  /** Answer /crm/v3 and /crm/v4 paths with 410 (default false). The test stack turns this on. */
  refuseNumberedPaths?: boolean;
  /** Serve an existing store (e.g. one seeded before the server starts); default a new empty one. */
  store?: HubSpotStore;
  /** The simulated account's id, answered by `GET /account-info/2026-03/details` (default 424242, as in simulated webhook events). */
  portalId?: number;
}

export interface HubSpotSimulator {
  /** e.g. http://127.0.0.1:PORT (the client's basePath). */
  url: string;
  store: HubSpotStore;
  /** Every answered request, recorded with its route pattern (object types filled in). */
  stats: RequestStats;
  faults: FaultController;
  setRateLimits(l: { per10s?: number; searchPerSecond?: number }): void;
  /** Stops the server; hung requests are released (their sockets destroyed). */
  close(): Promise<void>;
}

export async function startHubSpotSimulator(opts: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
  const store = opts.store ?? new HubSpotStore();
  if (opts.searchIndexLagMs !== undefined || !opts.store) store.searchIndexLagMs = opts.searchIndexLagMs ?? 0;
  const stats = new RequestStats();
  const faults = new FaultController(opts.faults ?? {}, opts.seed ?? 1);
  faults.latencyMs = opts.latencyMs ?? 0;
  const server = new HubSpotServer(store, stats, faults, {
    accessToken: opts.accessToken ?? DEFAULT_HUBSPOT_ACCESS_TOKEN,
    scopedTokens: opts.scopedTokens,
    refuseNumberedPaths: opts.refuseNumberedPaths ?? false,
    rateLimitPer10s: opts.rateLimitPer10s ?? 100,
    searchRateLimitPerSecond: opts.searchRateLimitPerSecond ?? 5,
    associationsPageSize: opts.associationsPageSize ?? 500,
    seed: opts.seed ?? 1,
    portalId: opts.portalId ?? 424242,
  });
  await server.app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = server.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    store,
    stats,
    faults,
    setRateLimits(l) {
      if (l.per10s !== undefined) server.burst.limit = l.per10s;
      if (l.searchPerSecond !== undefined) server.searchLimit.limit = l.searchPerSecond;
    },
    close: () => server.close(),
  };
}
