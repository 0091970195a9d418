/** @type {import('jest').Config} */
module.exports = {
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
  testTimeout: 60000,
  // Integration tests share one Redis and start servers; 2 workers keep them fast without starving a 2-core box.
  maxWorkers: 2,
  // Each test file's module registry (the country index among it) leaves a worker's heap at 500–800 MB;
  // a worker that large takes over jest's 500 ms to exit at the end, and jest then force-exits it.
  // Restarting a worker once its heap passes this keeps it small.
  workerIdleMemoryLimit: '400MB',
};
