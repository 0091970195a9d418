/**
 * Closing the services out of time does not wait for a Sequence request in flight: a worker told to
 * stop while a job waits on a slow Sequence exits within its bound (the shutdown test's rare hang).
 */
import { startStack, type TestStack } from '../helpers/stack';

jest.setTimeout(90_000);

describe('services.close', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ env: { REQUEST_TIMEOUT_MS: '120000' } });
  });

  afterAll(async () => {
    stack.sequence.faults.latencyMs = 0;
    await stack.close();
  });

  it('gives up on a Sequence request in flight once its time is out, instead of waiting for the answer', async () => {
    stack.sequence.faults.latencyMs = 60_000;
    const inFlight = stack.services.sequence.findCustomer('cus_slow').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200)); // the request has reached the simulator

    const started = Date.now();
    const closedCleanly = await stack.services.close(500);
    const tookMs = Date.now() - started;

    // The graceful close could not finish (the request would take 60 s), so the client was destroyed.
    expect(closedCleanly).toBe(false);
    expect(tookMs).toBeLessThan(20_000); // generous for a loaded box; the bug waited for the answer, 60 s
    void inFlight;
  });
});
