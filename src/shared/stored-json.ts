import type { z } from 'zod';

/** A JSON value read back from Redis, checked with its schema; undefined when absent or not what we wrote. */
export function parseStored<T>(schema: z.ZodType<T>, value: string | null | undefined): T | undefined {
  if (!value) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
