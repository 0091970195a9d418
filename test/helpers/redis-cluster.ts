/**
 * A throwaway Redis Cluster from plain `redis-server` binaries: masters (and optional replicas) on free
 * local ports, in a temporary folder, joined with `redis-cli --cluster create`. With `tls`, every node
 * serves TLS only (clients, the cluster bus and replication), with certificates from a throwaway CA, as
 * managed clusters with in-transit encryption do. Nothing is kept on disk after `stop()`; the shared
 * Redis on 6379 is never touched.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, waitUntil } from './ports';
import type { ThrowawayCa } from './redis-tls';
import { spawnTied, type TiedProcess } from './tied-process';

export interface ClusterNode {
  port: number;
  /** Kills the node (SIGKILL), as a crashed master. */
  kill(): Promise<void>;
  alive(): boolean;
}

export interface LocalCluster {
  /** `127.0.0.1:P1,127.0.0.1:P2,…` of the masters: what REDIS_CLUSTER_NODES takes. */
  nodesSetting: string;
  /** A redis:// URL of the first master (rediss:// with `tls`). */
  url: string;
  nodes: ClusterNode[];
  /** The node serving `slot` as master now, as the cluster says. */
  masterOfSlot(slot: number): Promise<ClusterNode | undefined>;
  /** Waits until every slot is served by a master that answers (after a failover). */
  waitHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalClusterOptions {
  masters?: number;
  replicasPerMaster?: number;
  /** Milliseconds before a silent master is failed over by its replica. */
  nodeTimeoutMs?: number;
  /** Serve TLS only, with this CA's server certificate (clients need not present one). */
  tls?: ThrowawayCa;
  /** More redis-server arguments for the node at this index (masters first), e.g. an eviction policy. */
  nodeArgs?: (index: number) => string[];
}

const tlsCliArgs = (ca: ThrowawayCa | undefined) => (ca ? ['--tls', '--cacert', ca.caFile] : []);

export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 0;
  const count = masters * (1 + replicas);
  const dir = mkdtempSync(join(tmpdir(), 'css-cluster-'));
  const ports = await freePorts(count);
  const tls = options.tls;
  const cli = (port: number, ...args: string[]): string =>
    spawnSync('redis-cli', ['-p', String(port), ...tlsCliArgs(tls), ...args], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
  const listen = (port: number) =>
    tls
      ? ['--port', '0', '--tls-port', String(port), '--tls-cluster', 'yes', '--tls-replication', 'yes', '--tls-cert-file', tls.serverCert, '--tls-key-file', tls.serverKey, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no']
      : ['--port', String(port)];
  const children = new Map<number, TiedProcess>();
  const start = (port: number) => {
    const child = spawnTied(
      'redis-server',
      [
        ...listen(port),
        '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`,
        '--cluster-node-timeout', String(options.nodeTimeoutMs ?? 1_000),
        // Replicas sync at once, and fail over whatever the age of their copy.
        '--repl-diskless-sync-delay', '0',
        '--cluster-replica-validity-factor', '0',
        '--save', '',
        '--appendonly', 'no',
        '--dir', dir,
        '--logfile', `redis-${port}.log`,
        ...(options.nodeArgs?.(ports.indexOf(port)) ?? []),
      ],
    );
    children.set(port, child);
  };
  const alive = (port: number) => children.get(port)?.alive() ?? false;
  const kill = async (port: number) => {
    await children.get(port)?.stop();
  };
  const stop = async () => {
    await Promise.all(ports.map(kill));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) start(port);
    await waitUntil(() => ports.every((port) => cli(port, 'ping').trim() === 'PONG'), 10_000, 'cluster nodes to answer');
    const created = spawnSync(
      'redis-cli',
      [...tlsCliArgs(tls), '--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    const handle: LocalCluster = {
      nodesSetting: ports.slice(0, masters).map((p) => `127.0.0.1:${p}`).join(','),
      url: `${tls ? 'rediss' : 'redis'}://127.0.0.1:${ports[0]}`,
      nodes: ports.map((port) => ({ port, kill: () => kill(port), alive: () => alive(port) })),
      async masterOfSlot(slot) {
        const asker = ports.find(alive);
        if (asker === undefined) return undefined;
        for (const line of cli(asker, 'cluster', 'nodes').split('\n')) {
          const fields = line.trim().split(' ');
          if (!fields[2]?.includes('master') || fields[2].includes('fail')) continue;
          const port = Number(/:(\d+)@/.exec(fields[1] ?? '')?.[1]);
          const ranges = fields.slice(8).filter((r) => !r.startsWith('['));
          if (ranges.some((r) => { const [a, b] = r.split('-').map(Number); return slot >= a! && slot <= (b ?? a!); })) {
            return handle.nodes.find((n) => n.port === port);
          }
        }
        return undefined;
      },
      async waitHealthy(timeoutMs = 30_000) {
        // Every live node, not one: a node that has not yet seen the others answers CLUSTERDOWN, and a
        // client that asks it first (a check's one attempt) finds no cluster.
        await waitUntil(
          () => {
            const live = ports.filter(alive);
            return live.length > 0 && live.every((port) => /cluster_state:ok/.test(cli(port, 'cluster', 'info')));
          },
          timeoutMs,
          'cluster_state:ok on every node',
        );
      },
      stop,
    };
    await handle.waitHealthy();
    if (replicas > 0) {
      await waitUntil(
        () => ports.filter((port) => /^role:slave/m.test(cli(port, 'info', 'replication'))).every((port) => /master_link_status:up/.test(cli(port, 'info', 'replication'))),
        30_000,
        'replicas in sync',
      );
    }
    return handle;
  } catch (error) {
    await stop();
    throw error;
  }
}
