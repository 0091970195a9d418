/** Secrets stay out of every message: upstream error text that echoes our token, and REDIS_URL credentials. */
import { runCli } from '../helpers/processes';
import { JobRunner, startRunningStack, type RunningStack } from '../helpers/jobs';
import { seedBillable, testEnv, type TestStack } from '../helpers/stack';
import { readWriteBackStatus } from '../../src/writeback/status';

const TOKEN = 'pat-eu1-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('a HubSpot error that echoes the Authorization header', () => {
  let running: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;

  beforeAll(async () => {
    running = await startRunningStack({ env: { HUBSPOT_ACCESS_TOKEN: TOKEN }, hubspot: { accessToken: TOKEN } });
    ({ stack, jobs } = running);
  });

  afterAll(() => running.close());

  it('leaves the token out of the log, status --json, the failure index and the link store', async () => {
    const [id] = seedBillable(stack, 1, 4200);
    stack.hubspot.faults.inject('reject400', { path: /batch\/read/ }, 1);
    const [result] = await jobs.sync([id!]);
    expect(result).toMatchObject({ companyId: id, action: 'failed' });
    expect(result!.message).toContain('hubspot answered 400');

    const failure = await stack.services.failures.get(id!);
    const link = await stack.services.links.get(id!);
    expect(failure?.reason).toContain('[redacted]');
    expect(JSON.stringify(failure)).not.toContain(TOKEN);
    expect(JSON.stringify(link)).not.toContain(TOKEN);
    expect(link?.lastMessage).toContain('hubspot answered 400');
    const logged = stack.logs.lines.filter((l) => l.companyId === id);
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(stack.logs.lines)).not.toContain(TOKEN);

    const status = runCli(['status', '--json'], testEnv(stack.prefix, stack.hubspot, stack.sequence, { HUBSPOT_ACCESS_TOKEN: TOKEN }));
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(id!);
    expect(status.stdout + status.stderr).not.toContain(TOKEN);
  });
});

describe("a HubSpot error that echoes the token, answering the write-back's batch update", () => {
  let running: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;

  beforeAll(async () => {
    running = await startRunningStack({ env: { HUBSPOT_ACCESS_TOKEN: TOKEN, HUBSPOT_WRITE_BACK: 'true' }, hubspot: { accessToken: TOKEN } });
    ({ stack, jobs } = running);
  });

  afterAll(() => running.close());

  it.each([400, 502])('%i: the write fails without failing the sync; the token is in neither the log, status --json nor the stored last error', async (status) => {
    const [id] = seedBillable(stack, 1, 4300 + status);
    stack.hubspot.faults.echoStatus = status;
    // Twice: the write-back tries a call twice when the answer may be transient (502).
    stack.hubspot.faults.inject('echoCredentials', { method: 'POST', path: /\/companies\/batch\/update/ }, 2);
    const [result] = await jobs.sync([id!]);
    expect(result).toMatchObject({ companyId: id, action: 'created' });
    await stack.services.writeBack!.idle();
    const written = await readWriteBackStatus(stack.services.redis, stack.prefix);
    expect(written?.lastError?.message).toContain(`answered ${status}`);
    expect(written?.lastError?.message).toContain('[redacted]');
    const warned = stack.logs.lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('write-back of 1 companies failed'));
    expect(warned.length).toBeGreaterThan(0);
    expect(JSON.stringify(stack.logs.lines)).not.toContain(TOKEN);

    const shown = runCli(['status', '--json'], testEnv(stack.prefix, stack.hubspot, stack.sequence, { HUBSPOT_ACCESS_TOKEN: TOKEN, HUBSPOT_WRITE_BACK: 'true' }));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('[redacted]');
    expect(shown.stdout + shown.stderr).not.toContain(TOKEN);
    stack.hubspot.faults.clear();
  });
});

describe('REDIS_URL with credentials that do not parse', () => {
  it.each([
    ['a # in the password', 'redis://default:SEKRET#PW@127.0.0.1:6379'],
    ['a % in the password', 'redis://default:SEKRET%PW@127.0.0.1:6379'],
  ])('%s: a configuration error (exit 2) naming REDIS_URL, no password printed', (_what, url) => {
    const result = runCli(['status'], { REDIS_URL: url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('REDIS_URL');
    expect(result.stderr).toContain('percent-encode');
    expect(result.stderr).not.toContain('URIError');
    expect(result.stdout + result.stderr).not.toContain('SEKRET');
  });
});
