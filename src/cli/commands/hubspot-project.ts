/**
 * `crm-sequence-sync hubspot-project --webhook-url URL [--out DIR] [--platform-version V]`: writes the
 * HubSpot project (app + webhooks component) for the configured mapping and billing-scope settings
 * (what is generated: project/hubspot-project.ts), ready for `hs project upload`.
 * The URL is validated and written normalised (project/webhook-url.ts); the folder is written through
 * temporary files, never through a symlink, and files an earlier generation left are reported
 * (project/write-folder.ts).
 * Exit codes: 0 written; 2 bad URL or platform version, a symlink in the way, or bad configuration.
 */
import path from 'node:path';
import type { Config } from '../../../config';
import { WEBHOOK_PATH } from '../../http/webhook-route';
import { hubspotProjectFiles, platformVersionProblem } from '../../project/hubspot-project';
import { parseWebhookUrl } from '../../project/webhook-url';
import { UnsafeFolderError, writeFolder } from '../../project/write-folder';
import { maskUrlCredentials } from '../../shared/redact';
import { EXIT, UsageError } from '../runtime';

export interface HubSpotProjectArgs {
  webhookUrl?: string;
  out?: string;
  /** HubSpot platform version of the project (default 2026.03). */
  platformVersion?: string;
}

export const DEFAULT_PROJECT_DIR = 'hubspot';

export async function runHubSpotProject(args: HubSpotProjectArgs, config: Config, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const given = args.webhookUrl ?? config.env.WEBHOOK_PUBLIC_URL;
  if (!given) throw new UsageError('hubspot-project: --webhook-url is required (the public https URL HubSpot will post webhooks to, ending in /webhooks/hubspot)');
  const parsed = parseWebhookUrl(given);
  if ('problem' in parsed) throw new UsageError(`hubspot-project: ${parsed.problem}`);
  const webhookUrl = parsed.url;

  const versionProblem = args.platformVersion === undefined ? undefined : platformVersionProblem(args.platformVersion);
  if (versionProblem) throw new UsageError(`hubspot-project: ${versionProblem}`);

  const dir = path.resolve(args.out ?? DEFAULT_PROJECT_DIR);
  const files = hubspotProjectFiles({
    webhookUrl,
    mapping: config.mapping,
    scope: config.scope,
    writeBack: config.hubspot.writeBack,
    ...(args.platformVersion ? { platformVersion: args.platformVersion } : {}),
  });
  let result;
  try {
    result = await writeFolder(dir, files);
  } catch (error) {
    if (error instanceof UnsafeFolderError) throw new UsageError(`hubspot-project: ${error.message}`);
    throw error;
  }
  for (const target of result.written) out.write(`wrote ${target}\n`);
  const notes: string[] = [];
  if (result.leftOver.length) {
    notes.push(
      `note: ${result.leftOver.length} file${result.leftOver.length === 1 ? ' is' : 's are'} left over from an earlier generation (or put there by hand), and hs project upload would upload ${result.leftOver.length === 1 ? 'it' : 'them'} too; remove what is not meant for HubSpot:\n${result.leftOver.map((name) => `  ${path.join(dir, name)}`).join('\n')}`,
    );
  }
  if (!new URL(webhookUrl).pathname.endsWith(WEBHOOK_PATH)) {
    notes.push(`note: the service answers webhooks at ${WEBHOOK_PATH}; this URL's path differs, so a proxy must forward it there (and set WEBHOOK_PUBLIC_URL=${webhookUrl}).`);
  }
  const publicUrl = config.env.WEBHOOK_PUBLIC_URL === undefined ? undefined : parseWebhookUrl(config.env.WEBHOOK_PUBLIC_URL);
  if (publicUrl && !('url' in publicUrl && publicUrl.url === webhookUrl)) {
    notes.push(`note: WEBHOOK_PUBLIC_URL is ${maskUrlCredentials(config.env.WEBHOOK_PUBLIC_URL ?? '')}, not this URL; signatures are checked against WEBHOOK_PUBLIC_URL, so make them the same.`);
  }
  notes.push(`next: cd ${dir} && hs project upload, then install the app in your account (see docs/hubspot-setup.md).`);
  out.write(`${notes.join('\n')}\n`);
  return EXIT.ok;
}
