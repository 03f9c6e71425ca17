import { Writable } from "node:stream";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();

function capturingApp() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const logger = createLogger({ level: "info", destination });
  return { app: createApp({ ...context.deps, logger }), lines };
}

describe("request logs", () => {
  it("carry the request id on every line, handler lines included, and never credentials", async () => {
    const { app, lines } = capturingApp();
    await deliver(app, purchasePayload("purchased", "2026-03-01T00:00:00+00:00")).expect(202);
    await request(app)
      .get("/v1/entitlements/github/18404719")
      .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
      .set("X-Request-Id", "trace-123")
      .expect(200);
    await request(app).get("/github/callback?code=secret-oauth-code&state=signed.state").expect(503);

    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      expect(line.requestId).toEqual(expect.any(String));
    }
    // The webhook handler's own line and the summary share the delivery's request id.
    const stored = lines.find((line) => line.msg === "GitHub delivery stored");
    expect(lines.filter((line) => line.requestId === stored?.requestId).map((line) => line.msg)).toEqual([
      "GitHub delivery stored",
      "request completed",
    ]);
    expect(lines.find((line) => line.requestId === "trace-123")).toMatchObject({
      msg: "request completed",
      req: { method: "GET", url: "/v1/entitlements/github/18404719" },
      res: { statusCode: 200 },
    });
    expect(text).not.toContain(TEST_SECRETS.adminApiKey);
    expect(text).not.toContain(TEST_SECRETS.githubWebhookSecrets[0]);
    expect(text).not.toContain("sha256=");
    expect(text).not.toContain("secret-oauth-code");
  });
});

describe("probe logs", () => {
  it("keep successful health probes and scrapes out of the info log, but not their failures", async () => {
    const { app, lines } = capturingApp();
    await request(app).get("/healthz").expect(200);
    await request(app).get("/readyz").expect(200);
    await request(app).get("/metrics").expect(200);
    await request(app).get("/healthz?probe=1").expect(400);
    await request(app).get("/docs").expect(200);

    expect(lines.map((line) => line.req)).toEqual([
      expect.objectContaining({ url: "/healthz?probe=1" }),
      expect.objectContaining({ url: "/docs" }),
    ]);
  });
});
