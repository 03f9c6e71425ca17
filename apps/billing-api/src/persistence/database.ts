import { join } from "node:path";
import type { DataSource } from "typeorm";
import { createDataSource } from "./data-source.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.js";

export interface Database {
  dataSource: DataSource;
  /** True when running on embedded PGlite rather than a configured server. */
  embedded: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A real PostgreSQL server; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps its files; `undefined` with no URL means an in-memory database. */
  embeddedDataDir: string | undefined;
  poolSize: number;
  applicationName?: string;
}

/** Where the embedded database lives inside DATA_DIR. */
export function embeddedDataDir(dataDir: string): string {
  return join(dataDir, "pglite");
}

/** Opens the database the configuration names (or embedded PGlite) and connects TypeORM to it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl;
  if (url === undefined) {
    // One more than the pool so a CLI or probe connection never finds the server full.
    embedded = await startEmbeddedPostgres({
      dataDir: options.embeddedDataDir,
      maxConnections: options.poolSize + 2,
    });
    url = embedded.url;
  }
  const dataSource = createDataSource({
    url,
    poolSize: options.poolSize,
    ...(options.applicationName === undefined ? {} : { applicationName: options.applicationName }),
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    embedded: embedded !== undefined,
    async close() {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
      await embedded?.stop();
    },
  };
}
