/**
 * FIELD_OWNERSHIP end to end: finance's edits in (simulated) Sequence survive HubSpot edits,
 * webhook-style syncs, incremental and full runs; HubSpot-owned fields keep syncing; a change to
 * Sequence-owned fields alone writes nothing; the dry run previews exactly what the real run writes.
 */
import { formatResults } from '../../src/cli/commands/sync';
import { formatLink } from '../../src/cli/commands/link';
import { formatReport } from '../../src/cli/commands/reconcile';
import { diffCustomer } from '../../src/sequence/field-diff';
import type { CreateOrUpdateCustomerRequest, Customer } from '../../src/sequence/schemas';
import { JobRunner, startRunningStack, type RunningStack } from '../helpers/jobs';
import { reconcileAndWait, type TestStack } from '../helpers/stack';

const POLICY = { address: 'create-only', contacts: 'create-only', url: 'fill-empty', customProperties: 'fill-empty' };

describe('who owns which field (FIELD_OWNERSHIP)', () => {
  let running: RunningStack;
  let stack: TestStack;
  let jobs: JobRunner;

  beforeAll(async () => {
    running = await startRunningStack({
      env: { FIELD_OWNERSHIP: JSON.stringify(POLICY), CUSTOM_PROPERTIES: '{"industry":"industry","tier":"tier"}', RECONCILE_LOOKBACK_MS: '60000' },
    });
    ({ stack, jobs } = running);
  });

  afterAll(() => running.close());

  const syncJob = (companyIds: string[], extra: { dryRun?: boolean } = {}) => jobs.sync(companyIds, extra, 20_000);

  const puts = () => stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' });
  const writes = () => puts() + stack.sequence.stats.count({ method: 'POST', route: '/customers' });

  function seedCompany(n: number, extra: Record<string, string> = {}) {
    const { store } = stack.hubspot;
    const company = store.createCompany({
      name: `Initech ${n}`,
      address: `${n} Corporate Way`,
      city: 'Austin',
      state: 'TX',
      zip: '73301',
      country: 'US',
      website: `https://initech${n}.example`,
      industry: 'Software',
      tier: 'Gold',
      ...extra,
    });
    const contact = store.createContact({ email: `bill@initech${n}.example`, firstname: 'Bill', lastname: 'Lumbergh' });
    store.associate(company.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    return company.id;
  }

  const customerOf = (companyId: string): Customer => {
    const customer = stack.sequence.store.byAlias(`hubspot-company-${companyId}`);
    if (!customer) throw new Error(`no customer for ${companyId}`);
    return customer as Customer;
  };

  /** Finance edits the customer directly in Sequence (not through this service). */
  function financeEdits(companyId: string, edit: (request: CreateOrUpdateCustomerRequest) => CreateOrUpdateCustomerRequest) {
    const c = customerOf(companyId);
    const request: CreateOrUpdateCustomerRequest = {
      legalName: c.legalName,
      address: { line1: c.address.line1, town: c.address.town, postcode: c.address.postcode, country: c.address.country as 'US', ...(c.address.state ? { state: c.address.state as 'TX' } : {}) },
      ...(c.url ? { url: c.url } : {}),
      taxStatus: c.taxStatus as 'TAXED',
      contacts: c.contacts.map((x) => ({ name: x.name, email: x.email, billingPreference: x.billingPreference as 'PRIMARY' })),
      customProperties: { ...c.customProperties },
    };
    stack.sequence.store.updateCustomer(c.id, edit(request));
  }

  const FINANCE_ADDRESS = { line1: '9 Ledger Lane', town: 'Dallas', state: 'TX' as const, postcode: '75201', country: 'US' as const };
  const FINANCE_CONTACT = { name: 'Accounts Payable', email: 'ap@initech.example', billingPreference: 'PRIMARY' as const };

  it("finance's edits survive HubSpot edits, syncs, incremental and full runs; HubSpot-owned fields keep syncing", async () => {
    const id = seedCompany(1);
    const [created] = await syncJob([id]);
    expect(created?.action).toBe('created');
    // At creation every field comes from HubSpot, Sequence-owned or not.
    expect(customerOf(id)).toMatchObject({ address: { line1: '1 Corporate Way', town: 'Austin' }, url: 'https://initech1.example', customProperties: { industry: 'Software', tier: 'Gold' } });
    expect((await stack.services.links.get(id))?.lastWrite).toMatchObject({ action: 'created', fields: expect.arrayContaining(['address', 'contacts']) });

    financeEdits(id, (r) => ({ ...r, address: FINANCE_ADDRESS, contacts: [FINANCE_CONTACT], url: 'https://billing.initech.example', customProperties: { industry: 'Finance says', tier: '' } }));

    // A HubSpot edit to every field, synced as a webhook would.
    stack.hubspot.store.updateCompany(id, { name: 'Initech Global', address: '2 Other Road', website: 'https://initech-new.example', industry: 'Hardware', tier: 'Platinum' });
    const [edited] = await syncJob([id]);
    expect(edited?.action).toBe('updated');
    // tier was blank in Sequence (fill-empty): filled; everything else Sequence owns stays.
    expect(edited?.changes).toEqual([
      { field: 'legalName', before: 'Initech 1', after: 'Initech Global' },
      { field: 'customProperties', changed: [{ name: 'tier', before: '', after: 'Platinum' }] },
    ]);
    const afterEdit = customerOf(id);
    expect(afterEdit.legalName).toBe('Initech Global');
    expect(afterEdit.address).toEqual(FINANCE_ADDRESS);
    expect(afterEdit.contacts.map((c) => c.email)).toEqual([FINANCE_CONTACT.email]);
    expect(afterEdit.url).toBe('https://billing.initech.example');
    expect(afterEdit.customProperties).toEqual({ industry: 'Finance says', tier: 'Platinum' });

    // The link remembers the last write.
    const link = await stack.services.links.get(id);
    expect(link?.lastWrite).toMatchObject({ action: 'updated', fields: ['legalName', 'customProperties'] });
    expect(Date.parse(link?.lastWrite?.at ?? '')).not.toBeNaN();
    const shown = formatLink(id, link, undefined);
    expect(shown).toContain(`updated at ${link?.lastWrite?.at}`);
    expect(shown).toContain('legalName: "Initech 1" → "Initech Global"');
    expect(shown).toContain('customProperties: tier "" → "Platinum"');

    // Incremental run after another HubSpot edit: the name syncs, finance's fields stay.
    stack.hubspot.store.updateCompany(id, { name: 'Initech Worldwide', zip: '99999' });
    const incremental = await reconcileAndWait(stack, 'incremental');
    expect(incremental.fieldCounts).toEqual({ legalName: 1 });
    expect(customerOf(id)).toMatchObject({ legalName: 'Initech Worldwide', address: FINANCE_ADDRESS, url: 'https://billing.initech.example' });

    // Full run: nothing to write, finance's values intact.
    const before = writes();
    const full = await reconcileAndWait(stack, 'full');
    expect(full.failed).toBe(0);
    expect(writes()).toBe(before);
    expect(customerOf(id)).toMatchObject({ legalName: 'Initech Worldwide', address: FINANCE_ADDRESS, customProperties: { industry: 'Finance says', tier: 'Platinum' } });
    expect(customerOf(id).contacts.map((c) => c.email)).toEqual([FINANCE_CONTACT.email]);
  });

  it('a run that changes only Sequence-owned fields makes no write', async () => {
    const id = seedCompany(2);
    await syncJob([id]);
    const customerId = customerOf(id).id;

    // create-only fields: not even a read (the hash leaves them out).
    stack.hubspot.store.updateCompany(id, { address: '77 Elsewhere Blvd', city: 'Houston' });
    const calls = stack.sequence.stats.total;
    const [onlyOwned] = await syncJob([id]);
    expect(onlyOwned).toMatchObject({ action: 'unchanged', customerId });
    expect(stack.sequence.stats.total).toBe(calls);

    // fill-empty fields Sequence has a value for: a read, no write.
    stack.hubspot.store.updateCompany(id, { website: 'https://other.example', industry: 'Robotics' });
    const putsBefore = puts();
    const [fillEmpty] = await syncJob([id]);
    expect(fillEmpty?.action).toBe('unchanged');
    expect(puts()).toBe(putsBefore);

    // Whole runs too.
    const full = await reconcileAndWait(stack, 'full');
    expect(full.updated).toBe(0);
    expect(puts()).toBe(putsBefore);
    expect(customerOf(id)).toMatchObject({ address: { line1: '2 Corporate Way', town: 'Austin' }, url: 'https://initech2.example', customProperties: { industry: 'Software' } });
  });

  it('the dry run lists exactly the differences the real run then writes', async () => {
    const id = seedCompany(3);
    const other = seedCompany(4);
    await syncJob([id, other]);
    // Finance clears the url (fill-empty: HubSpot's will fill it) and changes the contacts (create-only: kept).
    financeEdits(id, (r) => {
      const { url: _url, ...rest } = r;
      return { ...rest, contacts: [FINANCE_CONTACT] };
    });
    stack.hubspot.store.updateCompany(id, { name: 'Initech Three', address: '3 Moved Street' });
    stack.hubspot.store.updateCompany(other, { name: 'Initech Four' });

    const before = customerOf(id);
    const beforeOther = customerOf(other);
    const writesBefore = writes();
    const dry = await syncJob([id, other], { dryRun: true });
    expect(writes()).toBe(writesBefore);
    expect(customerOf(id)).toEqual(before);
    const preview = new Map(dry.map((r) => [r.companyId, r]));
    expect(preview.get(id)).toMatchObject({ action: 'updated' });
    expect(preview.get(id)?.changes).toEqual([
      { field: 'legalName', before: 'Initech 3', after: 'Initech Three' },
      { field: 'url', before: null, after: 'https://initech3.example' },
    ]);
    expect(formatResults(dry, true)).toContain('url: (none) → "https://initech3.example"');
    expect(formatResults(dry, true)).toContain('fields that would change: legalName: 2 customers, url: 1');

    // The reconciliation dry run says the same, with counts per field.
    const dryRun = await reconcileAndWait(stack, 'full', { dryRun: true });
    expect(writes()).toBe(writesBefore);
    expect(dryRun.fieldCounts).toEqual({ legalName: 2, url: 1 });
    expect(dryRun.changes).toEqual([
      { companyId: id, customerId: before.id, changes: preview.get(id)?.changes },
      { companyId: other, customerId: beforeOther.id, changes: preview.get(other)?.changes },
    ]);
    expect(formatReport(dryRun)).toContain('fields that would change: legalName: 2 customers, url: 1');
    expect(formatReport(dryRun)).toContain('legalName: "Initech 4" → "Initech Four"');

    // The real run: what Sequence receives is exactly the preview.
    const received: { id: string; body: CreateOrUpdateCustomerRequest }[] = [];
    const store = stack.sequence.store;
    const original = store.updateCustomer.bind(store);
    const spy = jest.spyOn(store, 'updateCustomer').mockImplementation((customerId, body) => {
      received.push({ id: customerId, body });
      return original(customerId, body);
    });
    let real;
    try {
      real = await reconcileAndWait(stack, 'full');
    } finally {
      spy.mockRestore();
    }
    expect(received.map((r) => r.id).sort()).toEqual([before.id, beforeOther.id].sort());
    for (const { id: customerId, body } of received) {
      const was = customerId === before.id ? before : beforeOther;
      const companyId = customerId === before.id ? id : other;
      expect(diffCustomer(was, body)).toEqual(preview.get(companyId)?.changes);
    }
    expect(real.fieldCounts).toEqual(dryRun.fieldCounts);
    expect(real.changes).toEqual([]); // real runs keep counts; the per-company preview is for dry runs
    const after = customerOf(id);
    expect(after).toMatchObject({ legalName: 'Initech Three', url: 'https://initech3.example', address: before.address });
    expect(after.contacts.map((c) => c.email)).toEqual([FINANCE_CONTACT.email]);
    expect((await stack.services.links.get(id))?.lastWrite?.changes).toEqual(preview.get(id)?.changes);
  });
});
