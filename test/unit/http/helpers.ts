/**
 * Shared set-up for the HTTP tests: a config with a unique Redis prefix, a captured logger, a fake
 * sink, and a built (not listening) server; `close()` removes the keys and closes everything.
 */
import { Redis } from 'ioredis';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { configFromEnv, parseEnv, type Config } from '../../../config';
import { buildHttpServer, type HttpDeps, type WebhookOutcome } from '../../../src/http/server';
import { createLogger } from '../../../src/logger';
import type { WebhookAction, WebhookSink } from '../../../src/webhooks/actions';
import { signV3 } from '../../../src/webhooks/signature';
import { deletePrefix, LogCapture, REDIS_URL, uniquePrefix } from '../../helpers/stack';

export const SECRET = 'test-client-secret-0000';
export const PATH = '/webhooks/hubspot';
export const HOST = 'hooks.example.test';
/** What a default inject() of PATH is signed against: http + Host header + path. */
export const DEFAULT_URI = `http://${HOST}${PATH}`;

export class FakeSink implements WebhookSink {
  readonly calls: { actions: WebhookAction[]; receivedAt: number }[] = [];
  failWith: Error | undefined;
  delayMs = 0;

  async accept(actions: WebhookAction[], meta: { receivedAt: number }): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs).unref());
    if (this.failWith) throw this.failWith;
    this.calls.push({ actions, receivedAt: meta.receivedAt });
  }

  get actions(): WebhookAction[] {
    return this.calls.flatMap((c) => c.actions);
  }
}

export function makeConfig(prefix: string, env: Record<string, string> = {}): Config {
  return configFromEnv(
    // BILLING_SCOPE=all: these suites expect deal events to be ignored, as before closed-won became the default.
    parseEnv({ REDIS_URL, QUEUE_PREFIX: prefix, HUBSPOT_CLIENT_SECRET: SECRET, LOG_LEVEL: 'debug', LOG_PRETTY: 'false', BILLING_SCOPE: 'all', ...env }),
  );
}

export interface Harness {
  app: FastifyInstance;
  prefix: string;
  config: Config;
  redis: Redis;
  sink: FakeSink;
  logs: LogCapture;
  outcomes: WebhookOutcome[];
  /** POSTs `body` (string as is, anything else as JSON) to the webhook path with v3 headers. */
  post(body: unknown, options?: PostOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface PostOptions {
  secret?: string;
  timestamp?: number;
  /** URI to sign (default: DEFAULT_URI). */
  signUri?: string;
  /** Path (and query) to request (default: PATH). */
  url?: string;
  headers?: Record<string, string>;
  /** Replace the signature headers entirely. */
  signatureHeaders?: Record<string, string>;
}

export const bodyText = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

export async function startHarness(env: Record<string, string> = {}, deps: Partial<HttpDeps> = {}): Promise<Harness> {
  const prefix = env.QUEUE_PREFIX ?? uniquePrefix('http');
  const config = makeConfig(prefix, env);
  const logs = new LogCapture();
  const logger = createLogger({ level: 'debug', pretty: 'false', destination: logs.stream });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const sink = new FakeSink();
  const outcomes: WebhookOutcome[] = [];
  const app = await buildHttpServer({
    config,
    logger,
    redis,
    sink,
    readiness: async () => ({ ready: true, checks: { redis: { ok: true } } }),
    onWebhook: (o) => outcomes.push(o),
    ...deps,
  });
  await app.ready();

  const post = (body: unknown, options: PostOptions = {}) => {
    const text = bodyText(body);
    const timestamp = options.timestamp ?? Date.now();
    const signature = options.signatureHeaders ?? {
      'x-hubspot-signature-v3': signV3(options.secret ?? SECRET, 'POST', options.signUri ?? DEFAULT_URI, text, timestamp),
      'x-hubspot-request-timestamp': String(timestamp),
    };
    const request: InjectOptions = {
      method: 'POST',
      url: options.url ?? PATH,
      headers: { host: HOST, 'content-type': 'application/json', ...signature, ...options.headers },
      payload: text,
    };
    return app.inject(request);
  };

  return {
    app,
    prefix,
    config,
    redis,
    sink,
    logs,
    outcomes,
    post,
    async close() {
      await app.close();
      await deletePrefix(prefix);
      redis.disconnect();
    },
  };
}

let nextEventId = 1;

/** A HubSpot webhook event with the usual envelope; `extra` overrides or adds fields. */
export function event(subscriptionType: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: nextEventId++,
    subscriptionId: 4242,
    portalId: 62515,
    appId: 54321,
    occurredAt: Date.now(),
    subscriptionType,
    attemptNumber: 0,
    changeSource: 'CRM_UI',
    ...extra,
  };
}
