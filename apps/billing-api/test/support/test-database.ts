import { inject } from "vitest";
import { type Database, EMBEDDED_POOL_SIZE, openDatabase } from "../../src/persistence/database.js";

/** Connects to the run's database (see global-setup.ts). */
export async function connectTestDatabase(): Promise<Database> {
  // The run's embedded PGlite is reached by URL too, so it gets the embedded pool size here.
  const poolSize = process.env.DATABASE_URL ? 4 : EMBEDDED_POOL_SIZE;
  return openDatabase({ databaseUrl: inject("databaseUrl"), embeddedDataDir: undefined, poolSize });
}

/**
 * Empties every table the entities map, between tests. TRUNCATE does not fire the event log's row
 * triggers, so the append-only guard stays in force for the code under test.
 */
export async function resetTables(database: Database): Promise<void> {
  const tables = database.dataSource.entityMetadatas.map((metadata) => `"${metadata.tableName}"`);
  if (tables.length > 0) {
    await database.dataSource.query(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
  }
}
