/**
 * `crm-sequence-sync hubspot-project --webhook-url URL [--out DIR]`: writes the HubSpot project
 * (app + webhooks component) for the configured mapping settings, ready for `hs project upload`.
 * Exit codes: 0 written; 2 bad URL or configuration.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../../config';
import { WEBHOOK_PATH } from '../../http/webhook-route';
import { hubspotProjectFiles, platformVersionProblem, webhookUrlProblem } from '../../project/hubspot-project';
import { EXIT, UsageError } from '../runtime';

export interface HubSpotProjectArgs {
  webhookUrl?: string;
  out?: string;
  /** HubSpot platform version of the project (default 2026.03). */
  platformVersion?: string;
}

export const DEFAULT_PROJECT_DIR = 'hubspot';

export async function runHubSpotProject(args: HubSpotProjectArgs, config: Config, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const webhookUrl = args.webhookUrl ?? config.env.WEBHOOK_PUBLIC_URL;
  if (!webhookUrl) throw new UsageError('hubspot-project: --webhook-url is required (the public https URL HubSpot will post webhooks to, ending in /webhooks/hubspot)');
  const problem = webhookUrlProblem(webhookUrl);
  if (problem) throw new UsageError(`hubspot-project: ${problem}`);

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
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
    out.write(`wrote ${target}\n`);
  }
  const notes: string[] = [];
  if (!new URL(webhookUrl).pathname.endsWith(WEBHOOK_PATH)) {
    notes.push(`note: the service answers webhooks at ${WEBHOOK_PATH}; this URL's path differs, so a proxy must forward it there (and set WEBHOOK_PUBLIC_URL=${webhookUrl}).`);
  }
  if (config.env.WEBHOOK_PUBLIC_URL && config.env.WEBHOOK_PUBLIC_URL !== webhookUrl) {
    notes.push(`note: WEBHOOK_PUBLIC_URL is ${config.env.WEBHOOK_PUBLIC_URL}, not this URL; signatures are checked against WEBHOOK_PUBLIC_URL, so make them the same.`);
  }
  notes.push(`next: cd ${dir} && hs project upload, then install the app in your account (see docs/hubspot-setup.md).`);
  out.write(`${notes.join('\n')}\n`);
  return EXIT.ok;
}
