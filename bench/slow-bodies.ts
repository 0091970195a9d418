/**
 * `npx tsx bench/slow-bodies.ts`: the slow-body probe of issue 13, from outside a real worker process
 * (the CLI `worker` command on its default HTTP timeouts and in-flight bound, against the simulators).
 *
 * Rounds, each on fresh sockets that announce 1 MiB (Content-Length) and then stall:
 *   unsigned   40 sockets, 64 KiB sent, no signature headers       → expect 401 at once
 *   signed     40 sockets, 64 KiB sent, well-formed v3 headers     → expect dropped by the timeouts
 *   nearly-all 200 sockets, 1 MiB − 1 KiB sent, well-formed headers → expect 503 above the bound, rest dropped
 * Prints, per round, how long until the server had closed every socket and the answers it gave, and
 * the worker's RSS before, at its peak and after. Exit 1 if a socket is still open after 60 s, or
 * RSS after the rounds is more than 50 MB above where it started.
 */
import { connect, createServer, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { startHubSpotSimulator } from '../src/simulators/hubspot';
import { startSequenceSimulator } from '../src/simulators/sequence';
import { sleep } from '../src/limits/rate-limiter';
import { deletePrefix, peakRssMbOf, round, spawnWorker, stopWorker, WORKER_NODE_ARGS } from './lib';

const MiB = 1024 * 1024;
const KiB = 1024;
const GIVE_UP_MS = 60_000;
const RSS_MARGIN_MB = 50;

function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no free port');
  return address.port;
}

interface Stalled {
  socket: Socket;
  answer: () => string;
  closedAt: Promise<number>;
}

function stalledPost(port: number, signed: boolean, sendBytes: number): Promise<Stalled> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    const closedAt = new Promise<number>((done) => socket.once('close', () => done(Date.now())));
    socket.once('connect', () => {
      const signature = signed ? [`X-HubSpot-Signature-v3: ${'A'.repeat(43)}=`, `X-HubSpot-Request-Timestamp: ${Date.now()}`] : [];
      socket.write(['POST /webhooks/hubspot HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', `Content-Length: ${MiB}`, ...signature, '', ''].join('\r\n'));
      socket.write(Buffer.alloc(sendBytes, 0x20));
      resolve({ socket, answer: () => Buffer.concat(chunks).toString('latin1'), closedAt });
    });
    socket.once('error', reject);
  });
}

async function round_(port: number, pid: number, label: string, count: number, signed: boolean, sendBytes: number) {
  const started = Date.now();
  const sockets = await Promise.all(Array.from({ length: count }, () => stalledPost(port, signed, sendBytes)));
  const timeout = sleep(GIVE_UP_MS).then(() => -1);
  const closed = await Promise.all(sockets.map((s) => Promise.race([s.closedAt, timeout])));
  const open = closed.filter((t) => t < 0).length;
  for (const s of sockets) s.socket.destroy();
  const answers: Record<string, number> = {};
  for (const s of sockets) {
    const status = /^HTTP\/1\.1 (\d{3})/.exec(s.answer())?.[1] ?? 'closed without answer';
    answers[status] = (answers[status] ?? 0) + 1;
  }
  const lastClose = Math.max(...closed.filter((t) => t >= 0), started);
  const result = { round: label, sockets: count, sentPerSocket: sendBytes, allDroppedWithinS: open ? null : round((lastClose - started) / 1000), stillOpen: open, answers, rssMb: round(rssMbOf(pid)) };
  console.log(JSON.stringify(result));
  return result;
}

async function main() {
  const hubspot = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0 });
  const sequence = await startSequenceSimulator({ rateLimitPerMinute: 0 });
  const prefix = `bench-slow-bodies-${process.pid}`;
  const port = await freePort();
  const env = {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    HUBSPOT_ACCESS_TOKEN: 'probe-token',
    HUBSPOT_BASE_URL: hubspot.url,
    HUBSPOT_CLIENT_SECRET: 'probe-secret',
    SEQUENCE_CLIENT_ID: 'probe-id',
    SEQUENCE_CLIENT_SECRET: 'probe-secret',
    SEQUENCE_BASE_URL: sequence.url,
    LOG_LEVEL: 'error',
    // Measured without the HubSpot write-back (on by default since issue 19), as before it.
    HUBSPOT_WRITE_BACK: 'false',
  };
  const worker = spawnWorker(env, ['worker', '--no-schedules'], () => false, WORKER_NODE_ARGS.split(' '));
  let failed = false;
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline || worker.child.exitCode !== null) throw new Error('the worker did not start');
      await sleep(200);
    }
    const pid = worker.child.pid ?? 0;
    await sleep(2_000);
    const before = rssMbOf(pid);
    console.log(JSON.stringify({ rssBeforeMb: round(before) }));

    const rounds = [
      await round_(port, pid, 'unsigned', 40, false, 64 * KiB),
      await round_(port, pid, 'signed', 40, true, 64 * KiB),
      await round_(port, pid, 'nearly-all', 200, true, MiB - KiB),
    ];
    await sleep(5_000);
    const after = rssMbOf(pid);
    const summary = { rssBeforeMb: round(before), rssPeakMb: round(peakRssMbOf(pid)), rssAfterMb: round(after), rssGrowthMb: round(after - before) };
    console.log(JSON.stringify(summary));
    failed = rounds.some((r) => r.stillOpen > 0) || after - before > RSS_MARGIN_MB;
  } finally {
    await stopWorker(worker);
    await Promise.all([hubspot.close(), sequence.close()]);
    const redis = new Redis(env.REDIS_URL);
    await deletePrefix(redis, prefix).catch(() => undefined);
    redis.disconnect();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
