/**
 * The Redis part of the settings: where it is (one server or a cluster), TLS, and the key prefix's
 * hash tag. Checked once at start-up so that a wrong file or a prefix a cluster cannot serve stops
 * with exit 2 naming the variable, before anything connects.
 */
import { readFileSync } from 'node:fs';
import type { Env } from './env';

export interface RedisNode {
  host: string;
  port: number;
}

export interface RedisTlsFiles {
  /** PEM contents, read from the files named by REDIS_TLS_CA_FILE / REDIS_TLS_CERT_FILE / REDIS_TLS_KEY_FILE. */
  ca?: string;
  cert?: string;
  key?: string;
}

export interface RedisSettings {
  url: string;
  prefix: string;
  /** Set when REDIS_URL is rediss://; holds the private CA and the client certificate when given. */
  tls?: RedisTlsFiles;
  /** Redis Cluster seed nodes: from REDIS_CLUSTER_NODES, or found by asking the server (cluster_enabled:1). */
  clusterNodes?: RedisNode[];
  /** Hand node host names to the TLS connection as they are, unresolved (what ElastiCache with TLS needs). */
  dnsPassthrough: boolean;
  /** Known once REDIS_CLUSTER_NODES is set or the server was asked (src/redis/topology.ts). */
  topology?: 'single' | 'cluster';
}

/** The first `{…}` with at least one character inside: the part of every key Redis Cluster hashes. */
export function hashTagOf(prefix: string): string | undefined {
  const open = prefix.indexOf('{');
  if (open < 0) return undefined;
  const close = prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : undefined;
}

/** The problem with a prefix on Redis Cluster, if any, with the fix. */
export function clusterPrefixProblem(prefix: string): string | undefined {
  if (hashTagOf(prefix) !== undefined) return undefined;
  const suggestion = `{${prefix.replace(/[{}]/g, '') || 'crm-sequence-sync'}}`;
  return (
    `QUEUE_PREFIX: "${prefix}" has no hash tag, and Redis Cluster needs one so that every key of a queue (and of each of our scripts) ` +
    `lands in one slot; set QUEUE_PREFIX=${suggestion} (a new prefix starts with empty queues and links: see docs/operations.md, Redis in production)`
  );
}

export function parseClusterNodes(value: string): { nodes: RedisNode[]; bad: string[] } {
  const nodes: RedisNode[] = [];
  const bad: string[] = [];
  for (const raw of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) bad.push(raw);
    else nodes.push({ host: match[1]!.replace(/^\[|\]$/g, ''), port });
  }
  return { nodes, bad };
}

const TLS_FILES = [
  ['REDIS_TLS_CA_FILE', 'ca', /-----BEGIN CERTIFICATE-----/, 'a PEM certificate'],
  ['REDIS_TLS_CERT_FILE', 'cert', /-----BEGIN CERTIFICATE-----/, 'a PEM certificate'],
  ['REDIS_TLS_KEY_FILE', 'key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
] as const;

function readPem(path: string): { text?: string; error?: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: `cannot be read (${code ?? 'error'}: ${path})` };
  }
}

/** Problems with the Redis settings, each naming its variable; and the settings when there are none. */
export function redisSettingsFromEnv(env: Env): { settings?: RedisSettings; problems: string[] } {
  const problems: string[] = [];
  const secure = /^rediss:/i.test(env.REDIS_URL);
  const files: RedisTlsFiles = {};
  for (const [name, field, shape, what] of TLS_FILES) {
    const path = env[name];
    if (!path) continue;
    if (!secure) {
      problems.push(`${name}: set, but REDIS_URL is not rediss://: use rediss:// to connect with TLS`);
      continue;
    }
    const read = readPem(path);
    if (read.error) problems.push(`${name}: ${read.error}`);
    else if (!shape.test(read.text ?? '')) problems.push(`${name}: is not ${what} (${path})`);
    else files[field] = read.text;
  }
  if (Boolean(env.REDIS_TLS_CERT_FILE) !== Boolean(env.REDIS_TLS_KEY_FILE)) {
    problems.push(`${env.REDIS_TLS_CERT_FILE ? 'REDIS_TLS_KEY_FILE' : 'REDIS_TLS_CERT_FILE'}: a client certificate needs both REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE`);
  }
  let clusterNodes: RedisNode[] | undefined;
  if (env.REDIS_CLUSTER_NODES) {
    const { nodes, bad } = parseClusterNodes(env.REDIS_CLUSTER_NODES);
    if (bad.length || !nodes.length) problems.push(`REDIS_CLUSTER_NODES: must be host:port pairs separated by commas (got ${JSON.stringify(bad.join(',') || env.REDIS_CLUSTER_NODES)})`);
    else clusterNodes = nodes;
    const prefixProblem = clusterPrefixProblem(env.QUEUE_PREFIX);
    if (prefixProblem) problems.push(prefixProblem);
    const db = databaseOf(env.REDIS_URL);
    if (db) problems.push(`REDIS_URL: names database ${db}, but Redis Cluster has only database 0; remove "/${db}"`);
  }
  if (problems.length) return { problems };
  return {
    problems,
    settings: {
      url: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      ...(secure ? { tls: files } : {}),
      ...(clusterNodes ? { clusterNodes, topology: 'cluster' as const } : {}),
      dnsPassthrough: env.REDIS_CLUSTER_DNS_LOOKUP === 'passthrough' || (env.REDIS_CLUSTER_DNS_LOOKUP === 'auto' && secure),
    },
  };
}

/** The database number in a redis:// URL's path, when other than 0. */
export function databaseOf(url: string): string | undefined {
  try {
    const db = new URL(url).pathname.replace(/^\//, '');
    return db && db !== '0' ? db : undefined;
  } catch {
    return undefined;
  }
}
