/**
 * HUBSPOT_WRITE_BACK, end to end on the dated paths (numbered ones refused): the real worker writes
 * each company's billing state back onto it in the simulated HubSpot after a backfill, fixes flip it
 * within seconds, runs without changes write nothing anywhere, the service's own writes cause no
 * loop, the property never identifies, and a token without write scopes fails `check` while the
 * worker keeps syncing.
 */
import { startApp, type App } from '../../src/app';
import { formatStatus } from '../../src/cli/commands/status';
import { checkPassed, formatCheckLine, runChecks } from '../../src/check/checks';
import { collectStatus } from '../../src/status/collect';
import { deliverWebhook, simulatedGenericEvent } from '../../src/simulators/hubspot/webhooks';
import { BILLING_STATUS, WRITE_BACK_PROPERTY } from '../../src/writeback/properties';
import { hubspotRoute, reconcileAndWait, seedBillable, startStack, waitFor, sequenceWrites, type TestStack } from '../helpers/stack';

const SECRET = 'webhook-secret';
const WRITE_BACK = { HUBSPOT_WRITE_BACK: 'true' };
const P = WRITE_BACK_PROPERTY;

const props = (stack: TestStack, id: string) => stack.hubspot.store.getCompany(id)!.properties;

describe('the billing state written back to HubSpot', () => {
  let stack: TestStack;
  let app: App;
  let url: string;
  let billable: string[];
  let unbillable: string;

  beforeAll(async () => {
    stack = await startStack({ env: { ...WRITE_BACK, SYNC_BATCH_SIZE: '100', WEBHOOK_DEBOUNCE_MS: '100', RECONCILE_LOOKBACK_MS: '60000' } });
    app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1' });
    url = `${app.url}/webhooks/hubspot`;
    billable = seedBillable(stack, 230);
    // A company without a country: it cannot be billed until someone sets one.
    const { store } = stack.hubspot;
    const company = store.createCompany({ name: 'Nowhere Ltd', address: '1 Lost Lane', city: 'Leeds', zip: 'LS1 1AA' });
    const contact = store.createContact({ email: 'ap@nowhere.example', firstname: 'Ann', lastname: 'Payer' });
    store.associate(company.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    unbillable = company.id;
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  it('creates its property group and properties on the dated properties API', async () => {
    await stack.services.writeBack!.prepare();
    const registry = stack.hubspot.store.companyProperties;
    expect(registry.listGroups().map((g) => g.name)).toContain('sequence_billing');
    for (const name of Object.values(P)) expect(registry.get(name)).toMatchObject({ groupName: 'sequence_billing', hubspotDefined: false });
    expect(registry.get(P.status)?.options.map((o) => o.value)).toEqual(['synced', 'cannot_be_billed', 'needs_attention']);
    expect(stack.hubspot.store.apiWrites).toMatchObject({ groupsCreated: 1, propertiesCreated: 4 });
    expect(stack.hubspot.stats.count({ method: 'POST', route: `/crm/properties/${stack.config.hubspot.apiVersion}/companies` })).toBe(4);
    // Created once: a second preparation (another worker starting) finds them.
    await stack.services.writeBack!.prepare();
    expect(stack.hubspot.store.apiWrites).toMatchObject({ groupsCreated: 1, propertiesCreated: 4 });
  });

  it('after a backfill, every billed company carries its customer id and status; the unbillable one its problem', async () => {
    const report = await reconcileAndWait(stack, 'full');
    expect(report).toMatchObject({ created: 230, failed: 1 });
    await stack.services.writeBack!.idle();
    const links = await stack.services.links.getMany(billable);
    for (const id of billable) {
      const customer = stack.sequence.store.byAlias(`hubspot-company-${id}`)!;
      const p = props(stack, id);
      expect({ id: p[P.customerId], status: p[P.status], problems: p[P.problems] }).toEqual({ id: customer.id, status: BILLING_STATUS.synced, problems: undefined });
      expect(p[P.lastWrittenAt]).toBe(links.get(id)?.lastWrite?.at);
    }
    const p = props(stack, unbillable);
    expect(p[P.status]).toBe(BILLING_STATUS.cannotBeBilled);
    expect(p[P.problems]).toMatch(/country/);
    expect(p[P.customerId]).toBeUndefined();
    // One batch update per 100 companies written: 231 companies, batches of 100 (the first one smaller).
    const updates = stack.hubspot.stats.count({ method: 'POST', route: hubspotRoute('objects', 'companies/batch/update') });
    expect(updates).toBeGreaterThanOrEqual(3);
    expect(updates).toBeLessThanOrEqual(4);
    expect(stack.hubspot.store.apiWrites.objectUpdates).toBe(231);
  });

  it("the service's own writes moved hs_lastmodifieddate; the incremental run that sees them makes no Sequence call and no HubSpot write", async () => {
    const checkpoint = Number(await stack.services.redis.get(`${stack.prefix}:reconcile:incremental:since`));
    expect(Date.parse(stack.hubspot.store.getCompany(billable[0]!)!.updatedAt)).toBeGreaterThan(checkpoint);
    const sequenceCalls = stack.sequence.stats.total;
    const hubspotWrites = stack.hubspot.store.apiWrites.objectUpdates;
    const report = await reconcileAndWait(stack, 'incremental');
    await stack.services.writeBack!.idle();
    expect(report.scanned).toBeGreaterThanOrEqual(231);
    expect(report.unchanged).toBe(230);
    expect(stack.sequence.stats.total - sequenceCalls).toBe(0);
    expect(stack.hubspot.store.apiWrites.objectUpdates - hubspotWrites).toBe(0);
  });

  it('a no-change full run makes 0 HubSpot writes and 0 Sequence writes', async () => {
    const writes = sequenceWrites(stack);
    const hubspotWrites = stack.hubspot.store.apiWrites.objectUpdates;
    const updates = stack.hubspot.stats.count({ method: 'POST', route: hubspotRoute('objects', 'companies/batch/update') });
    const report = await reconcileAndWait(stack, 'full');
    await stack.services.writeBack!.idle();
    expect(report).toMatchObject({ created: 0, updated: 0, failed: 1 });
    expect(sequenceWrites(stack) - writes).toBe(0);
    expect(stack.hubspot.store.apiWrites.objectUpdates - hubspotWrites).toBe(0);
    expect(stack.hubspot.stats.count({ method: 'POST', route: hubspotRoute('objects', 'companies/batch/update') }) - updates).toBe(0);
  });

  it('after Redis lost the links, a no-change full run (customers found again in the listing) still makes 0 HubSpot writes: the last-written time HubSpot holds for the same customer is kept', async () => {
    const company = stack.hubspot.store.getCompany(billable[0]!)!;
    const shown = company.properties[P.lastWrittenAt];
    expect(shown).toBeTruthy();
    await stack.services.redis.del(stack.services.links.key);
    const writes = sequenceWrites(stack);
    const hubspotWrites = stack.hubspot.store.apiWrites.objectUpdates;
    const report = await reconcileAndWait(stack, 'full');
    await stack.services.writeBack!.idle();
    expect(report).toMatchObject({ created: 0, updated: 0, failed: 1 });
    expect(sequenceWrites(stack) - writes).toBe(0);
    expect(stack.hubspot.store.apiWrites.objectUpdates - hubspotWrites).toBe(0);
    expect(stack.hubspot.store.getCompany(company.id)!.properties[P.lastWrittenAt]).toBe(shown);
  });

  it('fixing the unbillable company in HubSpot flips it to synced within seconds', async () => {
    stack.hubspot.store.updateCompany(unbillable, { country: 'United Kingdom' });
    const started = Date.now();
    const answer = await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.propertyChange', 'company', unbillable, { propertyName: 'country', propertyValue: 'United Kingdom' })]);
    expect(answer.status).toBe(200);
    await waitFor(() => props(stack, unbillable)[P.status] === BILLING_STATUS.synced, 5_000, 'status synced');
    expect(Date.now() - started).toBeLessThan(5_000);
    const customer = stack.sequence.store.byAlias(`hubspot-company-${unbillable}`)!;
    expect(props(stack, unbillable)[P.customerId]).toBe(customer.id);
    expect(props(stack, unbillable)[P.problems]).toBeUndefined();
  });

  it('writes only what changed: an update moves the last-written time alone', async () => {
    const [id] = billable;
    stack.hubspot.store.updateCompany(id!, { name: 'Renamed Holdings' });
    const before = props(stack, id!);
    const writes = stack.hubspot.store.apiWrites.objectUpdates;
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.propertyChange', 'company', id!, { propertyName: 'name', propertyValue: 'Renamed Holdings' })]);
    await waitFor(() => props(stack, id!)[P.lastWrittenAt] !== before[P.lastWrittenAt], 5_000, 'last written moved');
    await stack.services.writeBack!.idle();
    expect(stack.hubspot.store.apiWrites.objectUpdates - writes).toBe(1);
    expect(props(stack, id!)[P.customerId]).toBe(before[P.customerId]);
    const line = stack.logs.lines.filter((l) => l.msg === 'write-back: companies written').at(-1);
    expect(line).toMatchObject({ companies: 1 });
  });

  it('the property mirrors, it never identifies: a value copied from another company is not linked by and is corrected', async () => {
    const { store } = stack.hubspot;
    const other = stack.sequence.store.byAlias(`hubspot-company-${billable[5]}`)!;
    // A copied record: a new company whose property names another company's customer.
    const [copy] = seedBillable(stack, 1, 5000);
    store.updateCompany(copy!, { [P.customerId]: other.id, [P.status]: 'synced' });
    const customersBefore = stack.sequence.store.count();
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.creation', 'company', copy!)]);
    await waitFor(() => stack.sequence.store.byAlias(`hubspot-company-${copy}`), 5_000, 'its own customer');
    await waitFor(() => props(stack, copy!)[P.customerId] !== other.id, 5_000, 'property corrected');
    const own = stack.sequence.store.byAlias(`hubspot-company-${copy}`)!;
    expect(own.id).not.toBe(other.id);
    expect(props(stack, copy!)[P.customerId]).toBe(own.id);
    expect(stack.sequence.store.count()).toBe(customersBefore + 1);
    // The other company's customer was not touched.
    expect(stack.sequence.store.get(other.id)?.integrationIds.map((i) => i.id)).toEqual([billable[5]]);
  });

  it('a write-back that fails never fails the sync: logged, counted, shown in status, written at the next sync', async () => {
    const [id] = seedBillable(stack, 1, 6000);
    stack.hubspot.faults.inject('error5xx', { method: 'POST', path: /companies\/batch\/update/ }, 10);
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.creation', 'company', id!)]);
    await waitFor(() => stack.sequence.store.byAlias(`hubspot-company-${id}`), 5_000, 'customer created');
    await waitFor(() => stack.logs.lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('write-back of 1 companies failed')), 5_000, 'failure logged');
    expect(props(stack, id!)[P.status]).toBeUndefined();
    const status = await collectStatus({ ...stack.services, prefix: stack.prefix });
    expect(status.writeBack?.errors).toBeGreaterThan(0);
    expect(formatStatus(status, 5)).toMatch(/HubSpot write-back: \d+ companies written, \d+ errors? \(last at .*write-back of 1 companies failed/);
    stack.hubspot.faults.clear();
    stack.hubspot.store.updateCompany(id!, { name: 'Second Try Ltd' });
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.propertyChange', 'company', id!, { propertyName: 'name', propertyValue: 'Second Try Ltd' })]);
    await waitFor(() => props(stack, id!)[P.status] === BILLING_STATUS.synced, 5_000, 'written at the next sync');
  });

  it('writes nothing for outcomes outside its whitelist: a company Sequence refused', async () => {
    const [id] = seedBillable(stack, 1, 7000);
    stack.sequence.faults.inject('reject400', { method: 'POST', path: '/customers' }, 1);
    const writes = stack.hubspot.store.apiWrites.objectUpdates;
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.creation', 'company', id!)]);
    await waitFor(() => stack.logs.lines.find((l) => l.companyId === id && l.action === 'failed'), 5_000, 'refused');
    await stack.services.writeBack!.idle();
    expect(stack.hubspot.store.apiWrites.objectUpdates).toBe(writes);
    expect(props(stack, id!)[P.status]).toBeUndefined();
  });
});

describe('a token without the write scopes', () => {
  let stack: TestStack;
  let app: App;
  const READ_ONLY = 'read-only-token';

  beforeAll(async () => {
    stack = await startStack({
      env: { ...WRITE_BACK, HUBSPOT_ACCESS_TOKEN: READ_ONLY, SYNC_BATCH_SIZE: '50' },
      hubspot: { scopedTokens: { [READ_ONLY]: ['crm.objects.companies.read', 'crm.objects.contacts.read'] } },
    });
    // One job at a time, so the batches after the first 403 show that writes pause.
    app = await startApp(stack.services, { schedules: false, concurrency: 1 });
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  it('check FAILs naming both fixes', async () => {
    const lines = await runChecks(stack.config);
    const line = lines.find((l) => l.item === 'HubSpot write-back')!;
    expect(line.status).toBe('fail');
    expect(checkPassed(lines)).toBe(false);
    const text = formatCheckLine(line);
    expect(text).toMatch(/^FAIL {2}HubSpot write-back: the token lacks crm\.schemas\.companies\.write, crm\.objects\.companies\.write/);
    expect(text).toContain('grant crm.objects.companies.write and crm.schemas.companies.write');
    expect(text).toContain('or set HUBSPOT_WRITE_BACK=false');
    // The read checks still pass.
    expect(lines.find((l) => l.item === 'HubSpot scopes')?.status).toBe('ok');
  });

  it('the worker keeps syncing, warns once, and status shows it', async () => {
    const ids = seedBillable(stack, 120);
    const refused = () => stack.hubspot.stats.count({ method: 'POST', route: hubspotRoute('objects', 'companies/batch/update'), status: 403 });
    const refusedBefore = refused();
    const report = await reconcileAndWait(stack, 'full');
    await stack.services.writeBack!.idle();
    expect(report).toMatchObject({ created: 120, failed: 0 });
    expect(stack.sequence.store.count()).toBe(120);
    expect(props(stack, ids[0]!)[P.status]).toBeUndefined();
    const warnings = stack.logs.lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('write-back: the HubSpot token lacks'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40 });
    const status = await collectStatus({ ...stack.services, prefix: stack.prefix });
    expect(status.writeBack?.missingScopes?.scopes).toEqual(['crm.schemas.companies.write', 'crm.objects.companies.write']);
    expect(formatStatus(status, 5)).toContain('!! HubSpot write-back: the token lacks crm.schemas.companies.write, crm.objects.companies.write');
    // Writes were paused after the 403, not tried for every batch.
    expect(new Set(stack.logs.lines.filter((l) => l.action === 'created').map((l) => l.jobId)).size).toBeGreaterThan(1);
    expect(refused() - refusedBefore).toBe(1);
  });
});
