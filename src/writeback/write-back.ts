/**
 * HUBSPOT_WRITE_BACK: after each sync batch, the billing state of its companies is written onto them
 * in HubSpot (properties.ts says which; values.ts decides what, and what changed).
 *
 * - The values HubSpot holds were read with the companies (no extra read); only changed values are
 *   written, in batch updates of up to 100. A batch with nothing to change costs nothing.
 * - It never fails or holds up the sync: every error is logged and counted (`status` shows the
 *   count and the last one), and a batch's writes hold its job for at most `budgetMs`, then finish
 *   in the background (waited for at shutdown). What was not written is written at the company's
 *   next sync, since the values still differ then.
 * - A token without a write scope: warned once, shown in `status`, writes paused for a while and
 *   tried again (the scope may be granted meanwhile); syncing goes on.
 * - The properties are created when missing (`prepare`, at start-up and before the first write).
 */
import type { Logger } from 'pino';
import type { HubSpotCompany } from '../hubspot/types';
import { missingScopesOf, BATCH_UPDATE_LIMIT, type CompanyUpdate, type HubSpotWrites } from '../hubspot/writes';
import type { CompanyResult } from '../queue/payloads';
import type { LinkStore } from '../sequence/links';
import { errorMessage } from '../errors';
import { chunk } from '../shared/collections';
import { WRITE_BACK_GROUP, WRITE_BACK_PROPERTIES } from './properties';
import type { WriteBackStatusStore } from './status';
import { changedValues, desiredValues } from './values';

export type WriteBackOutcome = 'written' | 'unchanged' | 'skipped' | 'failed';

export interface WriteBackDeps {
  writes: HubSpotWrites;
  links: LinkStore;
  status: WriteBackStatusStore;
  logger: Logger;
  /** This process, as `status` names it. */
  worker: string;
  /** Longest a batch's write-back holds its job (default 2 s). */
  budgetMs?: number;
  /** How long writes pause after HubSpot said the token lacks the write scope (default 10 minutes). */
  scopeRetryMs?: number;
  /** Counts companies by outcome (metrics). */
  onOutcome?: (outcome: WriteBackOutcome, companies: number) => void;
}

export class HubSpotWriteBack {
  private prepared?: Promise<void>;
  private pausedUntil = 0;
  private warnedScopes = false;
  /** Every scope HubSpot said the token lacks, since the last successful write. */
  private readonly missingScopes = new Set<string>();
  private readonly background = new Set<Promise<void>>();
  private readonly budgetMs: number;
  private readonly scopeRetryMs: number;

  constructor(private readonly deps: WriteBackDeps) {
    this.budgetMs = deps.budgetMs ?? 2_000;
    this.scopeRetryMs = deps.scopeRetryMs ?? 10 * 60_000;
  }

  /** Creates the property group and the properties where missing (409: already there). Never rejects; retried after a transient failure. */
  prepare(): Promise<void> {
    this.prepared ??= this.createProperties().then((done) => {
      if (!done) this.prepared = undefined;
    });
    return this.prepared;
  }

  private async createProperties(): Promise<boolean> {
    const { writes, logger } = this.deps;
    try {
      const group = await writes.createCompanyPropertyGroup(WRITE_BACK_GROUP);
      const created: string[] = [];
      for (const property of WRITE_BACK_PROPERTIES) if ((await writes.createCompanyProperty(property)) === 'created') created.push(property.name);
      logger.info({ group: WRITE_BACK_GROUP.name, groupCreated: group === 'created', created }, created.length ? 'write-back: company properties created' : 'write-back: company properties present');
      return true;
    } catch (error) {
      const missing = missingScopesOf(error);
      if (missing) {
        // The properties may exist already (made by hand, or by an earlier token): writes are still tried.
        await this.scopesMissing(missing.length ? missing : ['crm.schemas.companies.write'], 'create the billing properties');
        return true;
      }
      await this.failed(error, 'could not create the billing properties; tried again with the next batch');
      return false;
    }
  }

  /**
   * Writes the billing state of a batch's companies (their outcomes, and the companies as read in
   * this sync). Never rejects.
   */
  async afterBatch(results: readonly CompanyResult[], companies: readonly HubSpotCompany[]): Promise<void> {
    const work = this.run(results, companies).catch((error: unknown) => this.failed(error, 'write-back failed'));
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([work.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.budgetMs)))]);
    clearTimeout(timer);
    if (late) this.deps.logger.warn({ budgetMs: this.budgetMs, companies: companies.length }, 'write-back still running: the sync goes on, the write finishes in the background');
  }

  /** Resolves when the writes started so far have ended (or `timeoutMs` passed). */
  async idle(timeoutMs = 10_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = (async () => {
      while (this.background.size) await Promise.allSettled([...this.background]);
      return true;
    })();
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(results: readonly CompanyResult[], companies: readonly HubSpotCompany[]): Promise<void> {
    const current = new Map(companies.map((c) => [c.id, c.properties]));
    // A first look without the links: only whitelisted outcomes of companies read in this sync.
    const candidates = results.filter((r) => current.has(r.companyId) && desiredValues(r, undefined) !== undefined);
    if (!candidates.length) return;
    if (Date.now() < this.pausedUntil) {
      this.deps.onOutcome?.('skipped', candidates.length);
      return;
    }
    await this.prepare();
    const links = await this.deps.links.getMany(candidates.map((r) => r.companyId));
    const updates: CompanyUpdate[] = [];
    for (const result of candidates) {
      const desired = desiredValues(result, links.get(result.companyId));
      if (!desired) continue;
      const changed = changedValues(desired, current.get(result.companyId));
      if (Object.keys(changed).length) updates.push({ id: result.companyId, properties: changed as Record<string, string> });
    }
    if (candidates.length > updates.length) this.deps.onOutcome?.('unchanged', candidates.length - updates.length);
    if (!updates.length) return;
    await Promise.all(chunk(updates, BATCH_UPDATE_LIMIT).map((part) => this.write(part)));
  }

  private async write(part: CompanyUpdate[]): Promise<void> {
    const { writes, status, logger } = this.deps;
    try {
      const { updated, missing } = await writes.updateCompanies(part);
      this.deps.onOutcome?.('written', updated);
      if (missing.length) this.deps.onOutcome?.('skipped', missing.length);
      this.warnedScopes = false;
      this.missingScopes.clear();
      await status.written(updated);
      logger.debug({ companies: updated, missing: missing.length }, 'write-back: companies written');
    } catch (error) {
      const missing = missingScopesOf(error);
      if (missing) {
        this.pausedUntil = Date.now() + this.scopeRetryMs;
        this.deps.onOutcome?.('skipped', part.length);
        await this.scopesMissing(missing.length ? missing : ['crm.objects.companies.write'], 'write the billing properties');
        return;
      }
      this.deps.onOutcome?.('failed', part.length);
      await this.failed(error, `write-back of ${part.length} companies failed; they are written at their next sync`, part.map((u) => u.id));
    }
  }

  private async scopesMissing(scopes: string[], what: string): Promise<void> {
    for (const scope of scopes) this.missingScopes.add(scope);
    if (!this.warnedScopes) {
      this.warnedScopes = true;
      this.deps.logger.warn(
        { scopes },
        `write-back: the HubSpot token lacks ${scopes.join(', ')} to ${what}; companies are still synced to Sequence, but HubSpot does not show their billing state. Grant the scopes (then reinstall the app) or set HUBSPOT_WRITE_BACK=false`,
      );
    }
    await this.deps.status.missingScopes([...this.missingScopes], this.deps.worker).catch(() => undefined);
  }

  private async failed(error: unknown, what: string, companyIds?: string[]): Promise<void> {
    const message = errorMessage(error);
    this.deps.logger.warn({ err: message, ...(companyIds ? { companyIds: companyIds.slice(0, 20) } : {}) }, what);
    await this.deps.status.failed(`${what}: ${message}`).catch(() => undefined);
  }
}
