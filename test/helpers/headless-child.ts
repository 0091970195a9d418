/**
 * Child process of the request-deadline test (run with `node --import tsx`): a HubSpot call to a
 * server that accepts the connection and never sends an answer's head, with a deadline of <ms>.
 * Prints how the call ended and when the server saw its connection closed (or that it was still
 * open <wait> ms later). It runs in a process of its own because fetch's dispatcher is the process's
 * own, which a jest sandbox does not share.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { HubSpotApi } from '../../src/hubspot/client';

const deadlineMs = Number(process.argv[2] ?? 500);
const waitMs = Number(process.argv[3] ?? 8_000);
const report = (value: Record<string, unknown>) => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  process.exit(0);
};

let connectedAt = 0;
const server = net.createServer((socket) => {
  connectedAt = Date.now();
  socket.on('data', () => undefined);
  socket.on('close', () => report({ ended, closedAfterMs: Date.now() - connectedAt }));
});
let ended = 'pending';
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const api = HubSpotApi.fromConfig({ accessToken: 'headless-test-token', baseUrl: `http://127.0.0.1:${port}`, apiVersion: '2026-09', timeoutMs: deadlineMs });
  api.request({ method: 'GET', path: api.objectsPath('companies') }).then(
    () => (ended = 'answered'),
    (error: { timedOut?: boolean }) => (ended = error.timedOut ? 'timed out' : 'failed'),
  );
  setTimeout(() => report({ ended, closedAfterMs: null }), waitMs);
});
