/**
 * `failures retry` from the command line, in a process of its own against the simulators: with
 * `--wait --timeout s` it gives up after s seconds when no worker takes the job (exit 1, saying why),
 * and with a worker it re-syncs the company and clears it from the failure index.
 */
import { startApp, type App } from '../../src/app';
import { runCliAsync as runCli } from '../helpers/processes';
import { seedBillable, startStack, testEnv, waitFor, type TestStack } from '../helpers/stack';

describe('crm-sequence-sync failures retry', () => {
  let stack: TestStack;
  let app: App | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    env = testEnv(stack.prefix, stack.hubspot, stack.sequence, { LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await app?.close();
    await stack.close();
  });

  it('--wait --timeout 2 with no worker running gives up after about 2 s, exit 1, saying why', async () => {
    const [company] = seedBillable(stack, 1, 100);
    await stack.services.failures.record(company!, { kind: 'mapping', reason: 'country: missing' });
    const started = Date.now();
    const run = await runCli(['failures', 'retry', company!, '--wait', '--timeout', '2', '--json'], env);
    const seconds = (Date.now() - started) / 1000;
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ results: [expect.objectContaining({ companyId: company, action: 'failed', message: expect.stringContaining('is a worker running?') })] });
    // The 2 s wait, plus a process start (tsx) and its connections; the default is 300 s.
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(30);
    expect(await stack.services.failures.ids()).toEqual([company]);
  });

  it('with a worker, re-syncs the company and clears it from the failure index', async () => {
    const [company] = seedBillable(stack, 1, 200);
    await stack.services.failures.record(company!, { kind: 'mapping', reason: 'country: missing' });
    // The job the first test left queued is taken too, when the worker starts.
    app = await startApp(stack.services, { schedules: false });
    const run = await runCli(['failures', 'retry', company!, '--wait', '--timeout', '30', '--json'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ results: [expect.objectContaining({ companyId: company, action: 'created' })] });
    await waitFor(async () => ((await stack.services.failures.ids()).length === 0 ? true : undefined), 10_000, 'an empty failure index');
  });
});
