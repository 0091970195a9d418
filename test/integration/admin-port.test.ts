/**
 * ADMIN_PORT through the running app: the dashboard answers on its own port and not on the public
 * one, and shutting the app down closes that port too.
 */
import { createServer } from 'node:net';
import { startApp, type App } from '../../src/app';
import { startStack, type TestStack } from '../helpers/stack';

const PASSWORD = 'a-long-enough-dashboard-password';
const auth = { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

describe('ADMIN_PORT', () => {
  let stack: TestStack | undefined;
  let app: App | undefined;

  afterAll(async () => {
    await app?.close(1_000).catch(() => undefined);
    await stack?.close();
  });

  it('serves the dashboard on its own port only, and closes it on shutdown', async () => {
    const adminPort = await freePort();
    stack = await startStack({ env: { ADMIN_PASSWORD: PASSWORD, ADMIN_PORT: String(adminPort) } });
    app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1' });
    expect(app.adminUrl).toBe(`http://127.0.0.1:${adminPort}`);

    expect((await fetch(`${app.url}/admin/queues`, { headers: auth })).status).toBe(404);
    const page = await fetch(`${app.adminUrl}/admin/queues`, { headers: auth });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${app.adminUrl}/admin/queues`)).status).toBe(401);

    const adminUrl = app.adminUrl;
    await app.close(1_000);
    app = undefined;
    await expect(fetch(`${adminUrl}/healthz`)).rejects.toThrow();
  });
});
