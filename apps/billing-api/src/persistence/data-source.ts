import "reflect-metadata";
import { DataSource } from "typeorm";
import { entities } from "./entities/index.js";
import { migrations } from "./migrations/index.js";

/** How long the database may take before a request gives up on it (a hung server must not hang requests). */
export interface DatabaseTimeouts {
  /** Getting a connection (new or from a full pool). */
  connectMs: number;
  /** Server side: PostgreSQL cancels a statement running longer (`statement_timeout`). */
  statementMs: number;
  /** Client side: the driver gives up waiting for an answer, even from a server that stopped answering. */
  queryMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 10_000,
  queryMs: 15_000,
};

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  applicationName?: string;
  timeouts?: DatabaseTimeouts;
}

/** The single TypeORM configuration, used by the server, the CLI and the tests alike. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities,
    migrations,
    migrationsTableName: "schema_migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: options.poolSize,
    applicationName: options.applicationName ?? "billing-api",
    extra: {
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.queryMs,
    },
  });
}
