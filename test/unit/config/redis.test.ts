/** The Redis settings: cluster nodes, hash tags, TLS files, and the connections built from them (no server needed). */
import { Cluster, Redis } from 'ioredis';
import { parseEnv } from '../../../config/env';
import { configFromEnv } from '../../../config';
import { clusterPrefixProblem, hashTagOf, parseClusterNodes } from '../../../config/redis';
import { createRedisClient } from '../../../src/redis/client';
import { escapeGlob } from '../../../src/redis/keys';
import { configProblems } from '../../helpers/config';


describe('Redis settings', () => {
  it('reads the hash tag as Redis Cluster does: the first {…} with something inside', () => {
    expect(hashTagOf('{crm-sync}')).toBe('crm-sync');
    expect(hashTagOf('acme-{prod}-sync')).toBe('prod');
    expect(hashTagOf('plain')).toBeUndefined();
    expect(hashTagOf('{}x{y}')).toBeUndefined();
    expect(clusterPrefixProblem('{crm-sync}')).toBeUndefined();
    expect(clusterPrefixProblem('crm-sequence-sync')).toMatch(/set QUEUE_PREFIX=\{crm-sequence-sync\}/);
  });

  it('accepts a hash-tagged QUEUE_PREFIX, refuses braces without a tag', () => {
    expect(parseEnv({ QUEUE_PREFIX: '{crm-sequence-sync}' }).QUEUE_PREFIX).toBe('{crm-sequence-sync}');
    expect(configProblems({ QUEUE_PREFIX: 'a{}b' })).toEqual([expect.stringMatching(/^QUEUE_PREFIX: has braces but no \{hash tag\}/)]);
  });

  it('parses REDIS_CLUSTER_NODES, naming what is not host:port, and needs a hash tag with it', () => {
    expect(parseClusterNodes('10.0.0.1:7000, redis-2.internal:7001,[::1]:7002')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-2.internal', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      bad: [],
    });
    expect(configProblems({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,nope', QUEUE_PREFIX: '{x}' })).toEqual([expect.stringMatching(/^REDIS_CLUSTER_NODES: must be host:port pairs .*"nope"/)]);
    expect(configProblems({ REDIS_CLUSTER_NODES: '10.0.0.1:7000' })).toEqual([expect.stringMatching(/^QUEUE_PREFIX: "crm-sequence-sync" has no hash tag/)]);
    expect(configProblems({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', QUEUE_PREFIX: '{x}', REDIS_URL: 'redis://h:6379/2' })).toEqual([expect.stringMatching(/^REDIS_URL: names database 2, but Redis Cluster has only database 0/)]);
  });

  it('a cluster connection carries the URL\'s user, password and TLS in redisOptions, the DNS pass-through with TLS, and patience for failovers when it is a worker\'s', async () => {
    const settings = configFromEnv(parseEnv({ REDIS_URL: 'rediss://app:p%40ss@cfg.example.cache.amazonaws.com:6379', REDIS_CLUSTER_NODES: 'cfg.example.cache.amazonaws.com:6379', QUEUE_PREFIX: '{crm}' })).redis;
    expect(settings.dnsPassthrough).toBe(true);
    const worker = createRedisClient(settings, 'worker', { lazyConnect: true }) as Cluster;
    const producer = createRedisClient(settings, 'producer', { lazyConnect: true }) as Cluster;
    try {
      expect(worker).toBeInstanceOf(Cluster);
      expect(worker.options.redisOptions).toMatchObject({ username: 'app', password: 'p@ss', tls: {}, maxRetriesPerRequest: null });
      expect(worker.options).toMatchObject({ maxRedirections: 64, retryDelayOnFailover: 250, enableOfflineQueue: true });
      const address = await new Promise((resolve) => worker.options.dnsLookup!('node-1.example.cache.amazonaws.com', (_err, found) => resolve(found)));
      expect(address).toBe('node-1.example.cache.amazonaws.com');
      expect(producer.options).toMatchObject({ maxRedirections: 16, enableOfflineQueue: false });
      expect(producer.options.redisOptions).toMatchObject({ maxRetriesPerRequest: 2 });
    } finally {
      worker.disconnect();
      producer.disconnect();
    }
  });

  it('one server over TLS gets the private CA; a plain URL no TLS; REDIS_CLUSTER_DNS_LOOKUP=system resolves names', () => {
    const tls = createRedisClient({ url: 'rediss://h:6380', tls: { ca: 'PEM' } }, 'producer', { lazyConnect: true }) as Redis;
    const plain = createRedisClient('redis://h:6379', 'producer', { lazyConnect: true }) as Redis;
    try {
      expect(tls).toBeInstanceOf(Redis);
      expect(tls.options.tls).toEqual({ ca: 'PEM' });
      expect(plain.options.tls).toBeUndefined();
    } finally {
      tls.disconnect();
      plain.disconnect();
    }
    const system = configFromEnv(parseEnv({ REDIS_URL: 'rediss://h:6379', REDIS_CLUSTER_NODES: 'h:6379', QUEUE_PREFIX: '{x}', REDIS_CLUSTER_DNS_LOOKUP: 'system' })).redis;
    expect(system.dnsPassthrough).toBe(false);
  });

  it('a prefix is matched literally by SCAN', () => {
    expect(escapeGlob('{crm}*?[x]\\')).toBe('{crm}\\*\\?\\[x\\]\\\\');
  });
});
