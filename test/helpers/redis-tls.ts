/**
 * A throwaway TLS Redis: a private certificate authority made with `openssl` for this run alone, a
 * server certificate it signs (for 127.0.0.1 and localhost), a client certificate, and a
 * `redis-server` serving TLS only, on a free local port, in a temporary folder removed by `stop()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, waitUntil } from './ports';
import { spawnTied } from './tied-process';

export interface ThrowawayCa {
  dir: string;
  /** PEM files. */
  caFile: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A second CA that signed nothing here: a wrong REDIS_TLS_CA_FILE. */
  otherCaFile: string;
}

function openssl(dir: string, ...args: string[]): void {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${result.stderr ?? result.error?.message}`);
}

/** A CA, a server certificate for 127.0.0.1/localhost and a client certificate, valid for a day. */
export function makeThrowawayCa(): ThrowawayCa {
  const dir = mkdtempSync(join(tmpdir(), 'css-tls-'));
  const ca = (name: string) => {
    openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '1', '-subj', `/CN=crm-sequence-sync test ${name}`);
  };
  const signed = (name: string, cn: string, extensions: string) => {
    openssl(dir, 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    spawnSync('sh', ['-c', `printf '%s\\n' '${extensions}' > ${name}.ext`], { cwd: dir });
    openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
  };
  ca('ca');
  ca('other-ca');
  signed('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost');
  signed('client', 'crm-sequence-sync test client', 'extendedKeyUsage=clientAuth');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'),
    clientKey: join(dir, 'client.key'),
    otherCaFile: join(dir, 'other-ca.crt'),
  };
}

export interface TlsRedis {
  port: number;
  /** rediss://127.0.0.1:PORT */
  url: string;
  ca: ThrowawayCa;
  stop(): Promise<void>;
}

/** `clientCertificates`: 'no' (the default) or 'yes' (the server refuses clients without a certificate from the CA). */
export async function startTlsRedis(options: { clientCertificates?: 'yes' | 'no'; ca?: ThrowawayCa } = {}): Promise<TlsRedis> {
  const ca = options.ca ?? makeThrowawayCa();
  const [port] = await freePorts(1);
  const child = spawnTied(
    'redis-server',
    [
      '--port', '0',
      '--tls-port', String(port),
      '--bind', '127.0.0.1',
      '--tls-cert-file', ca.serverCert,
      '--tls-key-file', ca.serverKey,
      '--tls-ca-cert-file', ca.caFile,
      '--tls-auth-clients', options.clientCertificates ?? 'no',
      '--save', '',
      '--appendonly', 'no',
      '--dir', ca.dir,
    ],
  );
  const stop = async () => {
    await child.stop();
    if (!options.ca) rmSync(ca.dir, { recursive: true, force: true });
  };
  try {
    const ping = () =>
      spawnSync('redis-cli', ['-p', String(port), '--tls', '--cacert', ca.caFile, '--cert', ca.clientCert, '--key', ca.clientKey, 'ping'], { encoding: 'utf8', timeout: 5_000 }).stdout?.trim() === 'PONG';
    await waitUntil(() => child.alive() && ping(), 10_000, 'TLS redis-server');
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: port!, url: `rediss://127.0.0.1:${port}`, ca, stop };
}
