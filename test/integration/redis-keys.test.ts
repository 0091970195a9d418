/**
 * Redis holds what it needs, no more: after every kind of work (full and incremental runs, a waited-for
 * sync, webhooks, a failed dashboard login, credentials refused; under BILLING_SCOPE=closed-won a
 * worker's account record, scope-driven runs and a deal webhook through the pending deals and a
 * resolve-deals job; with HUBSPOT_WRITE_BACK and PARENT_CUSTOMERS a backfill of a hierarchy, a
 * waited-for sync with its parents, a parent association webhook and a confirmed merge that re-syncs
 * the children), every key under the prefix is one of the documented kinds
 * (src/redis/key-bounds.ts, docs/operations.md), and each kind bounded by an expiry carries one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureAccounts } from '../../src/accounts/guard';
import { SyncJobResult } from '../../src/queue/payloads';
import { formatStatus } from '../../src/cli/commands/status';
import { collectStatus } from '../../src/status/collect';
import { writeBackKey } from '../../src/writeback/status';
import { createServices } from '../../src/services';
import { startSyncWorker } from '../../src/workers/sync-worker';
import { KEY_KINDS, keyUsage, kindOfKey } from '../../src/redis/key-bounds';
import { scanKeys } from '../../src/redis/keys';
import { deliverWebhook, simulatedEvent, simulatedGenericEvent, simulatedParentAssociationEvents } from '../../src/simulators/hubspot/webhooks';
import { suiteRunningStack } from '../helpers/jobs';
import { reconcileAndWait, seedBillable, waitFor, type TestStack } from '../helpers/stack';

async function expectEveryKeyBounded(stack: TestStack, expectedKinds: string[]): Promise<void> {
  const unknown: string[] = [];
  const withoutExpiry: string[] = [];
  const seen = new Set<string>();
  for await (const { node, keys } of scanKeys(stack.services.redis, `${stack.prefix}:*`)) {
    for (const key of keys) {
      const kind = kindOfKey(stack.prefix, key);
      if (!kind) {
        unknown.push(key);
        continue;
      }
      seen.add(kind.name);
      // -1: no expiry; -2: gone since the scan (a lock released meanwhile).
      if (kind.bound === 'ttl' && (await node.pttl(key)) === -1) withoutExpiry.push(key);
    }
  }
  expect(unknown).toEqual([]);
  expect(withoutExpiry).toEqual([]);
  for (const name of expectedKinds) expect(seen).toContain(name);

  const usage = await keyUsage(stack.services.redis, stack.prefix);
  expect(usage.find((u) => u.kind === 'other')).toBeUndefined();
  expect(usage.find((u) => u.kind === 'links')).toMatchObject({ keys: 1, bytes: expect.any(Number) });
}

describe('every key under the prefix has a bound', () => {
  // With the schedules (their keys are checked too) and HTTP (webhooks, the dashboard's login).
  const running = suiteRunningStack({ env: { ADMIN_PASSWORD: 'a-long-enough-password', SYNC_BATCH_SIZE: '50' } }, { port: 0, host: '127.0.0.1' });

  it('after runs, syncs, webhooks, a failed login and refused credentials', async () => {
    const { stack, app, jobs } = running();
    const ids = seedBillable(stack, 120);
    stack.hubspot.store.createCompany({ name: 'No Address Ltd' });
    await reconcileAndWait(stack, 'full');
    stack.hubspot.store.updateCompany(ids[0]!, { name: 'Renamed' });
    await reconcileAndWait(stack, 'incremental');
    await jobs.sync([ids[1]!], { force: true });
    stack.hubspot.store.updateCompany(ids[2]!, { name: 'Renamed by webhook' });
    expect((await deliverWebhook(`${app.url}/webhooks/hubspot`, 'webhook-secret', [simulatedEvent('company.propertyChange', ids[2]!)])).status).toBe(200);
    await waitFor(() => stack.sequence.store.byAlias(`hubspot-company-${ids[2]}`)?.legalName === 'Renamed by webhook', 15_000, 'webhook sync');
    const login = await fetch(`${app.url}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` } });
    expect(login.status).toBe(401);
    // A worker whose Sequence credentials are refused records itself as stopped.
    await app.sync.worker.close();
    const refused = createServices({ ...stack.config, sequence: { ...stack.config.sequence, clientSecret: 'wrong-secret' } }, stack.logger);
    const stopped = await startSyncWorker(refused);
    try {
      await stack.services.queues.sync.add('sync-companies', { companyIds: [ids[3]!], source: 'cli', force: true });
      await waitFor(() => stopped.authFailure, 15_000, 'auth failure').catch((e) => { console.log(JSON.stringify(stack.logs.lines.slice(-8))); throw e; });
      await waitFor(async () => (await stack.services.redis.exists(`${stack.prefix}:auth-failures`)) === 1, 5_000, 'auth failure record');
      await expectEveryKeyBounded(stack, ['jobs', 'finished jobs list', 'links', 'failure index', 'customer index', 'reconciliation runs', 'run reports', 'schedules', 'webhook replay guard', 'dashboard logins', 'stopped workers', 'checkpoint']);
    } finally {
      await stopped.worker.close(true);
      await refused.close();
    }
  });

  it('docs/operations.md lists every kind of key and its bound', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'operations.md'), 'utf8');
    const missing = KEY_KINDS.filter((kind) => !doc.includes(`\`${kind.shape}\``)).map((kind) => kind.shape);
    expect(missing).toEqual([]);
  });
});

describe('every key under the prefix has a bound: BILLING_SCOPE=closed-won', () => {
  // A debounce long enough to see the pending deal before it is drained.
  const running = suiteRunningStack({ env: { BILLING_SCOPE: 'closed-won', WEBHOOK_DEBOUNCE_MS: '3000', SYNC_BATCH_SIZE: '20' } });

  it('after a worker start, scope-driven full and incremental runs and a deal moved to won by webhook', async () => {
    const { stack, app } = running();
    // What the worker command does at start: the prefix records its accounts.
    await ensureAccounts(stack.config, stack.services.redis, () => undefined);
    const ids = seedBillable(stack, 60, 700);
    const dealOf = new Map<string, string>();
    for (const [i, id] of ids.slice(0, 30).entries()) {
      const deal = stack.hubspot.store.createDeal({ dealname: `Deal ${i}`, dealstage: i < 25 ? 'closedwon' : 'appointmentscheduled' });
      stack.hubspot.store.associateDeal(deal.id, id, { primary: true });
      dealOf.set(id, deal.id);
    }
    const full = await reconcileAndWait(stack, 'full');
    expect(full).toMatchObject({ status: 'finished', created: 25, scope: 'closed-won' });
    // Finished batches of the run keep ids and counts: not the won deals the listing handed them.
    for (const job of (await stack.services.queues.sync.getJobs(['completed'])).filter((j) => j.name === 'sync-companies')) {
      expect(Object.keys(job.data as object).sort()).toEqual(['companyIds', 'runId', 'source']);
      SyncJobResult.strict().parse(job.returnvalue);
    }
    await reconcileAndWait(stack, 'incremental');

    // A prospect's deal moved to won: the webhook waits in the pending deals, then a resolve-deals job.
    const prospect = ids[26]!;
    const deal = dealOf.get(prospect)!;
    stack.hubspot.store.moveDeal(deal, 'closedwon');
    const answer = await deliverWebhook(`${app.url}/webhooks/hubspot`, 'webhook-secret', [
      simulatedGenericEvent('object.propertyChange', 'deal', deal, { propertyName: 'dealstage', propertyValue: 'closedwon' }),
    ]);
    expect(JSON.parse(answer.responseBody)).toEqual({ accepted: 1 });
    expect(await stack.services.redis.exists(`${stack.prefix}:pending:deals`)).toBe(1);
    await expectEveryKeyBounded(stack, ['accounts', 'pending webhook changes', 'jobs', 'finished jobs list', 'links', 'customer index', 'reconciliation runs', 'run reports', 'webhook replay guard', 'checkpoint']);

    await waitFor(() => stack.sequence.store.byAlias(`hubspot-company-${prospect}`), 15_000, 'the prospect became a customer');
    const resolved = (await stack.services.queues.sync.getJobs(['completed'])).find((j) => j.name === 'resolve-deals');
    expect(resolved?.returnvalue).toEqual({ counts: { deals: 1, won: 1, companies: 1 } });
    await expectEveryKeyBounded(stack, ['accounts', 'jobs', 'links', 'reconciliation runs', 'run reports', 'checkpoint']);
  }, 120_000);
});

describe('every key under the prefix has a bound: HUBSPOT_WRITE_BACK and PARENT_CUSTOMERS on', () => {
  // Batches of 20: parents in other batches are synced first, nested in their children's batch.
  const running = suiteRunningStack({ env: { HUBSPOT_WRITE_BACK: 'true', PARENT_CUSTOMERS: 'true', ARCHIVE_ON_DELETE: 'true', SYNC_BATCH_SIZE: '20' } });

  it('after a backfill of a hierarchy, a waited-for sync with its parents, a parent webhook and a confirmed merge', async () => {
    const { stack, jobs, url } = running();
    const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);
    const ids = seedBillable(stack, 60, 900);
    // Children after their parents' batch and before it: 45 → 5 → 0, 30 → 25; a group of two for the merge.
    stack.hubspot.store.setParentCompany(ids[5]!, ids[0]!);
    stack.hubspot.store.setParentCompany(ids[45]!, ids[5]!);
    stack.hubspot.store.setParentCompany(ids[30]!, ids[25]!);
    const [group, survivor] = [ids[50]!, ids[51]!];
    stack.hubspot.store.setParentCompany(ids[52]!, group);
    stack.hubspot.store.setParentCompany(ids[53]!, group);
    stack.hubspot.store.createCompany({ name: 'No Address Ltd' });
    await reconcileAndWait(stack, 'full');
    await stack.services.writeBack!.idle();
    expect(stack.sequence.store.parentOf(customerOf(ids[45]!)!.id)).toBe(customerOf(ids[5]!)!.id);

    // sync --wait: each company's result, with its parent, kept under the request's run id, then dropped.
    stack.hubspot.store.updateCompany(ids[45]!, { name: 'Renamed Child' });
    const [waited] = await jobs.sync([ids[45]!]);
    expect(waited).toMatchObject({ companyId: ids[45], action: 'updated', parent: { companyId: ids[5], customerId: customerOf(ids[5]!)!.id } });

    // A new parent association, by webhook: the child follows.
    stack.hubspot.store.setParentCompany(ids[10]!, ids[40]!);
    expect((await deliverWebhook(url, 'webhook-secret', simulatedParentAssociationEvents(ids[40]!, ids[10]!))).status).toBe(200);
    await waitFor(async () => (await stack.services.links.get(ids[10]!))?.parentCompanyId === ids[40], 15_000, 'child re-synced under its new parent');

    // A confirmed merge: the group's children are re-synced under the survivor (through the pending companies).
    stack.hubspot.store.mergeCompanies(survivor, group);
    expect((await deliverWebhook(url, 'webhook-secret', [simulatedEvent('company.merge', survivor, { primaryObjectId: Number(survivor), mergedObjectIds: [Number(group)] })])).status).toBe(200);
    for (const child of [ids[52]!, ids[53]!]) {
      await waitFor(async () => (await stack.services.links.get(child))?.parentCompanyId === survivor, 15_000, `child ${child} re-synced under the survivor`);
    }
    await waitFor(async () => (await stack.services.queues.sync.getJobCounts('waiting', 'active', 'delayed')).active === 0, 15_000, 'queue idle');
    await stack.services.writeBack!.idle();

    // Finished company jobs (sync and merge) keep counts and failures only: no results, no parents.
    const finished = (await stack.services.queues.sync.getJobs(['completed'])).filter((j) => j.name === 'sync-companies' || j.name === 'merge-companies');
    expect(finished.map((j) => j.name)).toContain('merge-companies');
    for (const job of finished) SyncJobResult.strict().parse(job.returnvalue);
    // Nothing kept for the waited-for sync once it was read.
    for await (const { keys } of scanKeys(stack.services.redis, `${stack.prefix}:run:*:results`)) expect(keys).toEqual([]);

    expect(await stack.services.redis.hget(writeBackKey(stack.prefix), 'companies')).toMatch(/^[1-9]\d*$/);
    await expectEveryKeyBounded(stack, ['write-back state', 'links', 'failure index', 'jobs', 'finished jobs list', 'reconciliation runs', 'run reports', 'webhook replay guard', 'checkpoint']);
    // status shows the write-back and its key among the kinds.
    const status = await collectStatus({ ...stack.services, prefix: stack.prefix, writeBackOn: true });
    expect(status.redisKeys).toContainEqual(expect.objectContaining({ kind: 'write-back state', keys: 1 }));
    const text = formatStatus(status, 5);
    expect(text).toMatch(/HubSpot write-back: \d+ companies written\./);
    expect(text).toMatch(/write-back state\s*│\s*1\s*│/);
  }, 120_000);
});
