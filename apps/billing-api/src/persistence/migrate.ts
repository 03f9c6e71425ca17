import { type DataSource, type Migration, MigrationExecutor } from "typeorm";

/**
 * Key of the session-level advisory lock every replica takes before migrating. Replicas started together on an
 * empty database would otherwise both try to create the same tables; with the lock the first migrates and the
 * others wait, then find nothing pending.
 */
export const MIGRATION_LOCK_KEY = 7_346_912_001;

/** Applies pending migrations (each in its own transaction) while holding the migration lock. */
export async function migrate(dataSource: DataSource): Promise<Migration[]> {
  // One dedicated connection holds the lock and runs the migrations: a second connection would starve a
  // pool of one (the embedded database), and a session lock must be released on the session that took it.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = "each";
      return await executor.executePendingMigrations();
    } finally {
      await runner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
