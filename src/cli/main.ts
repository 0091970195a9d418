#!/usr/bin/env node
/**
 * The `crm-sequence-sync` command line. Each command lives in ./commands and is loaded only when it
 * runs: loading them all (the worker's HTTP server, the demo's simulators) cost a second per command.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config';
import { runCommand } from './runtime';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** What `map` reads from the settings: the mapping rules and the billing scope. */
function mapSettings() {
  const config = loadConfig();
  return [config.mapping, config.scope] as const;
}

export function buildProgram(): Command {
  const program = new Command('crm-sequence-sync')
    .description('Keeps Sequence billing customers in step with HubSpot companies')
    .showHelpAfterError()
    // Parse errors (a missing argument, an unknown option, a bad number) are thrown, not exited on with
    // commander's 1: bad usage exits 2 (below). Subcommands inherit this.
    .exitOverride();

  program
    .command('demo')
    .description('see it work in a minute: simulated HubSpot and Sequence, the real worker, needs only Redis')
    .option('--companies <n>', 'companies to seed (at least 25)', (v: string) => {
      const n = positiveInt(v);
      if (n < 25) throw new InvalidArgumentError('the demo needs at least 25 companies');
      return n;
    }, 300)
    .option('--keep', 'keep everything running afterwards (Ctrl-C to stop)')
    .action((opts: { companies?: number; keep?: boolean }) => runCommand(async () => (await import('./commands/demo')).runDemo(opts)));

  program
    .command('worker')
    .description('run the sync worker until SIGINT/SIGTERM')
    .option('--concurrency <n>', 'jobs processed at once (default WORKER_CONCURRENCY)', positiveInt)
    .option('--no-http', 'do not serve webhooks, probes and metrics')
    .option('--no-schedules', 'do not register the reconciliation schedules')
    .action((opts: { concurrency?: number; http?: boolean; schedules?: boolean }) => runCommand(async () => (await import('./commands/worker')).runWorker(opts)));

  program
    .command('sync')
    .description('enqueue a sync of HubSpot companies')
    .argument('<companyId...>', 'HubSpot company ids')
    .option('--wait', 'wait for the outcome and print it (exit 1 if any company failed)')
    .option('--force', 'write even when nothing changed since the last sync')
    .option('--dry-run', 'compute what would change without writing to Sequence')
    .option('--json', 'print JSON instead of a table')
    .option('--timeout <seconds>', 'how long --wait waits', positiveInt, 300)
    .action((ids: string[], opts: { wait?: boolean; force?: boolean; dryRun?: boolean; json?: boolean; timeout?: number }) =>
      runCommand(async () => (await import('./commands/sync')).runSync(ids, opts)),
    );

  program
    .command('reconcile')
    .description('queue a reconciliation run (incremental by default)')
    .option('--full', 'page through every company instead of those modified since the last run')
    .option('--dry-run', 'compute what would change (created / updated / unchanged / invalid) without writing')
    .option('--wait', 'show progress and print the report (exit 1 if any company failed)')
    .option('--json', 'print JSON instead of tables')
    .option('--timeout <seconds>', 'how long --wait waits', positiveInt)
    .action((opts: { full?: boolean; dryRun?: boolean; wait?: boolean; json?: boolean; timeout?: number }) => runCommand(async () => (await import('./commands/reconcile')).runReconcile(opts)));

  program
    .command('status')
    .description('queues, reconciliation runs, rate limits and the failure index')
    .option('--json', 'print JSON for scripts')
    .option('--limit <n>', 'failures shown in the table', positiveInt, 20)
    .action((opts: { json?: boolean; limit?: number }) => runCommand(async () => (await import('./commands/status')).runStatus(opts)));

  program
    .command('failures')
    .description('the failure index')
    .command('retry')
    .description('re-queue failed companies (all of them when no id is given)')
    .argument('[companyId...]', 'HubSpot company ids from the failure index')
    .option('--wait', 'wait for the outcome and print it')
    .option('--json', 'print JSON instead of a table')
    .option('--timeout <seconds>', 'how long --wait waits', positiveInt, 300)
    .action((ids: string[], opts: { wait?: boolean; json?: boolean; timeout?: number }) => runCommand(async () => (await import('./commands/failures')).runFailuresRetry(ids, opts)));

  program
    .command('link')
    .description("show a company's link to its Sequence customer (customer id, last hash, last sync, last outcome)")
    .argument('<companyId>', 'HubSpot company id')
    .option('--json', 'print JSON')
    .action((companyId: string, opts: { json?: boolean }) => runCommand(async () => (await import('./commands/link')).runLink(companyId, opts)));

  program
    .command('map')
    .description('map one HubSpot company (JSON with its contacts, and its deals for the billing scope) and print the Sequence request or the problems, and whether the company is in BILLING_SCOPE')
    .argument('[file]', 'JSON file; stdin when omitted or "-"')
    .option('--jsonl', 'read JSON Lines (one company with its contacts per line); write one result per line, a summary on stderr')
    .option('--max-line-bytes <n>', 'with --jsonl: longest line read; a longer one is reported by number and skipped (default 8 MiB)', positiveInt)
    .action((file: string | undefined, opts: { jsonl?: boolean; maxLineBytes?: number }) =>
      runCommand(async () =>
        (await import('./commands/map')).runMap({ file, jsonl: opts.jsonl, maxLineBytes: opts.maxLineBytes }, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, ...mapSettings()),
      ),
    );

  program
    .command('check')
    .description('check the configured installation: Redis, HubSpot token, scopes and API version, Sequence credentials, webhook settings')
    .option('--json', 'print JSON for scripts')
    .action((opts: { json?: boolean }) => runCommand(async () => (await import('./commands/check')).runCheck(opts, loadConfig())));

  program
    .command('forget-account')
    .description('empty QUEUE_PREFIX (which accounts it serves, links, indexes, failures, runs, queued jobs) so that it can serve other HubSpot/Sequence accounts; workers must be stopped')
    .option('--yes', 'really delete (without it, only says what would be deleted)')
    .action((opts: { yes?: boolean }) => runCommand(async () => (await import('./commands/forget-account')).runForgetAccount(opts)));

  program
    .command('hubspot-project')
    .description('write the HubSpot project (private app + webhook subscriptions) for the configured mapping and billing scope, ready for `hs project upload`')
    .option('--webhook-url <url>', 'public https URL HubSpot posts webhooks to (default WEBHOOK_PUBLIC_URL)')
    .option('--out <dir>', 'folder to write the project into', 'hubspot')
    .option('--platform-version <version>', 'HubSpot platform version of the project (2026.03, the CLI default; 2026.09 needs a recent HubSpot CLI, see docs/hubspot-setup.md)')
    .action((opts: { webhookUrl?: string; out?: string; platformVersion?: string }) => runCommand(async () => (await import('./commands/hubspot-project')).runHubSpotProject(opts, loadConfig())));

  return program;
}

/** Exit code for what commander threw: 0 for help and version, 2 (bad usage) for the rest; commander has printed the message. */
export function usageExitCode(error: CommanderError): number {
  return error.exitCode === 0 ? 0 : 2;
}

if (require.main === module) {
  buildProgram().parseAsync(process.argv).catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(usageExitCode(error));
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
