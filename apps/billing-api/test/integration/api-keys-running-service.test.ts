import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { spawnService } from "../support/service-process.js";

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));
const ADMIN_API_KEY = "operator-bootstrap-key-0123456789-abcdef";

describe("API keys while the service runs on the embedded database", () => {
  it("makes and revokes keys over HTTP; the CLI sees them once the service is stopped", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-keys-"));
    const service = spawnService({ DATA_DIR: dataDir, ADMIN_API_KEY });
    try {
      const url = await service.listening;
      const admin = { Authorization: `Bearer ${ADMIN_API_KEY}`, "Content-Type": "application/json" };
      const created = await fetch(`${url}/v1/api-keys`, {
        method: "POST",
        headers: admin,
        body: JSON.stringify({ name: "product backend", scopes: ["read"] }),
      });
      expect(created.status).toBe(201);
      const { id, key } = (await created.json()) as { id: string; key: string };
      const spare = (await (
        await fetch(`${url}/v1/api-keys`, {
          method: "POST",
          headers: admin,
          body: JSON.stringify({ name: "spare", scopes: ["admin"] }),
        })
      ).json()) as { id: string };

      expect((await fetch(`${url}/v1/plans`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(
        200,
      );
      expect(
        (await fetch(`${url}/v1/api-keys/${spare.id}`, { method: "DELETE", headers: admin })).status,
      ).toBe(204);
      expect(service.output()).not.toContain(key);
      service.child.kill("SIGTERM");
      expect(await service.exited).toBe(0);

      // Stopped: the CLI opens the same DATA_DIR and sees what the running service made.
      const listed = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "--conditions=development", "src/cli/main.ts", "api-keys", "list"],
        { cwd: APP_DIR, env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir } },
      );
      expect(listed.stdout).toMatch(new RegExp(`${id}\\s+read\\s+all\\s+active\\s+product backend`));
      expect(listed.stdout).toMatch(new RegExp(`${spare.id}\\s+admin\\s+all\\s+revoked`));
    } finally {
      service.child.kill("SIGKILL");
    }
  });
});
