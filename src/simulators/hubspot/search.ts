/**
 * The CRM search engine of the simulator: HubSpot's filterGroups (filters ANDed within a group,
 * groups ORed), one sort, offset paging with the 10,000-result cap. Works on the store's tables
 * directly; one search is a single pass over the records in the hs_object_id range the filters
 * allow (binary search), so windowing on hs_object_id stays cheap with 100,000 companies.
 */
import { ObjectRecord, ObjectTable, RecordState } from './store';

export const SEARCH_MAX_LIMIT = 200;
export const SEARCH_MAX_RESULTS = 10_000;
export const SEARCH_MAX_GROUPS = 5;
export const SEARCH_MAX_FILTERS_PER_GROUP = 6;
export const SEARCH_MAX_FILTERS = 18;

export type SearchOperator =
  | 'EQ'
  | 'NEQ'
  | 'LT'
  | 'LTE'
  | 'GT'
  | 'GTE'
  | 'BETWEEN'
  | 'IN'
  | 'NOT_IN'
  | 'HAS_PROPERTY'
  | 'NOT_HAS_PROPERTY'
  | 'CONTAINS_TOKEN'
  | 'NOT_CONTAINS_TOKEN';

const OPERATORS = new Set<string>([
  'EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN',
]);

export interface SearchFilterInput {
  propertyName: string;
  operator: string;
  value?: string | number | boolean | null;
  highValue?: string | number | boolean | null;
  values?: (string | number | boolean)[] | null;
}

export interface SearchRequestInput {
  filterGroups?: { filters?: SearchFilterInput[] | null }[] | null;
  sorts?: (string | { propertyName: string; direction?: string | null })[] | null;
  query?: string | null;
  limit?: number | null;
  after?: string | number | null;
}

/** A request HubSpot would reject with 400 VALIDATION_ERROR. */
export class SearchValidationError extends Error {}

interface Match {
  rec: ObjectRecord;
  state: RecordState;
}

export interface SearchResult {
  total: number;
  page: Match[];
  /** Offset of the next page, when there are more results. */
  nextAfter?: number;
}

type Kind = 'id' | 'created' | 'modified' | 'string';
type Test = (rec: ObjectRecord, state: RecordState) => boolean;

function kindOf(table: ObjectTable, name: string): Kind {
  if (name === 'hs_object_id') return 'id';
  if (name === 'createdate') return 'created';
  if (name === table.modifiedProp || name === 'hs_lastmodifieddate') return 'modified';
  return 'string';
}

function numeric(kind: Kind, rec: ObjectRecord, state: RecordState): number {
  return kind === 'id' ? rec.idNum : kind === 'created' ? state.createdAt : state.updatedAt;
}

const NUMBER_RE = /^-?\d+(\.\d+)?$/;

/** hs_object_id and dates: epoch ms (or an id) as a number string, or an ISO date. */
function parseNumericValue(value: unknown, property: string): number {
  const text = value === null || value === undefined ? '' : String(value).trim();
  if (NUMBER_RE.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (!Number.isNaN(ms) && /^\d{4}-\d{2}-\d{2}/.test(text)) return ms;
  throw new SearchValidationError(`${text} is not a valid value for property ${property}`);
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function compareStrings(a: string, b: string): number {
  if (NUMBER_RE.test(a) && NUMBER_RE.test(b)) return Number(a) - Number(b);
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

function tokens(value: string): string[] {
  return value.toLowerCase().split(/[^\p{L}\p{N}@._-]+/u).filter(Boolean);
}

function tokenMatcher(pattern: string): (token: string) => boolean {
  const p = pattern.toLowerCase();
  const starts = p.endsWith('*');
  const ends = p.startsWith('*');
  const core = p.replace(/^\*|\*$/g, '');
  if (starts && ends) return (t) => t.includes(core);
  if (starts) return (t) => t.startsWith(core);
  if (ends) return (t) => t.endsWith(core);
  return (t) => t === core;
}

interface Bounds {
  lo: number;
  hi: number;
}

function compileFilter(table: ObjectTable, f: SearchFilterInput, bounds: Bounds): Test {
  if (!f || typeof f.propertyName !== 'string' || !f.propertyName) throw new SearchValidationError('filter propertyName is required');
  const op = String(f.operator ?? '');
  if (!OPERATORS.has(op)) throw new SearchValidationError(`Unknown filter operator: ${op}`);
  const name = f.propertyName;
  const kind = kindOf(table, name);

  if (op === 'HAS_PROPERTY' || op === 'NOT_HAS_PROPERTY') {
    const want = op === 'HAS_PROPERTY';
    if (kind !== 'string') return () => want;
    return (_rec, s) => {
      const v = s.props[name];
      return (v !== undefined && v !== '') === want;
    };
  }

  const needValue = op !== 'IN' && op !== 'NOT_IN';
  if (needValue && (f.value === undefined || f.value === null)) throw new SearchValidationError(`filter on ${name} with operator ${op} needs a value`);
  if (op === 'BETWEEN' && (f.highValue === undefined || f.highValue === null)) throw new SearchValidationError(`filter on ${name} with operator BETWEEN needs a highValue`);
  if (!needValue && !Array.isArray(f.values)) throw new SearchValidationError(`filter on ${name} with operator ${op} needs values`);

  if (kind !== 'string') {
    if (op === 'CONTAINS_TOKEN' || op === 'NOT_CONTAINS_TOKEN') throw new SearchValidationError(`operator ${op} is not supported for property ${name}`);
    const get = (rec: ObjectRecord, s: RecordState) => numeric(kind, rec, s);
    if (op === 'IN' || op === 'NOT_IN') {
      const set = new Set((f.values ?? []).map((v) => parseNumericValue(v, name)));
      if (kind === 'id' && op === 'IN') {
        const ids = [...set];
        bounds.lo = Math.max(bounds.lo, Math.min(...ids));
        bounds.hi = Math.min(bounds.hi, Math.max(...ids));
      }
      return op === 'IN' ? (rec, s) => set.has(get(rec, s)) : (rec, s) => !set.has(get(rec, s));
    }
    const v = parseNumericValue(f.value, name);
    const high = op === 'BETWEEN' ? parseNumericValue(f.highValue, name) : 0;
    if (kind === 'id') {
      if (op === 'EQ') {
        bounds.lo = Math.max(bounds.lo, v);
        bounds.hi = Math.min(bounds.hi, v);
      } else if (op === 'GT') bounds.lo = Math.max(bounds.lo, Math.floor(v) + 1);
      else if (op === 'GTE') bounds.lo = Math.max(bounds.lo, Math.ceil(v));
      else if (op === 'LT') bounds.hi = Math.min(bounds.hi, Math.ceil(v) - 1);
      else if (op === 'LTE') bounds.hi = Math.min(bounds.hi, Math.floor(v));
      else if (op === 'BETWEEN') {
        bounds.lo = Math.max(bounds.lo, Math.ceil(v));
        bounds.hi = Math.min(bounds.hi, Math.floor(high));
      }
    }
    switch (op) {
      case 'EQ':
        return (rec, s) => get(rec, s) === v;
      case 'NEQ':
        return (rec, s) => get(rec, s) !== v;
      case 'GT':
        return (rec, s) => get(rec, s) > v;
      case 'GTE':
        return (rec, s) => get(rec, s) >= v;
      case 'LT':
        return (rec, s) => get(rec, s) < v;
      case 'LTE':
        return (rec, s) => get(rec, s) <= v;
      default:
        return (rec, s) => {
          const x = get(rec, s);
          return x >= v && x <= high;
        };
    }
  }

  // String properties: EQ/NEQ/IN are case-insensitive, like HubSpot's search.
  const get = (s: RecordState): string | undefined => s.props[name];
  if (op === 'IN' || op === 'NOT_IN') {
    const set = new Set((f.values ?? []).map((v) => text(v).toLowerCase()));
    return op === 'IN'
      ? (_r, s) => {
          const x = get(s);
          return x !== undefined && set.has(x.toLowerCase());
        }
      : (_r, s) => {
          const x = get(s);
          return x === undefined || !set.has(x.toLowerCase());
        };
  }
  const v = text(f.value);
  if (op === 'CONTAINS_TOKEN' || op === 'NOT_CONTAINS_TOKEN') {
    const match = tokenMatcher(v);
    const want = op === 'CONTAINS_TOKEN';
    return (_r, s) => {
      const x = get(s);
      const has = x !== undefined && tokens(x).some(match);
      return has === want;
    };
  }
  const lower = v.toLowerCase();
  const high = text(f.highValue);
  switch (op) {
    case 'EQ':
      return (_r, s) => get(s)?.toLowerCase() === lower;
    case 'NEQ':
      return (_r, s) => get(s)?.toLowerCase() !== lower;
    case 'GT':
      return (_r, s) => cmp(get(s), v, (c) => c > 0);
    case 'GTE':
      return (_r, s) => cmp(get(s), v, (c) => c >= 0);
    case 'LT':
      return (_r, s) => cmp(get(s), v, (c) => c < 0);
    case 'LTE':
      return (_r, s) => cmp(get(s), v, (c) => c <= 0);
    default:
      return (_r, s) => cmp(get(s), v, (c) => c >= 0) && cmp(get(s), high, (c) => c <= 0);
  }
}

function cmp(x: string | undefined, v: string, ok: (c: number) => boolean): boolean {
  return x !== undefined && x !== '' && ok(compareStrings(x, v));
}

function parseSort(sorts: SearchRequestInput['sorts']): { propertyName: string; descending: boolean } | undefined {
  if (!sorts || sorts.length === 0) return undefined;
  if (sorts.length > 1) throw new SearchValidationError('Only one sort is allowed');
  const s = sorts[0];
  if (typeof s === 'string') {
    // The client types sorts as strings: "prop" ascending, "-prop" descending (lenient).
    return s.startsWith('-') ? { propertyName: s.slice(1), descending: true } : { propertyName: s, descending: false };
  }
  if (!s || typeof s.propertyName !== 'string') throw new SearchValidationError('sort propertyName is required');
  const dir = String(s.direction ?? 'ASCENDING').toUpperCase();
  if (dir !== 'ASCENDING' && dir !== 'DESCENDING') throw new SearchValidationError(`Invalid sort direction: ${dir}`);
  return { propertyName: s.propertyName, descending: dir === 'DESCENDING' };
}

function parseAfter(after: SearchRequestInput['after']): number {
  if (after === undefined || after === null || after === '') return 0;
  const n = Number(after);
  if (!Number.isInteger(n) || n < 0) throw new SearchValidationError(`Invalid after: ${String(after)}`);
  return n;
}

/** Default free-text search fields of `query`. */
const QUERY_FIELDS: Record<string, readonly string[]> = {
  companies: ['name', 'domain', 'website', 'phone'],
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  deals: ['dealname'],
};

/**
 * Runs one search. `visible` decides what search sees of a record (the search-index lag): the
 * record, a snapshot of an earlier state, or nothing.
 */
export function runSearch(
  table: ObjectTable,
  req: SearchRequestInput,
  visible: (rec: ObjectRecord) => RecordState | null,
): SearchResult {
  const limit = req.limit === undefined || req.limit === null ? 10 : Number(req.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new SearchValidationError(`Invalid limit: ${String(req.limit)}`);
  if (limit > SEARCH_MAX_LIMIT) throw new SearchValidationError(`limit must be at most ${SEARCH_MAX_LIMIT}, got ${limit}`);
  const after = parseAfter(req.after);
  if (after + limit > SEARCH_MAX_RESULTS) {
    throw new SearchValidationError(
      `Paging past ${SEARCH_MAX_RESULTS} results is not supported: after (${after}) + limit (${limit}) must be at most ${SEARCH_MAX_RESULTS}. Narrow the query with filters instead.`,
    );
  }
  const groups = req.filterGroups ?? [];
  if (!Array.isArray(groups)) throw new SearchValidationError('filterGroups must be an array');
  if (groups.length > SEARCH_MAX_GROUPS) throw new SearchValidationError(`At most ${SEARCH_MAX_GROUPS} filterGroups are allowed`);
  let filterCount = 0;
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  const compiled: Test[][] = [];
  for (const g of groups) {
    const filters = g?.filters ?? [];
    if (filters.length > SEARCH_MAX_FILTERS_PER_GROUP) throw new SearchValidationError(`At most ${SEARCH_MAX_FILTERS_PER_GROUP} filters per filterGroup are allowed`);
    filterCount += filters.length;
    const bounds: Bounds = { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY };
    const tests = filters.map((f) => compileFilter(table, f, bounds));
    // The union of the groups' id ranges bounds the scan.
    if (compiled.length === 0) {
      lo = bounds.lo;
      hi = bounds.hi;
    } else {
      lo = Math.min(lo, bounds.lo);
      hi = Math.max(hi, bounds.hi);
    }
    compiled.push(tests);
  }
  if (filterCount > SEARCH_MAX_FILTERS) throw new SearchValidationError(`At most ${SEARCH_MAX_FILTERS} filters are allowed`);
  const matchesGroups: Test =
    compiled.length === 0
      ? () => true
      : (rec, s) => {
          for (const tests of compiled) {
            let ok = true;
            for (const t of tests) {
              if (!t(rec, s)) {
                ok = false;
                break;
              }
            }
            if (ok) return true;
          }
          return false;
        };
  let test = matchesGroups;
  const q = typeof req.query === 'string' ? req.query.trim().toLowerCase() : '';
  if (q) {
    const fields = QUERY_FIELDS[table.type] ?? [];
    test = (rec, s) => matchesGroups(rec, s) && fields.some((f) => s.props[f]?.toLowerCase().includes(q) === true);
  }

  const sort = parseSort(req.sorts);
  const sortKind = sort ? kindOf(table, sort.propertyName) : 'id';
  const order = table.order;
  const start = lo === Number.NEGATIVE_INFINITY ? 0 : table.lowerBound(lo);
  const end = hi === Number.POSITIVE_INFINITY ? order.length : table.lowerBound(hi + 1);

  let total = 0;
  if (sortKind === 'id') {
    // Id order is the table's order: count everything, keep only the requested page.
    const page: Match[] = [];
    const descending = sort?.descending === true;
    for (let k = start; k < end; k++) {
      const rec = order[descending ? end - 1 - (k - start) : k] as ObjectRecord;
      const state = visible(rec);
      if (!state || state.archived || !test(rec, state)) continue;
      if (total >= after && page.length < limit) page.push({ rec, state });
      total++;
    }
    return { total, page, nextAfter: after + limit < total ? after + limit : undefined };
  }

  const all: Match[] = [];
  for (let k = start; k < end; k++) {
    const rec = order[k] as ObjectRecord;
    const state = visible(rec);
    if (!state || state.archived || !test(rec, state)) continue;
    all.push({ rec, state });
  }
  total = all.length;
  const dir = sort?.descending ? -1 : 1;
  if (sortKind === 'created' || sortKind === 'modified') {
    const key = sortKind === 'created' ? (m: Match) => m.state.createdAt : (m: Match) => m.state.updatedAt;
    all.sort((a, b) => dir * (key(a) - key(b)) || a.rec.idNum - b.rec.idNum);
  } else {
    const name = (sort as { propertyName: string }).propertyName;
    const keyed = all.map((m) => ({ m, k: m.state.props[name] }));
    // Objects without a value go last; ties keep id order.
    keyed.sort((a, b) => {
      if (a.k === undefined || a.k === '') return b.k === undefined || b.k === '' ? a.m.rec.idNum - b.m.rec.idNum : 1;
      if (b.k === undefined || b.k === '') return -1;
      return dir * compareStrings(a.k, b.k) || a.m.rec.idNum - b.m.rec.idNum;
    });
    for (let i = 0; i < keyed.length; i++) all[i] = (keyed[i] as { m: Match }).m;
  }
  return { total, page: all.slice(after, after + limit), nextAfter: after + limit < total ? after + limit : undefined };
}
