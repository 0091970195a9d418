/**
 * HubSpot's side of webhooks, simulated: builds events like HubSpot's and delivers them signed (v3)
 * to a target URL. Used by the tests, the benchmark and the demo.
 */
import { signedHeadersV3 } from '../../webhooks/signature';

export interface SimulatedEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  changeSource: string;
  propertyName?: string;
  propertyValue?: string;
  [extra: string]: unknown;
}

let nextEventId = 1;

export function simulatedEvent(subscriptionType: string, objectId: string | number, extra: Record<string, unknown> = {}): SimulatedEvent {
  return {
    eventId: nextEventId++,
    subscriptionId: 1001,
    portalId: 424242,
    appId: 777,
    occurredAt: Date.now(),
    subscriptionType,
    attemptNumber: 0,
    objectId: Number(objectId),
    changeSource: 'CRM_UI',
    ...extra,
  };
}

/** Generic object types: what `objectTypeId` says in HubSpot's generic (object.*) events. */
export const OBJECT_TYPE_ID = { company: '0-2', contact: '0-1', deal: '0-3' } as const;

/**
 * A generic event (`object.creation`, `object.propertyChange`, `object.deletion`, `object.restore`,
 * `object.merge`, `object.associationChange`) as a developer-platform project app receives it. HubSpot
 * publishes no complete example, so only documented fields are set (the envelope, `objectTypeId`,
 * and the merge / association fields passed in `extra`).
 */
export function simulatedGenericEvent(
  subscriptionType: `object.${string}`,
  objectType: keyof typeof OBJECT_TYPE_ID | string,
  objectId: string | number,
  extra: Record<string, unknown> = {},
): SimulatedEvent {
  const objectTypeId = objectType in OBJECT_TYPE_ID ? OBJECT_TYPE_ID[objectType as keyof typeof OBJECT_TYPE_ID] : objectType;
  return simulatedEvent(subscriptionType, objectId, { objectTypeId, ...extra });
}

export interface DeliveryOptions {
  timestamp?: number;
  /** Signs as if the target were this URL (what HubSpot has configured); defaults to `url`. */
  signedUrl?: string;
  /** Replaces the body after signing (to simulate tampering). */
  tamper?: (body: string) => string;
}

/** Posts `events` to `url`, signed with `secret` as HubSpot does. Resolves with the status. */
export async function deliverWebhook(url: string, secret: string, events: readonly SimulatedEvent[], options: DeliveryOptions = {}): Promise<{ status: number; ms: number; headers: Record<string, string>; requestBody: string; responseBody: string }> {
  const body = JSON.stringify(events);
  const headers = signedHeadersV3(secret, 'POST', options.signedUrl ?? url, body, options.timestamp ?? Date.now());
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: options.tamper ? options.tamper(body) : body,
  });
  const responseBody = await response.text();
  return { status: response.status, ms: performance.now() - started, headers, requestBody: body, responseBody };
}

/** Sends the same signed request again (a replay). */
export async function replayWebhook(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  await response.text();
  return response.status;
}

/**
 * The generic `object.associationChange` events HubSpot sends when `childId` gets (or loses)
 * `parentId` as its parent company: one for each record, with the association type seen from it
 * (13 parent → child from the parent, 14 child → parent from the child).
 */
export function simulatedParentAssociationEvents(parentId: string | number, childId: string | number, removed = false): SimulatedEvent[] {
  const both = { fromObjectTypeId: OBJECT_TYPE_ID.company, toObjectTypeId: OBJECT_TYPE_ID.company, associationCategory: 'HUBSPOT_DEFINED', associationRemoved: removed };
  return [
    simulatedEvent('object.associationChange', parentId, { ...both, fromObjectId: Number(parentId), toObjectId: Number(childId), associationTypeId: 13 }),
    simulatedEvent('object.associationChange', childId, { ...both, fromObjectId: Number(childId), toObjectId: Number(parentId), associationTypeId: 14 }),
  ];
}
