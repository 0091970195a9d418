/**
 * `crm-sequence-sync check [--json]`: is this installation ready? One line per item, each failing
 * one with what to do. Exit codes: 0 everything the configured mode needs works (warnings allowed);
 * 1 something failed; 2 the configuration itself cannot be read.
 */
import type { Config } from '../../../config';
import { checkPassed, formatCheckLine, runChecks } from '../../check/checks';
import { EXIT } from '../runtime';

export async function runCheck(
  options: { json?: boolean },
  config: Config,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const lines = await runChecks(config);
  const passed = checkPassed(lines);
  if (options.json) out.write(`${JSON.stringify({ passed, items: lines }, null, 2)}\n`);
  else {
    out.write(`${lines.map(formatCheckLine).join('\n')}\n`);
    out.write(passed ? 'Ready: everything this configuration needs works.\n' : 'Not ready: fix the FAIL lines above and run crm-sequence-sync check again.\n');
  }
  return passed ? EXIT.ok : EXIT.failed;
}
