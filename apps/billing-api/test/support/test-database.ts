import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/persistence/database.js";

/** Connects to the run's database (see global-setup.ts). */
export async function connectTestDatabase(): Promise<Database> {
  return openDatabase({ databaseUrl: inject("databaseUrl"), embeddedDataDir: undefined, poolSize: 4 });
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
