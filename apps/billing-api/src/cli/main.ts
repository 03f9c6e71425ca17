#!/usr/bin/env node
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Command, Option } from "commander";
import { composeApp } from "../composition.js";
import { buildConfig, ConfigError, parseEnvironment } from "../config/config.js";
import { resolveSecrets } from "../config/embedded-secrets.js";
import { API_KEY_SCOPES, type ApiKeyScope, createApiKey } from "../domain/entitlements/api-keys.js";
import type { Marketplace } from "../domain/events/inbound-event.js";
import { systemClock } from "../domain/time/clock.js";
import { createLogger } from "../logger.js";
import { embeddedDataDir, openDatabase } from "../persistence/database.js";
import { migrate } from "../persistence/migrate.js";
import { pendingSchemaChanges, renderMigration } from "../persistence/schema-drift.js";
import { renderHistory } from "./render-history.js";
import { renderProgress } from "./render-progress.js";
import { exportedSecrets } from "./secrets-export.js";

// src/cli/main.ts and dist/cli/main.js are both two folders below the package.
const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

/* Operator commands. Output goes to stdout/stderr for a person; the service itself logs JSON through pino. */

const program = new Command()
  .name("billing-api")
  .description(
    "Operate marketplace-billing: migrations and maintenance. On the embedded database (no DATABASE_URL), " +
      "commands that open it need the service stopped; `secrets` does not.",
  )
  .version(version, "-V, --version", "print the version")
  .showHelpAfterError();

program
  .command("migrate")
  .description("Apply pending migrations to DATABASE_URL (or the embedded database in DATA_DIR).")
  .action(async () => {
    const database = await openConfiguredDatabase(parseEnvironment(process.env));
    try {
      const applied = await migrate(database.dataSource);
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

const apiKeys = program.command("api-keys").description("Manage API keys of the entitlements API.");

apiKeys
  .command("create")
  .requiredOption("--name <name>", "who or what uses the key, e.g. product-backend")
  .addOption(
    new Option(
      "--scope <scope...>",
      "read (reads only), seats (reads, claims and releases seats: the product) or admin (everything); several are allowed",
    )
      .choices(API_KEY_SCOPES)
      .makeOptionMandatory(),
  )
  .addOption(
    new Option("--marketplace <marketplace>", "restrict the key to one marketplace (default: all)").choices([
      "github",
      "evotor",
    ]),
  )
  .description("Create a key. It is printed once and only its hash is stored.")
  .action(async (options: { name: string; scope: ApiKeyScope[]; marketplace?: Marketplace }) => {
    await withServiceDatabase(async (deps) => {
      const { key, secret } = await createApiKey(
        deps.apiKeys,
        { name: options.name, scopes: options.scope, marketplace: options.marketplace ?? null },
        systemClock.now(),
      );
      process.stdout.write(
        `Created ${key.scopes.join("+")} key ${key.id} (${options.name}${options.marketplace ? `, ${options.marketplace} only` : ""}). Store it now; it is not shown again:\n${secret}\n`,
      );
    });
  });

apiKeys
  .command("list")
  .description("List keys (never their secrets).")
  .action(async () => {
    await withServiceDatabase(async (deps) => {
      for (const key of await deps.apiKeys.list()) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
        const marketplace = key.marketplace ?? "all";
        process.stdout.write(
          `${key.id}  ${key.scopes.join("+").padEnd(16)}  ${marketplace.padEnd(6)}  ${state.padEnd(34)}  ${key.name}\n`,
        );
      }
    });
  });

apiKeys
  .command("revoke")
  .argument("<id>", "the key id shown by create or list")
  .description("Revoke a key; it stops working within seconds.")
  .action(async (id: string) => {
    await withServiceDatabase(async (deps) => {
      const revoked = await deps.apiKeys.revoke(id, systemClock.now());
      if (!revoked) {
        throw new Error(`no active key ${id}`);
      }
      process.stdout.write(`Revoked ${id}.\n`);
    });
  });

const events = program.command("events").description("Inspect and re-apply events in the event log.");

events
  .command("retry")
  .description(
    "Apply every event that is still due (failed or never applied), as the service's apply workers do.",
  )
  .option("--limit <n>", "at most this many accounts", "1000")
  .option("--dead", "first give every dead event a fresh series of attempts (after fixing what killed it)")
  .action(async (options: { limit: string; dead?: boolean }) => {
    await withServiceDatabase(async (deps) => {
      const revived = options.dead ? await deps.eventLog.reviveDead(systemClock.now()) : 0;
      const summary = await deps.ingest.processor.processDue(Number.parseInt(options.limit, 10));
      process.stdout.write(`${JSON.stringify(options.dead ? { revived, ...summary } : summary)}\n`);
    });
  });

events
  .command("dead")
  .description("List dead events: those that failed every attempt and are left out of their account's state.")
  .option("--limit <n>", "at most this many events", "100")
  .action(async (options: { limit: string }) => {
    await withServiceDatabase(async (deps) => {
      const dead = await deps.eventLog.listDead(Number.parseInt(options.limit, 10));
      for (const event of dead) {
        const line = {
          id: event.id,
          marketplace: event.marketplace,
          eventType: event.eventType,
          accountId: event.accountId,
          receivedAt: event.receivedAt.toISOString(),
          attempts: event.applyAttempts,
          reason: event.applyError,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      if (dead.length === 0) {
        process.stderr.write("No dead events.\n");
      }
    });
  });

events
  .command("replay")
  .argument("<marketplace>", "github or evotor")
  .argument("<accountId>", "the marketplace account id")
  .description(
    "Re-derive one account's subscriptions from its logged events (after a fix, or to explain a state).",
  )
  .action(async (name: string, accountId: string) => {
    const marketplace = marketplaceArgument(name);
    await withServiceDatabase(async (deps) => {
      const logged = await deps.eventLog.listForAccount(marketplace, accountId);
      if (logged.length === 0) {
        throw new Error(`no events logged for ${marketplace} account ${accountId}`);
      }
      // Folds every applied event of the account again from the start (and applies the due ones).
      const statuses = await deps.ingest.processor.replayAccount(marketplace, accountId);
      const status = [...statuses.values()].includes("failed") ? "failed" : "replayed";
      const subscriptions = await deps.subscriptions.findByAccount(marketplace, accountId);
      process.stdout.write(`${JSON.stringify({ events: logged.length, status, subscriptions }, null, 2)}\n`);
    });
  });

events
  .command("history")
  .argument("<marketplace>", "github or evotor")
  .argument("<accountId>", "the marketplace account id")
  .option("--json", "print the history as JSON (what GET /v1/entitlements/…/history answers, in full)")
  .description(
    "Show every logged event of one account, oldest first, with what each changed. Read-only: nothing " +
      "is applied or migrated.",
  )
  .action(async (name: string, accountId: string, options: { json?: boolean }) => {
    const marketplace = marketplaceArgument(name);
    await withServiceDatabase(
      async (deps) => {
        const history = await deps.entitlements.history(marketplace, accountId);
        if (history.length === 0) {
          throw new Error(`no events logged for ${marketplace} account ${accountId}`);
        }
        process.stdout.write(options.json ? `${JSON.stringify(history, null, 2)}\n` : renderHistory(history));
      },
      { migrate: false },
    );
  });

const customers = program.command("customers").description("Customer data duties.");

customers
  .command("erase")
  .argument("<marketplace>", "github or evotor")
  .argument("<accountId>", "the marketplace account id")
  .option("--reason <text>", "why (e.g. the deletion request's ticket); recorded with the erasure")
  .option("--force", "erase even though the account still has a live subscription")
  .description(
    "Erase one account's personal data now (logins, e-mails, names, tokens, custom fields) from the event " +
      "log's bodies and every table, keeping what its history needs; the erasure is recorded.",
  )
  .action(async (marketplace: string, accountId: string, options: { reason?: string; force?: boolean }) => {
    if (marketplace !== "github" && marketplace !== "evotor") {
      throw new Error("marketplace must be github or evotor");
    }
    await withServiceDatabase(async (deps) => {
      const redaction = await deps.eraseAccount(
        { marketplace, accountId },
        `operator: ${options.reason ?? "erasure requested"}`,
        { force: options.force === true },
      );
      process.stdout.write(`${JSON.stringify(redaction, null, 2)}\n`);
    });
  });

customers
  .command("erase-expired")
  .description(
    "Run the retention job once: erase every account whose access ended CUSTOMER_DATA_RETENTION_DAYS ago.",
  )
  .action(async () => {
    await withServiceDatabase(async (deps) => {
      process.stdout.write(`${JSON.stringify(await deps.eraseExpiredCustomerData())}\n`);
    });
  });

program
  .command("reconcile")
  .argument("<marketplace>", "github")
  .option("--dry-run", "read and compare everything, repair nothing: show what a run would do")
  .description(
    "Compare every account on every plan of the listing with our subscriptions and repair the drift " +
      "(missed purchases, cancellations, changes and pending changes), each repair logged as an event. " +
      "Progress goes to stderr, the report (JSON) to stdout.",
  )
  .action(async (marketplace: string, options: { dryRun?: boolean }) => {
    if (marketplace !== "github") {
      throw new Error("only github can be reconciled");
    }
    const dryRun = options.dryRun ?? false;
    await withServiceDatabase(
      async (deps) => {
        const result = await deps.reconcileGithub({
          dryRun,
          progress: (step) => process.stderr.write(`${renderProgress(step, dryRun)}\n`),
        });
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      },
      { migrate: !dryRun },
    );
  });

program
  .command("secrets")
  .option("--export", "print them as `export NAME='value'` lines for eval in a POSIX shell")
  .description(
    "Print the secrets to call this service with. Embedded database: the ones `npm start` uses (generated " +
      "and kept in DATA_DIR/secrets.json if needed; works while the service runs). With DATABASE_URL: new " +
      "random values for every secret not set yet, to store in your secret manager.",
  )
  .action(async (options: { export?: boolean }) => {
    const environment = parseEnvironment(process.env);
    const { secrets, generated } = await exportedSecrets(environment);
    if (generated && environment.DATABASE_URL !== undefined) {
      process.stderr.write("New random values (nothing was stored): keep them in your secret manager.\n");
    }
    for (const [name, value] of Object.entries(secrets)) {
      process.stdout.write(
        options.export ? `export ${name}='${value.replaceAll("'", "'\\''")}'\n` : `${name}=${value}\n`,
      );
    }
  });

function marketplaceArgument(name: string): Marketplace {
  if (name !== "github" && name !== "evotor") {
    throw new Error(`marketplace must be github or evotor, not ${name}`);
  }
  return name;
}

/** The database the service would use: DATABASE_URL, or the embedded one in DATA_DIR (service stopped). */
function openConfiguredDatabase(environment: ReturnType<typeof parseEnvironment>) {
  return openDatabase({
    databaseUrl: environment.DATABASE_URL,
    embeddedDataDir: embeddedDataDir(environment.DATA_DIR),
    poolSize: 2,
    applicationName: "billing-api-cli",
    timeouts: {
      connectMs: environment.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: environment.DATABASE_STATEMENT_TIMEOUT_MS,
      queryMs: environment.DATABASE_QUERY_TIMEOUT_MS,
    },
  });
}

/**
 * Opens the configured database with the same composition as the service. `migrate: false` for read-only
 * commands, which must not change the schema either.
 */
async function withServiceDatabase(
  use: (deps: ReturnType<typeof composeApp>) => Promise<void>,
  options: { migrate: boolean } = { migrate: true },
): Promise<void> {
  const environment = parseEnvironment(process.env);
  const database = await openConfiguredDatabase(environment);
  try {
    if (options.migrate) {
      // The CLI may run before the service ever started: bring the schema up to date first.
      await migrate(database.dataSource);
    }
    const { secrets } = await resolveSecrets(environment);
    const config = buildConfig(environment, secrets);
    const deps = composeApp({
      dataSource: database.dataSource,
      config,
      logger: createLogger({ level: "warn" }),
      clock: systemClock,
    });
    await use(deps);
  } finally {
    await database.close();
  }
}

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
    await migrate(database.dataSource);
    await use(await pendingSchemaChanges(database.dataSource));
  } finally {
    await database.close();
  }
}

// One line for a person, never a stack trace; exit code 2 for configuration, as the server uses.
program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`billing-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
