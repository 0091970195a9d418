/** Real OS processes for tests: workers (two workers, SIGKILL, SIGTERM) and one-off CLI commands. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');

/**
 * The settings a worker needs to start, with APIs that answer nothing (a closed port): for tests of
 * what a worker does, or refuses, before it calls HubSpot or Sequence. Add REDIS_URL and QUEUE_PREFIX.
 */
export const UNREACHABLE_APIS_ENV = {
  HUBSPOT_ACCESS_TOKEN: 'token',
  HUBSPOT_BASE_URL: 'http://127.0.0.1:1',
  SEQUENCE_CLIENT_ID: 'id',
  SEQUENCE_CLIENT_SECRET: 'secret',
  SEQUENCE_BASE_URL: 'http://127.0.0.1:1',
  COUNTRY_INDEX_CACHE: 'off',
};

/** Runs one CLI command to its end in a process of its own, with only PATH and `env` set. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_PRETTY: 'false', ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like {@link runCli}, without blocking this process: for commands that call servers running in it
 * (the simulators), which a synchronous wait would keep from answering.
 */
export function runCliAsync(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_PRETTY: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `runCli` from another working directory (where a `.env` may lie); tsx is loaded by its absolute path. */
export function runCliIn(cwd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): { code: number | null; stdout: string; stderr: string } {
  const loader = pathToFileURL(require.resolve('tsx')).href;
  const result = spawnSync(process.execPath, ['--import', loader, join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_PRETTY: 'false', ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** JSON log lines written so far. */
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** `keep` decides which raw lines are parsed and kept (all by default); the benchmark keeps few. */
export function spawnWorker(
  env: Record<string, string>,
  args: string[] = ['worker', '--no-http', '--no-schedules'],
  keep: (raw: string) => boolean = () => true,
  nodeArgs: string[] = [],
  /** Run the compiled CLI (dist/, as production does) instead of the TypeScript sources through tsx. */
  compiled = false,
): WorkerProcess {
  const entry = compiled ? [join(ROOT, 'dist/src/cli/main.js')] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
  const child = spawn(process.execPath, [...nodeArgs, ...entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_PRETTY: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    // Split once per chunk: a busy worker writes thousands of lines a second (the benchmark reads them).
    const parts = (buffer + chunk.toString('utf8')).split('\n');
    buffer = parts.pop() ?? '';
    for (const raw of parts) {
      const line = raw.trim();
      if (line.startsWith('{') && keep(line)) {
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    lines,
    exited,
    async waitForLine(match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find(match);
        if (found) return found;
        if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode}) before the expected line; stderr: ${stderr.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export async function stopWorker(worker: WorkerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
  return worker.exited;
}
