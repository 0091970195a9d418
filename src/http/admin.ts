/**
 * The bull-board queue dashboard at /admin/queues, behind HTTP basic auth (user `admin`, password
 * ADMIN_PASSWORD). Registered only when ADMIN_PASSWORD is set; the auth hook lives in this plugin's
 * scope, so it covers the page, its API and its static files, and nothing else.
 *
 * Every dashboard answer carries X-Frame-Options: DENY and a content security policy; failed logins
 * are limited per client address (login-limit.ts), answering 429 with Retry-After once over.
 */
import { withTimeout } from '../shared/timeout';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from '../logger';
import { loginClientKey, type LoginLimiter } from './login-limit';

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

export const ADMIN_BASE_PATH = '/admin/queues';
export const ADMIN_USER = 'admin';
export const ADMIN_REALM = 'crm-sequence-sync';

/**
 * What bull-board's page needs, and no more: its own scripts and styles (no inline script: the UI
 * config is a JSON data block, which CSP does not execute), inline styles (the loading screen's style
 * attributes and the theme <style> the UI inserts), the IBM Plex fonts it links from Google Fonts,
 * data: images, and fetches to its own API.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "font-src 'self' https://fonts.gstatic.com data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Longest wait for the login limiter's Redis; past it the dashboard answers 503. */
export const LIMITER_TIMEOUT_MS = 1_000;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Both parts compared in constant time (hashes make the lengths equal), without short-circuit. */
export function checkBasicAuth(header: string | undefined, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), digest(ADMIN_USER));
  const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), digest(password));
  return userOk && passwordOk;
}

export interface AdminOptions {
  password: string;
  queues: readonly Queue[];
  limiter: LoginLimiter;
  logger: Logger;
}


const retryAfterSeconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

export function adminRoutes(options: AdminOptions) {
  const { limiter, logger } = options;
  const tooMany = (reply: FastifyReply, waitMs: number) =>
    reply.code(429).header('retry-after', retryAfterSeconds(waitMs)).send({ error: 'too many failed logins, retry later' });
  const unavailable = (reply: FastifyReply, err: unknown) => {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'dashboard login limiter unavailable');
    return reply.code(503).send({ error: 'dashboard temporarily unavailable' });
  };

  return async function plugin(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-frame-options', 'DENY').header('content-security-policy', ADMIN_CSP).header('x-content-type-options', 'nosniff');
      const client = request.ip;
      // A blocked client is refused before its password is checked, right or wrong: else guessing goes on.
      let waitMs: number;
      try {
        waitMs = (await withTimeout(limiter.blockedFor(client), LIMITER_TIMEOUT_MS, 'Redis')).ms;
      } catch (err) {
        return unavailable(reply, err);
      }
      if (waitMs > 0) return tooMany(reply, waitMs);

      const header = request.headers.authorization;
      if (checkBasicAuth(header, options.password)) return undefined;
      if (header !== undefined) {
        try {
          const counted = await withTimeout(limiter.recordFailure(client), LIMITER_TIMEOUT_MS, 'Redis');
          const { maxFailures, maxGlobalFailures, windowMs } = limiter.options;
          if (counted.failures === maxFailures) logger.warn({ client: loginClientKey(client), failures: counted.failures, windowMs }, 'dashboard: too many failed logins, client blocked');
          if (counted.globalFailures === maxGlobalFailures) {
            logger.warn({ failures: counted.globalFailures, windowMs }, 'dashboard: too many failed logins from all addresses, every login waits');
          }
          if (counted.failures > maxFailures) return tooMany(reply, counted.windowLeftMs);
          if (counted.globalFailures > maxGlobalFailures) return tooMany(reply, counted.globalWindowLeftMs);
        } catch (err) {
          return unavailable(reply, err);
        }
      }
      return reply
        .code(401)
        .header('www-authenticate', `Basic realm="${ADMIN_REALM}"`)
        .send({ error: 'authentication required' });
    });

    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(ADMIN_BASE_PATH);
    createBullBoard({
      queues: options.queues.map((queue) => new BullMQAdapter(queue)),
      // @bull-board/fastify 9.10.1 pins its own @bull-board/api 9.10.1 (ours is 9.10.2): same
      // interface, but TypeScript sees two declarations of the adapter types.
      serverAdapter: serverAdapter as unknown as BoardServerAdapter,
      options: { uiConfig: { boardTitle: 'crm-sequence-sync' } },
    });
    await app.register(serverAdapter.registerPlugin(), { prefix: ADMIN_BASE_PATH });
  };
}
