/**
 * The write-back never holds a sync up nor fails it: a write that hangs lets the batch go after the
 * budget (and finishes in the background), errors are counted, a missing scope is warned once and
 * pauses writes. HubSpot, the link store and the status record are stand-ins here.
 */
import pino from 'pino';
import { Writable } from 'node:stream';
import { ApiError } from '../../../src/errors';
import type { HubSpotWrites } from '../../../src/hubspot/writes';
import type { LinkStore } from '../../../src/sequence/links';
import type { WriteBackStatusStore } from '../../../src/writeback/status';
import { HubSpotWriteBack, type WriteBackOutcome } from '../../../src/writeback/write-back';

function setup(update: () => Promise<{ updated: number; missing: string[] }>) {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
  const calls = { updates: 0, created: 0, failed: [] as string[], missing: [] as string[][] };
  const writes = {
    createCompanyPropertyGroup: async () => 'exists' as const,
    createCompanyProperty: async () => 'exists' as const,
    updateCompanies: async () => {
      calls.updates += 1;
      return update();
    },
  } as unknown as HubSpotWrites;
  const links = { getMany: async () => new Map() } as unknown as LinkStore;
  const status = {
    written: async () => undefined,
    failed: async (message: string) => void calls.failed.push(message),
    missingScopes: async (scopes: readonly string[]) => void calls.missing.push([...scopes]),
  } as unknown as WriteBackStatusStore;
  const outcomes: [WriteBackOutcome, number][] = [];
  const writeBack = new HubSpotWriteBack({ writes, links, status, logger, worker: 'test', budgetMs: 50, onOutcome: (o, n) => void outcomes.push([o, n]) });
  return { writeBack, lines, calls, outcomes };
}

const company = (id: string) => ({ id, properties: {} });
const created = (companyId: string) => ({ companyId, action: 'created' as const, customerId: `cus-${companyId}` });

describe('HubSpotWriteBack', () => {
  it('lets the batch go after its budget while a write hangs, and finishes it in the background', async () => {
    let release!: () => void;
    const { writeBack, lines, outcomes } = setup(() => new Promise((resolve) => (release = () => resolve({ updated: 1, missing: [] }))));
    const started = Date.now();
    await writeBack.afterBatch([created('1')], [company('1')]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(lines.some((l) => l.msg.startsWith('write-back still running'))).toBe(true);
    expect(outcomes).toEqual([]);
    release();
    expect(await writeBack.idle(1_000)).toBe(true);
    expect(outcomes).toEqual([['written', 1]]);
  });

  it('never rejects: an error is logged and counted', async () => {
    const { writeBack, calls, outcomes, lines } = setup(async () => {
      throw new ApiError({ service: 'hubspot', method: 'POST', path: '/crm/objects/2026-09/companies/batch/update', status: 500 });
    });
    await expect(writeBack.afterBatch([created('1'), created('2')], [company('1'), company('2')])).resolves.toBeUndefined();
    expect(outcomes).toEqual([['failed', 2]]);
    expect(calls.failed[0]).toMatch(/^write-back of 2 companies failed; they are written at their next sync: hubspot POST .* answered 500/);
    expect(lines.find((l) => l.level === 40)?.msg).toBe('write-back of 2 companies failed; they are written at their next sync');
  });

  it('warns once about a missing scope, records it, and pauses writes instead of trying every batch', async () => {
    const { writeBack, calls, lines, outcomes } = setup(async () => {
      throw new ApiError({ service: 'hubspot', method: 'POST', path: '/x', status: 403, body: { category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.objects.companies.write'] } }] } });
    });
    for (let i = 0; i < 3; i += 1) await writeBack.afterBatch([created(String(i))], [company(String(i))]);
    expect(calls.updates).toBe(1);
    expect(lines.filter((l) => l.msg.startsWith('write-back: the HubSpot token lacks crm.objects.companies.write'))).toHaveLength(1);
    expect(calls.missing).toEqual([['crm.objects.companies.write']]);
    expect(outcomes).toEqual([['skipped', 1], ['skipped', 1], ['skipped', 1]]);
  });

  it('writes nothing, and calls nothing, when no outcome is written back', async () => {
    const { writeBack, calls } = setup(async () => ({ updated: 0, missing: [] }));
    await writeBack.afterBatch([{ companyId: '1', action: 'skipped' }, { companyId: '2', action: 'failed', message: 'sequence answered 400' }], [company('1'), company('2')]);
    expect(calls.updates).toBe(0);
  });
});
