/** cli-table3 tables, without colour codes when the output is not a terminal. */
import Table from 'cli-table3';

export function table(options: ConstructorParameters<typeof Table>[0] = {}, out: NodeJS.WritableStream = process.stdout): InstanceType<typeof Table> {
  const tty = Boolean((out as NodeJS.WriteStream).isTTY);
  return new Table({ ...options, style: tty ? { head: ['cyan'] } : { head: [], border: [] } });
}
