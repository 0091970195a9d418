/**
 * `resolve-contacts`: contacts changed in HubSpot → the companies they belong to join the pending syncs.
 * For deleted contacts HubSpot no longer has the associations, so the companies come from the link
 * store (the contacts each company had at its last sync).
 */
import type { z } from 'zod';
import type { HubSpotGateway } from '../../hubspot/gateway';
import { JOB } from '../../queue/names';
import { ResolveContactsPayload, type ResolveJobResult } from '../../queue/payloads';
import type { LinkStore } from '../../sequence/links';
import { unique } from '../../shared/collections';
import type { PendingChanges } from '../../triggers/pending';
import { JobProcessor } from './base';

export class ResolveContactsProcessor extends JobProcessor<typeof ResolveContactsPayload, ResolveJobResult> {
  readonly name = JOB.resolveContacts;
  protected readonly schema = ResolveContactsPayload;

  constructor(
    private readonly gateway: HubSpotGateway,
    private readonly links: LinkStore,
    private readonly pending: PendingChanges,
  ) {
    super();
  }

  protected async handle(data: z.output<typeof ResolveContactsPayload>): Promise<ResolveJobResult> {
    const companyIds = unique(data.deleted ? await this.links.companiesWithContacts(data.contactIds) : await this.companiesInHubSpot(data.contactIds));
    await this.pending.add('companies', companyIds);
    return { counts: { contacts: data.contactIds.length, companies: companyIds.length } };
  }

  private async companiesInHubSpot(contactIds: string[]): Promise<string[]> {
    const byContact = await this.gateway.readContactCompanies(contactIds);
    return [...byContact.values()].flat();
  }
}
