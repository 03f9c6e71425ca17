import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { hashApiKey } from "../../src/domain/entitlements/api-keys.js";
import { openDatabase } from "../../src/persistence/database.js";
import { TypeOrmApiKeyStore } from "../../src/persistence/repositories/typeorm-api-key-store.js";

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** Runs `npm run cli -- …` the way an operator does (the CLI entry through tsx), on its own embedded database. */
async function cli(dataDir: string, ...args: string[]) {
  const run = promisify(execFile);
  return run(process.execPath, ["--import", "tsx", "--conditions=development", "src/cli/main.ts", ...args], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir },
  });
}

describe("the operator CLI", () => {
  // Five processes each open an embedded database: on a loaded machine that alone can take a minute.
  it("creates a scoped API key shown once, stores only its hash, lists and revokes it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-cli-"));

    const created = await cli(dataDir, "api-keys", "create", "--name", "product-backend", "--scope", "read");
    const secret = /mbk_[\w-]{43}/.exec(created.stdout)?.[0];
    const id = /key ([0-9a-f-]{36})/.exec(created.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(id).toBeDefined();

    const listed = await cli(dataDir, "api-keys", "list");
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toMatch(/read\s+active\s+product-backend/);
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
      expect(stored).toMatchObject({ id, name: "product-backend", scopes: ["read"] });
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
    expect((failure as { stderr: string }).stderr).toMatch(/Allowed choices are read, admin/);
  });
});
