/**
 * HubSpot webhook events (the JSON array HubSpot posts) and their pure mapping to WebhookActions.
 *
 * Two families arrive: the classic `company.*`/`contact.*` types and the generic `object.*` types
 * (HubSpot's developer-platform projects), which name the object type in `objectTypeId` ("0-2"
 * company, "0-1" contact). A generic event for a company or a contact does exactly what its classic
 * counterpart does; one for any other object type is accepted and counted as ignored.
 *
 * Parsing is lenient where HubSpot may vary and strict where we act: unknown fields are dropped,
 * and the ids we act on must be canonical positive integers, as numbers or digit strings (no sign,
 * no leading zero, no whitespace, at most int64's maximum), always strings afterwards, so one record
 * never becomes two pending ids. Only the fields a given subscription type needs are required.
 */
import { z } from 'zod';
import { MAX_MERGED_IDS } from '../queue/payloads';
import type { WebhookAction } from './actions';

/** HubSpot batches at most 100 events per request. */
export const MAX_EVENTS_PER_REQUEST = 100;

const INT64_MAX = 9_223_372_036_854_775_807n;
const ID_RULE = 'must be a positive whole number (a number, or a digit string without leading zeros or spaces) no larger than 9223372036854775807';

/** The id as a canonical digit string, or undefined when it is not one. */
export function canonicalId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  if (typeof value !== 'string' || !/^[1-9]\d{0,18}$/.test(value)) return undefined;
  return BigInt(value) <= INT64_MAX ? value : undefined;
}

const id = z.union([z.number(), z.string()], { error: ID_RULE }).transform((value, ctx) => {
  const canonical = canonicalId(value);
  if (canonical === undefined) {
    // A JSON number past 2^53 has already lost digits: it cannot name a record reliably.
    const imprecise = typeof value === 'number' && Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER ? '; as a number it must not exceed 9007199254740991 (send larger ids as strings)' : '';
    ctx.addIssue({ code: 'custom', message: `${ID_RULE}${imprecise} (got ${JSON.stringify(value).slice(0, 40)})` });
    return z.NEVER;
  }
  return canonical;
});
/** Ids we never act on (portal, app, subscription): any number or string, kept as text. */
const looseId = z.union([z.number(), z.string()]).transform((v) => String(v));

/** Generic events' object type ids and the classic prefix they stand for. */
export const OBJECT_TYPE_IDS = { '0-2': 'company', '0-1': 'contact' } as const;
const GENERIC_PREFIX = 'object.';

export const HubSpotEventSchema = z
  .object({
    eventId: z.union([z.number(), z.string()]).transform((v) => String(v)),
    subscriptionId: looseId.optional(),
    portalId: looseId.optional(),
    appId: looseId.optional(),
    occurredAt: z.number().optional(),
    subscriptionType: z.string().trim().min(1),
    attemptNumber: z.number().int().nonnegative().optional(),
    objectId: id.optional(),
    /** Generic events: "0-2" company, "0-1" contact, others (deals, tickets, custom objects). */
    objectTypeId: z.string().trim().min(1).optional(),
    propertyName: z.string().optional(),
    propertyValue: z.unknown().optional(),
    changeSource: z.string().optional(),
    changeFlag: z.string().optional(),
    // merge
    primaryObjectId: id.optional(),
    mergedObjectIds: z.array(id).max(MAX_MERGED_IDS, `must hold at most ${MAX_MERGED_IDS} ids`).optional(),
    newObjectId: id.optional(),
    // associationChange (classic: associationType; generic: the two object type ids)
    associationType: z.string().trim().min(1).optional(),
    fromObjectTypeId: z.string().trim().min(1).optional(),
    toObjectTypeId: z.string().trim().min(1).optional(),
    fromObjectId: id.optional(),
    toObjectId: id.optional(),
    associationRemoved: z.boolean().optional(),
    isPrimaryAssociation: z.boolean().optional(),
  })
  .superRefine((event, ctx) => {
    const type = effectiveType(event);
    const need = (field: keyof typeof event) => {
      if (event[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${event.subscriptionType}` });
    };
    switch (type) {
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
          ctx.addIssue({ code: 'custom', path: ['primaryObjectId'], message: `${event.subscriptionType} needs primaryObjectId or newObjectId` });
        }
        need('mergedObjectIds');
        break;
      case 'company.associationChange':
        // Either both ends (with the association type) or at least the object the event is about.
        if (event.objectId === undefined && (event.fromObjectId === undefined || event.toObjectId === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['objectId'], message: `${event.subscriptionType} needs fromObjectId and toObjectId, or objectId` });
        }
        break;
      default:
        break;
    }
  });
export type HubSpotEvent = z.infer<typeof HubSpotEventSchema>;

type TypedEvent = Pick<HubSpotEvent, 'subscriptionType' | 'objectTypeId' | 'fromObjectTypeId' | 'toObjectTypeId'>;

const typePrefix = (objectTypeId: string | undefined) =>
  objectTypeId === undefined ? undefined : OBJECT_TYPE_IDS[objectTypeId as keyof typeof OBJECT_TYPE_IDS];

/**
 * The classic subscription type an event stands for: itself for classic events, `company.merge`
 * for a generic `object.merge` of a company, undefined for a generic event of another object type.
 * HubSpot documents `objectTypeId` on creation, deletion, merge, restore and property-change events;
 * association changes carry `fromObjectTypeId`/`toObjectTypeId` instead, so one that touches a
 * company counts as a company association change whichever record it was sent for.
 */
export function effectiveType(event: TypedEvent): string | undefined {
  if (!event.subscriptionType.startsWith(GENERIC_PREFIX)) return event.subscriptionType;
  const suffix = event.subscriptionType.slice(GENERIC_PREFIX.length);
  let prefix = typePrefix(event.objectTypeId);
  if (suffix === 'associationChange' && prefix === undefined) {
    const ends = [typePrefix(event.fromObjectTypeId), typePrefix(event.toObjectTypeId)];
    prefix = ends.includes('company') ? 'company' : ends.includes('contact') ? 'contact' : undefined;
  }
  return prefix ? `${prefix}.${suffix}` : undefined;
}

/** The key an ignored event is counted under: its type, and for generic events its object type. */
export function ignoredKey(event: TypedEvent): string {
  if (!event.subscriptionType.startsWith(GENERIC_PREFIX)) return event.subscriptionType;
  return `${event.subscriptionType}:${event.objectTypeId ?? event.fromObjectTypeId ?? '?'}`;
}

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
  /** Events that led to no action, by type (e.g. contact.creation, deal.propertyChange, object.creation:0-3). */
  ignored: Map<string, number>;
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
  if (event.fromObjectId === undefined || event.toObjectId === undefined) return undefined;
  let sides = companySides(event.associationType);
  // Generic events name the object types of both ends instead of an association type.
  if (!sides && event.fromObjectTypeId !== undefined && event.toObjectTypeId !== undefined) {
    sides = { from: event.fromObjectTypeId === '0-2', to: event.toObjectTypeId === '0-2' };
  }
  if (!sides) return undefined;
  const ids: string[] = [];
  if (sides.from) ids.push(event.fromObjectId);
  if (sides.to) ids.push(event.toObjectId);
  return ids;
}

/** What one event asks for (possibly nothing). */
export function eventActions(event: HubSpotEvent): WebhookAction[] {
  switch (effectiveType(event)) {
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
  const ignored = new Map<string, number>();
  for (const event of events) {
    const produced = eventActions(event);
    if (!produced.length) {
      const key = ignoredKey(event);
      ignored.set(key, (ignored.get(key) ?? 0) + 1);
    }
    for (const action of produced) {
      const key = actionKey(action);
      if (seen.has(key)) continue;
      seen.add(key);
      actions.push(action);
    }
  }
  return { actions, ignored };
}
