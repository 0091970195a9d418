/**
 * `check`'s Redis items: does it answer (one server or a cluster), is TLS on and did the server's
 * certificate verify, is `maxmemory-policy` noeviction on every master, and does a cluster get a
 * hash-tagged key prefix. The last two are what a worker refuses to start without.
 */
import type { TLSSocket } from 'node:tls';
import type { Config } from '../../config';
import type { RedisSettings } from '../../config/redis';
import { createRedisClient, isCluster, mastersOf, oneAttempt, type RedisClient } from '../redis/client';
import { assessRedis, EVICTION_FIX, RedisSetupError } from '../redis/requirements';
import { resolveRedisSettings } from '../redis/topology';
import { maskUrlCredentials } from '../shared/redact';
import { withTimeout } from '../shared/timeout';
import type { CheckLine } from './checks';

/** Node's codes for a certificate that did not verify (https://nodejs.org/api/tls.html, X509 certificate error codes). */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_CRL', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'CERT_SIGNATURE_FAILURE', 'CRL_SIGNATURE_FAILURE', 'CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID', 'CRL_HAS_EXPIRED', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD', 'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD', 'OUT_OF_MEM', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_CHAIN_TOO_LONG', 'CERT_REVOKED', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE',
  'CERT_UNTRUSTED', 'CERT_REJECTED', 'HOSTNAME_MISMATCH', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const codeOf = (error: unknown) => (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/i;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function tlsLine(settings: RedisSettings, connected: RedisClient | undefined, failure: unknown): CheckLine {
  const item = 'Redis TLS';
  const caSource = settings.tls?.ca ? 'the CA in REDIS_TLS_CA_FILE' : 'the system CAs';
  if (!settings.tls) {
    return LOOPBACK.test(hostOf(settings.url))
      ? { item, status: 'ok', detail: 'off (redis:// on this machine)' }
      : {
          item,
          status: 'warn',
          detail: 'off (REDIS_URL is redis://): the password and the data cross the network unencrypted',
          fix: 'use rediss:// if your Redis offers TLS (every managed service does); REDIS_TLS_CA_FILE for a private CA',
        };
  }
  const code = codeOf(failure);
  if (code && CERTIFICATE_CODES.has(code)) {
    return {
      item,
      status: 'fail',
      detail: `on, but the server's certificate did not verify against ${caSource} (${code}: ${messageOf(failure)})`,
      fix: settings.tls.ca
        ? 'check that REDIS_TLS_CA_FILE holds the CA that signed the server certificate, and that REDIS_URL names a host the certificate is for'
        : "set REDIS_TLS_CA_FILE to the PEM file of the CA that signed the server's certificate",
    };
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return { item, status: 'fail', detail: `on, but the server does not speak TLS on that port (${code})`, fix: 'use redis:// for this server, or the port where it serves TLS' };
  }
  if (code === 'ETIMEDOUT') {
    return {
      item,
      status: 'fail',
      detail: 'on, but no TLS handshake completed in time (ETIMEDOUT): the server may not speak TLS on that port',
      fix: 'use redis:// for a server without TLS; otherwise check the host, the port and the network',
    };
  }
  if (!connected) return { item, status: 'skip', detail: 'on; not checked: Redis did not answer' };
  const socket = mastersOf(connected)[0]?.stream as TLSSocket | undefined;
  const peer = socket?.getPeerCertificate?.();
  const subject = peer?.subject?.CN ? ` (certificate for ${peer.subject.CN}, valid until ${peer.valid_to})` : '';
  const client = settings.tls.cert ? '; client certificate from REDIS_TLS_CERT_FILE sent' : '';
  return { item, status: 'ok', detail: `on, certificate verified against ${caSource}${subject}${client}` };
}

/** The error a single connection to the first seed node gets (undefined when it answers). */
async function seedNodeFailure(settings: RedisSettings): Promise<unknown> {
  const [seed] = settings.clusterNodes ?? [];
  if (!seed) return undefined;
  const url = new URL(settings.url);
  url.hostname = seed.host;
  url.port = String(seed.port);
  const node = createRedisClient({ ...settings, url: url.toString(), clusterNodes: undefined }, 'producer', oneAttempt());
  let failure: unknown;
  node.on('error', (error: unknown) => {
    failure ??= error;
  });
  try {
    await withTimeout(node.connect(), 6_000, 'Redis');
    return undefined;
  } catch (error) {
    return failure ?? error;
  } finally {
    node.disconnect();
  }
}

export async function checkRedisLines(config: Config): Promise<CheckLine[]> {
  const where = maskUrlCredentials(config.redis.url);
  let settings: RedisSettings;
  try {
    settings = await resolveRedisSettings(config.redis, 3_000);
  } catch (error) {
    if (!(error instanceof RedisSetupError)) throw error;
    return [{ item: 'Redis', status: 'fail', detail: `answers at ${where} as a Redis Cluster node, which this configuration cannot use: ${error.problems.join('; ')}`, fix: 'set QUEUE_PREFIX as the message says' }];
  }
  // One attempt, no retries: the answer is wanted now, not once Redis comes back.
  const redis = createRedisClient(settings, 'producer', oneAttempt());
  let failure: unknown;
  redis.on('error', (error: unknown) => {
    failure ??= error;
  });
  try {
    try {
      await withTimeout(redis.connect(), 6_000, 'Redis');
      await withTimeout(redis.ping(), 5_000, 'Redis');
    } catch (error) {
      failure ??= error;
      // A cluster client reports only that every node failed: one seed node asked alone says why (a certificate, say).
      if (settings.clusterNodes?.length && !codeOf(failure)) failure = (await seedNodeFailure(settings)) ?? failure;
      const tls = tlsLine(settings, undefined, failure);
      const answered = tls.status === 'fail' && codeOf(failure) !== 'ETIMEDOUT';
      return [
        answered
          ? { item: 'Redis', status: 'fail', detail: `answers at ${where}, but the TLS connection failed (see the next line)`, fix: tls.fix }
          : { item: 'Redis', status: 'fail', detail: `no answer at ${where}`, fix: 'start Redis, or set REDIS_URL to where it runs (percent-encode special characters in the password)' },
        tls,
        { item: 'Redis eviction policy', status: 'skip', detail: 'not checked: Redis did not answer' },
      ];
    }
    const fitness = await assessRedis(redis, config.redis.prefix);
    const shape = isCluster(redis) ? `a Redis Cluster of ${mastersOf(redis).length} masters${config.redis.clusterNodes ? '' : ' (found: the server says cluster_enabled:1)'}` : 'one server';
    const lines: CheckLine[] = [{ item: 'Redis', status: 'ok', detail: `answers at ${where}: ${shape} (key prefix ${config.redis.prefix})` }, tlsLine(settings, redis, undefined)];
    const evicting = fitness.policies.filter((p) => p.policy && p.policy !== 'noeviction');
    const unreadable = fitness.policies.filter((p) => p.source === 'unreadable');
    if (evicting.length) {
      lines.push({ item: 'Redis eviction policy', status: 'fail', detail: `maxmemory-policy is ${evicting.map((p) => `${p.policy} on ${p.node}`).join(', ')}: keys with a TTL (job and company locks) may be evicted; workers refuse to start`, fix: EVICTION_FIX });
    } else if (unreadable.length) {
      lines.push({ item: 'Redis eviction policy', status: 'warn', detail: `could not be read on ${unreadable.map((p) => p.node).join(', ')} (CONFIG GET and INFO were refused)`, fix: 'make sure maxmemory-policy is noeviction in the service\'s settings' });
    } else {
      lines.push({ item: 'Redis eviction policy', status: 'ok', detail: `noeviction (read with ${[...new Set(fitness.policies.map((p) => p.source))].join(' and ')})` });
    }
    if (fitness.cluster) {
      const prefixProblem = fitness.problems.find((p) => p.startsWith('QUEUE_PREFIX'));
      lines.push(prefixProblem ? { item: 'Redis Cluster key prefix', status: 'fail', detail: prefixProblem } : { item: 'Redis Cluster key prefix', status: 'ok', detail: `${config.redis.prefix} keeps every key in one slot` });
    }
    return lines;
  } finally {
    redis.disconnect();
  }
}
