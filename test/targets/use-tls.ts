/** jest setupFiles of the tls project: the suites of this project run against the tls Redis target. */
process.env.TEST_REDIS_TARGET = 'tls';
