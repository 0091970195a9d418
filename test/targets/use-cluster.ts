/** jest setupFiles of the cluster project: the suites of this project run against the cluster Redis target. */
process.env.TEST_REDIS_TARGET = 'cluster';
