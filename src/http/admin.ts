/**
 * The bull-board queue dashboard at /admin/queues, behind HTTP basic auth (user `admin`, password
 * ADMIN_PASSWORD). Registered only when ADMIN_PASSWORD is set; the auth hook lives in this plugin's
 * scope, so it covers the page, its API and its static files, and nothing else.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

export const ADMIN_BASE_PATH = '/admin/queues';
export const ADMIN_USER = 'admin';
export const ADMIN_REALM = 'crm-sequence-sync';

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
}

export function adminRoutes(options: AdminOptions) {
  return async function plugin(app: FastifyInstance): Promise<void> {
    app.addHook('onRequest', async (request, reply) => {
      if (checkBasicAuth(request.headers.authorization, options.password)) return undefined;
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
