/** What every command shares: config loading that fails with one clear message, the logger, exit codes. */
import { ConfigError, loadConfig, type Config, type Requirement } from '../../config';
import { AccountMismatchError } from '../accounts/account-record';
import { ensureAccounts } from '../accounts/guard';
import { createLogger, type Logger } from '../logger';
import { RedisUnavailableError, type RedisClient } from '../queue/connection';
import { RedisSetupError } from '../redis/requirements';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function loadCommandConfig(needs: readonly Requirement[] = []): Config {
  return loadConfig({ needs });
}

export function commandLogger(config: Config, base: Record<string, unknown> = {}): Logger {
  return createLogger({ level: config.log.level, pretty: config.log.pretty, redactContactEmails: config.log.redactContactEmails, base });
}

/**
 * Before a command queues work under QUEUE_PREFIX: refuses (AccountMismatchError, exit 2) when the
 * prefix serves other Sequence or HubSpot accounts than the configured ones; warnings go to stderr.
 */
export async function ensureCommandAccounts(config: Config, redis: RedisClient): Promise<void> {
  await ensureAccounts(config, redis, (message, fields) => process.stderr.write(`warning: ${message}${typeof fields.reason === 'string' ? ` (${fields.reason})` : ''}\n`));
}

/** Runs a command body, turning configuration and usage errors (a Redis set up wrongly for us, a QUEUE_PREFIX serving other accounts) into a message and exit code 2. */
export async function runCommand(body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof RedisSetupError || error instanceof AccountMismatchError) {
      process.stderr.write(`${error.message}\n`);
      code = EXIT.usage;
    } else if (error instanceof RedisUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      code = EXIT.failed;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      code = EXIT.failed;
    }
  }
  process.exit(code);
}
