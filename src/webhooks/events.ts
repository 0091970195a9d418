/**
 * HubSpot webhook events (the JSON array HubSpot posts) and their pure mapping to WebhookActions.
 *
 * Two families arrive: the classic `company.*`/`contact.*`/`deal.*` types and the generic `object.*`
 * types (HubSpot's developer-platform projects), which name the object type in `objectTypeId` ("0-2"
 * company, "0-1" contact, "0-3" deal). A generic event does exactly what its classic counterpart
 * does. Deal events matter only under BILLING_SCOPE=closed-won (a deal won, created as won, or
 * associated with a company brings the company into scope); everything else the service does not act
 * on is accepted and counted as ignored.
 *
 * Each event's effective type is decided first, from a leniently read envelope; only the events the
 * service acts on are then validated strictly, so a malformed field on an ignored event never refuses
 * the batch. Where we act, the ids must be canonical positive integers, as numbers or digit strings
 * (no sign, no leading zero, no whitespace, at most int64's maximum), always strings afterwards, so
 * one record never becomes two pending ids. Only the fields a given subscription type needs are required.
 */
import { z } from 'zod';
import { ASSOCIATION_TYPE } from '../hubspot/types';
import { MAX_MERGED_IDS } from '../queue/payloads';
import type { BillingScope } from '../scope/types';
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
/** Ids we never act on (portal, app, subscription): any number or string, kept as text; anything else dropped. */
const looseId = z.union([z.number(), z.string()]).transform((v) => String(v)).optional().catch(undefined);
/** Fields read but never acted on: kept when well-formed, dropped otherwise (never a reason to refuse a batch). */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
/** Text fields that decide what an event is: a string (or a number, for type ids), else absent. */
const typeText = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined));

/** Generic events' object type ids and the classic prefix they stand for. */
export const OBJECT_TYPE_IDS = { '0-2': 'company', '0-1': 'contact', '0-3': 'deal' } as const;
type ObjectKind = (typeof OBJECT_TYPE_IDS)[keyof typeof OBJECT_TYPE_IDS];
const GENERIC_PREFIX = 'object.';

/** Deal properties whose change can move a company into the closed-won scope. */
export const SCOPE_DEAL_PROPERTIES = ['dealstage', 'pipeline'] as const;

/** What the service acts on depends on the billing scope: deal events matter only in closed-won mode. */
export interface EventContext {
  scope: BillingScope;
}
export const DEFAULT_EVENT_CONTEXT: EventContext = { scope: { kind: 'all' } };

/**
 * What every event is read as first, leniently: enough to decide its effective type (and so whether
 * it is acted on). Only a batch that is not an array of objects with a subscriptionType is refused
 * here; everything else an ignored event carries may be malformed.
 */
const EnvelopeSchema = z.looseObject({
  subscriptionType: z.string({ error: 'must be a string (the event type)' }).trim().min(1),
  objectTypeId: typeText,
  fromObjectTypeId: typeText,
  toObjectTypeId: typeText,
  associationType: typeText,
  propertyName: typeText,
  eventId: z.unknown().optional(),
});
type Envelope = z.infer<typeof EnvelopeSchema>;

/** An event the service acts on, parsed strictly where it acts and leniently elsewhere. */
export const HubSpotEventSchema = z
  .object({
    eventId: z.union([z.number(), z.string()]).transform((v) => String(v)),
    subscriptionId: looseId,
    portalId: looseId,
    appId: looseId,
    occurredAt: lenient(z.number()),
    subscriptionType: z.string().trim().min(1),
    attemptNumber: lenient(z.number().int().nonnegative()),
    objectId: id.optional(),
    /** Generic events: "0-2" company, "0-1" contact, "0-3" deal, others (tickets, custom objects). */
    objectTypeId: z.string().trim().min(1).optional(),
    propertyName: z.string().optional(),
    propertyValue: z.unknown().optional(),
    changeSource: lenient(z.string()),
    changeFlag: lenient(z.string()),
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
    /** Generic association changes: the association type (13 parent → child company, 14 child → parent, …). */
    associationTypeId: looseId,
    associationRemoved: lenient(z.boolean()),
    isPrimaryAssociation: lenient(z.boolean()),
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
      case 'deal.creation':
      case 'deal.propertyChange':
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
      case 'contact.associationChange':
      case 'deal.associationChange':
        need('fromObjectId');
        need('toObjectId');
        break;
      default:
        break;
    }
  });
/** An event as the rest of the program sees it: acted on (strictly parsed) or ignored (its envelope only). */
export type HubSpotEvent = z.infer<typeof HubSpotEventSchema> & {
  /** Set on events the service does not act on: only their type fields were read. */
  ignored?: true;
};

type TypedEvent = Pick<HubSpotEvent, 'subscriptionType' | 'objectTypeId' | 'fromObjectTypeId' | 'toObjectTypeId'> & { associationType?: string };

const kindOf = (objectTypeId: string | undefined): ObjectKind | undefined =>
  objectTypeId === undefined ? undefined : (OBJECT_TYPE_IDS as Record<string, ObjectKind>)[objectTypeId];

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
  let prefix: ObjectKind | undefined = kindOf(event.objectTypeId);
  if (suffix === 'associationChange') {
    const ends = [kindOf(event.fromObjectTypeId), kindOf(event.toObjectTypeId)];
    if (ends.includes('company')) prefix = 'company';
    else if (prefix === undefined) prefix = ends.includes('contact') ? 'contact' : ends.includes('deal') ? 'deal' : undefined;
  }
  return prefix ? `${prefix}.${suffix}` : undefined;
}

/** The key an ignored event is counted under: its type, and for generic events its object type. */
export function ignoredKey(event: TypedEvent): string {
  if (!event.subscriptionType.startsWith(GENERIC_PREFIX)) return event.subscriptionType;
  return `${event.subscriptionType}:${event.objectTypeId ?? event.fromObjectTypeId ?? '?'}`;
}

/** The two ends of an association change, by kind: from the generic type ids, else the classic association type. */
function associationEnds(event: TypedEvent): [string, string] | undefined {
  const from = kindOf(event.fromObjectTypeId);
  const to = kindOf(event.toObjectTypeId);
  if (event.fromObjectTypeId !== undefined && event.toObjectTypeId !== undefined) return [from ?? event.fromObjectTypeId, to ?? event.toObjectTypeId];
  const upper = event.associationType?.toUpperCase();
  const at = upper?.indexOf('_TO_') ?? -1;
  if (!upper || at <= 0 || at + 4 >= upper.length) return undefined;
  const classic = (name: string): string => {
    if (name === 'PARENT' || name === 'CHILD' || name.includes('COMPAN')) return 'company';
    if (name.includes('CONTACT')) return 'contact';
    if (name.includes('DEAL')) return 'deal';
    return name.toLowerCase();
  };
  return [classic(upper.slice(0, at)), classic(upper.slice(at + 4))];
}

/**
 * Whether the service acts on an event, decided from its envelope alone. Company events always;
 * contact changes and deletions; association changes between a company and a contact or another
 * company (parent and child), or (closed-won) a company and a deal; deal creations and stage or
 * pipeline changes in closed-won mode. Nothing else: an association of a company with a ticket, an
 * engagement or (outside closed-won) a deal changes nothing billed.
 */
export function isActedOn(event: TypedEvent & { propertyName?: string }, context: EventContext = DEFAULT_EVENT_CONTEXT): boolean {
  const type = effectiveType(event);
  const closedWon = context.scope.kind === 'closed-won';
  switch (type) {
    case 'company.creation':
    case 'company.propertyChange':
    case 'company.restore':
    case 'company.deletion':
    case 'company.merge':
    case 'contact.propertyChange':
    case 'contact.deletion':
    case 'contact.privacyDeletion':
      return true;
    case 'deal.creation':
      return closedWon;
    case 'deal.propertyChange':
      return closedWon && (SCOPE_DEAL_PROPERTIES as readonly string[]).includes(event.propertyName ?? '');
    case 'company.associationChange':
    case 'contact.associationChange':
    case 'deal.associationChange': {
      const ends = associationEnds(event);
      // A company event that does not say what the other end is: the company is synced, as before.
      if (!ends) return type === 'company.associationChange';
      const [a, b] = ends;
      const other = a === 'company' ? b : b === 'company' ? a : undefined;
      // Company to company (parent and child) is kept: the child is synced (both, when the event does not say which is the child).
      return other === 'contact' || other === 'company' || (other === 'deal' && closedWon);
    }
    default:
      return false;
  }
}

export const HubSpotEventsSchema = z
  .array(EnvelopeSchema, { error: 'must be a JSON array of HubSpot events' })
  .max(MAX_EVENTS_PER_REQUEST, { error: `must hold at most ${MAX_EVENTS_PER_REQUEST} events` });

export type ParseEventsResult = { ok: true; events: HubSpotEvent[] } | { ok: false; problems: string[] };

function pathText(path: readonly PropertyKey[]): string {
  let text = 'body';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return text;
}

/** What is kept of an ignored event: the fields that say what it was (for the counter). */
function ignoredEvent(envelope: Envelope): HubSpotEvent {
  return {
    ignored: true,
    eventId: typeof envelope.eventId === 'string' || typeof envelope.eventId === 'number' ? String(envelope.eventId) : '',
    subscriptionType: envelope.subscriptionType,
    ...(envelope.objectTypeId !== undefined ? { objectTypeId: envelope.objectTypeId } : {}),
    ...(envelope.fromObjectTypeId !== undefined ? { fromObjectTypeId: envelope.fromObjectTypeId } : {}),
    ...(envelope.toObjectTypeId !== undefined ? { toObjectTypeId: envelope.toObjectTypeId } : {}),
  };
}

/**
 * Validates already-parsed JSON: each event's effective type is decided first, from its envelope;
 * only the events the service acts on are then validated strictly, so one bad field on an event the
 * service ignores never refuses the batch. Problems name the event index and field, e.g.
 * `body[2].objectId: …`.
 */
export function parseEvents(json: unknown, maxProblems = 10, context: EventContext = DEFAULT_EVENT_CONTEXT): ParseEventsResult {
  const envelopes = HubSpotEventsSchema.safeParse(json);
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const events: HubSpotEvent[] = [];
  if (!envelopes.success) issues.push(...envelopes.error.issues.map((i) => ({ path: i.path, message: i.message })));
  else {
    envelopes.data.forEach((envelope, index) => {
      if (!isActedOn(envelope, context)) {
        events.push(ignoredEvent(envelope));
        return;
      }
      const strict = HubSpotEventSchema.safeParse((json as unknown[])[index]);
      if (strict.success) events.push(strict.data);
      else issues.push(...strict.error.issues.map((i) => ({ path: [index, ...i.path], message: i.message })));
    });
  }
  if (!issues.length) return { ok: true, events };
  const problems = issues.slice(0, maxProblems).map((issue) => `${pathText(issue.path)}: ${issue.message}`);
  if (issues.length > maxProblems) problems.push(`… and ${issues.length - maxProblems} more`);
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

/**
 * Of a parent ↔ child company association, the end that is the child: the company whose parent was
 * set or removed (PARENT_CUSTOMERS syncs it under its new parent; the parent itself is unchanged).
 * Undefined when the event does not say (then both companies are synced).
 */
function childEnd(event: HubSpotEvent): 'from' | 'to' | undefined {
  const classic = event.associationType?.toUpperCase();
  const typeId = event.associationTypeId;
  if (classic === 'PARENT_TO_CHILD_COMPANY' || typeId === String(ASSOCIATION_TYPE.PARENT_TO_CHILD_COMPANY)) return 'to';
  if (classic === 'CHILD_TO_PARENT_COMPANY' || typeId === String(ASSOCIATION_TYPE.CHILD_TO_PARENT_COMPANY)) return 'from';
  return undefined;
}

function associationCompanies(event: HubSpotEvent): string[] | undefined {
  if (event.fromObjectId === undefined || event.toObjectId === undefined) return undefined;
  let sides = companySides(event.associationType);
  // Generic events name the object types of both ends instead of an association type.
  if (!sides && event.fromObjectTypeId !== undefined && event.toObjectTypeId !== undefined) {
    sides = { from: event.fromObjectTypeId === '0-2', to: event.toObjectTypeId === '0-2' };
  }
  if (!sides) return undefined;
  if (sides.from && sides.to) {
    const child = childEnd(event);
    if (child) return [child === 'from' ? event.fromObjectId : event.toObjectId];
  }
  const ids: string[] = [];
  if (sides.from) ids.push(event.fromObjectId);
  if (sides.to) ids.push(event.toObjectId);
  return ids;
}

/** What one event asks for (possibly nothing). */
export function eventActions(event: HubSpotEvent): WebhookAction[] {
  if (event.ignored) return [];
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
    case 'deal.associationChange':
      return (associationCompanies(event) ?? []).map((companyId) => ({ kind: 'sync-company', companyId }));
    case 'deal.creation':
    case 'deal.propertyChange':
      return event.objectId === undefined ? [] : [{ kind: 'sync-deal-companies', dealId: event.objectId }];
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
    case 'sync-deal-companies':
      return `${action.kind}:${action.dealId}`;
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
