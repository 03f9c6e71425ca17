import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/persistence/database.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../src/persistence/embedded-postgres.js";
import { migrate } from "../../src/persistence/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One database for the whole integration run: the server named by DATABASE_URL (CI: real PostgreSQL) or an
 * in-memory embedded PGlite. Migrations run once here, exactly as the service runs them at start.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: undefined, maxConnections: 20 });
    url = embedded.url;
  }
  const database = await openDatabase({ databaseUrl: url, embeddedDataDir: undefined, poolSize: 2 });
  await migrate(database.dataSource);
  await database.close();
  project.provide("databaseUrl", url);
  return async () => {
    await embedded?.stop();
  };
}
