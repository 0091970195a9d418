/**
 * Where verified webhook actions go: into Redis before HubSpot gets its answer. Company changes,
 * contact changes, deal changes (closed-won scope) and deletions (of companies and of contacts) wait
 * in the pending sets (coalesced, debounced); merges, which are rare and order-sensitive, become a job at once.
 */
import { JOB } from '../queue/names';
import type { Queues } from '../queue/queues';
import type { WebhookAction, WebhookSink } from '../webhooks/actions';
import type { PendingChanges } from './pending';

export class RedisWebhookSink implements WebhookSink {
  constructor(
    private readonly pending: PendingChanges,
    private readonly queues: Pick<Queues, 'sync'>,
  ) {}

  async accept(actions: WebhookAction[], meta: { receivedAt: number }): Promise<void> {
    const companies: string[] = [];
    const contacts: string[] = [];
    const deletions: string[] = [];
    const deletedContacts: string[] = [];
    const deals: string[] = [];
    const merges: Extract<WebhookAction, { kind: 'merge-companies' }>[] = [];
    for (const action of actions) {
      if (action.kind === 'sync-company') companies.push(action.companyId);
      else if (action.kind === 'sync-contact-companies') contacts.push(action.contactId);
      else if (action.kind === 'sync-deleted-contact-companies') deletedContacts.push(action.contactId);
      else if (action.kind === 'archive-company') deletions.push(action.companyId);
      else if (action.kind === 'sync-deal-companies') deals.push(action.dealId);
      else merges.push(action);
    }
    await Promise.all([
      this.pending.add('companies', companies, meta.receivedAt),
      this.pending.add('contacts', contacts, meta.receivedAt),
      this.pending.add('deletions', deletions, meta.receivedAt),
      this.pending.add('deleted-contacts', deletedContacts, meta.receivedAt),
      this.pending.add('deals', deals, meta.receivedAt),
      ...merges.map((m) => this.queues.sync.add(JOB.mergeCompanies, { primaryId: m.primaryId, mergedIds: m.mergedIds })),
    ]);
  }
}
