/** What a finished company job keeps: counts per action (any action) and failures; its data without the listed companies and their won deals. */
import { earlierAttempts, finishedData, summarize } from '../../../src/queue/job-result';
import { SyncCompaniesPayload, type CompanyResult } from '../../../src/queue/payloads';

describe('finished job summary', () => {
  it('counts every action, one a later release adds too, and keeps only the failures', () => {
    const results = [
      { companyId: '1', action: 'created', customerId: 'c1', changes: [] },
      { companyId: '2', action: 'updated', customerId: 'c2' },
      { companyId: '3', action: 'failed', message: 'cannot be billed', problems: ['address.country: "Narnia"'] },
      { companyId: '4', action: 'out-of-scope' },
    ] as unknown as CompanyResult[];
    const summary = summarize(results);
    expect(summary).toEqual({
      counts: { created: 1, updated: 1, failed: 1, 'out-of-scope': 1 },
      failures: [{ companyId: '3', message: 'cannot be billed', problems: ['address.country: "Narnia"'] }],
    });
    expect(summarize([{ companyId: '5', action: 'created' }], summary).counts.created).toBe(2);
    expect(summary.counts.created).toBe(1);
  });

  it('folds in what earlier attempts finished, from jobs queued by an older release too', () => {
    const data = SyncCompaniesPayload.parse({
      companyIds: ['1', '2'],
      source: 'reconcile',
      results: [{ companyId: '1', action: 'unchanged' }],
      done: { counts: { created: 2 }, failures: [] },
    });
    expect(earlierAttempts(data)).toEqual({ counts: { created: 2, unchanged: 1 }, failures: [] });
  });

  it('drops the listed companies and earlier results from a finished job, keeping the ids and how it was asked for', () => {
    const data = SyncCompaniesPayload.parse({
      companyIds: ['1'],
      companies: [{ id: '1', properties: { name: 'A' } }],
      source: 'reconcile',
      runId: 'run-1',
      dryRun: true,
      done: { counts: { created: 1 }, failures: [] },
    });
    expect(finishedData(data)).toEqual({ companyIds: ['1'], source: 'reconcile', runId: 'run-1', dryRun: true });
    expect(finishedData(SyncCompaniesPayload.parse({ companyIds: ['1'], source: 'webhook' }))).toBeUndefined();
  });

  it("drops the won deals a closed-won listing handed the job, keeping a dry run's previewed scope", () => {
    const data = SyncCompaniesPayload.parse({
      companyIds: ['1'],
      source: 'reconcile',
      runId: 'run-2',
      dryRun: true,
      scopeDeals: { '1': [{ id: '9', stage: 'closedwon', pipeline: 'default', name: 'Renewal' }] },
      scope: { setting: 'lifecycle:customer' },
    });
    expect(finishedData(data)).toEqual({ companyIds: ['1'], source: 'reconcile', runId: 'run-2', dryRun: true, scope: { setting: 'lifecycle:customer', pipelines: [] } });
  });
});
