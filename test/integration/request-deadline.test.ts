/**
 * REQUEST_TIMEOUT_MS bounds a whole request, body included (issue 22, item 3): an answer that sends
 * its head at once and then one byte at a time (so no idle timeout ever fires) is given up at the
 * deadline, in the worker and in `check`, for both APIs, and its connection is closed rather than
 * left dripping. The simulators hold such an answer for a minute; the waits here are upper bounds.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { configFromEnv, parseEnv } from '../../config';
import { checkHubSpot, checkSequence, checkWriteBack } from '../../src/check/checks';
import { checkAccounts } from '../../src/check/account-check';
import { checkBillingScope } from '../../src/check/scope-check';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../src/simulators/hubspot';
import { startSequenceSimulator, type SequenceSimulator } from '../../src/simulators/sequence';
import { startSyncWorker, type RunningSyncWorker } from '../../src/workers/sync-worker';
import { JobRunner, startRunningStack, type RunningStack } from '../helpers/jobs';
import { WRITE_BACK_PROPERTY } from '../../src/writeback/properties';
import { hubspotRoute, reconcileAndWait, seedBillable, startStack, testEnv, uniquePrefix, waitFor, type TestStack } from '../helpers/stack';

const DEADLINE_MS = 1_000;
const DRIP_EVERY_MS = 100;
const HOLD_MS = 60_000;

function dripping(sim: { faults: { dripIntervalMs: number; hangMs: number } }) {
  sim.faults.dripIntervalMs = DRIP_EVERY_MS;
  sim.faults.hangMs = HOLD_MS;
}

describe('a dripping answer in the worker', () => {
  let stack: TestStack;
  let worker: RunningSyncWorker;
  let jobs: JobRunner;

  beforeAll(async () => {
    stack = await startStack({ env: { REQUEST_TIMEOUT_MS: String(DEADLINE_MS) } });
    dripping(stack.sequence);
    dripping(stack.hubspot);
    worker = await startSyncWorker(stack.services);
    jobs = await JobRunner.open(stack);
  });

  afterAll(async () => {
    await jobs.close();
    await worker.close();
    await stack.close();
  });

  it('from Sequence: the call is given up at the deadline and retried; the company is synced and the connection closed', async () => {
    const [id] = seedBillable(stack, 1, 10);
    stack.sequence.faults.inject('drip', { method: 'GET' }, 1);
    const results = await jobs.sync([id!], {}, 20_000);
    expect(results).toEqual([expect.objectContaining({ companyId: id, action: 'created' })]);
    expect(stack.sequence.stats.count({ status: 0 })).toBe(1);
    expect(stack.sequence.faults.dripping).toBe(0);
  });

  it('from HubSpot: the call is given up at the deadline and retried; the company is synced and the connection closed', async () => {
    const [id] = seedBillable(stack, 1, 20);
    stack.hubspot.faults.inject('drip', { method: 'POST', path: /batch\/read/ }, 1);
    const results = await jobs.sync([id!], {}, 20_000);
    expect(results).toEqual([expect.objectContaining({ companyId: id, action: 'created' })]);
    // The abandoned request does not go on reading: its connection is closed at the deadline.
    await waitFor(() => stack.hubspot.faults.dripping === 0, 5_000, 'the dripping HubSpot connection to be closed');
  });
});

describe("a dripping answer on the billing scope's reads (BILLING_SCOPE=closed-won: pipelines, deal associations, deal search)", () => {
  let running: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;

  beforeAll(async () => {
    running = await startRunningStack({ env: { REQUEST_TIMEOUT_MS: String(DEADLINE_MS), BILLING_SCOPE: 'closed-won' } });
    ({ stack, jobs } = running);
    dripping(stack.hubspot);
  });

  afterAll(() => running.close());

  const wonDeal = (companyId: string) => {
    const deal = stack.hubspot.store.createDeal({ dealname: `Deal of ${companyId}`, dealstage: 'closedwon' });
    stack.hubspot.store.associateDeal(deal.id, companyId, { primary: true });
  };

  it('the pipelines and the company-to-deal associations: each given up at the deadline and retried; the company is created and the connections closed', async () => {
    const [id] = seedBillable(stack, 1, 30);
    wonDeal(id!);
    stack.hubspot.faults.inject('drip', { method: 'GET', path: /\/crm\/pipelines\// }, 1);
    stack.hubspot.faults.inject('drip', { method: 'POST', path: /\/companies\/deals\/batch\/read/ }, 1);
    const started = Date.now();
    const results = await jobs.sync([id!], {}, 30_000);
    expect(results).toEqual([expect.objectContaining({ companyId: id, action: 'created' })]);
    expect(Date.now() - started).toBeLessThan(HOLD_MS / 2);
    await waitFor(() => stack.hubspot.faults.dripping === 0, 5_000, 'the dripping HubSpot connections to be closed');
    expect(stack.hubspot.faults.scriptedRemaining()).toBe(0);
  });

  it('the deal search of a full run: given up at the deadline and retried; the run finishes and creates the customer', async () => {
    const [id] = seedBillable(stack, 1, 40);
    wonDeal(id!);
    stack.hubspot.faults.inject('drip', { method: 'POST', path: /\/deals\/search/ }, 1);
    const report = await reconcileAndWait(stack, 'full', { timeoutMs: 30_000 });
    expect(report).toMatchObject({ status: 'finished', failed: 0 });
    expect(stack.sequence.store.byAlias(`hubspot-company-${id}`)).toBeDefined();
    await waitFor(() => stack.hubspot.faults.dripping === 0, 5_000, 'the dripping HubSpot connection to be closed');
    expect(stack.hubspot.faults.scriptedRemaining()).toBe(0);
  });
});

describe('a dripping answer to the write-back (HUBSPOT_WRITE_BACK=true: property creation, batch update)', () => {
  let running: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;

  beforeAll(async () => {
    // The app creates the properties in the background at start: the group's creation meets the drip, as does the first batch update.
    running = await startRunningStack({ env: { REQUEST_TIMEOUT_MS: String(DEADLINE_MS), HUBSPOT_WRITE_BACK: 'true' } }, undefined, ({ hubspot }) => {
      dripping(hubspot);
      hubspot.faults.inject('drip', { method: 'POST', path: /\/crm\/properties\/[^/]+\/companies\/groups/ }, 1);
      hubspot.faults.inject('drip', { method: 'POST', path: /\/companies\/batch\/update/ }, 1);
    });
    ({ stack, jobs } = running);
  });

  afterAll(() => running.close());

  it('each call is given up at the deadline and tried again; the sync is not held past the budget, the state is written, the connections closed', async () => {
    const [id] = seedBillable(stack, 1, 50);
    const started = Date.now();
    const results = await jobs.sync([id!], {}, 30_000);
    expect(results).toEqual([expect.objectContaining({ companyId: id, action: 'created' })]);
    // The write-back holds a job for its budget (2 s) at most, never for the minute an answer drips.
    expect(Date.now() - started).toBeLessThan(HOLD_MS / 4);
    await waitFor(async () => (await stack.services.writeBack!.idle()) && stack.hubspot.store.getCompany(id!)!.properties[WRITE_BACK_PROPERTY.status], 20_000, 'the billing state written');
    expect(stack.hubspot.store.getCompany(id!)!.properties[WRITE_BACK_PROPERTY.customerId]).toBe(stack.sequence.store.byAlias(`hubspot-company-${id}`)!.id);
    // One given-up call each (status 0: no answer recorded), then the retry that went through.
    expect(stack.hubspot.stats.count({ method: 'POST', route: hubspotRoute('objects', 'companies/batch/update'), status: 0 })).toBe(1);
    expect(stack.hubspot.stats.count({ method: 'POST', route: `/crm/properties/${stack.config.hubspot.apiVersion}/companies/groups`, status: 0 })).toBe(1);
    expect(stack.hubspot.faults.scriptedRemaining()).toBe(0);
    await waitFor(() => stack.hubspot.faults.dripping === 0, 5_000, 'the dripping HubSpot connections to be closed');
  });
});

describe('a dripping answer in check', () => {
  let hubspot: HubSpotSimulator;
  let sequence: SequenceSimulator;

  beforeAll(async () => {
    hubspot = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0 });
    sequence = await startSequenceSimulator({ rateLimitPerMinute: 0 });
    dripping(hubspot);
    dripping(sequence);
  });

  afterAll(async () => {
    await Promise.all([hubspot.close(), sequence.close()]);
  });

  const config = () => configFromEnv(parseEnv(testEnv(uniquePrefix('deadline'), hubspot, sequence, { REQUEST_TIMEOUT_MS: String(DEADLINE_MS), LOG_LEVEL: 'silent' })));

  it('from Sequence: a FAIL line saying it timed out, and the connection closed', async () => {
    sequence.faults.inject('drip', { method: 'GET' }, 1);
    const lines = await checkSequence(config());
    expect(lines[0]).toMatchObject({ item: 'Sequence credentials', status: 'fail' });
    expect(lines[0]!.detail).toContain('timed out');
    expect(sequence.faults.dripping).toBe(0);
  });

  const scopeLine = { check: checkBillingScope, env: { BILLING_SCOPE: 'closed-won' }, item: 'Billing scope (BILLING_SCOPE=closed-won)' };
  const writeBackLine = { check: checkWriteBack, env: { HUBSPOT_WRITE_BACK: 'true' }, item: 'HubSpot write-back' };
  it.each([
    ["the billing scope's", 'the pipelines', scopeLine, { method: 'GET', path: /\/crm\/pipelines\// }],
    ["the billing scope's", 'the deal search', scopeLine, { method: 'POST', path: /\/deals\/search/ }],
    ["the write-back's", 'the property group creation', writeBackLine, { method: 'POST', path: /\/crm\/properties\/[^/]+\/companies\/groups/ }],
    ["the write-back's", 'the write probe, an empty batch update', writeBackLine, { method: 'POST', path: /\/companies\/batch\/update/ }],
  ] as const)('from HubSpot on %s line (%s): a FAIL line saying it timed out, and the connection closed', async (_line, _call, { check, env, item }, match) => {
    hubspot.faults.inject('drip', match, 1);
    const started = Date.now();
    const line = await check(configFromEnv(parseEnv(testEnv(uniquePrefix('deadline'), hubspot, sequence, { REQUEST_TIMEOUT_MS: String(DEADLINE_MS), LOG_LEVEL: 'silent', ...env }))));
    expect(line).toMatchObject({ item, status: 'fail', detail: expect.stringContaining('timed out') });
    expect(Date.now() - started).toBeLessThan(HOLD_MS / 2);
    await waitFor(() => hubspot.faults.dripping === 0, 5_000, 'the dripping HubSpot connection to be closed');
  });

  it("from HubSpot on the Accounts line (the portal read, GET /account-info/…/details): given up at the deadline, the portal shown unverified, and the connection closed", async () => {
    hubspot.faults.inject('drip', { method: 'GET', path: /\/account-info\// }, 1);
    const started = Date.now();
    const line = await checkAccounts(config());
    expect(line).toMatchObject({ item: 'Accounts', status: 'warn', detail: expect.stringMatching(/the HubSpot portal was not verified \(.*timed out/) });
    expect(Date.now() - started).toBeLessThan(HOLD_MS / 2);
    await waitFor(() => hubspot.faults.dripping === 0, 5_000, 'the dripping HubSpot connection to be closed');
  });

  it('from HubSpot: a FAIL line saying it timed out, and the connection closed', async () => {
    hubspot.faults.inject('drip', { method: 'GET' }, 2);
    const lines = await checkHubSpot(config());
    expect(lines[0]).toMatchObject({ item: 'HubSpot token', status: 'fail' });
    expect(lines[0]!.detail).toContain('timed out');
    await waitFor(() => hubspot.faults.dripping === 0, 5_000, 'the dripping HubSpot connections to be closed');
  });
});

describe('a HubSpot server that never sends an answer\'s head', () => {
  it('is given up at the deadline, and fetch closes its connection a second or two later instead of after 300 s', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../helpers/headless-child.ts'), '500', '8000'], { encoding: 'utf8', timeout: 30_000 });
    const outcome = JSON.parse(child.stdout.trim()) as { ended: string; closedAfterMs: number | null };
    expect(outcome.ended).toBe('timed out');
    expect(outcome.closedAfterMs).not.toBeNull();
    expect(outcome.closedAfterMs!).toBeLessThan(5_000);
  });
});
