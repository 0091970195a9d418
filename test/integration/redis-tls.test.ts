/**
 * Redis over TLS with a private CA, from a throwaway CA made for this run (test/helpers/redis-tls.ts):
 * `check` says whether TLS is on and whether the server's certificate verified, a client certificate
 * is sent when the server asks for one, and a wrong TLS setting is a configuration error naming the
 * variable. (The sync, reconciliation, webhook and upsert suites run over TLS as the `tls` jest project.)
 */
import { configFromEnv, parseEnv } from '../../config';
import { checkRedis } from '../../src/check/checks';
import { runCli } from '../helpers/processes';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';
import { makeThrowawayCa, startTlsRedis, type ThrowawayCa, type TlsRedis } from '../helpers/redis-tls';
import { rmSync } from 'node:fs';

const linesFor = (env: Record<string, string>) => checkRedis(configFromEnv(parseEnv({ QUEUE_PREFIX: 'css-tls-check', ...env })));
const line = async (env: Record<string, string>, item: string) => (await linesFor(env)).find((l) => l.item === item);

describe('Redis over TLS with a private CA', () => {
  let ca: ThrowawayCa;
  let server: TlsRedis;
  let mutual: TlsRedis;
  let plain: PrivateRedis;

  beforeAll(async () => {
    ca = makeThrowawayCa();
    [server, mutual, plain] = await Promise.all([startTlsRedis({ ca }), startTlsRedis({ ca, clientCertificates: 'yes' }), startPrivateRedis()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), mutual?.stop(), plain?.stop()]);
    if (ca) rmSync(ca.dir, { recursive: true, force: true });
  });

  it('check: TLS on, the certificate verified against REDIS_TLS_CA_FILE', async () => {
    const lines = await linesFor({ REDIS_URL: server.url, REDIS_TLS_CA_FILE: ca.caFile });
    expect(lines.map((l) => [l.item, l.status])).toEqual([
      ['Redis', 'ok'],
      ['Redis TLS', 'ok'],
      ['Redis eviction policy', 'ok'],
    ]);
    expect(lines[1]?.detail).toMatch(/^on, certificate verified against the CA in REDIS_TLS_CA_FILE \(certificate for 127\.0\.0\.1, valid until .+\)$/);
  });

  it('check: a certificate signed by another CA, or checked against the system CAs, did not verify; it says what to set', async () => {
    const wrong = await line({ REDIS_URL: server.url, REDIS_TLS_CA_FILE: ca.otherCaFile }, 'Redis TLS');
    expect(wrong).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^on, but the server's certificate did not verify against the CA in REDIS_TLS_CA_FILE \([A-Z_]+: /), fix: expect.stringContaining('REDIS_TLS_CA_FILE holds the CA') });
    const system = await linesFor({ REDIS_URL: server.url });
    expect(system.find((l) => l.item === 'Redis TLS')).toMatchObject({ status: 'fail', detail: expect.stringContaining('did not verify against the system CAs'), fix: expect.stringContaining('set REDIS_TLS_CA_FILE') });
    expect(system.find((l) => l.item === 'Redis')).toMatchObject({ status: 'fail', detail: expect.stringContaining('but the TLS connection failed') });
  });

  it('sends the client certificate to a server that asks for one', async () => {
    const without = await line({ REDIS_URL: mutual.url, REDIS_TLS_CA_FILE: ca.caFile }, 'Redis');
    expect(without?.status).toBe('fail');
    const lines = await linesFor({ REDIS_URL: mutual.url, REDIS_TLS_CA_FILE: ca.caFile, REDIS_TLS_CERT_FILE: ca.clientCert, REDIS_TLS_KEY_FILE: ca.clientKey });
    expect(lines.find((l) => l.item === 'Redis')?.status).toBe('ok');
    expect(lines.find((l) => l.item === 'Redis TLS')?.detail).toContain('client certificate from REDIS_TLS_CERT_FILE sent');
  });

  it('check: rediss:// to a server without TLS says so', async () => {
    const tls = await line({ REDIS_URL: `rediss://127.0.0.1:${plain.port}` }, 'Redis TLS');
    expect(tls).toMatchObject({ status: 'fail', detail: expect.stringContaining('may not speak TLS on that port'), fix: expect.stringContaining('redis://') });
  });

  it('check: plain redis:// says TLS is off', async () => {
    expect(await line({ REDIS_URL: plain.url }, 'Redis TLS')).toMatchObject({ status: 'ok', detail: 'off (redis:// on this machine)' });
  });

  it('a TLS setting that cannot work is a configuration error (exit 2) naming the variable', () => {
    const missing = runCli(['status'], { REDIS_URL: server.url, REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('REDIS_TLS_CA_FILE: cannot be read (ENOENT: /nonexistent/ca.pem)');
    const notPem = runCli(['status'], { REDIS_URL: server.url, REDIS_TLS_CA_FILE: ca.clientKey });
    expect(notPem.stderr).toContain('REDIS_TLS_CA_FILE: is not a PEM certificate');
    const plainUrl = runCli(['status'], { REDIS_URL: plain.url, REDIS_TLS_CA_FILE: ca.caFile });
    expect(plainUrl.code).toBe(2);
    expect(plainUrl.stderr).toContain('REDIS_TLS_CA_FILE: set, but REDIS_URL is not rediss://');
    const half = runCli(['status'], { REDIS_URL: server.url, REDIS_TLS_CERT_FILE: ca.clientCert });
    expect(half.stderr).toContain('REDIS_TLS_KEY_FILE: a client certificate needs both REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE');
  });

  it('status works over TLS with the private CA', () => {
    const status = runCli(['status', '--json'], { REDIS_URL: server.url, REDIS_TLS_CA_FILE: ca.caFile, QUEUE_PREFIX: 'css-tls-status' });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ prefix: 'css-tls-status' });
  });
});
