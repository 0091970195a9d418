/**
 * `@hubspot/api-client` sends through the process's global fetch and passes it no signal, so when
 * a server never sends an answer's head, the request that our deadline gave up (client.ts) would
 * keep its connection open until fetch's own 300 s headers timeout. The global dispatcher's headers
 * and body timeouts are therefore set to the longest deadline any HubSpot client of the process
 * asked for, plus a second: a backstop that closes such connections; the deadline itself is kept in
 * client.ts. HubSpot is the only caller of the global fetch here (the Sequence client has its own
 * undici Agent).
 */
import { Agent, setGlobalDispatcher } from 'undici';

/** undici checks its timers about once a second; the margin keeps the backstop behind the deadline. */
const MARGIN_MS = 1_000;
let installedMs = 0;

export function backstopFetchTimeouts(deadlineMs: number): void {
  const ms = deadlineMs + MARGIN_MS;
  if (ms <= installedMs) return;
  installedMs = ms;
  setGlobalDispatcher(new Agent({ headersTimeout: ms, bodyTimeout: ms }));
}
