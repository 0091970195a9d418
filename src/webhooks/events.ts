/**
 * HubSpot webhook events (the JSON array HubSpot posts) and their pure mapping to WebhookActions.
 *
 * Parsing is lenient where HubSpot may vary and strict where we act: unknown fields are dropped,
 * ids may be numbers or digit strings (always strings afterwards), and only the fields a given
 * subscription type needs are required for it. Event types we do not act on (contact.creation,
 * deals, tickets, …) are accepted and counted, never rejected.
 */
import { z } from 'zod';
import type { WebhookAction } from './actions';

/** HubSpot batches at most 100 events per request. */
export const MAX_EVENTS_PER_REQUEST = 100;

const id = z
  .union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().trim().regex(/^\d{1,20}$/)], {
    error: 'must be a numeric id (number or digit string)',
  })
  .transform((v) => String(v));

export const HubSpotEventSchema = z
  .object({
    eventId: z.union([z.number(), z.string()]).transform((v) => String(v)),
    subscriptionId: id.optional(),
    portalId: id.optional(),
    appId: id.optional(),
    occurredAt: z.number().optional(),
    subscriptionType: z.string().trim().min(1),
    attemptNumber: z.number().int().nonnegative().optional(),
    objectId: id.optional(),
    propertyName: z.string().optional(),
    propertyValue: z.unknown().optional(),
    changeSource: z.string().optional(),
    changeFlag: z.string().optional(),
    // merge
    primaryObjectId: id.optional(),
    mergedObjectIds: z.array(id).optional(),
    newObjectId: id.optional(),
    // associationChange
    associationType: z.string().trim().min(1).optional(),
    fromObjectId: id.optional(),
    toObjectId: id.optional(),
    associationRemoved: z.boolean().optional(),
    isPrimaryAssociation: z.boolean().optional(),
  })
  .superRefine((event, ctx) => {
    const need = (field: keyof typeof event) => {
      if (event[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${event.subscriptionType}` });
    };
    switch (event.subscriptionType) {
      case 'company.creation':
      case 'company.propertyChange':
      case 'company.restore':
      case 'company.deletion':
      case 'contact.propertyChange':
      case 'contact.deletion':
      case 'contact.privacyDeletion':
        need('objectId');
        break;
      case 'company.merge':
        if (event.newObjectId === undefined && event.primaryObjectId === undefined) {
          ctx.addIssue({ code: 'custom', path: ['primaryObjectId'], message: 'company.merge needs primaryObjectId or newObjectId' });
        }
        need('mergedObjectIds');
        break;
      case 'company.associationChange':
        // Either both ends (with the association type) or at least the object the event is about.
        if (event.objectId === undefined && (event.fromObjectId === undefined || event.toObjectId === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['objectId'], message: 'company.associationChange needs fromObjectId and toObjectId, or objectId' });
        }
        break;
      default:
        break;
    }
  });
export type HubSpotEvent = z.infer<typeof HubSpotEventSchema>;

export const HubSpotEventsSchema = z
  .array(HubSpotEventSchema, { error: 'must be a JSON array of HubSpot events' })
  .max(MAX_EVENTS_PER_REQUEST, { error: `must hold at most ${MAX_EVENTS_PER_REQUEST} events` });

export type ParseEventsResult = { ok: true; events: HubSpotEvent[] } | { ok: false; problems: string[] };

function pathText(path: readonly PropertyKey[]): string {
  let text = 'body';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return text;
}

/** Validates already-parsed JSON. Problems name the event index and field, e.g. `body[2].objectId: …`. */
export function parseEvents(json: unknown, maxProblems = 10): ParseEventsResult {
  const result = HubSpotEventsSchema.safeParse(json);
  if (result.success) return { ok: true, events: result.data };
  const problems = result.error.issues.slice(0, maxProblems).map((issue) => `${pathText(issue.path)}: ${issue.message}`);
  if (result.error.issues.length > maxProblems) problems.push(`… and ${result.error.issues.length - maxProblems} more`);
  return { ok: false, problems };
}

export interface MappedEvents {
  /** Deduplicated, in order of first appearance. */
  actions: WebhookAction[];
  /** Events that led to no action, by subscription type (e.g. contact.creation, deal.propertyChange). */
  ignored: Record<string, number>;
}

/**
 * The company side(s) of an association type such as COMPANY_TO_CONTACT, CONTACT_TO_COMPANY,
 * COMPANY_TO_DEAL or PARENT_TO_CHILD_COMPANY. `undefined` when the type cannot be read.
 */
export function companySides(associationType: string | undefined): { from: boolean; to: boolean } | undefined {
  if (!associationType) return undefined;
  const upper = associationType.toUpperCase();
  const at = upper.indexOf('_TO_');
  if (at <= 0) return undefined;
  const fromType = upper.slice(0, at);
  const toType = upper.slice(at + 4);
  if (!toType) return undefined;
  const isCompany = (t: string) => t.includes('COMPANY') || t.includes('COMPANIES');
  const parentChild = (t: string) => t === 'PARENT' || t === 'CHILD';
  // PARENT_TO_CHILD_COMPANY / CHILD_TO_PARENT_COMPANY: both ends are companies.
  const from = isCompany(fromType) || (parentChild(fromType) && isCompany(toType));
  const to = isCompany(toType) || (parentChild(toType) && isCompany(fromType));
  return { from, to };
}

function associationCompanies(event: HubSpotEvent): string[] | undefined {
  const sides = companySides(event.associationType);
  if (!sides || event.fromObjectId === undefined || event.toObjectId === undefined) return undefined;
  const ids: string[] = [];
  if (sides.from) ids.push(event.fromObjectId);
  if (sides.to) ids.push(event.toObjectId);
  return ids;
}

/** What one event asks for (possibly nothing). */
export function eventActions(event: HubSpotEvent): WebhookAction[] {
  switch (event.subscriptionType) {
    case 'company.creation':
    case 'company.propertyChange':
    case 'company.restore':
      return event.objectId === undefined ? [] : [{ kind: 'sync-company', companyId: event.objectId }];
    case 'company.deletion':
      return event.objectId === undefined ? [] : [{ kind: 'archive-company', companyId: event.objectId }];
    case 'company.merge': {
      const primaryId = event.newObjectId ?? event.primaryObjectId;
      if (primaryId === undefined) return [];
      // When the merge created a new record, the old primary is merged away too.
      const candidates = [...(event.mergedObjectIds ?? []), ...(event.newObjectId !== undefined && event.primaryObjectId !== undefined ? [event.primaryObjectId] : [])];
      const mergedIds = [...new Set(candidates)].filter((mergedId) => mergedId !== primaryId);
      return [{ kind: 'merge-companies', primaryId, mergedIds }];
    }
    case 'company.associationChange': {
      const ids = associationCompanies(event);
      if (ids && ids.length) return ids.map((companyId) => ({ kind: 'sync-company', companyId }));
      return event.objectId === undefined ? [] : [{ kind: 'sync-company', companyId: event.objectId }];
    }
    case 'contact.propertyChange':
      return event.objectId === undefined ? [] : [{ kind: 'sync-contact-companies', contactId: event.objectId }];
    case 'contact.deletion':
    case 'contact.privacyDeletion':
      return event.objectId === undefined ? [] : [{ kind: 'sync-deleted-contact-companies', contactId: event.objectId }];
    case 'contact.associationChange':
      return (associationCompanies(event) ?? []).map((companyId) => ({ kind: 'sync-company', companyId }));
    default:
      return [];
  }
}

export function actionKey(action: WebhookAction): string {
  switch (action.kind) {
    case 'sync-company':
    case 'archive-company':
      return `${action.kind}:${action.companyId}`;
    case 'sync-contact-companies':
    case 'sync-deleted-contact-companies':
      return `${action.kind}:${action.contactId}`;
    case 'merge-companies':
      return `${action.kind}:${action.primaryId}:${[...action.mergedIds].sort().join(',')}`;
  }
}

/** Maps a request's events to actions, deduplicating identical ones. */
export function mapEvents(events: readonly HubSpotEvent[]): MappedEvents {
  const seen = new Set<string>();
  const actions: WebhookAction[] = [];
  const ignored: Record<string, number> = {};
  for (const event of events) {
    const produced = eventActions(event);
    if (!produced.length) ignored[event.subscriptionType] = (ignored[event.subscriptionType] ?? 0) + 1;
    for (const action of produced) {
      const key = actionKey(action);
      if (seen.has(key)) continue;
      seen.add(key);
      actions.push(action);
    }
  }
  return { actions, ignored };
}
