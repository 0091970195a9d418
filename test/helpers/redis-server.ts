/**
 * A throwaway redis-server on a free port, with no persistence, for tests that stop, pause or empty
 * Redis. The shared Redis on 6379 is never touched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { waitFor } from './stack';

export interface PrivateRedis {
  port: number;
  url: string;
  /** SIGSTOP: the server keeps its sockets open and answers nothing (a hung Redis). */
  pause(): void;
  resume(): void;
  /** Stops the server (SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** `args`: more redis-server options, e.g. ['--maxmemory-policy', 'volatile-lru']. */
export async function startPrivateRedis(args: readonly string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const handle: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    pause: () => {
      child?.kill('SIGSTOP');
    },
    resume: () => {
      child?.kill('SIGCONT');
    },
    async stop() {
      if (!running()) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child!.kill('SIGCONT');
      child!.kill('SIGKILL');
      await exited;
    },
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args], { stdio: 'ignore' });
      await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG', 10_000, 'private redis');
    },
  };
  await handle.start();
  return handle;
}
