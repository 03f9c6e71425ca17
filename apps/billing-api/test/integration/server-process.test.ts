import { chmod, mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnService } from "../support/service-process.js";

describe("the server process", () => {
  it("starts on the embedded database with no configuration, keeps its data, and stops cleanly", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-process-"));
    // Created by hand, readable by everyone: the service tightens it and says so.
    await chmod(dataDir, 0o755);

    const first = spawnService({ DATA_DIR: dataDir });
    const url = await first.listening;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: "ready" });
    expect(first.output()).toContain("Generated secrets for the embedded setup");
    expect(first.output()).toContain('"msg":"applied migrations"');
    expect(first.output()).toContain("DATA_DIR was readable by other users");
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, "secrets.json"))).mode & 0o777).toBe(0o600);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    // Same DATA_DIR: the database and the secrets are still there, so nothing is migrated or generated.
    const second = spawnService({ DATA_DIR: dataDir });
    const secondUrl = await second.listening;
    expect(await (await fetch(`${secondUrl}/readyz`)).json()).toMatchObject({ status: "ready" });
    expect(second.output()).not.toContain("applied migrations");
    expect(second.output()).not.toContain("Generated secrets");
    expect(second.output()).not.toContain("DATA_DIR was readable by other users");
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  }, 180_000); // two full starts of the real process on PGlite: past a minute on a loaded 2-core machine

  it("finishes an in-flight request before exiting on SIGTERM", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-process-"));
    const service = spawnService({ DATA_DIR: dataDir });
    const url = await service.listening;

    // Open a keep-alive request whose body arrives slowly, then signal while it is in flight.
    const { request } = await import("node:http");
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(`${url}/no-such-route`, {
        method: "POST",
        headers: { "content-type": "application/json" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write('{"slow":');
      setTimeout(() => {
        service.child.kill("SIGTERM");
        setTimeout(() => req.end("true}"), 300);
      }, 200);
    });

    expect(await inFlight).toBe(404);
    expect(await service.exited).toBe(0);
  });

  it("refuses to start with a bad value and names the variable", async () => {
    const service = spawnService({ PORT: "not-a-port", DATA_DIR: "/tmp/unused" });
    expect(await service.exited).toBe(2);
    expect(service.output()).toMatch(/PORT: /);
  });

  it("says in one line why it cannot reach the database", async () => {
    const service = spawnService({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/unreachable",
      GITHUB_WEBHOOK_SECRET: "github-secret-0123456789",
      EVOTOR_WEBHOOK_TOKEN: "evotor-token-0123456789",
      ADMIN_API_KEY: "admin-key-0123456789-0123456789",
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
    });
    expect(await service.exited).toBe(1);
    expect(service.output()).toMatch(/^billing-api failed to start: .*ECONNREFUSED.*\n$/m);
    expect(service.output()).not.toMatch(/^\s+at /m);
  });

  it("refuses to start against a real database without its secrets", async () => {
    const service = spawnService({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" });
    expect(await service.exited).toBe(2);
    expect(service.output()).toMatch(/GITHUB_WEBHOOK_SECRET: required when DATABASE_URL is set/);
  });
});
