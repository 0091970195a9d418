/**
 * The official `@hubspot/api-client`, set up for this service: `basePath` from config, no retries
 * of its own (retry is decided by our typed errors), keep-alive sockets that give up when a request
 * hangs (the client has no timeout option), and its exceptions turned into ApiError.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { ApiError } from '../errors';

export interface HubSpotClientOptions {
  accessToken: string;
  baseUrl: string;
  timeoutMs: number;
}

/** Destroys a socket that has been silent for `timeoutMs`, so a hung request fails instead of waiting forever. */
function agentWithTimeout(baseUrl: string, timeoutMs: number): http.Agent {
  const AgentClass = baseUrl.startsWith('https:') ? https.Agent : http.Agent;
  const agent = new AgentClass({ keepAlive: true, maxSockets: 32 });
  const createConnection = agent.createConnection.bind(agent) as (...args: unknown[]) => Duplex;
  agent.createConnection = ((...args: unknown[]) => {
    const socket = createConnection(...args) as Duplex & { setTimeout(ms: number, cb: () => void): void };
    socket.setTimeout(timeoutMs, () => {
      const error = Object.assign(new Error(`no answer from HubSpot within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
      socket.destroy(error);
    });
    return socket;
  }) as typeof agent.createConnection;
  return agent;
}

export function createHubSpotClient(options: HubSpotClientOptions): Client {
  return new Client({
    accessToken: options.accessToken,
    basePath: options.baseUrl,
    numberOfApiCallRetries: 0,
    httpAgent: agentWithTimeout(options.baseUrl, options.timeoutMs),
  });
}

// The generated client throws one ApiException class per API family, so they are recognised by shape.
const ApiExceptionShape = z.object({
  code: z.number().int(),
  body: z.unknown(),
  headers: z.record(z.string(), z.string()).optional(),
});
const RateLimitBody = z.object({ policyName: z.string().optional() });
const SystemErrorShape = z.object({ code: z.string() });
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Turns whatever the HubSpot client threw into a typed ApiError. Programming errors pass through unchanged. */
export function toHubSpotError(error: unknown, method: string, route: string): unknown {
  if (error instanceof ApiError) return error;
  const failure = { service: 'hubspot' as const, method, path: route };
  const api = ApiExceptionShape.safeParse(error);
  if (api.success) {
    const policy = RateLimitBody.safeParse(api.data.body);
    const retryAfter = api.data.headers?.['retry-after'];
    return new ApiError({
      ...failure,
      status: api.data.code,
      body: api.data.body,
      policy: policy.success ? policy.data.policyName : undefined,
      retryAfterMs: retryAfter !== undefined && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) * 1000 : undefined,
      cause: error,
    });
  }
  // node-fetch reports socket-level failures as FetchError with type 'system' and the errno code.
  const system = SystemErrorShape.safeParse(error);
  if (error instanceof Error && (system.success || error.name === 'FetchError')) {
    return new ApiError({ ...failure, cause: error, timedOut: system.success && TIMEOUT_CODES.has(system.data.code) });
  }
  return error;
}
