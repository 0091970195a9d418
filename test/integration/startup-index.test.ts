/** The worker builds the country index at start-up, before it takes jobs, and says so once. */
import { startApp, type App } from '../../src/app';
import { countryIndex } from '../../src/mappers/country';
import { startStack, type TestStack } from '../helpers/stack';

describe('worker start-up', () => {
  let stack: TestStack;
  let app: App | undefined;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await app?.close();
    await stack.close();
  });

  it('builds the country index at start-up and logs it once with ms and names', async () => {
    app = await startApp(stack.services, { schedules: false });
    const built = stack.logs.lines.filter((line) => line.msg === 'country index built');
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({ ms: expect.any(Number), names: expect.any(Number) });
    expect(built[0]!.names).toBeGreaterThan(20_000);
    // The index the mapper uses is the one built then: a job no longer pays for it.
    expect(countryIndex().names).toBe(built[0]!.names);
    expect(Math.round(countryIndex().buildMs)).toBe(built[0]!.ms);
  });
});
