/**
 * jest globalSetup of the cluster and tls projects (jest.config.js): starts the local Redis Cluster or
 * the TLS Redis once for the whole run and puts its address in the environment the test processes
 * inherit. An address already in the environment (CSS_TEST_CLUSTER_NODES, CSS_TEST_TLS_URL) is used
 * as it is, so a run can point at servers started by hand.
 */
import { startLocalCluster } from './redis-cluster';
import { startTlsRedis } from './redis-tls';

type Stop = () => Promise<void>;
const STOPS = Symbol.for('crm-sequence-sync.test-targets');
type Holder = typeof globalThis & { [STOPS]?: Stop[] };

function remember(stop: Stop): void {
  const holder = globalThis as Holder;
  holder[STOPS] ??= [];
  holder[STOPS].push(stop);
}

export async function startTarget(target: 'cluster' | 'tls'): Promise<void> {
  if (target === 'cluster' && !process.env.CSS_TEST_CLUSTER_NODES) {
    const cluster = await startLocalCluster();
    remember(cluster.stop);
    process.env.CSS_TEST_CLUSTER_NODES = cluster.nodesSetting;
    process.env.CSS_TEST_CLUSTER_URL = cluster.url;
  }
  if (target === 'tls' && !process.env.CSS_TEST_TLS_URL) {
    const tls = await startTlsRedis();
    remember(tls.stop);
    process.env.CSS_TEST_TLS_URL = tls.url;
    process.env.CSS_TEST_TLS_CA_FILE = tls.ca.caFile;
  }
}

/** jest globalTeardown: stops what startTarget started. */
export async function stopTargets(): Promise<void> {
  const holder = globalThis as Holder;
  const stops = holder[STOPS] ?? [];
  holder[STOPS] = [];
  await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
}
