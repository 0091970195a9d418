/** Operating it: readiness across a Redis outage, metrics, status --json, the dashboard, the demo. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startApp, type App } from '../../src/app';
import { Metrics } from '../../src/metrics/metrics';
import { runCli } from '../helpers/processes';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';
import { JobRunner } from '../helpers/jobs';
import { seedBillable, startStack, testEnv, waitFor, type TestStack } from '../helpers/stack';


describe('readiness follows Redis', () => {
  let redis: PrivateRedis | undefined;

  afterAll(async () => {
    await redis?.stop();
  });

  it('/readyz is 200, turns 503 when Redis stops, and 200 again when it returns', async () => {
    redis = await startPrivateRedis();
    const stack = await startStack({ env: { REDIS_URL: redis.url } });
    const app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1' });
    const ready = async () => (await fetch(`${app.url}/readyz`)).status;
    try {
      expect(await ready()).toBe(200);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      await redis.stop();
      await waitFor(async () => (await ready()) === 503, 10_000, '503');
      const body = (await (await fetch(`${app.url}/readyz`)).json()) as { checks: Record<string, { ok: boolean }> };
      expect(body.checks.redis?.ok).toBe(false);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      await redis.start();
      await waitFor(async () => (await ready()) === 200, 20_000, '200 again');
    } finally {
      await app.close(2_000);
      await stack.close().catch(() => undefined);
    }
  }, 60_000);
});

describe('metrics, status and the dashboard', () => {
  let stack: TestStack;
  let app: App;
  let metrics: Metrics;
  let jobs: JobRunner;

  beforeAll(async () => {
    // Wired as the worker command does: the metrics' hooks go into the services.
    metrics = new Metrics({ defaultMetrics: false });
    stack = await startStack({ env: { ADMIN_PASSWORD: 'open-sesame-open-sesame' }, hooks: { onCall: metrics.onCall, onRateLimitWait: metrics.onRateLimitWait } });
    app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1', metrics });
    jobs = await JobRunner.open(stack);
  });

  afterAll(async () => {
    await jobs.close();
    await app.close();
    await stack.close();
  });

  const scrape = async () => (await fetch(`${app.url}/metrics`)).text();
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('/metrics counts match a known sequence of jobs', async () => {
    const ids = seedBillable(stack, 2);
    const broken = stack.hubspot.store.createCompany({ name: 'Broken Inc', country: 'Narnia' }).id;
    await jobs.sync([...ids, broken]);
    await jobs.sync(ids);
    const text = await scrape();
    expect(value(text, 'crm_sync_companies_total{action="created",source="cli"}')).toBe(2);
    expect(value(text, 'crm_sync_companies_total{action="failed",source="cli"}')).toBe(1);
    expect(value(text, 'crm_sync_companies_total{action="unchanged",source="cli"}')).toBe(2);
    expect(value(text, 'crm_api_calls_total{service="sequence",route="POST /customers",status="201"}')).toBe(2);
    expect(value(text, 'crm_sync_duration_seconds_count{action="created"}')).toBe(2);
    expect(value(text, 'crm_queue_jobs{queue="sync",state="completed"}')).toBe(2);
    expect(text).toContain('crm_rate_limit_waits_total');
  });

  it('status --json reflects a seeded failure', async () => {
    await stack.services.failures.record('123456789', { kind: 'rejected', reason: 'sequence answered 400: postcode is not valid', status: 400 });
    const env = testEnv(stack.prefix, stack.hubspot, stack.sequence);
    const result = runCli(['status', '--json'], env);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as { failures: { count: number; items: { companyId: string; reason: string; attempts: number; since: string }[] }; queues: Record<string, unknown>; workers: { sync: number } };
    const seeded = status.failures.items.find((f) => f.companyId === '123456789');
    expect(seeded).toMatchObject({ reason: 'sequence answered 400: postcode is not valid', attempts: 1 });
    expect(status.queues.sync).toBeDefined();
    expect(status.workers.sync).toBeGreaterThanOrEqual(1);
    const table = runCli(['status'], env);
    expect(table.stdout).toContain('123456789');
    expect(table.stdout).toContain('failures retry');
  });

  it('status lists workers stopped by refused credentials, and skips an entry it cannot read', async () => {
    const key = `${stack.prefix}:auth-failures`;
    await stack.services.redis.hset(key, 'host-a:1', JSON.stringify({ service: 'hubspot', status: 401, at: '2026-11-22T08:00:00.000Z', worker: 'host-a:1' }));
    await stack.services.redis.hset(key, 'host-b:2', '{not json');
    try {
      const env = testEnv(stack.prefix, stack.hubspot, stack.sequence);
      const result = runCli(['status', '--json'], env);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { authFailures: unknown[] }).authFailures).toEqual([
        { service: 'hubspot', status: 401, at: '2026-11-22T08:00:00.000Z', worker: 'host-a:1' },
      ]);
      expect(runCli(['status'], env).stdout).toContain('!! hubspot refused the credentials (401) at 2026-11-22T08:00:00.000Z: worker host-a:1 stopped taking jobs');
    } finally {
      await stack.services.redis.del(key);
    }
  });

  it('link shows the customer, hash and outcome of a synced company', async () => {
    const [id] = seedBillable(stack, 1, 77);
    const [result] = await jobs.sync([id!]);
    const out = runCli(['link', id!, '--json'], testEnv(stack.prefix, stack.hubspot, stack.sequence));
    expect(out.stderr + out.stdout).toContain('"customerId"');
    expect(out.code).toBe(0);
    const link = JSON.parse(out.stdout) as { link: { customerId: string; hash: string; lastOutcome: string } };
    expect(link.link).toMatchObject({ customerId: result!.customerId, lastOutcome: 'created' });
    expect(link.link.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the dashboard answers 401 without the password and 200 with it', async () => {
    expect((await fetch(`${app.url}/admin/queues`)).status).toBe(401);
    const wrong = Buffer.from('admin:nope').toString('base64');
    expect((await fetch(`${app.url}/admin/queues`, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
    const right = Buffer.from('admin:open-sesame-open-sesame').toString('base64');
    expect((await fetch(`${app.url}/admin/queues`, { headers: { authorization: `Basic ${right}` } })).status).toBe(200);
  });
});

describe('demo', () => {
  it('runs end to end with only Redis and exits 0', () => {
    const started = Date.now();
    const result = runCli(['demo', '--companies', '120'], { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }, 90_000);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(0 duplicated)');
    expect(result.stdout).toContain('customer archived');
    // The billing scope: only customers reach Sequence, a deal moved to won brings one in, a lead stays out.
    expect(result.stdout).toMatch(/0 of the \d+ other prospects and \d+ leads reached Sequence\./);
    expect(result.stdout).toMatch(/prospect's deal moved to won\s*│\s*\d+\s*│ customer /);
    expect(result.stdout).toContain('no customer: out of scope');
    // The write-back, with what status says of it (a prospect is not written to), and a fix that flips to synced.
    expect(result.stdout).toMatch(/crm-sequence-sync status says: HubSpot write-back: \d+ companies written\./);
    expect(result.stdout).toContain('cannot_be_billed');
    expect(result.stdout).toContain('out of scope (no won deal): not written to');
    expect(result.stdout).toContain('HubSpot shows "synced"');
    // The group: its parent has no deal, yet owns the subsidiary's customer.
    expect(result.stdout).toMatch(/The subsidiary's customer \S+ has its group's customer \S+ as parent, though the parent company has no deal\./);
    expect(result.stdout).not.toContain('(not set!)');
    // Without ADMIN_PASSWORD it says how to get the dashboard, rather than pointing at a 404.
    expect(result.stdout).toContain('dashboard: start the demo with ADMIN_PASSWORD set');
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('with ADMIN_PASSWORD and --keep, its dashboard hint is a URL that answers (issue 22, item 14)', async () => {
    const password = 'demo-dashboard-password-1234';
    const demo = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'src/cli/main.ts'), 'demo', '--companies', '25', '--keep'], {
      cwd: path.join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', ADMIN_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    demo.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => stdout.includes('Ctrl-C to stop'), 60_000, 'the demo to be kept running');
      const url = /dashboard: (http:\/\/\S+\/admin\/queues)/.exec(stdout)?.[1];
      expect(url).toBeDefined();
      const auth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
      expect((await fetch(url!, { headers: { authorization: auth } })).status).toBe(200);
    } finally {
      demo.kill('SIGINT');
      await exited;
    }
  }, 90_000);
});
