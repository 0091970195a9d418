/**
 * pino, JSON by default and pretty on a terminal. Secrets are redacted wherever they appear in a
 * logged object; contact emails too when REDACT_CONTACT_EMAILS is set.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

const SECRET_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers["x-hubspot-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
  'accessToken',
  '*.accessToken',
  'clientSecret',
  '*.clientSecret',
  'clientId',
  '*.clientId',
  'password',
  '*.password',
  'token',
  '*.token',
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_CLIENT_SECRET',
  'SEQUENCE_CLIENT_ID',
  'SEQUENCE_CLIENT_SECRET',
  'ADMIN_PASSWORD',
  '*.HUBSPOT_ACCESS_TOKEN',
  '*.HUBSPOT_CLIENT_SECRET',
  '*.SEQUENCE_CLIENT_ID',
  '*.SEQUENCE_CLIENT_SECRET',
  '*.ADMIN_PASSWORD',
];

const EMAIL_PATHS = ['email', '*.email', 'contacts[*].email', '*.contacts[*].email', 'request.contacts[*].email'];
const EMAIL_IN_TEXT = /[^\s"'<>()\[\],;:@]+@[^\s"'<>()\[\],;:@]+\.[A-Za-z]{2,}/g;

/** Emails quoted inside messages (mapping warnings, reasons), replaced when emails are redacted. */
function redactEmailsInText(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(EMAIL_IN_TEXT, '[redacted email]');
  if (Array.isArray(value)) return value.map(redactEmailsInText);
  return value;
}

export interface LoggerOptions {
  level: string;
  pretty?: 'auto' | 'true' | 'false';
  redactContactEmails?: boolean;
  /** Where lines go; defaults to stdout. */
  destination?: NodeJS.WritableStream;
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? process.stdout;
  const isTty = 'isTTY' in destination && Boolean((destination as NodeJS.WriteStream).isTTY);
  const usePretty = options.pretty === 'true' || (options.pretty !== 'false' && isTty && !options.destination);
  const config: pino.LoggerOptions = {
    level: options.level,
    base: { service: 'crm-sequence-sync', ...options.base },
    redact: { paths: [...SECRET_PATHS, ...(options.redactContactEmails ? EMAIL_PATHS : [])], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(options.redactContactEmails
      ? {
          formatters: {
            log: (object: Record<string, unknown>) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, redactEmailsInText(v)])),
          },
          hooks: {
            logMethod(args: Parameters<pino.LogFn>, method: pino.LogFn) {
              const last = args.length - 1;
              if (typeof args[last] === 'string') args[last] = redactEmailsInText(args[last]) as string;
              return method.apply(this, args);
            },
          },
        }
      : {}),
  };
  if (usePretty) {
    return pino(config, pretty({ colorize: isTty, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
  }
  return pino(config, destination as pino.DestinationStream);
}
