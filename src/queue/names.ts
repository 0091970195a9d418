/** Queue and job names, defined once. */
export const QUEUE = {
  /** Company work: sync, archive, merge, contact and deal resolution. */
  sync: 'sync',
  /** Reconciliation runs (scheduled or on demand). */
  reconcile: 'reconcile',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const JOB = {
  syncCompanies: 'sync-companies',
  archiveCompanies: 'archive-companies',
  mergeCompanies: 'merge-companies',
  resolveContacts: 'resolve-contacts',
  resolveDeals: 'resolve-deals',
  reconcile: 'reconcile',
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];
