#!/usr/bin/env node
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { ConfigError, parseEnvironment } from "../config/config.js";
import { embeddedDataDir, openDatabase } from "../persistence/database.js";
import { pendingSchemaChanges, renderMigration } from "../persistence/schema-drift.js";

/* Operator commands. Output goes to stdout/stderr for a person; the service itself logs JSON through pino. */

const program = new Command()
  .name("billing-api")
  .description("Operate marketplace-billing: migrations and maintenance.")
  .showHelpAfterError();

program
  .command("migrate")
  .description("Apply pending migrations to DATABASE_URL (or the embedded database in DATA_DIR).")
  .action(async () => {
    const environment = parseEnvironment(process.env);
    const database = await openDatabase({
      databaseUrl: environment.DATABASE_URL,
      embeddedDataDir: embeddedDataDir(environment.DATA_DIR),
      poolSize: 2,
      applicationName: "billing-api-cli",
    });
    try {
      const applied = await database.dataSource.runMigrations({ transaction: "each" });
      process.stdout.write(
        applied.length === 0
          ? "No pending migrations.\n"
          : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m.name}\n`).join("")}`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command("migration-check")
  .description(
    "Fail when the entities and the migrations disagree (same check as typeorm migration:generate --check).",
  )
  .action(async () => {
    await withScratchDatabase(async (changes) => {
      if (changes.up.length === 0) {
        process.stdout.write("Entities and migrations agree.\n");
        return;
      }
      process.stderr.write(
        `Entities and migrations disagree; run \`npm run migration:generate -- <Name>\`. Missing SQL:\n${changes.up
          .map((q) => `  ${q.query}\n`)
          .join("")}`,
      );
      process.exitCode = 1;
    });
  });

program
  .command("migration-generate")
  .argument("<name>", "PascalCase name of the migration, e.g. AddPlanCatalogue")
  .description(
    "Write src/persistence/migrations/<epoch>-<name>.ts from the difference between entities and migrations.",
  )
  .action(async (name: string) => {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      throw new Error("the migration name must be PascalCase letters and digits");
    }
    await withScratchDatabase(async (changes) => {
      if (changes.up.length === 0) {
        process.stdout.write("No changes: entities and migrations already agree.\n");
        return;
      }
      const timestamp = Date.now();
      const file = join(import.meta.dirname, "../persistence/migrations", `${timestamp}-${name}.ts`);
      await writeFile(file, renderMigration(name, timestamp, changes));
      process.stdout.write(
        `Wrote ${file}\nAdd it to src/persistence/migrations/index.ts, then run npm run format.\n`,
      );
    });
  });

/** Migrates a throwaway database (DATABASE_URL if set, else in-memory PGlite) and diffs it with the entities. */
async function withScratchDatabase(
  use: (changes: Awaited<ReturnType<typeof pendingSchemaChanges>>) => Promise<void>,
): Promise<void> {
  const environment = parseEnvironment(process.env);
  const database = await openDatabase({
    databaseUrl: environment.DATABASE_URL,
    embeddedDataDir: undefined,
    poolSize: 2,
    applicationName: "billing-api-cli",
  });
  try {
    await database.dataSource.runMigrations({ transaction: "each" });
    await use(await pendingSchemaChanges(database.dataSource));
  } finally {
    await database.close();
  }
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
