/**
 * POST /webhooks/hubspot: verify → parse → map → remember the signature → hand to the sink → 200.
 *
 * The body is kept as the exact bytes received (a catch-all content-type parser in this plugin's
 * scope only) because the signature covers them; JSON is parsed here, after the signature passed.
 * The signature headers are checked before any of the body is read (onRequest), and the body is read
 * under a per-request and a process-wide byte bound (body.ts).
 * Nothing here calls HubSpot or Sequence: the answer depends on Redis alone and comes in
 * milliseconds. Each request writes one log line (never the signature or the secret).
 *
 * Statuses: 401 any signature failure (missing, malformed or stale headers before the body is read;
 * bad signature or replay after), 400 malformed JSON or events, 413 body above WEBHOOK_MAX_BODY_BYTES,
 * 503 webhooks not configured, shutting down, bodies in flight above WEBHOOK_MAX_INFLIGHT_BYTES (with
 * Retry-After), or Redis / the sink unavailable (HubSpot retries non-2xx answers), 200 `{accepted}`.
 * Answers given before the body was read close the connection, so nothing more is read from it.
 */
import { withTimeout } from '../shared/timeout';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RedisClient } from '../redis/client';
import type { Config } from '../../config';
import type { Logger } from '../logger';
import type { WebhookSink } from '../webhooks/actions';
import { mapEvents, parseEvents } from '../webhooks/events';
import { ReplayGuard } from '../webhooks/replay';
import { checkSignatureHeaders, verifyWebhookSignature, type SignatureVersion } from '../webhooks/signature';
import { InflightBudget, InflightLimitError, readBody } from './body';
import { signedRequestUri } from './request-uri';

export const WEBHOOK_PATH = '/webhooks/hubspot';
/** Longest wait for the replay key; HubSpot gives up on an answer after 5 s. */
export const REPLAY_TIMEOUT_MS = 1_500;
/** Longest wait for the sink to make the actions durable. */
export const SINK_TIMEOUT_MS = 3_000;
/** Retry-After (seconds) when the bytes in flight are at their bound: bodies arrive in well under that. */
export const INFLIGHT_RETRY_AFTER_S = 5;
/** Logged once at start when HUBSPOT_CLIENT_SECRET is unset (quoted in docs/hubspot-setup.md; a test keeps them equal). */
export const MISSING_SECRET_WARNING = 'HUBSPOT_CLIENT_SECRET is not set: POST /webhooks/hubspot answers 503 (webhooks not configured)';

export interface WebhookOutcome {
  status: number;
  events: number;
  durationMs: number;
  reason?: string;
}

export interface WebhookRouteOptions {
  config: Config;
  logger: Logger;
  redis: RedisClient;
  sink: WebhookSink;
  accepting?: () => boolean;
  onWebhook?: (outcome: WebhookOutcome) => void;
  /** Clock for timestamp checks (tests). */
  now?: () => number;
  /** Bytes of webhook bodies held across requests (default: one of WEBHOOK_MAX_INFLIGHT_BYTES). */
  inflight?: InflightBudget;
}

interface RequestState {
  receivedAt: number;
  events: number;
  actions: number;
  ignored?: Map<string, number>;
  version?: SignatureVersion;
  reason?: string;
  /** Where the answer goes: its end gives the body's bytes back to the in-flight budget. */
  response?: ServerResponse;
}


const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function webhookRoutes(options: WebhookRouteOptions) {
  const { config, logger, sink } = options;
  const now = options.now ?? Date.now;
  const secret = config.hubspot.clientSecret;
  const maxBytes = config.env.WEBHOOK_MAX_BODY_BYTES;
  const inflight = options.inflight ?? new InflightBudget(config.env.WEBHOOK_MAX_INFLIGHT_BYTES);
  const replay = new ReplayGuard(options.redis, config.redis.prefix);
  const states = new WeakMap<FastifyRequest, RequestState>();

  if (!secret) {
    logger.warn(MISSING_SECRET_WARNING);
  }

  const stateOf = (request: FastifyRequest): RequestState => {
    let state = states.get(request);
    if (!state) {
      state = { receivedAt: now(), events: 0, actions: 0 };
      states.set(request, state);
    }
    return state;
  };

  const fail = (reply: FastifyReply, state: RequestState, status: number, reason: string, body: Record<string, unknown>) => {
    state.reason = reason;
    return reply.code(status).send(body);
  };

  return async function plugin(app: FastifyInstance): Promise<void> {
    // Keep the exact bytes, whatever the content type says (HubSpot sends application/json).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', async (request: FastifyRequest, payload: IncomingMessage) => {
      const response = stateOf(request).response;
      if (!response) throw new Error('webhook request has no response stream (onRequest hook did not run)');
      return readBody(payload, response, { maxBytes, budget: inflight });
    });

    // Everything that needs no body is decided here, before a byte of it is read. These answers
    // close the connection: the body the client may still be sending is never read.
    app.addHook('onRequest', async (request, reply) => {
      const state = stateOf(request);
      state.response = reply.raw;
      if (options.accepting && !options.accepting()) {
        return fail(reply.header('connection', 'close'), state, 503, 'shutting down', { error: 'shutting down, retry later' });
      }
      if (!secret) {
        return fail(reply.header('connection', 'close'), state, 503, 'not configured', { error: 'webhooks not configured: HUBSPOT_CLIENT_SECRET is not set' });
      }
      const checked = checkSignatureHeaders(request.headers, { acceptV1V2: config.env.WEBHOOK_ACCEPT_V1_V2, now: now() });
      if (!checked.ok) return fail(reply.header('connection', 'close'), state, 401, checked.reason, { error: 'invalid signature', reason: checked.reason });
      return undefined;
    });

    // One line per request, whatever answered it (handler, hook, body limit, error handler).
    app.addHook('onSend', async (request, reply, payload) => {
      const state = stateOf(request);
      const status = reply.statusCode;
      const durationMs = Math.round(reply.elapsedTime * 100) / 100;
      const line = {
        webhook: 'hubspot',
        status,
        events: state.events,
        actions: state.actions,
        ...(state.ignored?.size ? { ignored: Object.fromEntries(state.ignored) } : {}),
        ...(state.version ? { signatureVersion: state.version } : {}),
        ...(state.reason ? { reason: state.reason } : {}),
        durationMs,
      };
      if (status < 400) logger.info(line, 'webhook accepted');
      else logger.warn(line, 'webhook rejected');
      try {
        options.onWebhook?.({ status, events: state.events, durationMs, ...(state.reason ? { reason: state.reason } : {}) });
      } catch (err) {
        logger.warn({ err: errorText(err) }, 'onWebhook callback failed');
      }
      return payload;
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
      const state = stateOf(request);
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      if (status === 413) {
        return fail(reply, state, 413, 'body too large', { error: `body larger than WEBHOOK_MAX_BODY_BYTES (${maxBytes} bytes)` });
      }
      if (error instanceof InflightLimitError) {
        return fail(reply.header('retry-after', String(INFLIGHT_RETRY_AFTER_S)), state, 503, 'bodies in flight at their bound', {
          error: 'too many webhook bytes in flight, retry later',
        });
      }
      if (status >= 500) {
        logger.error({ err: errorText(error) }, 'webhook handler failed');
        return fail(reply, state, status, 'internal error', { error: 'internal error' });
      }
      return fail(reply, state, status, error.code ?? 'bad request', { error: error.message });
    });

    app.post(WEBHOOK_PATH, { bodyLimit: maxBytes }, async (request, reply) => {
      const state = stateOf(request);
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

      const uri = signedRequestUri(config.env.WEBHOOK_PUBLIC_URL, {
        headers: request.headers,
        protocol: request.protocol,
        url: request.raw.url ?? request.url,
        trustProxy: config.env.TRUST_PROXY,
      });
      const verdict = verifyWebhookSignature({
        headers: request.headers,
        method: request.method,
        uri,
        rawBody,
        secret: secret ?? '',
        acceptV1V2: config.env.WEBHOOK_ACCEPT_V1_V2,
        now: now(),
      });
      if (!verdict.ok) return fail(reply, state, 401, verdict.reason, { error: 'invalid signature', reason: verdict.reason });
      state.version = verdict.version;

      let json: unknown;
      const text = rawBody.toString('utf8');
      if (!text.trim()) return fail(reply, state, 400, 'empty body', { error: 'empty body: expected a JSON array of events' });
      try {
        json = JSON.parse(text);
      } catch (err) {
        return fail(reply, state, 400, 'malformed JSON', { error: `malformed JSON: ${errorText(err)}` });
      }
      const parsed = parseEvents(json, undefined, { scope: config.scope });
      if (!parsed.ok) return fail(reply, state, 400, 'invalid events', { error: 'invalid webhook events', problems: parsed.problems });
      state.events = parsed.events.length;
      const { actions, ignored } = mapEvents(parsed.events);
      state.actions = actions.length;
      state.ignored = ignored;

      try {
        const first = await withTimeout(replay.firstSeen(verdict.version, verdict.digest), REPLAY_TIMEOUT_MS, 'Redis');
        if (!first) return fail(reply, state, 401, 'replayed request', { error: 'invalid signature', reason: 'replayed request' });
      } catch (err) {
        return fail(reply, state, 503, `replay store unavailable: ${errorText(err)}`, { error: 'temporarily unavailable, retry later' });
      }

      if (actions.length) {
        try {
          await withTimeout(sink.accept(actions, { receivedAt: state.receivedAt }), SINK_TIMEOUT_MS, 'webhook sink');
        } catch (err) {
          // The request did not take effect: let a redelivery of the same bytes through. Done before
          // answering (so HubSpot's retry finds it released), but bounded, as Redis may be the problem.
          await withTimeout(replay.forget(verdict.version, verdict.digest), REPLAY_TIMEOUT_MS, 'Redis').catch(() => undefined);
          return fail(reply, state, 503, `sink failed: ${errorText(err)}`, { error: 'temporarily unavailable, retry later' });
        }
      }
      return reply.code(200).send({ accepted: actions.length });
    });
  };
}
