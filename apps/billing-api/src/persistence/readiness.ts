import type { DataSource } from "typeorm";

export interface CheckResult {
  ok: boolean;
  pending?: number;
  error?: string;
}

export interface ReadinessReport {
  database: CheckResult;
  migrations: CheckResult;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Reachability of the database and whether every known migration has been applied. */
export async function checkReadiness(dataSource: DataSource): Promise<ReadinessReport> {
  try {
    const rows: Array<{ name: string }> = await withTimeout(
      dataSource.query(`SELECT name FROM ${dataSource.options.migrationsTableName ?? "migrations"}`),
      CHECK_TIMEOUT_MS,
    );
    const applied = new Set(rows.map((row) => row.name));
    const pending = dataSource.migrations.filter((migration) => !applied.has(migration.name ?? "")).length;
    return { database: { ok: true }, migrations: { ok: pending === 0, pending } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A missing migrations table means the database answers but was never migrated.
    if (/relation .* does not exist/.test(message)) {
      return { database: { ok: true }, migrations: { ok: false, pending: dataSource.migrations.length } };
    }
    return { database: { ok: false, error: message }, migrations: { ok: false, pending: 0 } };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
