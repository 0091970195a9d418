/** Prints the configuration table of docs/configuration.md from the settings documentation. */
import { SETTINGS } from '../config/settings-doc';

const rows = Object.entries(SETTINGS).map(([name, doc]) => `| \`${name}\` | ${doc.group} | \`${doc.default.replace(/\|/g, '\\|')}\` | ${doc.meaning.replace(/\|/g, '\\|')} |`);
process.stdout.write(['| Variable | Group | Default | Meaning |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n');
