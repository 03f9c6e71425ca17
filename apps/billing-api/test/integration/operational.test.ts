import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { createDataSource } from "../../src/persistence/data-source.js";
import { checkReadiness } from "../../src/persistence/readiness.js";
import { useTestApp } from "../support/test-app.js";

const context = useTestApp();
const silent = createLogger({ level: "silent" });

describe("operational endpoints", () => {
  it("answers the liveness probe", async () => {
    const response = await request(context.app).get("/healthz").expect(200);
    expect(response.body).toEqual({ status: "ok" });
  });

  it("reports ready when the database answers and every migration is applied", async () => {
    const response = await request(context.app).get("/readyz").expect(200);
    expect(response.body).toEqual({
      status: "ready",
      checks: { database: { ok: true }, migrations: { ok: true, pending: 0 } },
    });
  });

  it("reports 503 when the database is unreachable", async () => {
    const unreachable = createDataSource({ url: "postgres://postgres@127.0.0.1:1/none", poolSize: 1 });
    const app = createApp({
      ...context.deps,
      logger: silent,
      readiness: { check: () => checkReadiness(unreachable) },
    });
    const response = await request(app).get("/readyz").expect(503);
    expect(response.body.status).toBe("unavailable");
    expect(response.body.checks.database.ok).toBe(false);
    expect(response.body.checks.database.error).toEqual(expect.any(String));
  });

  it("reports 503 with the pending count when migrations have not run", async () => {
    // Same database, but a migrations table that was never written: as if nothing had been migrated.
    const dataSource = context.database.dataSource;
    const unmigrated = Object.create(dataSource, {
      options: { value: { ...dataSource.options, migrationsTableName: "never_migrated" } },
    });
    const app = createApp({
      ...context.deps,
      logger: silent,
      readiness: { check: () => checkReadiness(unmigrated) },
    });
    const response = await request(app).get("/readyz").expect(503);
    expect(response.body.checks).toEqual({
      database: { ok: true },
      migrations: { ok: false, pending: dataSource.migrations.length },
    });
  });

  it("answers a wrong method on a known path with 405 problem details", async () => {
    const response = await request(context.app).post("/healthz").expect(405);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 405, title: "Method Not Allowed" });
  });
});
