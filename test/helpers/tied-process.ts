/**
 * A server process tied to this one: it runs under a small shell that SIGKILLs it as soon as our end
 * of its stdin closes, so a test run that is killed (jest timing out, Ctrl-C) leaves no redis-server
 * behind on the shared machine. `stop()` kills it the same way, as a crash would.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface TiedProcess {
  alive(): boolean;
  /** SIGKILLs the server and waits for it to be gone. */
  stop(): Promise<void>;
}

export function spawnTied(command: string, args: readonly string[]): TiedProcess {
  const script = `"$0" "$@" >/dev/null 2>&1 & pid=$!; trap 'kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT; read _ || true`;
  const child: ChildProcess = spawn('sh', ['-c', script, command, ...args], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    alive,
    async stop() {
      if (alive()) child.stdin?.end();
      await exited;
    },
  };
}
