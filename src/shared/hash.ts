import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so equal values always give equal text. Written out by hand rather
 * than through JSON.stringify's replacer, which built a sorted copy of every object (hashed once per
 * company); the text is the same, so hashes stored by earlier versions still match.
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

function write(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
      if (value instanceof Number || value instanceof String || value instanceof Boolean) return JSON.stringify(value);
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of sortedKeys(record)) {
        const text = write(record[key]);
        if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}

/**
 * Sorted as the earlier version's sorted copy enumerated them: JavaScript lists array-index keys
 * ("0", "7", "10") first, in numeric order, then the others in the order given (here, sorted).
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const indices: string[] = [];
  const names: string[] = [];
  for (const key of Object.keys(record)) (isArrayIndex(key) ? indices : names).push(key);
  indices.sort((a, b) => Number(a) - Number(b));
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return indices.length ? [...indices, ...names] : names;
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hashPayload(value: unknown): string {
  return sha256(canonicalJson(value));
}
