/** `resolve-contacts`: contacts changed in HubSpot → the companies they belong to join the pending syncs. */
import type { z } from 'zod';
import type { HubSpotGateway } from '../../hubspot/gateway';
import { JOB } from '../../queue/names';
import { ResolveContactsPayload } from '../../queue/payloads';
import type { PendingChanges } from '../../triggers/pending';
import { JobProcessor } from './base';

export class ResolveContactsProcessor extends JobProcessor<typeof ResolveContactsPayload, { companyIds: string[] }> {
  readonly name = JOB.resolveContacts;
  protected readonly schema = ResolveContactsPayload;

  constructor(
    private readonly gateway: HubSpotGateway,
    private readonly pending: PendingChanges,
  ) {
    super();
  }

  protected async handle(data: z.output<typeof ResolveContactsPayload>): Promise<{ companyIds: string[] }> {
    const byContact = await this.gateway.readContactCompanies(data.contactIds);
    const companyIds = [...new Set([...byContact.values()].flat())];
    await this.pending.add('companies', companyIds);
    return { companyIds };
  }
}
