/**
 * Settings written as JSON objects (FIELD_OWNERSHIP, CUSTOM_PROPERTIES, TAX_STATUS_VALUES,
 * COMPANY_PROPERTY_MAP): the JSON text is parsed here, and keys that name JavaScript's object
 * machinery are refused. `JSON.parse` keeps `"__proto__"` as an ordinary key, but a record built
 * from it drops it without a word (and `constructor` or `prototype` collide with what every object
 * inherits), so a setting using one would not do what it says: a configuration error instead.
 */
import { z } from 'zod';

export const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Unset or blank → undefined (the default applies); otherwise the parsed JSON, or the text itself when it is not JSON (the schema then reports it). */
export function parseJsonSetting(value: unknown): unknown {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Reserved keys anywhere in a parsed JSON value, with where they are (`address.__proto__`). */
export function reservedKeys(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if ((RESERVED_KEYS as readonly string[]).includes(key)) found.push(at);
    found.push(...reservedKeys((value as Record<string, unknown>)[key], at));
  }
  return found;
}

/** `schema` for a JSON-object setting: parsed from its text, reserved keys refused before `schema` sees it. */
export function jsonObjectSetting<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    parseJsonSetting,
    z
      .unknown()
      .superRefine((value, ctx) => {
        for (const at of reservedKeys(value)) {
          const key = at.slice(at.lastIndexOf('.') + 1);
          ctx.addIssue({ code: 'custom', message: `must not use the key "${key}"${at === key ? '' : ` (at ${at})`}: JavaScript reserves it for objects, so it would be dropped or misread` });
        }
      })
      .pipe(schema),
  );
}
