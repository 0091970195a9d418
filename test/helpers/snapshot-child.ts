/**
 * Child process of the country snapshot tests (run with `node --require tsx/cjs`):
 *   write <file> <writer> <times>   writes a large JSON text <times> times with writeFileAtomic
 *   prepare <dir>                   prepares the index as start-up does; prints source and file
 */
import { prepareCountryIndex, writeFileAtomic } from '../../src/mappers/country-snapshot';

const [command, first, second, third] = process.argv.slice(2);
if (command === 'write' && first && second && third) {
  const pad = second.repeat(400_000);
  for (let i = 0; i < Number(third); i++) writeFileAtomic(first, JSON.stringify({ writer: second, i, pad }));
} else if (command === 'prepare' && first) {
  const prepared = prepareCountryIndex(first);
  process.stdout.write(JSON.stringify({ source: prepared.source, file: prepared.file, problems: prepared.problems }));
} else {
  throw new Error(`snapshot-child: unknown command ${command ?? '(none)'}`);
}
