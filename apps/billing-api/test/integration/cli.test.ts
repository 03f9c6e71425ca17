import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { composeApp } from "../../src/composition.js";
import { hashApiKey } from "../../src/domain/entitlements/api-keys.js";
import { systemClock } from "../../src/domain/time/clock.js";
import { createLogger } from "../../src/logger.js";
import { openDatabase } from "../../src/persistence/database.js";
import { TypeOrmApiKeyStore } from "../../src/persistence/repositories/typeorm-api-key-store.js";
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FakeGithub,
  listingAccount,
  listingPlan,
} from "../support/fake-github.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { settling, TEST_SECRETS } from "../support/test-app.js";

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** Runs `npm run cli -- …` the way an operator does (the CLI entry through tsx), on its own embedded database. */
async function cli(dataDir: string, ...args: string[]) {
  return cliWith({ DATA_DIR: dataDir }, ...args);
}

async function cliWith(env: Record<string, string>, ...args: string[]) {
  const run = promisify(execFile);
  return run(process.execPath, ["--import", "tsx", "--conditions=development", "src/cli/main.ts", ...args], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

type Failure = { code: number; stdout: string; stderr: string };
const failureOf = (run: Promise<unknown>) =>
  run.then(() => expect.fail("expected the CLI to fail")).catch((error: Failure) => error);

/** Stores deliveries in the embedded database of `dataDir` through the real app, then closes it. */
async function withEmbeddedApp(dataDir: string, use: (app: ReturnType<typeof createApp>) => Promise<void>) {
  const database = await openDatabase({
    databaseUrl: undefined,
    embeddedDataDir: join(dataDir, "pglite"),
    poolSize: 1,
  });
  try {
    await database.dataSource.runMigrations({ transaction: "each" });
    const deps = composeApp({
      dataSource: database.dataSource,
      config: { secrets: TEST_SECRETS, validateResponses: true },
      logger: createLogger({ level: "silent" }),
      clock: systemClock,
    });
    // Answers once the apply queue is drained, so what the CLI reads afterwards is applied.
    await use(settling(createApp(deps), deps));
  } finally {
    await database.close();
  }
}

// Each step spawns the CLI (tsx, then an embedded PGlite): minutes on a loaded machine, not a hang.
const CLI_TIMEOUT = { timeout: 240_000 };

describe("the operator CLI", CLI_TIMEOUT, () => {
  // Five processes each open an embedded database: on a loaded machine that alone can take a minute.
  it("creates a scoped API key shown once, stores only its hash, lists and revokes it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-cli-"));

    const created = await cli(
      dataDir,
      "api-keys",
      "create",
      "--name",
      "product-backend",
      "--scope",
      "seats",
      "--marketplace",
      "github",
    );
    const secret = /mbk_[\w-]{43}/.exec(created.stdout)?.[0];
    const id = /key ([0-9a-f-]{36})/.exec(created.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(id).toBeDefined();

    const listed = await cli(dataDir, "api-keys", "list");
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toMatch(/seats\s+github\s+active\s+product-backend/);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await cli(dataDir, "api-keys", "revoke", id ?? "");
    expect(revoked.stdout).toContain(`Revoked ${id}`);
    await expect(cli(dataDir, "api-keys", "revoke", id ?? "")).rejects.toMatchObject({ code: 1 });

    // What is stored is the hash, and the key is now revoked.
    const database = await openDatabase({
      databaseUrl: undefined,
      embeddedDataDir: join(dataDir, "pglite"),
      poolSize: 1,
    });
    try {
      const stored = await new TypeOrmApiKeyStore(database.dataSource).findByHash(hashApiKey(secret ?? ""));
      expect(stored).toMatchObject({ id, name: "product-backend", scopes: ["seats"], marketplace: "github" });
      expect(stored?.revokedAt).toBeInstanceOf(Date);
    } finally {
      await database.close();
    }
  }, 180_000);

  it("refuses an unknown scope with a usage message", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-cli-"));
    const failure = await cli(dataDir, "api-keys", "create", "--name", "x", "--scope", "owner").catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/Allowed choices are read, seats, admin/);
  });
});

describe("the operator CLI's read-only and setup commands", CLI_TIMEOUT, () => {
  const fake = new FakeGithub();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it("prints its version", async () => {
    const { version } = JSON.parse(await readFile(join(APP_DIR, "package.json"), "utf8")) as {
      version: string;
    };
    const { stdout } = await cli("/tmp/unused", "--version");
    expect(stdout.trim()).toBe(version);
  });

  it("exports the embedded secrets for eval, the same ones the service uses, without the data key", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-cli-"));
    const first = await cli(dataDir, "secrets", "--export");
    const stored = JSON.parse(await readFile(join(dataDir, "secrets.json"), "utf8")) as Record<
      string,
      string
    >;
    expect(first.stdout).toBe(
      ["GITHUB_WEBHOOK_SECRET", "EVOTOR_WEBHOOK_TOKEN", "ADMIN_API_KEY"]
        .map((name) => `export ${name}='${stored[name]}'\n`)
        .join(""),
    );
    expect(first.stdout).not.toContain(stored.DATA_ENCRYPTION_KEY);
    // What a shell gets from eval, and a second call gives the same.
    const evaluated = await promisify(execFile)("sh", ["-c", `${first.stdout} printf %s "$ADMIN_API_KEY"`]);
    expect(evaluated.stdout).toBe(stored.ADMIN_API_KEY);
    expect((await cli(dataDir, "secrets", "--export")).stdout).toBe(first.stdout);
  });

  it("shows an account's history, oldest first, with what each event changed", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-cli-"));
    await withEmbeddedApp(dataDir, async (app) => {
      await deliver(
        app,
        purchasePayload("purchased", "2026-02-01T00:00:00+00:00", { accountId: 77, planId: 9 }),
      ).expect(202);
      await deliver(
        app,
        purchasePayload("cancelled", "2026-03-01T00:00:00+00:00", { accountId: 77, planId: 9 }),
      ).expect(202);
    });

    const { stdout } = await cli(dataDir, "events", "history", "github", "77");
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\S+Z\s+#\d+\s+webhook\s+marketplace_purchase\.purchased\s+applied$/);
    expect(lines).toContain("    planId: - → 9");
    expect(stdout).toMatch(
      /webhook\s+marketplace_purchase\.cancelled\s+applied\n\s+endsAt: - → 2026-03-01T00:00:00\.000Z/,
    );

    const json = JSON.parse(
      (await cli(dataDir, "events", "history", "github", "77", "--json")).stdout,
    ) as unknown[];
    expect(json).toHaveLength(2);

    const unknown = await failureOf(cli(dataDir, "events", "history", "github", "78"));
    expect(unknown).toMatchObject({
      code: 1,
      stderr: "billing-api: no events logged for github account 78\n",
    });
  });

  it("reconciles as a dry run with progress on stderr, the report on stdout and nothing appended", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-cli-"));
    const team = listingPlan(435, { name: "Team", price_model: "PER_UNIT" });
    fake.reset();
    fake.list(team, [listingAccount(5, team)]);
    const env = {
      DATA_DIR: dataDir,
      GITHUB_API_URL: fake.url,
      GITHUB_WEB_URL: fake.url,
      GITHUB_CLIENT_ID: FAKE_CLIENT_ID,
      GITHUB_CLIENT_SECRET: FAKE_CLIENT_SECRET,
    };
    await cliWith(env, "migrate");

    const dry = await cliWith(env, "reconcile", "github", "--dry-run");
    expect(dry.stderr.split("\n")).toEqual([
      "reconcile: 1 plan(s) on the listing",
      "reconcile: plan 435 (Team): 1 account(s)",
      "reconcile: 1 repair(s) found; dry run, nothing is appended",
      "",
    ]);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      drift: { missed_purchase: 1 },
      repairs: [{ accountId: "5", kind: "missed_purchase" }],
    });
    const nothing = await failureOf(cliWith(env, "events", "history", "github", "5"));
    expect(nothing.stderr).toContain("no events logged");

    const real = await cliWith(env, "reconcile", "github");
    expect(real.stderr).toContain("reconcile: appending 1 repair(s)");
    expect((await cliWith(env, "events", "history", "github", "5")).stdout).toMatch(
      /reconciliation\s+marketplace_purchase\.purchased/,
    );
  });

  it("reports a configuration error in one line with exit code 2, not a stack trace", async () => {
    const failure = await failureOf(
      cliWith({ DATA_DIR: "/tmp/unused", PORT: "not-a-port" }, "api-keys", "list"),
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toBe(
      "billing-api: Invalid configuration: PORT: must be a port number (0 to 65535)\n",
    );
    const unreadable = await failureOf(
      cliWith({ DATA_DIR: "/tmp/unused", ADMIN_API_KEY_FILE: "/nonexistent/admin" }, "secrets"),
    );
    expect(unreadable.stderr).toBe(
      "billing-api: Invalid configuration: ADMIN_API_KEY_FILE: cannot read /nonexistent/admin (ENOENT)\n",
    );
  });
});
