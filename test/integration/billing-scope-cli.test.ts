/**
 * Explaining the billing scope from the command line, each command in a process of its own against
 * the simulators: `link` and `sync --dry-run` say whether a company is in scope and why not,
 * `status` shows the scope in force, `reconcile --full --dry-run` counts what a scope would create,
 * and `check` counts the companies the scope matches and warns when it matches none.
 */
import { startApp, type App } from '../../src/app';
import { runCheck } from '../../src/cli/commands/check';
import { configFromEnv, parseEnv } from '../../config';
import type { CheckLine } from '../../src/check/checks';
import { runCliAsync as runCli } from '../helpers/processes';
import { seedBillable, startStack, testEnv, type TestStack } from '../helpers/stack';

describe('the billing scope, explained', () => {
  let stack: TestStack;
  let app: App;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ env: { BILLING_SCOPE: 'closed-won' } });
    app = await startApp(stack.services, { schedules: false });
    env = testEnv(stack.prefix, stack.hubspot, stack.sequence, { BILLING_SCOPE: 'closed-won', LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await app.close();
    await stack.close();
  });

  const deal = (companyId: string, stage: string) => {
    const created = stack.hubspot.store.createDeal({ dealstage: stage });
    stack.hubspot.store.associateDeal(created.id, companyId);
  };

  it('link says a company is out of scope and why; sync --dry-run says the same, and writes nothing', async () => {
    const [prospect] = seedBillable(stack, 1, 100);
    deal(prospect!, 'appointmentscheduled');
    deal(prospect!, 'qualifiedtobuy');
    const link = await runCli(['link', prospect!], env);
    expect(link.code).toBe(1);
    expect(link.stdout).toContain('Out of BILLING_SCOPE=closed-won (no won deal: 2 open deals in Sales Pipeline): no customer is created until it is in scope.');
    const json = JSON.parse((await runCli(['link', prospect!, '--json'], env)).stdout) as { scope: unknown };
    expect(json.scope).toEqual({ setting: 'closed-won', inScope: false, reason: 'no won deal: 2 open deals in Sales Pipeline', linked: false });
    const dry = await runCli(['sync', prospect!, '--dry-run', '--wait'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('out-of-scope');
    expect(dry.stdout).toContain('no won deal: 2 open deals in Sales Pipeline');
    expect(dry.stdout).toContain('out of scope: 1 (no customer would be created for it');
    expect(stack.sequence.store.count()).toBe(0);
  });

  it('link of a linked company out of scope says it keeps being updated', async () => {
    const [won] = seedBillable(stack, 1, 200);
    deal(won!, 'closedwon');
    expect((await runCli(['sync', won!, '--wait'], env)).code).toBe(0);
    const stillWon = await runCli(['link', won!], env);
    expect(stillWon.stdout).toMatch(/in BILLING_SCOPE=closed-won \(won deal \d+ \(Closed Won, Sales Pipeline\)\)/);
    for (const dealId of stack.hubspot.store.getCompanyDeals(won!)) stack.hubspot.store.moveDeal(dealId, 'closedlost');
    const lost = await runCli(['link', won!], env);
    expect(lost.code).toBe(0);
    expect(lost.stdout).toContain('out of BILLING_SCOPE=closed-won (no won deal: 1 lost deal in Sales Pipeline): it has a customer, which keeps being updated');
  });

  it('status shows the scope in force; reconcile --full --dry-run counts what another scope would create', async () => {
    const status = await runCli(['status'], env);
    expect(status.stdout).toContain('Billing scope: BILLING_SCOPE=closed-won (closed-won: companies with a deal in a won stage (every pipeline))');
    expect((JSON.parse((await runCli(['status', '--json'], env)).stdout) as { scope: unknown }).scope).toEqual({ setting: 'closed-won', description: 'closed-won: companies with a deal in a won stage (every pipeline)' });
    const leads = seedBillable(stack, 3, 300);
    for (const id of leads) stack.hubspot.store.updateCompany(id, { lifecyclestage: 'customer' });
    const before = stack.sequence.store.count();
    const preview = await runCli(['reconcile', '--full', '--dry-run', '--wait'], { ...env, BILLING_SCOPE: 'lifecycle:customer' }, 90_000);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/out of scope: \d+ \(companies without a customer outside BILLING_SCOPE=lifecycle:customer: none created, not failures; with it, 3 customers would be created\)/);
    expect(stack.sequence.store.count()).toBe(before);
  }, 90_000);

  it('check counts the companies the scope matches, and warns when it matches none', async () => {
    const lines = async (extra: Record<string, string>) => {
      const out: string[] = [];
      await runCheck({ json: true }, configFromEnv(parseEnv({ ...env, ...extra })), { write: (t: string) => out.push(t) } as unknown as NodeJS.WritableStream);
      return (JSON.parse(out.join('')) as { items: CheckLine[] }).items;
    };
    const scopeLine = (items: CheckLine[]) => items.find((i) => i.item.startsWith('Billing scope'));
    // The one company with a won deal so far lost it (above); this one wins one.
    deal(seedBillable(stack, 1, 400)[0]!, 'closedwon');
    expect(scopeLine(await lines({}))).toMatchObject({ status: 'ok', detail: '1 company has a won deal (1 won deal)' });
    expect((await lines({})).find((i) => i.item === 'HubSpot scopes')).toMatchObject({ status: 'ok', detail: expect.stringContaining('crm.objects.deals.read') });
    expect(scopeLine(await lines({ BILLING_SCOPE: 'lifecycle:customer' }))).toMatchObject({ status: 'ok', detail: '3 companies match' });
    expect(scopeLine(await lines({ BILLING_SCOPE: 'property:billing_enabled' }))).toMatchObject({ status: 'warn', detail: 'no company has billing_enabled ticked (true)' });
    expect(scopeLine(await lines({ BILLING_SCOPE_PIPELINES: 'Enterprise' }))).toMatchObject({ status: 'fail', detail: 'BILLING_SCOPE_PIPELINES names no pipeline of this account: Enterprise', fix: expect.stringContaining('Sales Pipeline (default)') });
  });
});

describe('check with no won deal at all', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { BILLING_SCOPE: 'closed-won' } });
  });
  afterAll(() => stack.close());

  it('warns and says what to do if the account does not use deals', async () => {
    seedBillable(stack, 2, 500);
    const out: string[] = [];
    const code = await runCheck({}, configFromEnv(parseEnv(testEnv(stack.prefix, stack.hubspot, stack.sequence, { BILLING_SCOPE: 'closed-won' }))), { write: (t: string) => out.push(t) } as unknown as NodeJS.WritableStream);
    expect(code).toBe(0);
    expect(out.join('')).toContain('WARN  Billing scope (BILLING_SCOPE=closed-won): no company has a won deal → if you do not use deals, set BILLING_SCOPE=lifecycle:customer');
  });
});
