import request from "supertest";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/test-app.js";

const context = useTestApp();

describe("HTTP limits and errors", () => {
  it("refuses a JSON body over 1 MiB with 413", async () => {
    const oversized = JSON.stringify({ filler: "x".repeat(1024 * 1024) });
    const response = await request(context.app)
      .post("/anything")
      .set("Content-Type", "application/json")
      .send(oversized)
      .expect(413);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, title: "Content Too Large" });
  });

  it("answers malformed JSON with 400 problem details", async () => {
    const response = await request(context.app)
      .post("/anything")
      .set("Content-Type", "application/json")
      .send('{"action": ')
      .expect(400);
    expect(response.body).toMatchObject({ status: 400, detail: "The request body is not valid JSON." });
  });

  it("answers an unknown route with 404 problem details", async () => {
    const response = await request(context.app).get("/no/such/route").expect(404);
    expect(response.body).toMatchObject({ status: 404, detail: "No route for GET /no/such/route." });
  });

  it("echoes a sane X-Request-Id and generates one otherwise", async () => {
    const echoed = await request(context.app)
      .get("/healthz")
      .set("X-Request-Id", "trace-abc.123")
      .expect(200);
    expect(echoed.headers["x-request-id"]).toBe("trace-abc.123");

    const replaced = await request(context.app)
      .get("/healthz")
      .set("X-Request-Id", "bad id\twith spaces")
      .expect(200);
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
