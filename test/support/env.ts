/**
 * What the test orchestrator (`scripts/test.ts`) tells each test process through the environment.
 * Tests read these here and nowhere else.
 */
export type TestDbKind = 'pglite' | 'postgres';

export const testEnv = {
  dbKind: (process.env.LATCH_TEST_DB ?? 'pglite') as TestDbKind,
  /** PGlite: path of a dump of a migrated and seeded database. */
  pgliteTemplate: process.env.LATCH_TEST_PGLITE_TEMPLATE,
  /** PGlite: path of a dump of an empty database (initdb done, nothing migrated). */
  pgliteEmpty: process.env.LATCH_TEST_PGLITE_EMPTY,
  /** PostgreSQL: a URL of the server's maintenance database, used to create and drop databases. */
  pgAdminUrl: process.env.LATCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** PostgreSQL: name of the migrated and seeded template database. */
  pgTemplate: process.env.LATCH_TEST_PG_TEMPLATE,
  /** Prefix of every database this run creates, so the orchestrator can drop them all. */
  runId: process.env.LATCH_TEST_RUN_ID ?? `solo${process.pid}`,
};
