/**
 * A QUEUE_PREFIX remembers which Sequence account and HubSpot portal it serves (issue 22, item 2):
 * a worker or command configured for other accounts refuses to start (exit 2), naming both and the
 * way out; `check` shows a FAIL line; `forget-account --yes` empties the prefix for new accounts.
 */
import { configFromEnv, parseEnv } from '../../config';
import { claimAccounts, readAccounts } from '../../src/accounts/account-record';
import { sequenceAccount } from '../../src/accounts/identity';
import { checkAccounts } from '../../src/check/account-check';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';
import { startSequenceSimulator, type SequenceSimulator } from '../../src/simulators/sequence';
import { WRITE_BACK_PROPERTY } from '../../src/writeback/properties';
import { readWriteBackStatus } from '../../src/writeback/status';
import { runCliAsync as runCli, spawnWorker, stopWorker } from '../helpers/processes';
import { deletePrefix, seedBillable, startStack, suiteRedis, testEnv, uniquePrefix, waitFor, type TestStack } from '../helpers/stack';

const PROD_ID = 'prod-client-id-7f3a';
const PROD_SECRET = 'prod-client-secret-91c2';

/** The worker's exit, or undefined if it is still running after `ms`. */
async function exitWithin(worker: ReturnType<typeof spawnWorker>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([worker.exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  clearTimeout(timer);
  return result;
}

/** One prefix and two Sequence accounts: A (the stack's, say the sandbox) and B (production). */
async function sandboxAndProduction(extra: Record<string, string> = {}) {
  const stack = await startStack();
  const production = await startSequenceSimulator({ rateLimitPerMinute: 0, clientId: PROD_ID, clientSecret: PROD_SECRET });
  const envA = testEnv(stack.prefix, stack.hubspot, stack.sequence, { LOG_LEVEL: 'info', ...extra });
  const envB = { ...envA, SEQUENCE_BASE_URL: production.url, SEQUENCE_CLIENT_ID: PROD_ID, SEQUENCE_CLIENT_SECRET: PROD_SECRET };
  return { stack, production, envA, envB };
}

describe('switching accounts on one QUEUE_PREFIX', () => {
  let stack: TestStack;
  let production: SequenceSimulator;
  let otherPortal: HubSpotSimulator;
  let envA: Record<string, string>;
  let envB: Record<string, string>;

  beforeAll(async () => {
    ({ stack, production, envA, envB } = await sandboxAndProduction());
    otherPortal = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, portalId: 777001 });
  });

  afterAll(async () => {
    await Promise.all([production.close(), otherPortal.close()]);
    await stack.close();
  });

  it('a worker on Sequence account B refuses a prefix whose worker made customers on account A: exit 2, naming both and the way out', async () => {
    const ids = seedBillable(stack, 40);
    const workerA = spawnWorker(envA);
    await workerA.waitForLine((l) => l.msg === 'worker started', 30_000);
    const { JobRunner } = await import('../helpers/jobs');
    const jobs = await JobRunner.open(stack);
    try {
      const results = await jobs.sync(ids, {}, 60_000);
      expect(results.filter((r) => r.action === 'created')).toHaveLength(40);
    } finally {
      await jobs.close();
      await stopWorker(workerA);
    }

    const workerB = spawnWorker(envB);
    const exit = await exitWithin(workerB, 30_000);
    if (!exit) await stopWorker(workerB, 'SIGKILL');
    expect(exit?.code).toBe(2);
    // It did nothing on account B (and so reported nothing as unchanged).
    expect(production.stats.total).toBe(0);
  }, 120_000);

  it('names both accounts and the way out, and never a credential', async () => {
    const a = sequenceAccount({ baseUrl: stack.sequence.url, clientId: 'seq-test-id' })!;
    const b = sequenceAccount({ baseUrl: production.url, clientId: PROD_ID })!;
    const { code, stderr } = await runCli(['sync', '1'], envB);
    expect(code).toBe(2);
    expect(stderr).toContain(`QUEUE_PREFIX "${stack.prefix}" serves other accounts`);
    expect(stderr).toContain(`the prefix serves Sequence account ${a.fingerprint} at ${a.host}; this configuration uses Sequence account ${b.fingerprint} at ${b.host}`);
    expect(stderr).toContain('set a new QUEUE_PREFIX');
    expect(stderr).toContain('crm-sequence-sync forget-account --yes');
    for (const secret of [PROD_ID, PROD_SECRET, 'seq-test-id', 'seq-test-secret']) expect(stderr).not.toContain(secret);
  });

  it('a command on another HubSpot portal refuses too, naming both portal ids', async () => {
    const { code, stderr } = await runCli(['reconcile'], { ...envA, HUBSPOT_BASE_URL: otherPortal.url });
    expect(code).toBe(2);
    expect(stderr).toContain('the prefix serves HubSpot portal 424242; this configuration uses HubSpot portal 777001');
  });

  it('check shows a FAIL line for it', async () => {
    const line = await checkAccounts(configFromEnv(parseEnv({ ...envB, LOG_LEVEL: 'silent' })));
    expect(line).toMatchObject({ item: 'Accounts', status: 'fail' });
    expect(line.detail).toContain('serves other accounts');
    expect(line.fix).toContain('forget-account --yes');
    const same = await checkAccounts(configFromEnv(parseEnv({ ...envA, LOG_LEVEL: 'silent' })));
    expect(same).toMatchObject({ item: 'Accounts', status: 'ok' });
    expect(same.detail).toContain('HubSpot portal 424242');
  });

  it('forget-account: says what it would delete without --yes, refuses while a worker runs, then empties the prefix so account B can start', async () => {
    const asked = await runCli(['forget-account'], envB);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('Run it again with --yes');
    expect((await readAccounts(stack.services.redis, stack.prefix)).sequence).toBeDefined();

    const workerA = spawnWorker(envA);
    await workerA.waitForLine((l) => l.msg === 'worker started', 30_000);
    const refused = await runCli(['forget-account', '--yes'], envB);
    await stopWorker(workerA);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('stop every worker on it first');

    const done = await runCli(['forget-account', '--yes'], envB);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`forgot QUEUE_PREFIX "${stack.prefix}"`);
    expect(await stack.services.links.get('1')).toBeUndefined();
    expect(await readAccounts(stack.services.redis, stack.prefix)).toEqual({});

    const workerB = spawnWorker(envB);
    try {
      await workerB.waitForLine((l) => l.msg === 'worker started', 30_000);
    } finally {
      await stopWorker(workerB);
    }
    expect((await readAccounts(stack.services.redis, stack.prefix)).sequence?.fingerprint).toBe(sequenceAccount({ baseUrl: production.url, clientId: PROD_ID })!.fingerprint);
  }, 90_000);
});

describe('the account guard with the write-back on', () => {
  let stack: TestStack;
  let otherPortal: HubSpotSimulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    otherPortal = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, portalId: 777002 });
    env = testEnv(stack.prefix, stack.hubspot, stack.sequence, { LOG_LEVEL: 'info', HUBSPOT_WRITE_BACK: 'true' });
  });

  afterAll(async () => {
    await otherPortal.close();
    await stack.close();
  });

  it('a worker verifies the accounts, then creates the billing properties and writes back; one refused for another portal writes nothing there; forget-account clears the write-back state', async () => {
    const worker = spawnWorker(env);
    const { JobRunner } = await import('../helpers/jobs');
    const jobs = await JobRunner.open(stack);
    const ids = seedBillable(stack, 3, 900);
    try {
      const created = await worker.waitForLine((l) => l.msg === 'write-back: company properties created', 30_000);
      const verified = worker.lines.findIndex((l) => l.msg === 'accounts verified');
      expect(verified).toBeGreaterThanOrEqual(0);
      expect(verified).toBeLessThan(worker.lines.indexOf(created));
      expect(stack.hubspot.store.companyProperties.get(WRITE_BACK_PROPERTY.status)).toBeDefined();
      const results = await jobs.sync(ids, {}, 60_000);
      expect(results.map((r) => r.action)).toEqual(['created', 'created', 'created']);
      await waitFor(() => ids.every((id) => stack.hubspot.store.getCompany(id)!.properties[WRITE_BACK_PROPERTY.status] === 'synced'), 15_000, 'the billing state written back');
    } finally {
      await jobs.close();
      await stopWorker(worker);
    }
    expect((await readWriteBackStatus(stack.services.redis, stack.prefix))?.companiesWritten).toBe(3);

    const elsewhere = spawnWorker({ ...env, HUBSPOT_BASE_URL: otherPortal.url });
    const exit = await exitWithin(elsewhere, 30_000);
    if (!exit) await stopWorker(elsewhere, 'SIGKILL');
    expect(exit?.code).toBe(2);
    // Refused before anything was written to that portal: no property group, no property, no update.
    expect(otherPortal.store.apiWrites).toMatchObject({ groupsCreated: 0, propertiesCreated: 0, batchUpdates: 0 });
    expect(otherPortal.stats.count({ method: 'POST' })).toBe(0);

    const asked = await runCli(['forget-account'], env);
    expect(asked.stderr).toContain("the write-back's state");
    expect((await runCli(['forget-account', '--yes'], env)).code).toBe(0);
    expect(await readWriteBackStatus(stack.services.redis, stack.prefix)).toBeUndefined();
  }, 120_000);
});

describe('switching accounts under the default billing scope (closed-won)', () => {
  let stack: TestStack;
  let production: SequenceSimulator;
  let envA: Record<string, string>;
  let envB: Record<string, string>;

  beforeAll(async () => {
    // BILLING_SCOPE unset: the default, closed-won.
    ({ stack, production, envA, envB } = await sandboxAndProduction({ BILLING_SCOPE: '' }));
  });

  afterAll(async () => {
    await production.close();
    await stack.close();
  });

  async function fullRun(env: Record<string, string>) {
    const worker = spawnWorker(env);
    try {
      await worker.waitForLine((l) => l.msg === 'worker started', 30_000);
      const run = await runCli(['reconcile', '--full', '--wait', '--json'], env, 90_000);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as { created: number; outOfScope: number; scope: string };
    } finally {
      await stopWorker(worker);
    }
  }

  it('the guard refuses account B; after forget-account, B creates customers for the companies with a won deal only', async () => {
    const ids = seedBillable(stack, 10, 500);
    const won = ids.slice(0, 4);
    for (const [i, id] of ids.slice(0, 7).entries()) {
      const deal = stack.hubspot.store.createDeal({ dealname: `Deal ${i}`, dealstage: i < 4 ? 'closedwon' : 'appointmentscheduled' });
      stack.hubspot.store.associateDeal(deal.id, id, { primary: true });
    }
    const onA = await fullRun(envA);
    expect(onA).toMatchObject({ created: 4, scope: 'closed-won' });

    const workerB = spawnWorker(envB);
    const exit = await exitWithin(workerB, 30_000);
    if (!exit) await stopWorker(workerB, 'SIGKILL');
    expect(exit?.code).toBe(2);
    expect((await runCli(['reconcile', '--full'], envB)).code).toBe(2);
    expect(production.stats.total).toBe(0);

    expect((await runCli(['forget-account', '--yes'], envB)).code).toBe(0);
    const onB = await fullRun(envB);
    expect(onB).toMatchObject({ created: 4, scope: 'closed-won' });
    expect(production.store.all().map((c) => c.integrationIds[0]!.id).sort()).toEqual([...won].sort());
    // Account A's customers are untouched.
    expect(stack.sequence.store.count()).toBe(4);
  }, 240_000);
});

describe('account records', () => {
  const { prefix, redis } = suiteRedis('accounts');

  it('a HubSpot outage at start does not block it: the Sequence account is checked, the portal recorded by a later start', async () => {
    const hubspot = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0 });
    const sequence = await startSequenceSimulator({ rateLimitPerMinute: 0 });
    const own = uniquePrefix('accounts-outage');
    try {
      hubspot.faults.inject('error5xx', { path: /account-info/ }, 1);
      const env = testEnv(own, hubspot, sequence, { LOG_LEVEL: 'info' });
      const worker = spawnWorker(env);
      try {
        const warning = await worker.waitForLine((l) => typeof l.msg === 'string' && l.msg.startsWith('HubSpot account not verified at start'), 30_000);
        expect(warning.level).toBe(40);
        await worker.waitForLine((l) => l.msg === 'worker started', 30_000);
      } finally {
        await stopWorker(worker);
      }
      const recorded = await readAccounts(redis(), own);
      expect(recorded.sequence).toBeDefined();
      expect(recorded.hubspotPortalId).toBeUndefined();
      // The next command, with HubSpot back, records the portal.
      expect((await runCli(['reconcile'], env)).code).toBe(0);
      expect((await readAccounts(redis(), own)).hubspotPortalId).toBe('424242');
    } finally {
      await Promise.all([hubspot.close(), sequence.close()]);
      await deletePrefix(own);
    }
  }, 60_000);

  it('two first starts on different accounts at once: exactly one is recorded', async () => {
    const a = { sequence: sequenceAccount({ baseUrl: 'https://sandbox.sequencehq.com/api', clientId: 'client-a' }) };
    const b = { sequence: sequenceAccount({ baseUrl: 'https://eu.sequencehq.com/api', clientId: 'client-b' }) };
    const [first, second] = await Promise.all([claimAccounts(redis(), `${prefix}:race`, a), claimAccounts(redis(), `${prefix}:race`, b)]);
    expect(first).toEqual(second);
    expect([a.sequence!.fingerprint, b.sequence!.fingerprint]).toContain(first.sequence?.fingerprint);
  });

  it('keeps the client id out of the record: a fingerprint of base URL and client id', async () => {
    const account = sequenceAccount({ baseUrl: 'https://eu.sequencehq.com/api', clientId: 'client-a' })!;
    expect(account).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), host: 'eu.sequencehq.com' });
    expect(sequenceAccount({ baseUrl: 'https://EU.sequencehq.com/api/', clientId: 'client-a' })).toEqual(account);
    expect(sequenceAccount({ baseUrl: 'https://sandbox.sequencehq.com/api', clientId: 'client-a' })!.fingerprint).not.toBe(account.fingerprint);
    await claimAccounts(redis(), `${prefix}:clear`, { sequence: account });
    expect(JSON.stringify(await redis().hgetall(`${prefix}:clear:accounts`))).not.toContain('client-a');
  });
});
