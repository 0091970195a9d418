/**
 * Generic (object.*) webhook events, as a HubSpot developer-platform project app sends them: a
 * company renamed, a contact's email changed and a company deleted reach the simulated Sequence.
 */
import { startApp, type App } from '../../src/app';
import { deliverWebhook, simulatedGenericEvent } from '../../src/simulators/hubspot/webhooks';
import { seedBillable, startStack, waitFor, type TestStack } from '../helpers/stack';

const SECRET = 'webhook-secret';

describe('generic HubSpot webhook events', () => {
  let stack: TestStack;
  let app: App;
  let url: string;

  beforeAll(async () => {
    stack = await startStack({ env: { WEBHOOK_DEBOUNCE_MS: '200' } });
    app = await startApp(stack.services, { schedules: false, port: 0, host: '127.0.0.1' });
    url = `${app.url}/webhooks/hubspot`;
  });

  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  const customerOf = (id: string) => stack.sequence.store.byAlias(`hubspot-company-${id}`);

  it('a company renamed, a contact email changed and a company deleted reach Sequence', async () => {
    const [renamed, withContact, deleted] = seedBillable(stack, 3, 2000);
    const { store } = stack.hubspot;
    const created = await deliverWebhook(url, SECRET, [renamed!, withContact!, deleted!].map((id) => simulatedGenericEvent('object.creation', 'company', id)));
    expect(created.status).toBe(200);
    await waitFor(() => customerOf(renamed!) && customerOf(withContact!) && customerOf(deleted!), 10_000, 'customers');

    store.updateCompany(renamed!, { name: 'Renamed Holdings' });
    const contact = store.getCompanyContacts(withContact!)[0]!;
    store.updateContact(contact.id, { email: 'new-billing@changed.example' });
    store.deleteCompany(deleted!);
    const answer = await deliverWebhook(url, SECRET, [
      simulatedGenericEvent('object.propertyChange', 'company', renamed!, { propertyName: 'name', propertyValue: 'Renamed Holdings' }),
      simulatedGenericEvent('object.propertyChange', 'contact', contact.id, { propertyName: 'email', propertyValue: 'new-billing@changed.example' }),
      simulatedGenericEvent('object.deletion', 'company', deleted!),
      // Another object type: accepted and ignored.
      simulatedGenericEvent('object.propertyChange', '0-3', 77, { propertyName: 'amount', propertyValue: '10' }),
    ]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.responseBody)).toEqual({ accepted: 3 });

    await waitFor(() => customerOf(renamed!)?.legalName === 'Renamed Holdings', 10_000, 'rename in Sequence');
    await waitFor(() => customerOf(withContact!)?.contacts.some((c) => c.email === 'new-billing@changed.example'), 10_000, 'new email in Sequence');
    await waitFor(() => customerOf(deleted!)?.archivedAt, 10_000, 'customer archived');

    const line = stack.logs.lines.find((l) => l.webhook === 'hubspot' && l.events === 4);
    expect(line).toMatchObject({ status: 200, actions: 3, ignored: { 'object.propertyChange:0-3': 1 } });
  });

  it('an association change, sent once for each record, syncs the company once', async () => {
    const [company] = seedBillable(stack, 1, 2100);
    await deliverWebhook(url, SECRET, [simulatedGenericEvent('object.creation', 'company', company!)]);
    await waitFor(() => customerOf(company!), 10_000, 'customer');
    const { store } = stack.hubspot;
    const added = store.createContact({ email: 'second@company2100.example', firstname: 'Second', lastname: 'Contact' });
    store.associate(company!, added.id, [{ typeId: 280, category: 'HUBSPOT_DEFINED' }]);
    const putsBefore = stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' });
    // HubSpot documents only the two ends for association changes, so objectTypeId is left out.
    const answer = await deliverWebhook(url, SECRET, [
      simulatedGenericEvent('object.associationChange', 'company', company!, {
        objectTypeId: undefined,
        fromObjectTypeId: '0-2', toObjectTypeId: '0-1', fromObjectId: company, toObjectId: added.id, associationTypeId: 280, associationCategory: 'HUBSPOT_DEFINED', associationRemoved: false,
      }),
      simulatedGenericEvent('object.associationChange', 'contact', added.id, {
        objectTypeId: undefined,
        fromObjectTypeId: '0-1', toObjectTypeId: '0-2', fromObjectId: added.id, toObjectId: company, associationTypeId: 279, associationCategory: 'HUBSPOT_DEFINED', associationRemoved: false,
      }),
    ]);
    expect(JSON.parse(answer.responseBody)).toEqual({ accepted: 1 });
    await waitFor(() => customerOf(company!)?.contacts.some((c) => c.email === 'second@company2100.example'), 10_000, 'contact added in Sequence');
    expect(stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' }) - putsBefore).toBe(1);
  });
});
