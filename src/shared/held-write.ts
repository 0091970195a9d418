/**
 * A hash-field write held back so that it goes to Redis together with something else in one round
 * trip (the company lock's release, see CompanyLocks.withLock): the link a sync records last.
 */
export class HeldWrite {
  value: string | undefined;

  constructor(
    readonly key: string,
    readonly field: string,
  ) {}
}
