/**
 * What a HubSpot webhook asks of us, once its events are verified and parsed. The HTTP layer turns
 * events into actions; the sink makes them durable (Redis) before HubSpot gets its 2xx.
 */
export type WebhookAction =
  /** Sync this company (created, changed, restored, associations changed). */
  | { kind: 'sync-company'; companyId: string }
  /** A contact changed: sync every company it belongs to. */
  | { kind: 'sync-contact-companies'; contactId: string }
  /** A contact was deleted: sync the companies it belonged to at their last sync (HubSpot no longer knows). */
  | { kind: 'sync-deleted-contact-companies'; contactId: string }
  /** A deal was created or changed stage or pipeline (closed-won scope): sync the companies of the deal, if it is won. */
  | { kind: 'sync-deal-companies'; dealId: string }
  /** The company was deleted in HubSpot: archive its customer (when ARCHIVE_ON_DELETE). */
  | { kind: 'archive-company'; companyId: string }
  /** Companies were merged: sync the survivor, archive or relink the merged-away ones. */
  | { kind: 'merge-companies'; primaryId: string; mergedIds: string[] };

export interface WebhookSink {
  /** Resolves once the actions are durably stored; rejects if they could not be (the caller answers 5xx). */
  accept(actions: WebhookAction[], meta: { receivedAt: number }): Promise<void>;
}
