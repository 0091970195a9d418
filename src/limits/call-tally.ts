/**
 * Counts the HubSpot and Sequence calls made on behalf of one piece of work (a job, a run), whatever
 * module makes them: the count follows the async context, so no counter is passed around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class CallTally {
  hubspot = 0;
  sequence = 0;

  add(service: 'hubspot' | 'sequence'): void {
    this[service] += 1;
  }
}

const storage = new AsyncLocalStorage<CallTally>();

export function withCallTally<T>(tally: CallTally, fn: () => Promise<T>): Promise<T> {
  return storage.run(tally, fn);
}

export function currentCallTally(): CallTally | undefined {
  return storage.getStore();
}
