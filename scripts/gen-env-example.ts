/** Prints .env.example from the settings documentation: `npx tsx scripts/gen-env-example.ts > .env.example`. */
import { SETTINGS } from '../config/settings-doc';

const groups = new Map<string, string[]>();
for (const [name, doc] of Object.entries(SETTINGS)) {
  const lines = groups.get(doc.group) ?? [];
  const value = doc.default.startsWith('(') ? '' : doc.default;
  lines.push(`# ${doc.meaning} (default: ${doc.default})`, `${value ? '# ' : ''}${name}=${value}`);
  groups.set(doc.group, lines);
}
let out = '# Settings of crm-sequence-sync. Copy to .env and fill in the credentials.\n# Commented lines show the defaults.\n';
for (const [group, lines] of groups) out += `\n## ${group}\n${lines.join('\n')}\n`;
process.stdout.write(out);
