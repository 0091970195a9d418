/**
 * The foundation path, for real: a job on the BullMQ queue → the worker reads HubSpot through
 * @hubspot/api-client → maps → upserts into Sequence → logs one line per company.
 */
import { TLSSocket } from 'node:tls';
import { isCluster, mastersOf } from '../../src/redis/client';
import { startSyncWorker, type RunningSyncWorker } from '../../src/workers/sync-worker';
import { JobRunner } from '../helpers/jobs';
import { startStack, type TestStack } from '../helpers/stack';
import { testTarget } from '../helpers/targets';

describe('HubSpot company → queue → worker → Sequence', () => {
  let stack: TestStack;
  let worker: RunningSyncWorker;
  let jobs: JobRunner;

  beforeAll(async () => {
    stack = await startStack();
    worker = await startSyncWorker(stack.services);
    jobs = await JobRunner.open(stack);
  });

  afterAll(async () => {
    await jobs.close();
    await worker.close();
    await stack.close();
  });

  const runJob = (companyIds: string[], extra: { force?: boolean } = {}) => jobs.sync(companyIds, extra, 20_000);

  it(`runs on the ${testTarget()} Redis target (TEST_REDIS_TARGET)`, async () => {
    const { redis } = stack.services;
    expect(isCluster(redis)).toBe(testTarget() === 'cluster');
    const stream = mastersOf(redis)[0]?.stream;
    expect(stream instanceof TLSSocket && stream.encrypted && stream.authorized).toBe(testTarget() === 'tls');
    expect(await redis.ping()).toBe('PONG');
  });

  function seedCompanyWithTwoContacts() {
    const { store } = stack.hubspot;
    const label = store.defineLabel('Billing contact');
    const company = store.createCompany({
      name: '  Globex   Corporation ',
      domain: 'globex.example',
      website: 'www.globex.example/billing',
      address: '42 Evergreen Terrace',
      address2: 'Suite 7',
      city: 'Springfield',
      state: 'Illinois',
      zip: '62704',
      country: 'United States',
    });
    const billing = store.createContact({ email: 'AP@Globex.example', firstname: 'Hank', lastname: 'Scorpio' });
    const other = store.createContact({ email: 'homer@globex.example', firstname: 'Homer', lastname: 'Simpson' });
    store.associate(company.id, billing.id, [
      { typeId: 280, category: 'HUBSPOT_DEFINED' },
      { typeId: label.typeId, label: 'Billing contact', category: 'USER_DEFINED' },
    ]);
    store.associate(company.id, other.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    return company;
  }

  it('creates the customer, field by field, and then updates it in place', async () => {
    const company = seedCompanyWithTwoContacts();

    const [first] = await runJob([company.id]);
    expect(first).toMatchObject({ companyId: company.id, action: 'created' });
    const customers = stack.sequence.store.all();
    expect(customers).toHaveLength(1);
    const customer = customers[0]!;
    expect(first?.customerId).toBe(customer.id);
    expect(customer.legalName).toBe('Globex Corporation');
    expect(customer.address).toEqual({
      line1: '42 Evergreen Terrace',
      line2: 'Suite 7',
      town: 'Springfield',
      state: 'IL',
      postcode: '62704',
      country: 'US',
    });
    expect(customer.url).toBe('https://www.globex.example/billing');
    expect(customer.taxStatus).toBe('TAXED');
    expect(customer.integrationIds.map((i) => ({ service: i.service, id: i.id }))).toEqual([{ service: 'HubSpot', id: company.id }]);
    expect(customer.contacts.map((c) => ({ name: c.name, email: c.email, billingPreference: c.billingPreference }))).toEqual([
      { name: 'Hank Scorpio', email: 'AP@globex.example', billingPreference: 'PRIMARY' },
      { name: 'Homer Simpson', email: 'homer@globex.example', billingPreference: 'STANDARD' },
    ]);
    expect(stack.sequence.store.byAlias(`hubspot-company-${company.id}`)?.id).toBe(customer.id);

    const line = stack.logs.where({ companyId: company.id, action: 'created' })[0];
    expect(line).toMatchObject({ customerId: customer.id, attempt: 1 });
    expect(typeof line?.durationMs).toBe('number');

    // The link remembers the company's contacts (a contact.deletion finds its companies through them).
    const contactIds = stack.hubspot.store.getCompanyContacts(company.id).map((a) => a.id).sort();
    expect((await stack.services.links.get(company.id))?.contactIds).toEqual(contactIds);

    // Nothing changed: no call to Sequence at all. A link written before links kept contact ids gets
    // them on such a run, still without a call.
    const { contactIds: _dropped, ...older } = (await stack.services.links.get(company.id))!;
    await stack.services.redis.hset(stack.services.links.key, company.id, JSON.stringify(older));
    const callsBefore = stack.sequence.stats.total;
    const [again] = await runJob([company.id]);
    expect(again).toMatchObject({ action: 'unchanged', customerId: customer.id });
    expect(stack.sequence.stats.total).toBe(callsBefore);
    expect((await stack.services.links.get(company.id))?.contactIds).toEqual(contactIds);

    // A change in HubSpot: the same job updates the same customer with a PUT.
    stack.hubspot.store.updateCompany(company.id, { name: 'Globex Corporation Ltd' });
    const [updated] = await runJob([company.id]);
    expect(updated).toMatchObject({ action: 'updated', customerId: customer.id });
    expect(stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id', status: 200 })).toBe(1);
    expect(stack.sequence.store.all()).toHaveLength(1);
    expect(stack.sequence.store.get(customer.id)?.legalName).toBe('Globex Corporation Ltd');
  });

  it('says so when the customer of a company that exists was archived (e.g. after a merge HubSpot did not confirm)', async () => {
    const company = seedCompanyWithTwoContacts();
    const [first] = await runJob([company.id]);
    expect(first).toMatchObject({ action: 'created' });
    stack.sequence.store.archiveCustomer(first!.customerId!);
    await stack.services.links.update(company.id, { archivedAt: new Date().toISOString(), lastOutcome: 'archived' });

    const [again] = await runJob([company.id]);
    expect(again).toMatchObject({ action: 'unchanged', customerId: first!.customerId });
    expect(again!.message).toMatch(/is archived in Sequence .* although the company exists in HubSpot.*unarchive it in Sequence/);
  });

  it('records a company that cannot be billed, and goes on with the others', async () => {
    const { store } = stack.hubspot;
    const good = seedCompanyWithTwoContacts();
    const bad = store.createCompany({ name: 'Narnia Trading', address: '1 Lamp Post', city: 'Cair Paravel', zip: 'N1', country: 'Narnia' });
    const results = await runJob([bad.id, good.id, '999999999']);
    const byId = new Map(results.map((r) => [r.companyId, r]));
    expect(byId.get(good.id)?.action).toBe('created');
    expect(byId.get(bad.id)?.action).toBe('failed');
    expect(byId.get(bad.id)?.problems?.join('\n')).toContain('"Narnia"');
    expect(byId.get('999999999')?.action).toBe('skipped');
    const failure = await stack.services.failures.get(bad.id);
    expect(failure).toMatchObject({ kind: 'mapping', attempts: 1 });
    expect(failure?.reason).toContain('address.country');
  });
});
