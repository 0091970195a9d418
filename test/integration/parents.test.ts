/**
 * Parent companies → parent customers (PARENT_CUSTOMERS), and the parent a customer has in Sequence
 * with the setting off, through the real worker on the dated paths (numbered ones refused):
 * hierarchies created parent first, cycles refused, webhooks for parent association changes, a
 * refused move made a problem on every upsert path, the preview (dry run, link, map), and a parent
 * set by hand in Sequence surviving updates from both the read and the listing.
 */
import { formatLink } from '../../src/cli/commands/link';
import { formatResults } from '../../src/cli/commands/sync';
import { deliverWebhook, simulatedParentAssociationEvents } from '../../src/simulators/hubspot/webhooks';
import { BILLING_STATUS, WRITE_BACK_PROPERTY } from '../../src/writeback/properties';
import { startRunningStack, type RunningStack } from '../helpers/jobs';
import { reconcileAndWait, seedBillable, waitFor } from '../helpers/stack';
import { config as mappingConfig, runMapCommand } from '../unit/mappers/fixtures';

const alias = (id: string) => `hubspot-company-${id}`;

describe('PARENT_CUSTOMERS on', () => {
  let ctx: RunningStack;
  beforeAll(async () => {
    ctx = await startRunningStack({ env: { PARENT_CUSTOMERS: 'true', HUBSPOT_WRITE_BACK: 'true' } });
  });
  afterAll(() => ctx.close());

  const customer = (id: string) => ctx.stack.sequence.store.byAlias(alias(id));
  const parentOf = (id: string) => ctx.stack.sequence.store.parentOf(customer(id)!.id);

  it('syncing the bottom of a three-level hierarchy creates it parent first, with the right parentIds', async () => {
    const [top, middle, leaf] = seedBillable(ctx.stack, 3, 100);
    ctx.stack.hubspot.store.setParentCompany(middle!, top!);
    ctx.stack.hubspot.store.setParentCompany(leaf!, middle!);
    const [result] = await ctx.jobs.sync([leaf!]);
    expect(result).toMatchObject({ companyId: leaf, action: 'created', parent: { companyId: middle, customerId: customer(middle!)!.id } });
    const created = ctx.stack.sequence.store.all().map((c) => c.legalName);
    expect(created.indexOf('Company 100')).toBeLessThan(created.indexOf('Company 101'));
    expect(created.indexOf('Company 101')).toBeLessThan(created.indexOf('Company 102'));
    expect(parentOf(top!)).toBeUndefined();
    expect(parentOf(middle!)).toBe(customer(top!)!.id);
    expect(parentOf(leaf!)).toBe(customer(middle!)!.id);
    // The parents were synced as parents, each with its own outcome line.
    expect(ctx.stack.logs.where({ companyId: top, action: 'created' })).toHaveLength(1);
    // And the link says so.
    const link = await ctx.stack.services.links.get(leaf!);
    expect(link).toMatchObject({ parentCompanyId: middle, parentCustomerId: customer(middle!)!.id });
    expect(formatLink(leaf!, link, undefined)).toContain(`company ${middle} → customer ${customer(middle!)!.id}`);
  });

  it('a backfill with the whole hierarchy in one batch syncs it in waves, parents first', async () => {
    const ids = seedBillable(ctx.stack, 6, 200);
    const [a, b, c, d, e, f] = ids as [string, string, string, string, string, string];
    // f → e → d (d at the top), c → a, b alone; children listed before their parents.
    ctx.stack.hubspot.store.setParentCompany(f, e);
    ctx.stack.hubspot.store.setParentCompany(e, d);
    ctx.stack.hubspot.store.setParentCompany(c, a);
    const results = await ctx.jobs.sync([f, e, d, c, b, a]);
    expect(results.map((r) => r.action)).toEqual(['created', 'created', 'created', 'created', 'created', 'created']);
    expect(parentOf(f)).toBe(customer(e)!.id);
    expect(parentOf(e)).toBe(customer(d)!.id);
    expect(parentOf(c)).toBe(customer(a)!.id);
    expect(parentOf(b)).toBeUndefined();
    // Each company once: in-batch parents are not synced again as outside parents.
    for (const id of ids) expect(ctx.stack.logs.where({ companyId: id, action: 'created' })).toHaveLength(1);
  });

  it('a cycle is refused as a problem naming the companies; their children wait for them', async () => {
    const [x, y, child] = seedBillable(ctx.stack, 3, 300);
    ctx.stack.hubspot.store.setParentCompany(x!, y!);
    ctx.stack.hubspot.store.setParentCompany(y!, x!);
    ctx.stack.hubspot.store.setParentCompany(child!, x!);
    const results = await ctx.jobs.sync([x!, child!]);
    const [rx, rchild] = results;
    expect(rx).toMatchObject({ companyId: x, action: 'failed' });
    expect(rx!.problems).toEqual([`parentId: the parent companies form a cycle: ${x} (Company 300) → ${y} → ${x} (Company 300); remove one of these parent associations in HubSpot`]);
    expect(rchild!.action).toBe('failed');
    expect(rchild!.problems?.[0]).toContain(`parent company ${x} (Company 300) has no Sequence customer to be the parent: it cannot be billed: parentId: the parent companies form a cycle`);
    for (const id of [x!, y!, child!]) expect(customer(id)).toBeUndefined();
    expect(await ctx.stack.services.failures.get(x!)).toMatchObject({ kind: 'mapping' });
    // Shown in HubSpot too.
    await ctx.stack.services.writeBack!.idle();
    expect(ctx.stack.hubspot.store.getCompany(x!)!.properties[WRITE_BACK_PROPERTY.problems]).toContain('form a cycle');
  });

  it('a parent that cannot be billed holds its child back until it is fixed', async () => {
    const [child] = seedBillable(ctx.stack, 1, 400);
    const parent = ctx.stack.hubspot.store.createCompany({ name: 'Holding Without Address' });
    ctx.stack.hubspot.store.setParentCompany(child!, parent.id);
    const [first] = await ctx.jobs.sync([child!]);
    expect(first!.action).toBe('failed');
    expect(first!.problems?.[0]).toMatch(new RegExp(`parent company ${parent.id} has no Sequence customer to be the parent: it cannot be billed: legalName|address`));
    ctx.stack.hubspot.store.updateCompany(parent.id, { address: '1 Holding Row', city: 'York', zip: 'YO1 1AA', country: 'GB' });
    const contact = ctx.stack.hubspot.store.createContact({ email: 'ap@holding.example', firstname: 'Hal', lastname: 'Ding' });
    ctx.stack.hubspot.store.associate(parent.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    const [second] = await ctx.jobs.sync([child!]);
    expect(second).toMatchObject({ action: 'created', parent: { companyId: parent.id } });
    expect(parentOf(child!)).toBe(customer(parent.id)!.id);
  });

  it('a parent association change (webhook) re-syncs the child under its new parent', async () => {
    const [oldParent, newParent, child] = seedBillable(ctx.stack, 3, 500);
    ctx.stack.hubspot.store.setParentCompany(child!, oldParent!);
    await ctx.jobs.sync([child!]);
    expect(parentOf(child!)).toBe(customer(oldParent!)!.id);
    ctx.stack.hubspot.store.setParentCompany(child!, newParent!);
    const answer = await deliverWebhook(ctx.url, 'webhook-secret', simulatedParentAssociationEvents(newParent!, child!));
    expect(answer.status).toBe(200);
    await waitFor(() => customer(newParent!) && parentOf(child!) === customer(newParent!)!.id, 5_000, 'child moved under its new parent');
    // Removing the parent takes it out of the hierarchy.
    ctx.stack.hubspot.store.setParentCompany(child!, null);
    await deliverWebhook(ctx.url, 'webhook-secret', simulatedParentAssociationEvents(newParent!, child!, true));
    await waitFor(() => parentOf(child!) === undefined, 5_000, 'child without a parent');
  });

  it('the dry run shows the parent, and a parent that would be created first', async () => {
    const [parent, child] = seedBillable(ctx.stack, 2, 600);
    ctx.stack.hubspot.store.setParentCompany(child!, parent!);
    const results = await ctx.jobs.sync([child!], { dryRun: true });
    expect(results[0]).toMatchObject({ action: 'created', parent: { companyId: parent } });
    expect(results[0]!.message).toContain(`parent company ${parent}: its customer would be created first`);
    expect(customer(parent!)).toBeUndefined();
    await ctx.jobs.sync([parent!]);
    const again = await ctx.jobs.sync([child!], { dryRun: true });
    expect(again[0]!.parent).toEqual({ companyId: parent, customerId: customer(parent!)!.id });
    const table = formatResults(again, true).replace(/[\s│]+/g, ' ');
    expect(table).toContain(`parent: company ${parent} (customer ${customer(parent!)!.id})`);
  });
});

describe('a refused parent move becomes a problem of the company, on every path', () => {
  let ctx: RunningStack;
  beforeAll(async () => {
    ctx = await startRunningStack({ env: { PARENT_CUSTOMERS: 'true', HUBSPOT_WRITE_BACK: 'true' }, sequence: { parentMoves: 'refused' } });
  });
  afterAll(() => ctx.close());

  const customer = (id: string) => ctx.stack.sequence.store.byAlias(alias(id));
  const parentOf = (id: string) => ctx.stack.sequence.store.parentOf(customer(id)!.id);

  function family(start: number) {
    const [oldParent, newParent, child] = seedBillable(ctx.stack, 3, start) as [string, string, string];
    ctx.stack.hubspot.store.setParentCompany(child, oldParent);
    return { oldParent, newParent, child };
  }

  it('the read path (a linked customer): the rest is updated, the parent stays, the problem is reported and written back', async () => {
    const { oldParent, newParent, child } = family(700);
    await ctx.jobs.sync([child]);
    ctx.stack.hubspot.store.setParentCompany(child, newParent);
    ctx.stack.hubspot.store.updateCompany(child, { name: 'Moved Ltd' });
    const [result] = await ctx.jobs.sync([child]);
    expect(result).toMatchObject({ action: 'updated', parent: { companyId: newParent } });
    expect(result!.problems).toEqual([expect.stringMatching(new RegExp(`^parent: Sequence refused to move this customer under customer ${customer(newParent)!.id} \\(of parent company ${newParent}\\) \\(ValidationError: Invalid parentId: a customer's parent cannot be changed\\); it stays under customer ${customer(oldParent)!.id}, the rest was updated`))]);
    expect(customer(child)!.legalName).toBe('Moved Ltd');
    expect(parentOf(child)).toBe(customer(oldParent)!.id);
    await ctx.stack.services.writeBack!.idle();
    const props = ctx.stack.hubspot.store.getCompany(child)!.properties;
    expect(props[WRITE_BACK_PROPERTY.status]).toBe(BILLING_STATUS.needsAttention);
    expect(props[WRITE_BACK_PROPERTY.problems]).toContain('Sequence refused to move this customer');
    // Not hidden behind the unchanged shortcut: the next sync tries (and reports) again.
    const [next] = await ctx.jobs.sync([child]);
    expect(next!.problems?.[0]).toContain('Sequence refused to move');
  });

  it('the listing path (a full run deciding from the listing)', async () => {
    const { oldParent, newParent, child } = family(800);
    await ctx.jobs.sync([oldParent, newParent, child]);
    ctx.stack.hubspot.store.setParentCompany(child, newParent);
    // Redis lost the links: the full run's listing decides (no hash, no read).
    await ctx.stack.services.redis.del(ctx.stack.services.links.key);
    const gets = ctx.stack.sequence.stats.count({ method: 'GET', route: '/customers/:id' });
    const report = await reconcileAndWait(ctx.stack, 'full');
    expect(report.failed).toBe(0);
    expect(ctx.stack.sequence.stats.count({ method: 'GET', route: '/customers/:id' }) - gets).toBe(0);
    expect(parentOf(child)).toBe(customer(oldParent)!.id);
    const line = ctx.stack.logs.lines.filter((l) => l.companyId === child && l.action === 'updated').at(-1);
    expect(line?.problems).toEqual([expect.stringContaining('Sequence refused to move this customer')]);
  });

  it('the adoption path (a customer made by Sequence’s own integration, found through the index)', async () => {
    const { oldParent, newParent, child } = family(900);
    await ctx.jobs.sync([oldParent, newParent]);
    ctx.stack.hubspot.store.setParentCompany(child, newParent);
    const native = ctx.stack.sequence.store.seedCustomer({
      legalName: 'Company 902',
      integrationIds: [{ service: 'HubSpot', id: child }],
      parentId: customer(oldParent)!.id,
    });
    await ctx.stack.services.index.rebuild();
    const [result] = await ctx.jobs.sync([child]);
    expect(result).toMatchObject({ action: 'updated', customerId: native.id });
    expect(result!.problems?.[0]).toContain('Sequence refused to move this customer');
    expect(ctx.stack.sequence.store.parentOf(native.id)).toBe(customer(oldParent)!.id);
    expect(customer(child)?.id).toBe(native.id);
  });

  it('creating a child under its parent is not a move', async () => {
    const { oldParent, child } = family(1000);
    const [result] = await ctx.jobs.sync([child]);
    expect(result!.problems).toBeUndefined();
    expect(parentOf(child)).toBe(customer(oldParent)!.id);
  });
});

describe('PARENT_CUSTOMERS off: a parent set by hand in Sequence is kept', () => {
  let ctx: RunningStack;
  beforeAll(async () => {
    // The simulated Sequence clears a parent a PUT omits (its default), which is what this guards against.
    ctx = await startRunningStack({ env: { PARENT_CUSTOMERS: 'false' } });
  });
  afterAll(() => ctx.close());

  const customer = (id: string) => ctx.stack.sequence.store.byAlias(alias(id));

  function setParentByHand(childId: string, parentCustomerId: string) {
    const c = customer(childId)!;
    ctx.stack.sequence.store.updateCustomer(c.id, {
      legalName: c.legalName,
      address: { line1: c.address.line1, town: c.address.town, postcode: c.address.postcode, country: c.address.country },
      taxStatus: c.taxStatus,
      contacts: c.contacts.map((k) => ({ name: k.name, email: k.email, billingPreference: k.billingPreference })),
      url: c.url,
      parentId: parentCustomerId,
    });
  }

  it('survives an update decided from a read of the customer', async () => {
    const [group, child] = seedBillable(ctx.stack, 2, 1100);
    await ctx.jobs.sync([group!, child!]);
    setParentByHand(child!, customer(group!)!.id);
    ctx.stack.hubspot.store.updateCompany(child!, { name: 'Renamed Child Ltd' });
    const [result] = await ctx.jobs.sync([child!]);
    expect(result!.action).toBe('updated');
    expect(result!.changes?.map((c) => c.field)).toEqual(['legalName']);
    expect(customer(child!)!.legalName).toBe('Renamed Child Ltd');
    expect(ctx.stack.sequence.store.parentOf(customer(child!)!.id)).toBe(customer(group!)!.id);
    expect(await ctx.stack.services.links.get(child!)).toMatchObject({ parentCustomerId: customer(group!)!.id });
  });

  it('survives an update decided from the listing of a full run', async () => {
    const [group, child] = seedBillable(ctx.stack, 2, 1200);
    await ctx.jobs.sync([group!, child!]);
    setParentByHand(child!, customer(group!)!.id);
    ctx.stack.hubspot.store.updateCompany(child!, { name: 'Listed Child Ltd' });
    await ctx.stack.services.redis.del(ctx.stack.services.links.key);
    const gets = ctx.stack.sequence.stats.count({ method: 'GET', route: '/customers/:id' });
    await reconcileAndWait(ctx.stack, 'full');
    expect(ctx.stack.sequence.stats.count({ method: 'GET', route: '/customers/:id' }) - gets).toBe(0);
    expect(customer(child!)!.legalName).toBe('Listed Child Ltd');
    expect(ctx.stack.sequence.store.parentOf(customer(child!)!.id)).toBe(customer(group!)!.id);
  });

  it('HubSpot parents are not sent, nor read', async () => {
    const [group, child] = seedBillable(ctx.stack, 2, 1300);
    ctx.stack.hubspot.store.setParentCompany(child!, group!);
    const [result] = await ctx.jobs.sync([child!]);
    expect(result!.parent).toBeUndefined();
    expect(ctx.stack.sequence.store.parentOf(customer(child!)!.id)).toBeUndefined();
    expect(customer(group!)).toBeUndefined();
  });
});

describe('map shows the parent', () => {
  const map = (input: unknown, config: ReturnType<typeof mappingConfig>) => runMapCommand({}, JSON.stringify(input), { mapping: config });

  const company = {
    company: { id: '42', properties: { name: 'Child Ltd', address: '1 Road', city: 'Leeds', zip: 'LS1 1AA', country: 'GB' } },
    contacts: [{ id: '7', properties: { email: 'ap@child.example', firstname: 'Ann', lastname: 'Pay' }, associationTypes: [{ typeId: 2, category: 'HUBSPOT_DEFINED' }] }],
    parentCompanyId: '41',
  };

  it('with PARENT_CUSTOMERS, and says it is not sent without', async () => {
    const on = await map(company, mappingConfig({ parentCustomers: true, pushToIntegrations: ['Xero'] }));
    expect(on.code).toBe(0);
    expect(on.stderr).toContain('parent: HubSpot company 41; the sync creates or updates its customer first and sends it as parentId');
    expect(on.stderr).toContain('pushToIntegrations: ["Xero"]');
    const off = await map(company, mappingConfig());
    expect(off.stderr).toContain('parent: HubSpot company 41, not sent (PARENT_CUSTOMERS is off');
  });
});
