/** Redis keys that several modules (workers, CLI, status) share, beside BullMQ's own. */

/** Hash of workers stopped by refused credentials (field: host:pid), so one worker starting does not hide another's. */
export function authFailuresKey(prefix: string): string {
  return `${prefix}:auth-failures`;
}
