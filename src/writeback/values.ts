/**
 * What the write-back puts on a company, and which of it HubSpot does not already hold. Pure.
 *
 * Only these outcomes are written (a whitelist: any other action, today's or one added later such
 * as a company outside the billing scope, is never written to):
 * - created, updated, unchanged: the customer, "synced" (or "needs attention" with the problems
 *   the sync reported, e.g. a refused parent move), and when Sequence was last written;
 * - failed with problems (the company cannot be billed): "cannot be billed" and the problems; the
 *   customer it may have from before stays shown.
 * Failures without problems (Sequence refused a write, retries ran out, rate limits) say nothing
 * about the company's data and are not written.
 */
import type { CompanyAction, CompanyResult } from '../queue/payloads';
import type { HubSpotProperties } from '../hubspot/types';
import type { LinkRecord } from '../sequence/links';
import { BILLING_STATUS, WRITE_BACK_PROPERTY, type BillingStatus } from './properties';

const SYNCED_ACTIONS: ReadonlySet<CompanyAction> = new Set<CompanyAction>(['created', 'updated', 'unchanged']);

/** Longest problems text written (HubSpot takes 65,536 characters; a person reads far fewer). */
export const MAX_PROBLEMS_LENGTH = 4_000;

export type WriteBackValues = Record<(typeof WRITE_BACK_PROPERTY)[keyof typeof WRITE_BACK_PROPERTY], string>;

/** The values the company should carry after this outcome, or undefined when the outcome is not written back. */
export function desiredValues(result: CompanyResult, link: LinkRecord | undefined): WriteBackValues | undefined {
  const problems = result.problems ?? [];
  let status: BillingStatus;
  if (SYNCED_ACTIONS.has(result.action)) status = problems.length ? BILLING_STATUS.needsAttention : BILLING_STATUS.synced;
  else if (result.action === 'failed' && problems.length) status = BILLING_STATUS.cannotBeBilled;
  else return undefined;
  const customerId = (status === BILLING_STATUS.cannotBeBilled ? link?.customerId : (result.customerId ?? link?.customerId)) ?? '';
  return {
    [WRITE_BACK_PROPERTY.customerId]: customerId,
    [WRITE_BACK_PROPERTY.status]: status,
    [WRITE_BACK_PROPERTY.problems]: problemsText(problems),
    [WRITE_BACK_PROPERTY.lastWrittenAt]: link?.lastWrite?.at && customerId && link.customerId === customerId ? isoInstant(link.lastWrite.at) : '',
  } as WriteBackValues;
}

export function problemsText(problems: readonly string[]): string {
  const text = problems.join('\n');
  return text.length > MAX_PROBLEMS_LENGTH ? `${text.slice(0, MAX_PROBLEMS_LENGTH - 1)}…` : text;
}

/**
 * The values that differ from what HubSpot holds (read with the company): the only ones written.
 * A last-written time this service does not know (its link was rebuilt from Sequence's listing after
 * Redis lost it, or the customer was adopted) keeps the time HubSpot shows for the same customer.
 */
export function changedValues(desired: WriteBackValues, current: HubSpotProperties | undefined): Partial<WriteBackValues> {
  const out: Partial<WriteBackValues> = {};
  const sameCustomer = desired[WRITE_BACK_PROPERTY.customerId] !== '' && (current?.[WRITE_BACK_PROPERTY.customerId] ?? '') === desired[WRITE_BACK_PROPERTY.customerId];
  for (const [name, value] of Object.entries(desired) as [keyof WriteBackValues, string][]) {
    const held = current?.[name] ?? '';
    if (name === WRITE_BACK_PROPERTY.lastWrittenAt && value === '' && sameCustomer) continue;
    const same = name === WRITE_BACK_PROPERTY.lastWrittenAt ? sameInstant(held, value) : held === value;
    if (!same) out[name] = value;
  }
  return out;
}

/** A time as HubSpot may answer it (ISO 8601 or epoch milliseconds), in epoch ms; NaN when it is not one. */
export function instantMs(value: string): number {
  const text = value.trim();
  if (!text) return Number.NaN;
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}

/** Two datetime values naming the same instant (or both empty), whatever their form. */
export function sameInstant(a: string, b: string): boolean {
  if (!a.trim() || !b.trim()) return !a.trim() && !b.trim();
  const [x, y] = [instantMs(a), instantMs(b)];
  return Number.isFinite(x) && x === y;
}

function isoInstant(value: string): string {
  const ms = instantMs(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}
