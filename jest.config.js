/**
 * Three projects, one per Redis the service must run on (test/helpers/targets.ts): every suite on the
 * single Redis; the suites that exercise the service's own Redis work end to end (sync, reconciliation,
 * webhooks, upsert guarantees, the billing scope's paths, the account guard, the write-back and
 * parents) also on a local 3-master Redis Cluster and on a TLS Redis with a throwaway CA, each started
 * once per run. `npx jest --selectProjects single` runs one of them.
 */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(ts|js|mjs)$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Node runs these ESM-only dependencies (of fastify's cookie/static plugins used by bull-board, and
  // any-ascii, the country index's romanisation) with require(esm); jest cannot, so they are compiled
  // to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|any-ascii)/)'],
};

/**
 * The suites run against every Redis target: the service's own Redis work end to end, under every
 * billing scope, the account guard with forget-account, and the HubSpot write-back and parent
 * customers (alone and with the billing scope).
 */
const EVERY_TARGET = [
  'sync-path',
  'reconcile',
  'webhooks',
  'generic-webhooks',
  'upsert-guarantees',
  'billing-scope-sync',
  'billing-scope-webhooks',
  'billing-scope-runs',
  'account-guard',
  'write-back',
  'parents',
  'scope-with-write-back',
].map((name) => `<rootDir>/test/integration/${name}.test.ts`);

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // Integration tests share one Redis and start servers; 2 workers keep them fast without starving a 2-core box.
  maxWorkers: 2,
  // Each test file's module registry (the country index among it) leaves a worker's heap at 500–800 MB;
  // a worker that large takes over jest's 500 ms to exit at the end, and jest then force-exits it.
  // Restarting a worker once its heap passes this keeps it small.
  workerIdleMemoryLimit: '400MB',
  projects: [
    { ...base, displayName: 'single', setupFiles: ['<rootDir>/test/targets/use-single.ts'] },
    {
      ...base,
      displayName: 'cluster',
      testMatch: EVERY_TARGET,
      setupFiles: ['<rootDir>/test/targets/use-cluster.ts'],
      globalSetup: '<rootDir>/test/targets/cluster-setup.ts',
      globalTeardown: '<rootDir>/test/targets/teardown.ts',
    },
    {
      ...base,
      displayName: 'tls',
      testMatch: EVERY_TARGET,
      setupFiles: ['<rootDir>/test/targets/use-tls.ts'],
      globalSetup: '<rootDir>/test/targets/tls-setup.ts',
      globalTeardown: '<rootDir>/test/targets/teardown.ts',
    },
  ],
};
