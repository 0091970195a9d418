/**
 * The one HTTP server (fastify, on PORT): HubSpot webhooks, health and readiness probes, Prometheus
 * metrics and, when ADMIN_PASSWORD is set, the bull-board queue dashboard.
 *
 *   POST /webhooks/hubspot  signed HubSpot webhooks → WebhookSink (see webhook-route.ts)
 *   GET  /healthz           200 {status:'ok'} while the process is up
 *   GET  /readyz            readiness(): 200 when ready, else 503; the body lists the checks
 *   GET  /metrics           metrics.render() with its content type (404 without metrics)
 *   GET  /admin/queues      bull-board behind basic auth (404 without ADMIN_PASSWORD, or when
 *                           ADMIN_PORT moves it to its own listener: `buildAdminServer`)
 *
 * Both servers close a request that has not fully arrived within HTTP_REQUEST_TIMEOUT_MS (408) and a
 * connection silent for HTTP_CONNECTION_TIMEOUT_MS in the middle of a request: a client that
 * announces a body and stalls holds a socket for seconds, not forever.
 *
 * `buildHttpServer` does not listen; the caller runs `app.listen({ port, host: '0.0.0.0' })` and
 * `app.close()` on shutdown (fastify answers 503 to requests arriving while it closes).
 */
import type { Queue } from 'bullmq';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { RedisClient } from '../redis/client';
import type { Config } from '../../config';
import type { Logger } from '../logger';
import type { WebhookSink } from '../webhooks/actions';
import type { InflightBudget } from './body';
import { LoginLimiter } from './login-limit';
import { webhookRoutes, type WebhookOutcome } from './webhook-route';

/** How often Node looks for requests past their timeout (its default, 30 s, would make 10 s into 40 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

export interface HttpDeps {
  config: Config;
  logger: Logger;
  /** For replay-protection keys under `${config.redis.prefix}:webhook:seen:`. */
  redis: RedisClient;
  sink: WebhookSink;
  readiness: () => Promise<ReadinessReport>;
  /** e.g. a prom-client Registry (`contentType` + `metrics()` wrapped as `render`). */
  metrics?: MetricsSource;
  /** BullMQ queues shown on the dashboard. */
  adminQueues?: Queue[];
  /** False once shutdown began: webhooks answer 503 (HubSpot retries later). */
  accepting?: () => boolean;
  /** Called once per webhook request, whatever its outcome (for metrics). */
  onWebhook?: (outcome: WebhookOutcome) => void;
  /** Clock for signature timestamps (tests). */
  now?: () => number;
  /** Webhook body bytes held across requests (tests read it; default from WEBHOOK_MAX_INFLIGHT_BYTES). */
  inflight?: InflightBudget;
  /** Failed dashboard logins per client (default: 10 a minute, in Redis under the queue prefix). */
  loginLimiter?: LoginLimiter;
}

export type AdminDeps = Pick<HttpDeps, 'config' | 'logger' | 'redis' | 'adminQueues' | 'loginLimiter'>;

export type { WebhookOutcome } from './webhook-route';

/** A fastify instance with the timeouts and the 5xx logging both servers share. */
function createServer(config: Config, logger: Logger): FastifyInstance {
  const baseLogger: FastifyBaseLogger = logger;
  const requestTimeout = config.env.HTTP_REQUEST_TIMEOUT_MS;
  const app: FastifyInstance = Fastify({
    loggerInstance: baseLogger,
    // Probes and webhooks are frequent: the webhook route writes its own single line per request.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    requestTimeout,
    connectionTimeout: config.env.HTTP_CONNECTION_TIMEOUT_MS,
    http: { connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, requestTimeout) },
    // Behind a proxy (TRUST_PROXY), request.ip is the address that proxy saw: one hop only, so a client
    // cannot pick its own address for the login limit by sending X-Forwarded-For itself.
    trustProxy: config.env.TRUST_PROXY ? (_address: string, hop: number) => hop === 0 : false,
  });
  // Node's own default (60 s) would otherwise still let headers trickle in for longer.
  app.server.headersTimeout = requestTimeout;

  // Request logging is off, so fastify's default error handler would stay silent: log 5xx here.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) logger.error({ err: error.message, url: request.url, method: request.method }, 'request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : error.message });
  });
  return app;
}

async function registerDashboard(app: FastifyInstance, deps: AdminDeps, password: string, logger: Logger): Promise<void> {
  // Loaded only when enabled: bull-board pulls in @fastify/static, @fastify/view and ejs.
  const { ADMIN_BASE_PATH, adminRoutes } = await import('./admin');
  const limiter = deps.loginLimiter ?? new LoginLimiter(deps.redis, deps.config.redis.prefix);
  await app.register(adminRoutes({ password, queues: deps.adminQueues ?? [], limiter, logger }));
  logger.info({ path: ADMIN_BASE_PATH }, 'queue dashboard enabled (basic auth, user admin)');
}

export async function buildHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const logger = deps.logger.child({ component: 'http' });
  const app = createServer(deps.config, logger);

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    let report: ReadinessReport;
    try {
      report = await deps.readiness();
    } catch (err) {
      report = { ready: false, checks: { readiness: { ok: false, detail: err instanceof Error ? err.message : String(err) } } };
    }
    return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'not ready', ...report });
  });

  const metrics = deps.metrics;
  app.get('/metrics', async (_request, reply) => {
    if (!metrics) return reply.code(404).send({ error: 'metrics are not enabled' });
    const text = await metrics.render();
    return reply.code(200).header('content-type', metrics.contentType).send(text);
  });

  await app.register(
    webhookRoutes({
      config: deps.config,
      logger,
      redis: deps.redis,
      sink: deps.sink,
      accepting: deps.accepting,
      onWebhook: deps.onWebhook,
      now: deps.now,
      ...(deps.inflight ? { inflight: deps.inflight } : {}),
    }),
  );

  const password = deps.config.env.ADMIN_PASSWORD;
  if (password && deps.config.env.ADMIN_PORT === undefined) await registerDashboard(app, deps, password, logger);
  return app;
}

/**
 * The dashboard alone, for ADMIN_PORT (a port kept off the public network), plus /healthz. Undefined
 * without ADMIN_PASSWORD. Not listening yet, as for `buildHttpServer`.
 */
export async function buildAdminServer(deps: AdminDeps): Promise<FastifyInstance | undefined> {
  const password = deps.config.env.ADMIN_PASSWORD;
  if (!password) return undefined;
  const logger = deps.logger.child({ component: 'admin-http' });
  const app = createServer(deps.config, logger);
  app.get('/healthz', async () => ({ status: 'ok' }));
  await registerDashboard(app, deps, password, logger);
  return app;
}
