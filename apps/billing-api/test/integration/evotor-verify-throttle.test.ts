import request from "supertest";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { composeApp } from "../../src/composition.js";
import { createLogger } from "../../src/logger.js";
import { ScryptPasswordHasher } from "../../src/security/password-hash.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";
import { connectTestDatabase } from "../support/test-database.js";

/** Password guessing on Evotor's /user/verify, through the real app, with the default limits (5, 900 s). */
const context = useTestApp();
const BEARER = `Bearer ${TEST_SECRETS.evotorWebhookToken}`;
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;
const MAX_FAILURES = 5;
const BACKOFF_MS = 900_000;

/** A distinct Evotor user id per attempt, so only the username limit is in play. */
const userId = (n: number) => `01-${String(n).padStart(15, "0")}`;

function verify(body: Record<string, unknown>, app = context.app) {
  return request(app).post("/evotor/api/v1/user/verify").set("Authorization", BEARER).send(body);
}

/** Another replica: its own connection pool and composition on the same database. */
async function replica(): Promise<{ app: ReturnType<typeof createApp>; close(): Promise<void> }> {
  const database = await connectTestDatabase();
  const app = createApp(
    composeApp({
      dataSource: database.dataSource,
      config: { secrets: TEST_SECRETS, validateResponses: true },
      logger: createLogger({ level: "silent" }),
      clock: context.clock,
    }),
  );
  return { app, close: () => database.close() };
}

let scrypt: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  await request(context.app)
    .post("/admin/accounts")
    .set("Authorization", ADMIN)
    .send({ username: "v.pupkin", password: "superpassword" })
    .expect(201);
  scrypt = vi.spyOn(ScryptPasswordHasher.prototype, "verify");
});
afterEach(() => {
  scrypt.mockRestore();
  vi.useRealTimers();
});

describe("Evotor /user/verify throttling", () => {
  it("refuses a username after a few failures with 429 in Evotor's format, without running scrypt", async () => {
    for (let n = 1; n <= MAX_FAILURES; n += 1) {
      await verify({ userId: userId(n), username: "v.pupkin", password: `guess-${n}` }).expect(401);
    }
    const checked = scrypt.mock.calls.length;
    // Even the right password (and another spelling of the username) is refused now.
    const refused = await verify({
      userId: userId(99),
      username: " V.Pupkin ",
      password: "superpassword",
    }).expect(429);
    expect(refused.body).toEqual({
      errors: [{ code: 1006, reason: "too many attempts", subject: "username" }],
    });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(BACKOFF_MS / 1000 - 60);
    expect(refused.headers["content-type"]).toMatch(/^application\/json/);
    expect(scrypt.mock.calls.length).toBe(checked);
  });

  it("refuses an Evotor user id after a few failures whatever usernames are tried", async () => {
    for (let n = 1; n <= MAX_FAILURES; n += 1) {
      await verify({ userId: userId(1), username: `someone-${n}`, password: "guess" }).expect(401);
    }
    const refused = await verify({
      userId: userId(1),
      username: "v.pupkin",
      password: "superpassword",
    }).expect(429);
    expect(refused.body.errors[0]).toMatchObject({ code: 1006, subject: "userId" });
  });

  it("forgets the failures on a success", async () => {
    for (let n = 1; n < MAX_FAILURES; n += 1) {
      await verify({ userId: userId(1), username: "v.pupkin", password: `guess-${n}` }).expect(401);
    }
    await verify({ userId: userId(1), username: "v.pupkin", password: "superpassword" }).expect(200);
    for (let n = 1; n <= MAX_FAILURES; n += 1) {
      await verify({ userId: userId(1), username: "v.pupkin", password: `guess-${n}` }).expect(401);
    }
    await verify({ userId: userId(1), username: "v.pupkin", password: "superpassword" }).expect(429);
  });

  it("holds across replicas sharing the database", async () => {
    const first = await replica();
    const second = await replica();
    try {
      for (let n = 1; n <= MAX_FAILURES; n += 1) {
        const app = n % 2 ? first.app : second.app;
        await verify({ userId: userId(n), username: "v.pupkin", password: `guess-${n}` }, app).expect(401);
      }
      for (const app of [second.app, first.app, context.app]) {
        await verify({ userId: userId(99), username: "v.pupkin", password: "superpassword" }, app).expect(
          429,
        );
      }
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("checks again once the back-off has passed", async () => {
    // The limiter reads the wall clock (rate-limiter-flexible), so the test moves Date, not a Clock.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T12:00:00Z"));
    for (let n = 1; n <= MAX_FAILURES; n += 1) {
      await verify({ userId: userId(1), username: "v.pupkin", password: `guess-${n}` }).expect(401);
    }
    await verify({ userId: userId(1), username: "v.pupkin", password: "superpassword" }).expect(429);
    vi.setSystemTime(new Date(Date.now() + BACKOFF_MS - 60_000));
    await verify({ userId: userId(1), username: "v.pupkin", password: "superpassword" }).expect(429);
    vi.setSystemTime(new Date(Date.now() + 61_000));
    await verify({ userId: userId(1), username: "v.pupkin", password: "superpassword" }).expect(200);
  });
});
