/**
 * Cursor paging over rows kept in creation order. A cursor names the creation sequence number of
 * the row it was taken at, never an offset, so pages stay correct while rows are being added:
 * a row created during a walk lands at one end of the order and shifts nothing.
 */
import { SimulatorApiError } from './models';

export interface Sequenced {
  readonly seq: number;
}

export interface PageRequest {
  limit: number;
  /** Sequence number of the row the `after` cursor was taken at. */
  after?: number;
  /** Sequence number of the row the `before` cursor was taken at. */
  before?: number;
  /** Newest first (DESC) or oldest first (ASC). */
  desc: boolean;
}

export interface PageResult<T> {
  items: T[];
  /** There are matching rows after the page (in sort order). */
  hasAfter: boolean;
  /** There are matching rows before the page (in sort order). */
  hasBefore: boolean;
}

/** First index whose `seq` is >= `seq` (rows are sorted by ascending `seq`). */
export function lowerBound(rows: readonly Sequenced[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as Sequenced).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of the rows of `rows` (ascending `seq`) that satisfy `match`, in the requested order.
 * Cost: the rows visited to fill the page, plus a scan for one match to tell whether a page
 * exists in the other direction.
 */
export function pageOf<T extends Sequenced>(
  rows: readonly T[],
  match: (row: T) => boolean,
  req: PageRequest,
): PageResult<T> {
  const n = rows.length;
  // Logical position i (0 = first in sort order) ↔ physical index.
  const at = req.desc ? (i: number) => rows[n - 1 - i] as T : (i: number) => rows[i] as T;
  const scan = (from: number, step: 1 | -1, max: number): T[] => {
    const out: T[] = [];
    for (let i = from; i >= 0 && i < n && out.length < max; i += step) {
      const row = at(i);
      if (match(row)) out.push(row);
    }
    return out;
  };
  const any = (from: number, step: 1 | -1): boolean => scan(from, step, 1).length > 0;

  if (req.before !== undefined) {
    // Logical end (exclusive) of the rows strictly before the cursor row.
    const end = req.desc ? n - lowerBound(rows, req.before + 1) : lowerBound(rows, req.before);
    const back = scan(end - 1, -1, req.limit + 1);
    const items = back.slice(0, req.limit).reverse();
    return { items, hasBefore: back.length > req.limit, hasAfter: any(end, 1) };
  }
  if (req.after !== undefined) {
    // Logical start of the rows strictly after the cursor row.
    const start = req.desc ? n - lowerBound(rows, req.after) : lowerBound(rows, req.after + 1);
    const fwd = scan(start, 1, req.limit + 1);
    return { items: fwd.slice(0, req.limit), hasAfter: fwd.length > req.limit, hasBefore: any(start - 1, -1) };
  }
  const fwd = scan(0, 1, req.limit + 1);
  return { items: fwd.slice(0, req.limit), hasAfter: fwd.length > req.limit, hasBefore: false };
}

/** Opaque, URL-safe cursor for a row. `kind` keeps customer and alias cursors apart. */
export function encodeCursor(kind: string, seq: number): string {
  return Buffer.from(`${kind}:${seq}`, 'utf8').toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; anything else is a 400. */
export function decodeCursor(kind: string, cursor: string, param: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^([a-z]+):(\d{1,15})$/.exec(text);
  if (!m || m[1] !== kind) {
    throw new SimulatorApiError(400, 'ValidationError', `Invalid pagination cursor in '${param}'`, [
      { path: param, message: 'not a cursor returned by this endpoint' },
    ]);
  }
  return Number(m[2]);
}

/** Checks a page size: Sequence documents 1..100 inclusive. */
export function checkLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new SimulatorApiError(400, 'ValidationError', 'limit must be between 1 and 100 (inclusive)', [
      { path: 'limit', message: 'must be an integer between 1 and 100' },
    ]);
  }
  return limit;
}
