import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { composeApp } from "../../src/composition.js";
import { createLogger } from "../../src/logger.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { settling, TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();

/** A fresh app (fresh counters) on the run's database and test clock. */
function freshApp(metricsToken?: string) {
  const deps = composeApp({
    dataSource: context.database.dataSource,
    config: { secrets: TEST_SECRETS, validateResponses: true, metricsToken },
    logger: createLogger({ level: "silent" }),
    clock: context.clock,
  });
  // Answers once the apply queue is drained, as the shared test app does.
  return settling(createApp(deps), deps);
}

async function scrape(app: ReturnType<typeof createApp>): Promise<string> {
  const response = await request(app).get("/metrics").expect(200);
  expect(response.headers["content-type"]).toMatch(/^text\/plain/);
  return response.text;
}

function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Sum of the samples of `prefix` whose labels include every one of `labels`. */
function total(text: string, prefix: string, labels: string[]): number {
  return text
    .split("\n")
    .filter((line) => line.startsWith(prefix) && labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

describe("GET /metrics", () => {
  it("times requests by surface, route template and status class; unknown paths share one label", async () => {
    const app = freshApp();
    const admin = `Bearer ${TEST_SECRETS.adminApiKey}`;
    await request(app).get("/v1/entitlements/github/1").set("Authorization", admin).expect(200);
    await request(app).get("/v1/entitlements/github/2").set("Authorization", admin).expect(200);
    await request(app).get("/v1/entitlements/github/3").expect(401);
    await request(app).get("/wp-login.php").expect(404);
    await request(app).get("/also-not-here").expect(404);

    const text = await scrape(app);
    const route = 'route="/v1/entitlements/{marketplace}/{accountId}"';
    expect(
      sample(
        text,
        `http_request_duration_seconds_count{surface="entitlements",${route},method="GET",status_class="2xx"}`,
      ),
    ).toBe(2);
    // Refused before a route matched (no key): counted under its surface, whatever route label it gets.
    expect(
      total(text, "http_request_duration_seconds_count{", ['surface="entitlements"', 'status_class="4xx"']),
    ).toBe(1);
    expect(
      sample(
        text,
        'http_request_duration_seconds_count{surface="none",route="unmatched",method="GET",status_class="4xx"}',
      ),
    ).toBe(2);
    expect(text).not.toContain("wp-login");
  });

  it("counts inbound events by outcome, their apply lag and the backlog still to apply", async () => {
    const app = freshApp();
    const purchase = purchasePayload("purchased", "2026-03-01T00:00:00+00:00");
    await deliver(app, purchase, { deliveryId: "metrics-1" }).expect(202);
    await deliver(app, purchase, { deliveryId: "metrics-1" }).expect(200);
    await deliver(app, { zen: "Keep it logically awesome.", hook_id: 1 }, { event: "ping" }).expect(200);
    // Stored but never applied: what a crash between commit and apply leaves behind.
    await context.deps.eventLog.append({
      marketplace: "evotor",
      source: "webhook",
      eventType: "SubscriptionCreated",
      dedupeKey: "subscription:s-1:1",
      accountId: "01-000000000000001",
      headers: {},
      rawBody: new Uint8Array(),
      payload: {},
      receivedAt: context.clock.now(),
    });

    const text = await scrape(app);
    const purchased = 'marketplace="github",type="marketplace_purchase.purchased"';
    expect(sample(text, `billing_inbound_events_total{${purchased},outcome="applied"}`)).toBe(1);
    expect(sample(text, `billing_inbound_events_total{${purchased},outcome="duplicate"}`)).toBe(1);
    expect(
      sample(text, 'billing_inbound_events_total{marketplace="github",type="ping",outcome="ignored"}'),
    ).toBe(1);
    expect(sample(text, 'billing_inbound_event_apply_lag_seconds_count{marketplace="github"}')).toBe(1);
    expect(sample(text, 'billing_inbound_events_pending{marketplace="evotor"}')).toBe(1);
    expect(sample(text, 'billing_inbound_events_pending{marketplace="github"}')).toBe(0);
    expect(sample(text, 'billing_inbound_events_unfinished{marketplace="evotor",status="received"}')).toBe(1);
    expect(sample(text, 'billing_inbound_events_dead{marketplace="evotor"}')).toBe(0);
  });

  it("answers only a scraper with METRICS_TOKEN when one is set", async () => {
    const token = "metrics-token-0123456789";
    const app = freshApp(token);
    const missing = await request(app).get("/metrics").expect(401);
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
    await request(app).get("/metrics").set("Authorization", "Bearer metrics-token-wrong-value").expect(401);
    await request(app).get("/metrics").set("Authorization", `Basic ${token}`).expect(401);
    const scraped = await request(app).get("/metrics").set("Authorization", `Bearer ${token}`).expect(200);
    expect(scraped.text).toContain("http_request_duration_seconds");
    // The probes stay open to the load balancer.
    await request(app).get("/healthz").expect(200);
  });
});
