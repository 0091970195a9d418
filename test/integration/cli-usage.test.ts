/**
 * What the command line promises (issue 22, item 14): bad usage caught by the argument parser exits 2,
 * like every other usage error (docs/commands.md); the demo does not read a `.env` (a production one
 * in the folder must neither change its Redis nor stop it); its dashboard hint leads somewhere.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, runCliIn } from '../helpers/processes';

describe('usage errors caught by the argument parser', () => {
  it.each([
    [['sync'], "missing required argument 'companyId'"],
    [['link'], "missing required argument 'companyId'"],
    [['status', '--nope'], "unknown option '--nope'"],
    [['status', '--limit', 'ten'], 'expected a positive whole number'],
    [['reconcile', '--timeout', '0'], 'expected a positive whole number'],
    [['failures', 'retry', '--timeout', 'x'], 'expected a positive whole number'],
    [['no-such-command'], "unknown command 'no-such-command'"],
    [['hubspot-project', '--webhook-url', 'https://sync.example.com/webhooks/hubspot', '--platform-version'], "option '--platform-version <version>' argument missing"],
    [['hubspot-project', '--webhook-url', 'https://sync.example.com/webhooks/hubspot', '--out', path.join(tmpdir(), 'never-written'), '--platform-version', '2026.3'], '--platform-version must be a date-based HubSpot platform version, YYYY.03 or YYYY.09'],
  ])('%j exits 2 with the reason', (args, reason) => {
    const { code, stderr } = runCli(args);
    expect(stderr).toContain(reason);
    expect(code).toBe(2);
  });

  it('a BILLING_SCOPE that is none of the forms exits 2, naming the setting and the forms', () => {
    const { code, stderr } = runCli(['status'], { BILLING_SCOPE: 'closed_won' });
    expect(stderr).toContain('BILLING_SCOPE: must be closed-won, lifecycle:<stage>[,<stage>…], property:<name> or all');
    expect(code).toBe(2);
    const pipelines = runCli(['status'], { BILLING_SCOPE: 'all', BILLING_SCOPE_PIPELINES: 'default' });
    expect(pipelines.stderr).toContain('BILLING_SCOPE_PIPELINES: only applies to BILLING_SCOPE=closed-won');
    expect(pipelines.code).toBe(2);
  });

  it.each([
    [{ HUBSPOT_WRITE_BACK: 'maybe' }, 'HUBSPOT_WRITE_BACK: must be true or false (or 1/0, yes/no, on/off) (got "maybe")'],
    [{ PARENT_CUSTOMERS: '2' }, 'PARENT_CUSTOMERS: must be true or false (or 1/0, yes/no, on/off) (got "2")'],
    [{ PUSH_TO_INTEGRATIONS: 'xero,quickbooks' }, 'PUSH_TO_INTEGRATIONS: "quickbooks" is not an integration Sequence can push a new customer to; allowed: Xero'],
  ])('issue 19\'s settings: %j exits 2, naming the setting and what it takes', (env, reason) => {
    for (const command of [['status'], ['worker', '--no-http']]) {
      const { code, stderr } = runCli(command, env);
      expect([command[0], stderr]).toEqual([command[0], expect.stringContaining(reason)]);
      expect(code).toBe(2);
    }
  });

  it('--help still exits 0', () => {
    expect(runCli(['--help']).code).toBe(0);
    expect(runCli(['sync', '--help']).code).toBe(0);
  });
});

describe('the demo and a .env in the folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'demo-dotenv-'));
    // A production .env: another Redis, and a value that would stop any command that reads it.
    writeFileSync(path.join(dir, '.env'), 'REDIS_URL=redis://production-redis.invalid:6379\nPORT=eighty\nHUBSPOT_ACCESS_TOKEN=pat-na1-production\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is ignored: the demo uses REDIS_URL from the environment only', () => {
    // A Redis that does not answer, so the demo stops at once, saying which one it tried.
    const { code, stdout, stderr } = runCliIn(dir, ['demo', '--companies', '25'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(stderr).not.toContain('PORT');
    expect(stdout).toContain('Redis does not answer at redis://127.0.0.1:1');
    expect(code).toBe(1);
  });
});
