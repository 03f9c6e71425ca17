import { join } from "node:path";
import type { DataSource } from "typeorm";
import { createDataSource, type DatabaseTimeouts } from "./data-source.js";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.js";

export interface Database {
  dataSource: DataSource;
  /** True when running on embedded PGlite rather than a configured server. */
  embedded: boolean;
  /** Where the database listens (the embedded server's loopback URL when embedded). */
  url: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A real PostgreSQL server; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps its files; `undefined` with no URL means an in-memory database. */
  embeddedDataDir: string | undefined;
  poolSize: number;
  applicationName?: string;
  /** Absent: DEFAULT_DATABASE_TIMEOUTS. */
  timeouts?: DatabaseTimeouts;
}

/**
 * PGlite executes one statement at a time, and pglite-socket interleaves the extended-protocol messages of
 * concurrent connections outside transactions (seen as "portal does not exist"). One pooled connection keeps
 * every statement whole; the embedded default trades concurrency for that, which suits a single-node setup.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** Where the embedded database lives inside DATA_DIR. */
export function embeddedDataDir(dataDir: string): string {
  return join(dataDir, "pglite");
}

/** Opens the database the configuration names (or embedded PGlite) and connects TypeORM to it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl;
  if (url === undefined) {
    embedded = await startEmbeddedPostgres({ dataDir: options.embeddedDataDir, maxConnections: 4 });
    url = embedded.url;
  }
  const dataSource = createDataSource({
    url,
    poolSize: embedded ? EMBEDDED_POOL_SIZE : options.poolSize,
    ...(options.applicationName === undefined ? {} : { applicationName: options.applicationName }),
    ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
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
    url,
    async close() {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
      await embedded?.stop();
    },
  };
}
