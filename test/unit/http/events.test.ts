/**
 * HubSpot webhook events → WebhookActions: every subscription type, merges, association changes in
 * both directions, numeric ids, unknown fields, deduplication.
 */
import type { WebhookAction } from '../../../src/webhooks/actions';
import fc from 'fast-check';
import { MAX_MERGED_IDS, MergeCompaniesPayload } from '../../../src/queue/payloads';
import { canonicalId, companySides, mapEvents, parseEvents, type EventContext, type HubSpotEvent } from '../../../src/webhooks/events';

function ev(subscriptionType: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { eventId: 100, subscriptionId: 1, portalId: 62515, appId: 54321, occurredAt: 1_700_000_000_000, subscriptionType, attemptNumber: 0, changeSource: 'CRM', ...extra };
}

function parse(events: Record<string, unknown>[], context?: EventContext): HubSpotEvent[] {
  const result = parseEvents(events, 10, context);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.events;
}

const map = (...events: Record<string, unknown>[]) => mapEvents(parse(events));
const actionsOf = (...events: Record<string, unknown>[]): WebhookAction[] => map(...events).actions;
const CLOSED_WON: EventContext = { scope: { kind: 'closed-won', pipelines: [] } };
const mapClosedWon = (...events: Record<string, unknown>[]) => mapEvents(parse(events, CLOSED_WON));

describe('mapping table', () => {
  it.each<[string, Record<string, unknown>, WebhookAction[]]>([
    ['company.creation', { objectId: 1 }, [{ kind: 'sync-company', companyId: '1' }]],
    ['company.propertyChange', { objectId: 2, propertyName: 'name', propertyValue: 'Acme' }, [{ kind: 'sync-company', companyId: '2' }]],
    ['company.restore', { objectId: 3 }, [{ kind: 'sync-company', companyId: '3' }]],
    ['company.deletion', { objectId: 4 }, [{ kind: 'archive-company', companyId: '4' }]],
    ['contact.propertyChange', { objectId: 5, propertyName: 'email' }, [{ kind: 'sync-contact-companies', contactId: '5' }]],
    ['contact.creation', { objectId: 6 }, []],
    ['contact.deletion', { objectId: 7 }, [{ kind: 'sync-deleted-contact-companies', contactId: '7' }]],
    ['contact.restore', { objectId: 7 }, []],
    ['contact.merge', { objectId: 7, primaryObjectId: 7, mergedObjectIds: [8] }, []],
    ['contact.privacyDeletion', { objectId: 8 }, [{ kind: 'sync-deleted-contact-companies', contactId: '8' }]],
    ['deal.creation', { objectId: 9 }, []],
    ['deal.propertyChange', { objectId: 9, propertyName: 'amount' }, []],
    ['deal.associationChange', { associationType: 'DEAL_TO_COMPANY', fromObjectId: 9, toObjectId: 10 }, []],
    ['ticket.creation', { objectId: 11 }, []],
  ])('%s → %j', (type, extra, expected) => {
    const result = map(ev(type, extra));
    expect(result.actions).toEqual(expected);
    if (!expected.length) expect(result.ignored).toEqual(new Map([[type, 1]]));
  });
});

describe('company.merge', () => {
  it('syncs the primary and lists the merged-away ids (primary removed)', () => {
    expect(actionsOf(ev('company.merge', { objectId: 10, primaryObjectId: 10, mergedObjectIds: [11, 10, '12'] }))).toEqual([
      { kind: 'merge-companies', primaryId: '10', mergedIds: ['11', '12'] },
    ]);
  });

  it('uses newObjectId as the primary when the merge created a record; the old primary is merged away', () => {
    expect(actionsOf(ev('company.merge', { objectId: 10, primaryObjectId: 10, mergedObjectIds: [11], newObjectId: 99 }))).toEqual([
      { kind: 'merge-companies', primaryId: '99', mergedIds: ['11', '10'] },
    ]);
  });

  it('a merge the event cap accepts is a job the job cap accepts: 100 merged ids plus the old primary of a merge that made a new record', () => {
    const merged = Array.from({ length: MAX_MERGED_IDS }, (_, i) => 1_000 + i);
    for (const subscriptionType of ['company.merge', 'object.merge']) {
      const extra = subscriptionType === 'object.merge' ? { objectTypeId: '0-2' } : {};
      const [action] = actionsOf(ev(subscriptionType, { ...extra, objectId: 10, primaryObjectId: 10, mergedObjectIds: merged, newObjectId: 99 }));
      expect(action).toMatchObject({ kind: 'merge-companies', primaryId: '99' });
      const { kind: _kind, ...payload } = action as Extract<WebhookAction, { kind: 'merge-companies' }>;
      expect(payload.mergedIds).toHaveLength(MAX_MERGED_IDS + 1);
      expect(MergeCompaniesPayload.safeParse(payload).success).toBe(true);
    }
  });

  it('newObjectId equal to the primary changes nothing', () => {
    expect(actionsOf(ev('company.merge', { primaryObjectId: 10, mergedObjectIds: [11], newObjectId: 10 }))).toEqual([
      { kind: 'merge-companies', primaryId: '10', mergedIds: ['11'] },
    ]);
  });
});

describe('associationChange', () => {
  it('company.associationChange COMPANY_TO_CONTACT syncs the company (from side)', () => {
    expect(actionsOf(ev('company.associationChange', { associationType: 'COMPANY_TO_CONTACT', fromObjectId: 20, toObjectId: 30, associationRemoved: false, isPrimaryAssociation: true }))).toEqual([
      { kind: 'sync-company', companyId: '20' },
    ]);
  });

  it('company.associationChange CONTACT_TO_COMPANY syncs the company (to side)', () => {
    expect(actionsOf(ev('company.associationChange', { associationType: 'CONTACT_TO_COMPANY', fromObjectId: 30, toObjectId: 20, associationRemoved: true }))).toEqual([
      { kind: 'sync-company', companyId: '20' },
    ]);
  });

  it('a parent ↔ child company association syncs the child (the company whose parent changed), from either end, classic or generic', () => {
    // Parent 1, child 2: HubSpot sends one event per direction; both name the child.
    const generic = { objectTypeId: '0-2', fromObjectTypeId: '0-2', toObjectTypeId: '0-2', associationCategory: 'HUBSPOT_DEFINED' };
    expect(
      map(
        ev('company.associationChange', { associationType: 'PARENT_TO_CHILD_COMPANY', fromObjectId: 1, toObjectId: 2 }),
        ev('company.associationChange', { associationType: 'CHILD_TO_PARENT_COMPANY', fromObjectId: 2, toObjectId: 1, associationRemoved: true }),
        ev('object.associationChange', { ...generic, fromObjectId: 1, toObjectId: 2, associationTypeId: 13 }),
        ev('object.associationChange', { ...generic, fromObjectId: 2, toObjectId: 1, associationTypeId: 14, associationRemoved: true }),
      ).actions,
    ).toEqual([{ kind: 'sync-company', companyId: '2' }]);
  });

  it('a company ↔ company association that does not say which end is the child syncs both companies', () => {
    expect(actionsOf(ev('object.associationChange', { objectTypeId: '0-2', fromObjectTypeId: '0-2', toObjectTypeId: '0-2', fromObjectId: 1, toObjectId: 2 }))).toEqual([
      { kind: 'sync-company', companyId: '1' },
      { kind: 'sync-company', companyId: '2' },
    ]);
    expect(actionsOf(ev('object.associationChange', { objectTypeId: '0-2', fromObjectTypeId: '0-2', toObjectTypeId: '0-2', fromObjectId: 1, toObjectId: 2, associationTypeId: 'odd' }))).toHaveLength(2);
  });

  it('company-to-ticket, -engagement and -deal (outside closed-won) associations change nothing billed: ignored and counted', () => {
    const result = map(
      ev('company.associationChange', { associationType: 'COMPANY_TO_TICKET', fromObjectId: 1, toObjectId: 70 }),
      ev('company.associationChange', { associationType: 'COMPANY_TO_DEAL', fromObjectId: 1, toObjectId: 80 }),
      ev('object.associationChange', { objectTypeId: '0-2', fromObjectTypeId: '0-2', toObjectTypeId: '0-5', fromObjectId: 1, toObjectId: 90 }),
      ev('object.associationChange', { objectTypeId: '0-2', fromObjectTypeId: '0-2', toObjectTypeId: '0-47', fromObjectId: 1, toObjectId: 91 }),
    );
    expect(result).toEqual({ actions: [], ignored: new Map([['company.associationChange', 2], ['object.associationChange:0-2', 2]]) });
  });

  it('closed-won: a company-deal association syncs the company, from either end', () => {
    expect(mapClosedWon(ev('company.associationChange', { associationType: 'COMPANY_TO_DEAL', fromObjectId: 1, toObjectId: 80 })).actions).toEqual([{ kind: 'sync-company', companyId: '1' }]);
    expect(mapClosedWon(ev('deal.associationChange', { associationType: 'DEAL_TO_COMPANY', fromObjectId: 80, toObjectId: 1 })).actions).toEqual([{ kind: 'sync-company', companyId: '1' }]);
    expect(mapClosedWon(ev('company.associationChange', { associationType: 'COMPANY_TO_TICKET', fromObjectId: 1, toObjectId: 70 })).actions).toEqual([]);
  });

  it('falls back to objectId when the association type or ends are missing', () => {
    expect(actionsOf(ev('company.associationChange', { objectId: 44 }))).toEqual([{ kind: 'sync-company', companyId: '44' }]);
    expect(actionsOf(ev('company.associationChange', { objectId: 45, associationType: 'WEIRD', fromObjectId: 1, toObjectId: 2 }))).toEqual([
      { kind: 'sync-company', companyId: '45' },
    ]);
  });

  it('contact.associationChange involving a company syncs the company side, in both directions', () => {
    expect(actionsOf(ev('contact.associationChange', { associationType: 'CONTACT_TO_COMPANY', fromObjectId: 30, toObjectId: 20 }))).toEqual([
      { kind: 'sync-company', companyId: '20' },
    ]);
    expect(actionsOf(ev('contact.associationChange', { associationType: 'COMPANY_TO_CONTACT', fromObjectId: 21, toObjectId: 30 }))).toEqual([
      { kind: 'sync-company', companyId: '21' },
    ]);
  });

  it('contact.associationChange without a company is ignored', () => {
    const result = map(ev('contact.associationChange', { associationType: 'CONTACT_TO_DEAL', fromObjectId: 30, toObjectId: 40 }), ev('contact.associationChange', { objectId: 30 }));
    expect(result.actions).toEqual([]);
    expect(result.ignored).toEqual(new Map([['contact.associationChange', 2]]));
  });

  it('companySides reads the common association types', () => {
    expect(companySides('COMPANY_TO_CONTACT')).toEqual({ from: true, to: false });
    expect(companySides('contact_to_company')).toEqual({ from: false, to: true });
    expect(companySides('COMPANY_TO_DEAL')).toEqual({ from: true, to: false });
    expect(companySides('CHILD_TO_PARENT_COMPANY')).toEqual({ from: true, to: true });
    expect(companySides('CONTACT_TO_TICKET')).toEqual({ from: false, to: false });
    expect(companySides('NONSENSE')).toBeUndefined();
    expect(companySides(undefined)).toBeUndefined();
  });
});

describe('parsing', () => {
  it('turns numeric ids into strings and keeps digit strings', () => {
    const [event] = parse([ev('company.merge', { objectId: 1, primaryObjectId: '2', mergedObjectIds: [3, '4'], newObjectId: 5, portalId: 62515, eventId: 77 })]);
    expect(event).toMatchObject({ objectId: '1', primaryObjectId: '2', mergedObjectIds: ['3', '4'], newObjectId: '5', portalId: '62515', eventId: '77' });
  });

  it('accepts unknown extra fields and drops them', () => {
    const [event] = parse([ev('company.creation', { objectId: 1, changeFlag: 'NEW', sourceId: 'userId:1', brandNew: { x: 1 } })]);
    expect(event).not.toHaveProperty('brandNew');
    expect(event?.objectId).toBe('1');
  });

  it('accepts an empty array', () => {
    expect(parseEvents([])).toEqual({ ok: true, events: [] });
  });

  it('names what is wrong, by index and field', () => {
    const result = parseEvents([ev('company.creation', { objectId: 1 }), ev('company.deletion', { objectId: -3 }), { subscriptionType: 'company.creation', objectId: 1 }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^body\[1\]\.objectId: /), expect.stringMatching(/^body\[2\]\.eventId: /)]));
  });

  it('rejects non-arrays and over-long batches', () => {
    expect(parseEvents({})).toEqual({ ok: false, problems: ['body: must be a JSON array of HubSpot events'] });
    expect(parseEvents(null).ok).toBe(false);
    const many = Array.from({ length: 101 }, () => ev('company.creation', { objectId: 1 }));
    expect(parseEvents(many)).toEqual({ ok: false, problems: [expect.stringContaining('at most 100 events')] });
  });

  it('caps the list of problems', () => {
    const bad = Array.from({ length: 30 }, () => ({ eventId: 1, subscriptionType: 'company.creation' }));
    const result = parseEvents(bad, 5);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(6);
  });
});

describe('deduplication', () => {
  it('keeps one of each identical action, in order of first appearance', () => {
    const result = map(
      ev('company.propertyChange', { objectId: 1, propertyName: 'name' }),
      ev('company.propertyChange', { objectId: '1', propertyName: 'city' }),
      ev('company.creation', { objectId: 2 }),
      ev('company.associationChange', { associationType: 'CONTACT_TO_COMPANY', fromObjectId: 9, toObjectId: 1 }),
      ev('contact.propertyChange', { objectId: 9 }),
      ev('contact.propertyChange', { objectId: 9 }),
      ev('company.merge', { primaryObjectId: 3, mergedObjectIds: [4, 5] }),
      ev('company.merge', { primaryObjectId: 3, mergedObjectIds: [5, 4] }),
      ev('company.deletion', { objectId: 1 }),
    );
    expect(result.actions).toEqual([
      { kind: 'sync-company', companyId: '1' },
      { kind: 'sync-company', companyId: '2' },
      { kind: 'sync-contact-companies', contactId: '9' },
      { kind: 'merge-companies', primaryId: '3', mergedIds: ['4', '5'] },
      { kind: 'archive-company', companyId: '1' },
    ]);
  });
});

describe('generic object.* events', () => {
  const company = (type: string, extra: Record<string, unknown> = {}) => ev(type, { objectTypeId: '0-2', ...extra });
  const contact = (type: string, extra: Record<string, unknown> = {}) => ev(type, { objectTypeId: '0-1', ...extra });

  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    ['object.creation', { objectTypeId: '0-2', objectId: 1 }, 'company.creation', { objectId: 1 }],
    ['object.propertyChange', { objectTypeId: '0-2', objectId: '2', propertyName: 'name', propertyValue: 'Acme' }, 'company.propertyChange', { objectId: 2, propertyName: 'name' }],
    ['object.restore', { objectTypeId: '0-2', objectId: 3 }, 'company.restore', { objectId: 3 }],
    ['object.deletion', { objectTypeId: '0-2', objectId: 4 }, 'company.deletion', { objectId: 4 }],
    ['object.merge', { objectTypeId: '0-2', objectId: 10, primaryObjectId: 10, mergedObjectIds: [11, '12'], newObjectId: 99 }, 'company.merge', { objectId: 10, primaryObjectId: 10, mergedObjectIds: [11, 12], newObjectId: 99 }],
    ['object.propertyChange', { objectTypeId: '0-1', objectId: 5, propertyName: 'email' }, 'contact.propertyChange', { objectId: 5, propertyName: 'email' }],
    ['object.deletion', { objectTypeId: '0-1', objectId: 7 }, 'contact.deletion', { objectId: 7 }],
    ['object.creation', { objectTypeId: '0-1', objectId: 6 }, 'contact.creation', { objectId: 6 }],
    ['object.restore', { objectTypeId: '0-1', objectId: 7 }, 'contact.restore', { objectId: 7 }],
    ['object.merge', { objectTypeId: '0-1', objectId: 7, primaryObjectId: 7, mergedObjectIds: [8] }, 'contact.merge', { objectId: 7, primaryObjectId: 7, mergedObjectIds: [8] }],
  ])('%s %j does what %s does', (genericType, genericFields, legacyType, legacyFields) => {
    expect(actionsOf(ev(genericType, genericFields))).toEqual(actionsOf(ev(legacyType, legacyFields)));
  });

  it('an association change arrives once for each record; both give the same sync, done once', () => {
    const fromCompany = company('object.associationChange', {
      objectId: 1, fromObjectTypeId: '0-2', toObjectTypeId: '0-1', fromObjectId: 1, toObjectId: 9, associationTypeId: 280, associationCategory: 'HUBSPOT_DEFINED', associationRemoved: false,
    });
    const fromContact = contact('object.associationChange', {
      objectId: 9, fromObjectTypeId: '0-1', toObjectTypeId: '0-2', fromObjectId: 9, toObjectId: 1, associationTypeId: 279, associationCategory: 'HUBSPOT_DEFINED', associationRemoved: false,
    });
    expect(actionsOf(fromCompany)).toEqual([{ kind: 'sync-company', companyId: '1' }]);
    expect(actionsOf(fromContact)).toEqual([{ kind: 'sync-company', companyId: '1' }]);
    expect(map(fromCompany, fromContact)).toEqual({ actions: [{ kind: 'sync-company', companyId: '1' }], ignored: new Map() });
  });

  it('an association change without objectTypeId (HubSpot documents only the two ends) is read from its ends', () => {
    const ends = { fromObjectTypeId: '0-3', toObjectTypeId: '0-2', fromObjectId: 50, toObjectId: 1, associationTypeId: 341, associationCategory: 'HUBSPOT_DEFINED' };
    expect(mapClosedWon(ev('object.associationChange', ends)).actions).toEqual([{ kind: 'sync-company', companyId: '1' }]);
    expect(map(ev('object.associationChange', ends))).toEqual({ actions: [], ignored: new Map([['object.associationChange:0-3', 1]]) });
    const contactToCompany = { fromObjectTypeId: '0-1', toObjectTypeId: '0-2', fromObjectId: 9, toObjectId: 2 };
    expect(actionsOf(ev('object.associationChange', contactToCompany))).toEqual([{ kind: 'sync-company', companyId: '2' }]);
    const noCompany = map(ev('object.associationChange', { fromObjectTypeId: '0-3', toObjectTypeId: '0-1', fromObjectId: 50, toObjectId: 9 }));
    expect(noCompany).toEqual({ actions: [], ignored: new Map([['object.associationChange:0-3', 1]]) });
    expect(parseEvents([ev('object.associationChange', { fromObjectTypeId: '0-2', toObjectTypeId: '0-1' })]).ok).toBe(false);
  });

  it('a company association to a deal syncs the company in closed-won mode only; a contact one without a company is ignored', () => {
    const toDeal = company('object.associationChange', { objectId: 1, fromObjectTypeId: '0-2', toObjectTypeId: '0-3', fromObjectId: 1, toObjectId: 50 });
    expect(mapClosedWon(toDeal).actions).toEqual([{ kind: 'sync-company', companyId: '1' }]);
    expect(map(toDeal)).toEqual({ actions: [], ignored: new Map([['object.associationChange:0-2', 1]]) });
    const result = map(contact('object.associationChange', { objectId: 9, fromObjectTypeId: '0-1', toObjectTypeId: '0-3', fromObjectId: 9, toObjectId: 50 }));
    expect(result).toEqual({ actions: [], ignored: new Map([['object.associationChange:0-1', 1]]) });
  });

  it('events for other object types are accepted, ignored and counted by type', () => {
    const result = map(
      ev('object.creation', { objectTypeId: '0-3', objectId: 1 }),
      ev('object.propertyChange', { objectTypeId: '0-3', objectId: 2, propertyName: 'amount' }),
      ev('object.deletion', { objectTypeId: '2-12345', objectId: 3 }),
      ev('object.merge', { objectTypeId: '0-5', primaryObjectId: 3, mergedObjectIds: [4] }),
      ev('object.creation', { objectId: 4 }),
      company('object.creation', { objectId: 8 }),
    );
    expect(result.actions).toEqual([{ kind: 'sync-company', companyId: '8' }]);
    expect([...result.ignored]).toEqual([
      ['object.creation:0-3', 1],
      ['object.propertyChange:0-3', 1],
      ['object.deletion:2-12345', 1],
      ['object.merge:0-5', 1],
      ['object.creation:?', 1],
    ]);
  });

  it('parses tolerantly: unknown fields, ids as numbers or strings', () => {
    const [event] = parse([company('object.propertyChange', { objectId: '700012', propertyName: 'city', sourceId: 'userId:1', isSensitive: false, subscriptionFilter: { x: 1 } })]);
    expect(event).toMatchObject({ objectId: '700012', objectTypeId: '0-2' });
    expect(event).not.toHaveProperty('subscriptionFilter');
  });

  it('names the missing field of a generic company or contact event', () => {
    const result = parseEvents([company('object.deletion'), company('object.merge', { objectId: 1 })]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'body[0].objectId: is required for object.deletion',
      'body[1].primaryObjectId: object.merge needs primaryObjectId or newObjectId',
      'body[1].mergedObjectIds: is required for object.merge',
    ]);
  });
});

describe('ids are canonical positive integers', () => {
  it.each([['000700012'], [' 700011 '], ['700011 '], [0], ['0'], [-5], ['-5'], [1.5], ['1e3'], ['9223372036854775808'], [9_223_372_036_854_775_808], [Number.MAX_SAFE_INTEGER + 1], [''], ['+7']])(
    '%j is refused with a message naming the field',
    (bad) => {
      const result = parseEvents([ev('company.creation', { objectId: bad })]);
      expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/^body\[0\]\.objectId: must be a positive whole number/)] });
    },
  );

  it('accepts the canonical forms, up to int64 max as text', () => {
    expect(parse([ev('company.creation', { objectId: '9223372036854775807' })])[0]?.objectId).toBe('9223372036854775807');
    expect(parse([ev('company.creation', { objectId: 700012 })])[0]?.objectId).toBe('700012');
    expect(parseEvents([ev('company.merge', { primaryObjectId: 1, mergedObjectIds: ['007'] })])).toEqual({ ok: false, problems: [expect.stringMatching(/^body\[0\]\.mergedObjectIds\[0\]: /)] });
  });

  it('a number and its digit string give the same id; anything else is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => canonicalId(n) === String(n) && canonicalId(String(n)) === String(n)),
    );
    fc.assert(fc.property(fc.string(), (text) => canonicalId(text) === undefined || (/^[1-9]\d*$/.test(text) && BigInt(text) <= 9_223_372_036_854_775_807n)));
  });
});

describe('ignored counter', () => {
  it('counts any type name, including ones Object.prototype knows', () => {
    const result = map(ev('constructor', { objectId: 1 }), ev('constructor', { objectId: 2 }), ev('__proto__', { objectId: 3 }), ev('toString'));
    expect([...result.ignored]).toEqual([
      ['constructor', 2],
      ['__proto__', 1],
      ['toString', 1],
    ]);
  });
});

describe('merge bounds', () => {
  it.each([
    ['company.merge', {}],
    ['object.merge', { objectTypeId: '0-2' }],
  ])('refuses a %s naming more than 100 merged-away ids, naming the field, whatever the billing scope', (type, extra) => {
    const ids = Array.from({ length: 101 }, (_, i) => i + 1000);
    for (const context of [undefined, CLOSED_WON]) {
      const result = parseEvents([ev(type, { ...extra, primaryObjectId: 1, mergedObjectIds: ids })], 10, context);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems).toEqual([expect.stringMatching(/^body\[0\]\.mergedObjectIds: .*at most 100/)]);
    }
  });

  it('accepts 100', () => {
    const ids = Array.from({ length: 100 }, (_, i) => i + 1000);
    expect(actionsOf(ev('object.merge', { objectTypeId: '0-2', primaryObjectId: 1, mergedObjectIds: ids }))).toEqual([
      { kind: 'merge-companies', primaryId: '1', mergedIds: ids.map(String) },
    ]);
  });
});

describe('deal events (BILLING_SCOPE=closed-won)', () => {
  it.each<[string, Record<string, unknown>, WebhookAction[]]>([
    ['deal.creation', { objectId: 9 }, [{ kind: 'sync-deal-companies', dealId: '9' }]],
    ['deal.propertyChange', { objectId: 9, propertyName: 'dealstage', propertyValue: 'closedwon' }, [{ kind: 'sync-deal-companies', dealId: '9' }]],
    ['deal.propertyChange', { objectId: 9, propertyName: 'pipeline' }, [{ kind: 'sync-deal-companies', dealId: '9' }]],
    ['deal.propertyChange', { objectId: 9, propertyName: 'amount' }, []],
    ['object.creation', { objectTypeId: '0-3', objectId: 9 }, [{ kind: 'sync-deal-companies', dealId: '9' }]],
    ['object.propertyChange', { objectTypeId: '0-3', objectId: '9', propertyName: 'dealstage' }, [{ kind: 'sync-deal-companies', dealId: '9' }]],
    ['object.deletion', { objectTypeId: '0-3', objectId: 9 }, []],
    ['object.associationChange', { objectTypeId: '0-3', fromObjectTypeId: '0-3', toObjectTypeId: '0-1', fromObjectId: 9, toObjectId: 5 }, []],
  ])('%s %j → %j', (type, extra, expected) => {
    expect(mapClosedWon(ev(type, extra)).actions).toEqual(expected);
    // Outside closed-won, deals change nothing billed.
    expect(map(ev(type, extra)).actions).toEqual([]);
  });
});

describe('one bad field on an ignored event does not refuse the batch (issue 22, item 7)', () => {
  const valid = ev('company.propertyChange', { objectId: 7, propertyName: 'name' });
  const broken = [
    ev('object.propertyChange', { objectTypeId: '0-3', objectId: 2 ** 60, propertyName: 'amount' }),
    ev('deal.propertyChange', { objectId: 9, propertyName: null }),
    ev('object.creation', { objectTypeId: '0-3', objectId: 9, occurredAt: '2026-12-01T10:00:00Z' }),
    ev('ticket.creation', { objectId: 'not an id', attemptNumber: -1 }),
    { subscriptionType: 'object.creation', objectTypeId: { weird: true }, objectId: [] },
  ];

  it('keeps the valid company event beside ignored events with bad fields', () => {
    const result = parseEvents([...broken, valid]);
    expect(result.ok).toBe(true);
    expect(mapEvents(result.ok ? result.events : []).actions).toEqual([{ kind: 'sync-company', companyId: '7' }]);
  });

  it('in closed-won mode too, for deal events it does not act on (a property other than dealstage or pipeline, or none)', () => {
    const result = parseEvents([broken[0]!, broken[1]!, valid], 10, CLOSED_WON);
    expect(result.ok && mapEvents(result.events).actions).toEqual([{ kind: 'sync-company', companyId: '7' }]);
  });

  it('fields never acted on (occurredAt, attemptNumber, changeSource) do not refuse an event that is acted on', () => {
    const result = parseEvents([ev('company.creation', { objectId: 3, occurredAt: 'yesterday', attemptNumber: 'first', changeSource: 42 })]);
    expect(result.ok && mapEvents(result.events).actions).toEqual([{ kind: 'sync-company', companyId: '3' }]);
  });

  it('an event that is acted on is still checked strictly, naming the field', () => {
    expect(parseEvents([ev('deal.propertyChange', { objectId: 2 ** 60, propertyName: 'dealstage' }), valid], 10, CLOSED_WON)).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^body\[0\]\.objectId: must be a positive whole number/)],
    });
    expect(parseEvents([valid, ev('company.deletion', { objectId: '007' })])).toEqual({ ok: false, problems: [expect.stringMatching(/^body\[1\]\.objectId: /)] });
  });

  it('whatever an ignored event carries, it never refuses the batch', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), fc.constantFrom('ticket.creation', 'object.creation', 'object.propertyChange', 'deal.deletion'), (junk, subscriptionType) => {
        const ignored = { ...junk, subscriptionType, objectTypeId: '0-5' };
        const result = parseEvents([ignored, valid]);
        return result.ok && mapEvents(result.events).actions.length === 1;
      }),
    );
  });
});
