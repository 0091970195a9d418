/** What `map` and `map --jsonl` share: arguments, streams, exit codes, zod issue paths. */

export interface MapArgs {
  file?: string;
  /** Read JSON Lines: one company per line, one result per line. */
  jsonl?: boolean;
  /** With jsonl: longest line read; a longer one is reported and skipped. */
  maxLineBytes?: number;
}

export interface MapIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** 3: billable, but outside BILLING_SCOPE: no customer would be created for it (an existing one is still updated). */
export const MAP_EXIT = { ok: 0, unbillable: 1, badInput: 2, outOfScope: 3 } as const;

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}
