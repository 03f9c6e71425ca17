import "reflect-metadata";
import { DataSource } from "typeorm";
import { entities } from "./entities/index.js";
import { migrations } from "./migrations/index.js";

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  applicationName?: string;
}

/** The single TypeORM configuration, used by the server, the CLI and the tests alike. */
export function createDataSource(options: DataSourceOptions): DataSource {
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
    extra: { connectionTimeoutMillis: 10_000 },
  });
}
