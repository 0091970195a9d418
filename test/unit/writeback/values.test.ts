/**
 * What the write-back writes (pure): the whitelist of outcomes, the values per outcome, and that
 * values HubSpot already holds (in whatever form it answers them) are never written again.
 */
import fc from 'fast-check';
import { CompanyAction, type CompanyResult } from '../../../src/queue/payloads';
import type { LinkRecord } from '../../../src/sequence/links';
import { PropertyRegistry } from '../../../src/simulators/hubspot';
import { WRITE_BACK_GROUP, WRITE_BACK_PROPERTIES, WRITE_BACK_PROPERTY as P } from '../../../src/writeback/properties';
import { changedValues, desiredValues, MAX_PROBLEMS_LENGTH, sameInstant } from '../../../src/writeback/values';

const link = (over: Partial<LinkRecord> = {}): LinkRecord => ({ companyId: '1', customerId: 'cus-1', lastWrite: { at: '2026-11-02T10:00:00.000Z', action: 'created', fields: [] }, ...over });

describe('which outcomes are written', () => {
  it('created, updated and unchanged: the customer, synced, no problems, the last write', () => {
    for (const action of ['created', 'updated', 'unchanged'] as const) {
      expect(desiredValues({ companyId: '1', action, customerId: 'cus-1' }, link())).toEqual({
        [P.customerId]: 'cus-1',
        [P.status]: 'synced',
        [P.problems]: '',
        [P.lastWrittenAt]: '2026-11-02T10:00:00.000Z',
      });
    }
  });

  it('a synced outcome with problems needs attention', () => {
    expect(desiredValues({ companyId: '1', action: 'updated', customerId: 'cus-1', problems: ['parent: refused'] }, link())).toMatchObject({ [P.status]: 'needs_attention', [P.problems]: 'parent: refused' });
  });

  it('a mapping failure: cannot be billed, its problems, and the customer it already had', () => {
    const failed: CompanyResult = { companyId: '1', action: 'failed', problems: ['country: missing', 'contacts: none'] };
    expect(desiredValues(failed, link())).toEqual({ [P.customerId]: 'cus-1', [P.status]: 'cannot_be_billed', [P.problems]: 'country: missing\ncontacts: none', [P.lastWrittenAt]: '2026-11-02T10:00:00.000Z' });
    expect(desiredValues(failed, undefined)).toMatchObject({ [P.customerId]: '', [P.lastWrittenAt]: '' });
  });

  it('nothing else: failures without problems, skipped, archived, and actions this module does not know (e.g. out-of-scope)', () => {
    const others = [...CompanyAction.options.filter((a) => !['created', 'updated', 'unchanged', 'failed'].includes(a)), 'out-of-scope', 'future-action'];
    for (const action of others) expect(desiredValues({ companyId: '1', action: action as CompanyAction, problems: ['x'] }, link())).toBeUndefined();
    expect(desiredValues({ companyId: '1', action: 'failed', message: 'sequence answered 400' }, link())).toBeUndefined();
  });

  it('the last write of another customer is not shown', () => {
    expect(desiredValues({ companyId: '1', action: 'unchanged', customerId: 'cus-2' }, link())?.[P.lastWrittenAt]).toBe('');
  });

  it('caps the problems text', () => {
    const text = desiredValues({ companyId: '1', action: 'failed', problems: ['x'.repeat(MAX_PROBLEMS_LENGTH * 2)] }, undefined)![P.problems];
    expect(text).toHaveLength(MAX_PROBLEMS_LENGTH);
  });
});

describe('only what changed is written', () => {
  it('a time is the same instant whether HubSpot answers it as ISO or epoch milliseconds', () => {
    expect(sameInstant('2026-11-02T10:00:00Z', '1793613600000')).toBe(true);
    expect(sameInstant('2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.001Z')).toBe(false);
    expect(sameInstant('', '')).toBe(true);
    expect(sameInstant('', '2026-11-02T10:00:00Z')).toBe(false);
  });

  it('a last-written time it does not know keeps the one HubSpot shows for the same customer, and clears one shown for another', () => {
    const relinked = desiredValues({ companyId: '1', action: 'unchanged', customerId: 'cus-1' }, link({ lastWrite: undefined }))!;
    expect(relinked[P.lastWrittenAt]).toBe('');
    const held = { [P.customerId]: 'cus-1', [P.status]: 'synced', [P.problems]: null, [P.lastWrittenAt]: '2026-11-02T10:00:00Z' };
    expect(changedValues(relinked, held)).toEqual({});
    expect(changedValues(relinked, { ...held, [P.customerId]: 'cus-9' })).toEqual({ [P.customerId]: 'cus-1', [P.lastWrittenAt]: '' });
    const noCustomer = desiredValues({ companyId: '1', action: 'failed', problems: ['country: missing'] }, undefined)!;
    expect(changedValues(noCustomer, { ...held, [P.customerId]: null })).toMatchObject({ [P.lastWrittenAt]: '' });
  });

  it('empty and null are the same (HubSpot answers a cleared property as null)', () => {
    const desired = desiredValues({ companyId: '1', action: 'created', customerId: 'c' }, link({ customerId: 'c' }))!;
    expect(changedValues(desired, { [P.customerId]: 'c', [P.status]: 'synced', [P.problems]: null, [P.lastWrittenAt]: '2026-11-02T10:00:00Z' })).toEqual({});
    const { [P.problems]: _empty, ...rest } = desired;
    expect(changedValues(desired, {})).toEqual(rest);
  });

  it('values written and read back through HubSpot are never written again, for any outcome (property)', () => {
    const registry = new PropertyRegistry('companies', () => [], new Set(), { name: 'companyinformation', label: 'C', displayOrder: -1, archived: false }, Date.now, () => undefined);
    registry.createGroup({ name: WRITE_BACK_GROUP.name, label: WRITE_BACK_GROUP.label });
    for (const property of WRITE_BACK_PROPERTIES) registry.createProperty(property);
    const result = fc.record({
      action: fc.constantFrom<CompanyAction>('created', 'updated', 'unchanged', 'failed'),
      customerId: fc.option(fc.uuid(), { nil: undefined }),
      problems: fc.option(fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }), { nil: undefined }),
    });
    const linked = fc.option(
      fc.record({ customerId: fc.option(fc.uuid(), { nil: undefined }), at: fc.date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true }) }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(result, linked, (r, l) => {
        const record = l && { companyId: '1', ...(l.customerId ? { customerId: l.customerId } : {}), lastWrite: { at: l.at.toISOString(), action: 'updated' as const, fields: [] } };
        const desired = desiredValues({ companyId: '1', ...r, customerId: r.customerId ?? l?.customerId }, record);
        if (!desired) return;
        // What HubSpot stores: normalised datetimes, and no value for an empty one.
        const stored = registry.checkValues(desired);
        expect(changedValues(desired, stored)).toEqual({});
      }),
    );
  });
});
