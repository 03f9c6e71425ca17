import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { hashApiKey } from "../../src/domain/entitlements/api-keys.js";
import { withFlakyIngest } from "../support/flaky-ingest.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { settling, TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;

describe("API keys over HTTP", () => {
  it("creates a key shown once, which then authenticates; lists it without the secret; revokes it", async () => {
    const created = await request(context.app)
      .post("/v1/api-keys")
      .set("Authorization", ADMIN)
      .send({ name: "product backend", scopes: ["read"] })
      .expect(201);
    const { id, key } = created.body as { id: string; key: string };
    expect(created.body).toMatchObject({ name: "product backend", scopes: ["read"] });
    expect(key).toMatch(/^mbk_[\w-]{43}$/);
    expect(created.headers.location).toBe(`/v1/api-keys/${id}`);
    // Only the hash is stored.
    expect(await context.deps.apiKeys.findByHash(hashApiKey(key))).toMatchObject({ id });

    await request(context.app).get("/v1/plans").set("Authorization", `Bearer ${key}`).expect(200);
    // A read key cannot manage keys.
    await request(context.app).get("/v1/api-keys").set("Authorization", `Bearer ${key}`).expect(403);

    const listed = await request(context.app).get("/v1/api-keys").set("Authorization", ADMIN).expect(200);
    expect(listed.body.items).toEqual([
      {
        id,
        name: "product backend",
        scopes: ["read"],
        marketplace: null,
        createdAt: expect.any(String),
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    await request(context.app).delete(`/v1/api-keys/${id}`).set("Authorization", ADMIN).expect(204);
    await request(context.app).delete(`/v1/api-keys/${id}`).set("Authorization", ADMIN).expect(404);
    const after = await request(context.app).get("/v1/api-keys").set("Authorization", ADMIN).expect(200);
    expect(after.body.items[0].revokedAt).toBe(context.clock.now().toISOString());
    // A fresh app has no cache of the key: the revocation is what answers.
    const fresh = createApp(context.deps);
    await request(fresh).get("/v1/plans").set("Authorization", `Bearer ${key}`).expect(401);
  });

  it("an admin key made over HTTP can manage keys itself", async () => {
    const created = await request(context.app)
      .post("/v1/api-keys")
      .set("Authorization", ADMIN)
      .send({ name: "operator", scopes: ["admin", "read"] })
      .expect(201);
    expect(created.body.scopes).toEqual(["read", "admin"]);
    await request(context.app)
      .get("/v1/api-keys")
      .set("Authorization", `Bearer ${created.body.key}`)
      .expect(200);
  });

  it("makes a seats key restricted to one marketplace: it claims seats there and nowhere else", async () => {
    const created = await request(context.app)
      .post("/v1/api-keys")
      .set("Authorization", ADMIN)
      .send({ name: "evotor app", scopes: ["seats"], marketplace: "evotor" })
      .expect(201);
    expect(created.body).toMatchObject({ scopes: ["seats"], marketplace: "evotor" });
    const bearer = `Bearer ${created.body.key}`;
    await request(context.app)
      .post("/v1/entitlements/evotor/user-1/seats")
      .set("Authorization", bearer)
      .send({ userId: "device-1" })
      .expect((response) => expect([200, 201, 409]).toContain(response.status));
    const elsewhere = await request(context.app)
      .post("/v1/entitlements/github/1/seats")
      .set("Authorization", bearer)
      .send({ userId: "u1" })
      .expect(403);
    expect(elsewhere.body).toMatchObject({ allowedMarketplace: "evotor" });
    // Keys and the event log span marketplaces: even an admin key restricted to one cannot reach them.
    const restrictedAdmin = await request(context.app)
      .post("/v1/api-keys")
      .set("Authorization", ADMIN)
      .send({ name: "github admin", scopes: ["admin"], marketplace: "github" })
      .expect(201);
    await request(context.app)
      .get("/v1/api-keys")
      .set("Authorization", `Bearer ${restrictedAdmin.body.key}`)
      .expect(403);
  });

  it("refuses bad input with a problem, and callers without the admin scope", async () => {
    for (const body of [
      { name: "x", scopes: ["owner"] },
      { name: "x", scopes: [] },
      { name: "x", scopes: ["read", "read"] },
      { name: "", scopes: ["read"] },
      { scopes: ["read"] },
      { name: "x", scopes: ["read"], key: "chosen" },
    ]) {
      const response = await request(context.app)
        .post("/v1/api-keys")
        .set("Authorization", ADMIN)
        .send(body)
        .expect(400);
      expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    await request(context.app).delete("/v1/api-keys/not-a-uuid").set("Authorization", ADMIN).expect(400);
    await request(context.app)
      .post("/v1/api-keys")
      .send({ name: "x", scopes: ["read"] })
      .expect(401);
    expect(await context.deps.apiKeys.list()).toEqual([]);
  });
});

describe("failed events and their retry over HTTP", () => {
  function flakyApp(maxAttempts?: number) {
    const state = { failing: true };
    const deps = withFlakyIngest(context, state, maxAttempts);
    return { app: settling(createApp(deps), deps), state, processor: deps.ingest.processor };
  }

  it("lists failed events and applies one at once on retry", async () => {
    const { app, state } = flakyApp();
    await deliver(app, purchasePayload("purchased", "2026-03-01T00:00:00+00:00")).expect(202);

    const failed = await request(app)
      .get("/v1/events?status=failed&marketplace=github")
      .set("Authorization", ADMIN)
      .expect(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({
        marketplace: "github",
        type: "marketplace_purchase.purchased",
        accountId: "18404719",
        status: "failed",
        applyAttempts: 1,
        applyError: "Error: database hiccup",
      }),
    ]);
    const { id } = failed.body.items[0] as { id: string };
    const none = await request(app)
      .get("/v1/events?status=failed&marketplace=evotor")
      .set("Authorization", ADMIN);
    expect(none.body.items).toEqual([]);

    // Still failing: the attempt is counted and the error kept.
    const again = await request(app).post(`/v1/events/${id}/retry`).set("Authorization", ADMIN).expect(200);
    expect(again.body).toMatchObject({ status: "failed", applyAttempts: 2 });

    state.failing = false;
    const applied = await request(app).post(`/v1/events/${id}/retry`).set("Authorization", ADMIN).expect(200);
    expect(applied.body).toMatchObject({ id, status: "applied", applyError: null });
    expect(await context.deps.subscriptions.findByAccount("github", "18404719")).toHaveLength(1);

    await request(app).post(`/v1/events/${id}/retry`).set("Authorization", ADMIN).expect(409);
    await request(app).post("/v1/events/999999/retry").set("Authorization", ADMIN).expect(404);
    await request(app).post("/v1/events/abc/retry").set("Authorization", ADMIN).expect(400);
    const empty = await request(app).get("/v1/events?status=failed").set("Authorization", ADMIN).expect(200);
    expect(empty.body).toEqual({ items: [], nextCursor: null });
  });

  it("lists dead events; a retry gives one more attempt, and a dead event that fails again stays dead", async () => {
    const { app, state } = flakyApp(1);
    await deliver(app, purchasePayload("purchased", "2026-03-01T00:00:00+00:00")).expect(202);
    const dead = await request(app).get("/v1/events?status=dead").set("Authorization", ADMIN).expect(200);
    expect(dead.body.items).toEqual([expect.objectContaining({ status: "dead", applyAttempts: 1 })]);
    const { id } = dead.body.items[0] as { id: string };

    const again = await request(app).post(`/v1/events/${id}/retry`).set("Authorization", ADMIN).expect(200);
    expect(again.body).toMatchObject({ status: "dead" });
    state.failing = false;
    const applied = await request(app).post(`/v1/events/${id}/retry`).set("Authorization", ADMIN).expect(200);
    expect(applied.body).toMatchObject({ status: "applied" });
  });

  it("refuses to retry a conflicting redelivery: it is never applied", async () => {
    const deliveryId = "0b4d3c1e-5c55-4bd7-9a39-5f3c0a7d8e21";
    await deliver(context.app, purchasePayload("purchased", "2026-03-01T00:00:00+00:00"), {
      deliveryId,
    }).expect(202);
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { unitCount: 500 }),
      {
        deliveryId,
      },
    ).expect(200);
    const conflicts = await request(context.app)
      .get("/v1/events?status=conflict")
      .set("Authorization", ADMIN)
      .expect(200);
    expect(conflicts.body.items).toEqual([expect.objectContaining({ status: "conflict" })]);
    await request(context.app)
      .post(`/v1/events/${conflicts.body.items[0].id}/retry`)
      .set("Authorization", ADMIN)
      .expect(409);
    expect((await context.deps.subscriptions.findByAccount("github", "18404719"))[0]?.units).toBe(5);
  });

  it("pages newest first with a cursor", async () => {
    for (const account of [1, 2, 3]) {
      await deliver(
        context.app,
        purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId: account }),
      ).expect(202);
    }
    const first = await request(context.app)
      .get("/v1/events?status=applied&limit=2")
      .set("Authorization", ADMIN)
      .expect(200);
    expect(first.body.items.map((event: { accountId: string }) => event.accountId)).toEqual(["3", "2"]);
    const second = await request(context.app)
      .get(`/v1/events?status=applied&limit=2&cursor=${first.body.nextCursor}`)
      .set("Authorization", ADMIN)
      .expect(200);
    expect(second.body.items.map((event: { accountId: string }) => event.accountId)).toEqual(["1"]);
    expect(second.body.nextCursor).toBeNull();
    await request(context.app).get("/v1/events?status=broken").set("Authorization", ADMIN).expect(400);
    await request(context.app).get("/v1/events").set("Authorization", ADMIN).expect(400);
  });
});

describe("the console's static files", () => {
  it("answers a clear 503 when the console was not built", async () => {
    const response = await request(createApp({ ...context.deps, consoleDirectory: null }))
      .get("/console/")
      .expect(503);
    expect(response.body).toMatchObject({ title: "Console Not Built" });
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
  });
});
