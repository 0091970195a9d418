/**
 * Entering the billing scope is seen within seconds through signed generic webhooks, on the real app
 * (HTTP route → pending sets → drainer → jobs → worker) against the simulators, numbered paths refused:
 * a deal moved to won, a won deal associated with a company, a deal created as won (closed-won); a
 * lifecycle stage set (lifecycle:); the property ticked (property:).
 */
import { startApp, type App } from '../../src/app';
import { deliverWebhook, simulatedGenericEvent } from '../../src/simulators/hubspot/webhooks';
import { seedBillable, startStack, waitFor, type TestStack } from '../helpers/stack';

const SECRET = 'webhook-secret';

async function scopedApp(scope: string): Promise<{ stack: TestStack; app: App; url: string }> {
  // The default debounce (1 s), so the delays measured are what a real installation sees.
  const stack = await startStack({ env: { BILLING_SCOPE: scope, WEBHOOK_DEBOUNCE_MS: '1000' } });
  const app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1' });
  return { stack, app, url: `${app.url}/webhooks/hubspot` };
}

describe('BILLING_SCOPE=closed-won: deal events', () => {
  let stack: TestStack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    ({ stack, app, url } = await scopedApp('closed-won'));
  });
  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);

  it('a deal moved to won creates the customer within 5 s', async () => {
    const [company] = seedBillable(stack, 1, 100);
    const deal = stack.hubspot.store.createDeal({ dealname: 'Renewal', dealstage: 'contractsent' });
    stack.hubspot.store.associateDeal(deal.id, company!, { primary: true });
    stack.hubspot.store.moveDeal(deal.id, 'closedwon');
    const sent = Date.now();
    const answer = await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.propertyChange', 'deal', deal.id, { propertyName: 'dealstage', propertyValue: 'closedwon' })]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.responseBody)).toEqual({ accepted: 1 });
    await waitFor(() => customerOf(company!), 5_000, 'customer within 5 s');
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(stack.hubspot.stats.count({ status: 410 })).toBe(0);
  });

  it('a won deal associated with a company, and a deal created as won, create their customers', async () => {
    const [associated, createdWon] = seedBillable(stack, 2, 200);
    const won = stack.hubspot.store.createDeal({ dealname: 'Already won', dealstage: 'closedwon' });
    stack.hubspot.store.associateDeal(won.id, associated!);
    const fresh = stack.hubspot.store.createDeal({ dealname: 'Signed on the spot', dealstage: 'closedwon' });
    stack.hubspot.store.associateDeal(fresh.id, createdWon!, { primary: true });
    const answer = await deliverWebhook(url, SECRET, [
      simulatedGenericEvent('object.associationChange', 'deal', won.id, {
        objectTypeId: undefined, fromObjectTypeId: '0-3', toObjectTypeId: '0-2', fromObjectId: won.id, toObjectId: associated, associationTypeId: 341, associationCategory: 'HUBSPOT_DEFINED', associationRemoved: false,
      }),
      simulatedGenericEvent('object.associationChange', 'company', associated!, {
        objectTypeId: undefined, fromObjectTypeId: '0-2', toObjectTypeId: '0-3', fromObjectId: associated, toObjectId: won.id, associationTypeId: 342, associationCategory: 'HUBSPOT_DEFINED', associationRemoved: false,
      }),
      simulatedGenericEvent('object.creation', 'deal', fresh.id),
    ]);
    expect(JSON.parse(answer.responseBody)).toEqual({ accepted: 2 });
    await waitFor(() => customerOf(associated!) && customerOf(createdWon!), 5_000, 'both customers');
  });

  it('a confirmed merge behaves as without a scope: the merged company\'s customer goes to a survivor that has no won deal', async () => {
    const [survivor, merged] = seedBillable(stack, 2, 400);
    const deal = stack.hubspot.store.createDeal({ dealname: 'Won, then lost', dealstage: 'closedwon' });
    stack.hubspot.store.associateDeal(deal.id, merged!, { primary: true });
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.creation', 'deal', deal.id)]);
    const customerId = (await waitFor(() => customerOf(merged!), 10_000, 'customer of the company to merge')).id;
    // The deal is lost before the merge: neither company is in scope any more; the link is what counts.
    stack.hubspot.store.moveDeal(deal.id, 'closedlost');
    stack.hubspot.store.mergeCompanies(survivor!, merged!);
    const answer = await deliverWebhook(url, SECRET, [
      simulatedGenericEvent('object.merge', 'company', survivor!, { primaryObjectId: Number(survivor), mergedObjectIds: [Number(merged)] }),
    ]);
    expect(answer.status).toBe(200);
    await waitFor(() => customerOf(survivor!)?.id === customerId && customerOf(survivor!)?.legalName === 'Company 400', 10_000, 'the customer moved to the survivor');
    expect(stack.sequence.store.get(customerId)?.archivedAt).toBeUndefined();
    expect(stack.sequence.store.all().filter((c) => !c.archivedAt && c.integrationIds.some((i) => i.id === survivor))).toHaveLength(1);
  });

  it('a deal moved to an open or lost stage costs no sync; a company-ticket association is ignored and counted', async () => {
    const [company] = seedBillable(stack, 1, 300);
    const deal = stack.hubspot.store.createDeal({ dealname: 'Maybe', dealstage: 'appointmentscheduled' });
    stack.hubspot.store.associateDeal(deal.id, company!);
    const answer = await deliverWebhook(url, SECRET, [
      simulatedGenericEvent('object.propertyChange', 'deal', deal.id, { propertyName: 'dealstage', propertyValue: 'appointmentscheduled' }),
      simulatedGenericEvent('object.associationChange', 'company', company!, {
        objectTypeId: undefined, fromObjectTypeId: '0-2', toObjectTypeId: '0-5', fromObjectId: company, toObjectId: 555, associationTypeId: 339, associationCategory: 'HUBSPOT_DEFINED',
      }),
    ]);
    expect(JSON.parse(answer.responseBody)).toEqual({ accepted: 1 });
    const line = stack.logs.lines.find((l) => l.webhook === 'hubspot' && l.events === 2);
    expect(line).toMatchObject({ actions: 1, ignored: { 'object.associationChange:0-2': 1 } });
    const resolved = await waitFor(async () => {
      const done = await stack.services.queues.sync.getJobs(['completed']);
      return done.find((job) => job.name === 'resolve-deals' && (job.data.dealIds as string[]).includes(deal.id));
    }, 5_000, 'the deal resolved');
    // A finished resolve job keeps counts, not ids.
    expect(resolved.returnvalue).toEqual({ counts: { deals: 1, won: 0, companies: 0 } });
    expect(await stack.services.queues.sync.getWaitingCount()).toBe(0);
    expect(stack.logs.where({ companyId: company })).toEqual([]);
    expect(customerOf(company!)).toBeUndefined();
  });
});

describe.each([
  ['lifecycle:customer', { lifecyclestage: 'customer' }, 'lifecyclestage'],
  ['property:billing_enabled', { billing_enabled: 'true' }, 'billing_enabled'],
])('BILLING_SCOPE=%s: the company entering the scope', (scope, change, propertyName) => {
  let stack: TestStack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    ({ stack, app, url } = await scopedApp(scope));
  });
  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  it('is created within 5 s of the property change; before it, the company is out of scope', async () => {
    const [company] = seedBillable(stack, 1, 400);
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.creation', 'company', company!)]);
    await waitFor(() => stack.logs.where({ companyId: company, action: 'out-of-scope' })[0], 5_000, 'out of scope first');
    stack.hubspot.store.updateCompany(company!, change);
    const sent = Date.now();
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.propertyChange', 'company', company!, { propertyName, propertyValue: Object.values(change)[0] })]);
    await waitFor(() => stack.sequence.store.byAlias(`hubspot-company-${company}`), 5_000, 'customer within 5 s');
    expect(Date.now() - sent).toBeLessThan(5_000);
  });
});
