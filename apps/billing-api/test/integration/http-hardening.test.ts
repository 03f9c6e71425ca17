import { Writable } from "node:stream";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { FakeGithub } from "../support/fake-github.js";
import { fakeGithubConfig, PRODUCT_URL, startFlow } from "../support/github-onboarding-flow.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const fake = new FakeGithub();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
const context = useTestApp({ github: () => fakeGithubConfig(fake) });
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;

describe("protective headers", () => {
  it("send nosniff on every surface, success or error", async () => {
    const answers = await Promise.all([
      request(context.app).get("/healthz"),
      request(context.app).get("/v1/plans").set("Authorization", ADMIN),
      request(context.app).get("/v1/plans"),
      request(context.app).get("/admin/accounts").set("Authorization", ADMIN),
      request(context.app).post("/evotor/api/v1/user/create").send({}),
      request(context.app).post("/webhooks/github").send({}),
      request(context.app).get("/github/setup?unexpected=1"),
      request(context.app).get("/no-such-route"),
    ]);
    for (const answer of answers) {
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("give the onboarding HTML pages a policy that loads nothing and cannot be framed", async () => {
    const page = await request(context.app).get("/github/setup?unexpected=1").expect(400);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const policy = String(page.headers["content-security-policy"]);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
    // The page's only inline style is allowed by its hash.
    expect(policy).toMatch(/style-src 'sha256-[\w+/=]+'/);
  });
});

describe("probes", () => {
  it("answer HEAD like GET, without a body", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const get = await request(context.app).get(path);
      const head = await request(context.app).head(path);
      expect(head.status).toBe(get.status);
      expect(head.status).toBe(200);
      expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
      expect(head.text ?? "").toBe("");
    }
  });
});

describe("caching of API answers", () => {
  it("forbids storing lists and histories", async () => {
    const paths = [
      "/v1/subscriptions",
      "/v1/plans",
      "/v1/entitlements/github/1/history",
      "/v1/entitlements/github/1/seats",
      "/admin/accounts",
    ];
    for (const path of paths) {
      const answer = await request(context.app).get(path).set("Authorization", ADMIN).expect(200);
      expect([path, answer.headers["cache-control"]]).toEqual([path, "no-store"]);
    }
    // The entitlement read keeps revalidation with its ETag.
    const read = await request(context.app).get("/v1/entitlements/github/1").set("Authorization", ADMIN);
    expect(read.headers["cache-control"]).toBe("private, no-cache");
  });
});

describe("the onboarding cookie", () => {
  const setCookie = (answer: request.Response) =>
    ([] as string[]).concat(answer.headers["set-cookie"] ?? []).join(";");

  it("is Secure unless the browser speaks plain HTTP to a loopback host", async () => {
    const local = await request(context.app).get("/github/setup").set("Host", "localhost:3000").expect(302);
    expect(setCookie(local)).not.toMatch(/;\s*Secure/i);
    const loopback = await request(context.app)
      .get("/github/setup")
      .set("Host", "127.0.0.1:3000")
      .expect(302);
    expect(setCookie(loopback)).not.toMatch(/;\s*Secure/i);

    const plainRemote = await request(context.app)
      .get("/github/setup")
      .set("Host", "billing.example.com")
      .expect(302);
    expect(setCookie(plainRemote)).toMatch(/;\s*Secure/i);
    const behindProxy = await request(context.app)
      .get("/github/setup")
      .set("Host", "localhost")
      .set("X-Forwarded-Proto", "https")
      .expect(302);
    expect(setCookie(behindProxy)).toMatch(/;\s*Secure/i);
  });

  it("that is malformed makes the callback fail as invalid_state, not a 500", async () => {
    const flow = await startFlow(context.app);
    const answer = await request(context.app)
      .get("/github/callback")
      .query({ code: "any", state: flow.state })
      .set("Cookie", "mb_github_onboarding=%E0%A4%A")
      .expect(302);
    const location = new URL(answer.headers.location ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(PRODUCT_URL);
    expect(location.searchParams.get("error")).toBe("invalid_state");
  });
});

describe("request logs", () => {
  it("redact credentials in any query parameter that may carry one", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = createApp({ ...context.deps, logger: createLogger({ level: "info", destination }) });
    const secrets = {
      password: "pw-1a2b3c",
      token: "tok-4d5e6f",
      secret: "sec-7a8b9c",
      code: "code-0d1e2f",
      client_secret: "cs-3a4b5c",
      key: "key-6d7e8f",
      api_key: "ak-9a0b1c",
      access_token: "at-2d3e4f",
      refresh_token: "rt-5a6b7c",
      apiKey: "ak2-8d9e0f",
      Password: "pw2-1f2e3d",
    };
    await request(app).get("/healthz").query(secrets);
    const text = lines.join("");
    expect(text).toContain("request completed");
    for (const value of Object.values(secrets)) {
      expect(text).not.toContain(value);
    }
  });
});
