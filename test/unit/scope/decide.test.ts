import fc from 'fast-check';
import { DEFAULT_DEAL_PIPELINE, decideScope, selectPipelines, stageFromMetadata, wonStageIds, type BillingScope, type DealPipeline, type ScopeDeal } from '../../../src/scope';

const renewals: DealPipeline = {
  id: '7001',
  label: 'Renewals',
  stages: [
    { id: '9001', label: 'Up for renewal', won: false, closed: false },
    { id: '9002', label: 'Renewed', won: true, closed: true },
    { id: '9003', label: 'Churned', won: false, closed: true },
  ],
};
const pipelines = [DEFAULT_DEAL_PIPELINE, renewals];
const closedWon = (names: string[] = []): BillingScope => ({ kind: 'closed-won', pipelines: names });
const deal = (id: string, stage: string, pipeline = 'default'): ScopeDeal => ({ id, stage, pipeline });

describe('closed-won', () => {
  it('is in scope with one won deal, naming it', () => {
    expect(decideScope(closedWon(), { properties: {}, deals: [deal('1', 'appointmentscheduled'), deal('2', 'closedwon')], pipelines })).toEqual({
      inScope: true,
      reason: 'won deal 2 (Closed Won, Sales Pipeline)',
    });
  });

  it('says why not, counting the deals by state and pipeline', () => {
    expect(decideScope(closedWon(), { properties: {}, deals: [deal('1', 'appointmentscheduled'), deal('2', 'contractsent')], pipelines }).reason).toBe(
      'no won deal: 2 open deals in Sales Pipeline',
    );
    expect(decideScope(closedWon(), { properties: {}, deals: [deal('1', 'closedlost'), deal('3', '9001', '7001')], pipelines }).reason).toBe(
      'no won deal: 1 open deal in Renewals, 1 lost deal in Sales Pipeline',
    );
    expect(decideScope(closedWon(), { properties: {}, deals: [], pipelines })).toEqual({ inScope: false, reason: 'no deal' });
    expect(decideScope(closedWon(), { properties: {}, deals: [deal('4', 'gone', 'x')], pipelines }).reason).toBe('no won deal: 1 deal in an unknown stage (pipeline x)');
  });

  it('reads won stages from the metadata, in custom pipelines too', () => {
    expect(decideScope(closedWon(), { properties: {}, deals: [deal('5', '9002', '7001')], pipelines }).inScope).toBe(true);
    expect(stageFromMetadata({ id: '1', label: 'Won', metadata: { probability: '1.0', isClosed: 'true' } })).toEqual({ id: '1', label: 'Won', won: true, closed: true });
    expect(stageFromMetadata({ id: '2', label: 'Lost', metadata: { probability: '0.0', isClosed: 'true' } })).toMatchObject({ won: false, closed: true });
    expect(stageFromMetadata({ id: '3', label: 'Almost', metadata: { probability: '0.9' } })).toMatchObject({ won: false, closed: false });
    expect(stageFromMetadata({ id: '4', label: 'Sure but open', metadata: { probability: '1.0', isClosed: 'false' } })).toMatchObject({ won: false, closed: false });
  });

  it('BILLING_SCOPE_PIPELINES narrows the pipelines, by id or label', () => {
    const wonInRenewals = { properties: {}, deals: [deal('5', '9002', '7001')], pipelines };
    expect(decideScope(closedWon(['default']), wonInRenewals)).toEqual({ inScope: false, reason: 'no won deal in Sales Pipeline (BILLING_SCOPE_PIPELINES): 1 won deal in Renewals' });
    expect(decideScope(closedWon(['renewals']), wonInRenewals).inScope).toBe(true);
    expect(wonStageIds(pipelines, ['Sales Pipeline'])).toEqual(['closedwon']);
    expect(wonStageIds(pipelines)).toEqual(['closedwon', '9002']);
    expect(selectPipelines(pipelines, ['7001', 'Nope'])).toEqual({ selected: [renewals], unknown: ['Nope'] });
  });
});

describe('lifecycle, property, all', () => {
  it('lifecycle: the stage is one of them', () => {
    const scope: BillingScope = { kind: 'lifecycle', stages: ['customer', 'evangelist'] };
    expect(decideScope(scope, { properties: { lifecyclestage: 'customer' } })).toEqual({ inScope: true, reason: 'lifecycle stage customer' });
    expect(decideScope(scope, { properties: { lifecyclestage: 'lead' } })).toEqual({ inScope: false, reason: 'lifecycle stage is lead, not customer or evangelist' });
    expect(decideScope(scope, { properties: {} })).toEqual({ inScope: false, reason: 'no lifecycle stage (needs customer or evangelist)' });
  });

  it('property: true, and nothing else', () => {
    const scope: BillingScope = { kind: 'property', name: 'billing_enabled' };
    expect(decideScope(scope, { properties: { billing_enabled: 'true' } }).inScope).toBe(true);
    expect(decideScope(scope, { properties: { billing_enabled: 'false' } })).toEqual({ inScope: false, reason: 'billing_enabled is false, not true' });
    expect(decideScope(scope, { properties: { billing_enabled: null } })).toEqual({ inScope: false, reason: 'billing_enabled is not set' });
  });

  it('all: every company', () => {
    expect(decideScope({ kind: 'all' }, { properties: {} }).inScope).toBe(true);
  });
});

// ---- properties over generated pipelines, deals and companies -----------------------------------

const stageArb = (pipelineIndex: number) =>
  fc.array(fc.record({ won: fc.boolean(), closed: fc.boolean(), label: fc.string({ minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 5 }).map((stages) =>
    stages.map((s, i) => ({ id: `${pipelineIndex}-${i}`, label: s.label, closed: s.closed || s.won, won: s.won })),
  );
const pipelinesArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => stageArb(i).map((stages): DealPipeline => ({ id: `p${i}`, label: `Pipeline ${i}`, stages })))),
);
const dealsFor = (ps: readonly DealPipeline[]) =>
  fc.array(
    fc.oneof(
      fc.constantFrom(...ps.flatMap((p) => p.stages.map((s) => ({ pipeline: p.id, stage: s.id })))),
      fc.record({ pipeline: fc.constantFrom('p0', 'nope'), stage: fc.constant('missing') }),
    ),
    { maxLength: 8 },
  ).map((list) => list.map((d, i): ScopeDeal => ({ id: String(100 + i), ...d })));

describe('properties', () => {
  it('closed-won: in scope exactly when some deal sits in a won stage of a counted pipeline, whatever the order', () => {
    fc.assert(
      fc.property(
        pipelinesArb.chain((ps) => fc.tuple(fc.constant(ps), dealsFor(ps), fc.subarray(ps.map((p) => p.id)))),
        ([ps, deals, names]) => {
          const scope = closedWon(names);
          const decision = decideScope(scope, { properties: {}, deals, pipelines: ps });
          const counted = new Set(names.length ? names : ps.map((p) => p.id));
          const expected = deals.some((d) => ps.some((p) => p.id === d.pipeline && counted.has(p.id) && p.stages.some((s) => s.id === d.stage && s.won)));
          const reversed = decideScope(scope, { properties: {}, deals: [...deals].reverse(), pipelines: ps });
          return decision.inScope === expected && reversed.inScope === expected && reversed.reason === decision.reason && decision.reason.length > 0;
        },
      ),
    );
  });

  it('closed-won: an out-of-scope reason accounts for every deal', () => {
    fc.assert(
      fc.property(pipelinesArb.chain((ps) => fc.tuple(fc.constant(ps), dealsFor(ps))), ([ps, deals]) => {
        const decision = decideScope(closedWon(), { properties: {}, deals, pipelines: ps });
        if (decision.inScope) return true;
        if (!deals.length) return decision.reason === 'no deal';
        const counted = [...decision.reason.matchAll(/(\d+) (?:won |open |lost )?deals?/g)].reduce((sum, m) => sum + Number(m[1]), 0);
        return decision.reason.startsWith('no won deal') && counted === deals.length;
      }),
    );
  });

  it('lifecycle and property: only the one property decides', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 3 }), fc.dictionary(fc.string(), fc.string()), (value, stages, noise) => {
        const properties = { ...noise, lifecyclestage: value, flag: value };
        const lifecycle = decideScope({ kind: 'lifecycle', stages }, { properties });
        const property = decideScope({ kind: 'property', name: 'flag' }, { properties });
        return lifecycle.inScope === stages.includes((value ?? '').trim().toLowerCase()) && property.inScope === ((value ?? '').trim().toLowerCase() === 'true');
      }),
    );
  });
});
