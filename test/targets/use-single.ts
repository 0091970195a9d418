/** jest setupFiles of the single project: the suites of this project run against the single Redis target. */
process.env.TEST_REDIS_TARGET = 'single';
