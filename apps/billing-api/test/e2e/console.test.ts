import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { dispatchDue } from "../../src/domain/outbound/dispatch.js";
import { CONSOLE_CSP } from "../../src/http/console/console.router.js";
import { launchChromium } from "../support/browser.js";
import { withFlakyIngest } from "../support/flaky-ingest.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { useListeningApp } from "../support/listening.js";
import { settling, TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
// Deliveries go through an applier that can be made to fail, so the console has a failed event to retry.
const applying = { failing: false };
let app: ReturnType<typeof createApp>;
const server = useListeningApp(() => {
  const deps = withFlakyIngest(context, applying);
  app = settling(createApp(deps), deps);
  return app;
});

/** `UPDATE_SCREENSHOTS=1` writes the README's screenshots (docs/console-*.png) from this run. */
async function screenshot(page: Page, name: string) {
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    const file = fileURLToPath(new URL(`../../../../docs/console-${name}.png`, import.meta.url));
    await page.screenshot({ path: file, fullPage: true });
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh tab that fails the test on any script error or CSP violation. */
async function openConsole(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 40[1349]/.test(message.text())) {
      problems.push(message.text());
    }
  });
  await page.goto(`${server.url}/console/`);
  return { page, problems };
}

async function signIn(page: Page, key = TEST_SECRETS.adminApiKey) {
  await page.getByLabel("Admin API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function seed() {
  // Two GitHub organizations: one paying for 5 seats, one trialing; a plan mapped to features.
  await deliver(
    app,
    purchasePayload("purchased", "2026-02-01T00:00:00+00:00", { accountId: 1001, unitCount: 5 }),
  ).expect(202);
  await deliver(
    app,
    purchasePayload("changed", "2026-02-20T00:00:00+00:00", { accountId: 1001, unitCount: 8 }),
  ).expect(202);
  await deliver(
    app,
    purchasePayload("purchased", "2026-02-27T00:00:00+00:00", {
      accountId: 1002,
      planId: 436,
      planName: "Business",
      unitCount: 3,
      onFreeTrial: true,
      freeTrialEndsOn: "2026-03-05T00:00:00+00:00",
    }),
  ).expect(202);
  await request(app)
    .put("/v1/plans/github/435")
    .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
    .send({ features: ["reports", "sso"] })
    .expect(200);
  // A delivery whose apply fails: stored, acknowledged, waiting for a retry.
  applying.failing = true;
  await deliver(
    app,
    purchasePayload("purchased", "2026-03-01T00:00:00+00:00", { accountId: 1003, unitCount: 2 }),
  ).expect(202);
  applying.failing = false;
  await context.deps.reconciliationRuns.record({
    id: "7f0c8a4e-4f0e-4a57-9d0b-2f6f8d0b1c11",
    marketplace: "github",
    startedAt: new Date("2026-03-01T11:00:00Z"),
    finishedAt: new Date("2026-03-01T11:00:04Z"),
    outcome: "completed",
    plans: 2,
    accounts: 14,
    drift: { missed_purchase: 2, missed_cancellation: 1, missed_change: 0 },
    failedRepairs: 0,
    error: null,
  });
}

describe("the operator console in a browser", () => {
  it("serves the page with its own CSP and refuses a bad key", async () => {
    const index = await request(app).get("/console/").expect(200);
    expect(index.headers["content-security-policy"]).toBe(CONSOLE_CSP);
    expect(index.headers["cache-control"]).toBe("no-cache");
    expect(index.text).not.toMatch(/<script>(?!<)/); // no inline script for the CSP to refuse
    await request(app).get("/console/no-such-file.js").expect(404);
    await request(app).get("/console").expect(301).expect("Location", "/console/");

    const { page, problems } = await openConsole();
    await signIn(page, "mbk_not-a-key-this-service-issued");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("unknown or revoked");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("signs in, lists subscriptions, opens a timeline, manages keys, retries a failed event", async () => {
    await seed();
    const { page, problems } = await openConsole();
    await signIn(page);

    // Subscriptions: both accounts, the trial among those ending soon.
    await page.getByRole("heading", { name: "Subscriptions", exact: true }).waitFor();
    const rows = page.locator("table").last().locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    await screenshot(page, "subscriptions");
    const trials = page.locator("table").first();
    expect(await trials.textContent()).toContain("1002");
    expect(await trials.textContent()).not.toContain("1001");
    expect(await rows.filter({ hasText: "1001" }).textContent()).toMatch(/Active.*8/);
    await page.getByLabel("Status").first().selectOption("trialing");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("1002");
    await page.getByLabel("Status").first().selectOption("");
    await page.getByLabel("Plan").selectOption({ label: "Plan 435 (435)" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("1001");
    await page.getByLabel("Plan").selectOption("");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => rows.count()).toBe(2);

    // One account: its entitlement now and every event with what it changed.
    await page.getByRole("link", { name: "1001" }).click();
    await page.getByRole("heading", { name: "GitHub Marketplace account 1001" }).waitFor();
    const entitlement = page.getByLabel("Entitlement");
    expect(await entitlement.textContent()).toMatch(/Entitledyes/);
    expect(await entitlement.textContent()).toContain("reports, sso");
    expect(await entitlement.textContent()).toContain("0 used of 8");
    const timeline = page.locator("ol.timeline > li");
    expect(await timeline.count()).toBe(2);
    expect(await timeline.nth(0).textContent()).toContain("marketplace_purchase.purchased");
    expect(await timeline.nth(1).textContent()).toMatch(/marketplace_purchase\.changed.*units.*5.*→.*8/);
    await screenshot(page, "account");

    // Seats: no buyer signed in through onboarding, so the members list says how to get one; ids work for any account.
    await expect
      .poll(() => page.getByRole("alert").filter({ hasText: "GitHub sign-in required" }).count())
      .toBe(1);
    const ids = page.getByLabel(/^User or device ids/);
    await ids.fill(Array.from({ length: 9 }, (_, n) => `user-${n}`).join("\n"));
    await page.getByRole("button", { name: "Assign seats by id" }).click();
    await expect
      .poll(() => page.getByRole("alert").filter({ hasText: "Seat limit reached" }).textContent())
      .toContain("9 asked for, the limit is 8");
    expect(await context.deps.seats.list("github", "1001")).toHaveLength(0);
    await ids.fill("user-a\nuser-b\n\nuser-a");
    await page.getByRole("button", { name: "Assign seats by id" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Assigned 2 seats");
    await page.getByRole("heading", { name: "Seats (2 of 8)" }).waitFor();
    expect(await page.getByLabel(/^User or device ids/).inputValue()).toBe("user-a\nuser-b");

    // API keys: create one (shown once), see it listed, revoke it.
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("heading", { name: "API keys", exact: true }).waitFor();
    await page.getByLabel("Name").fill("reporting job");
    await page.getByLabel(/^read:/).check();
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = (await page.getByLabel("New API key").textContent()) ?? "";
    expect(secret).toMatch(/^mbk_[\w-]{43}$/);
    await request(app).get("/v1/plans").set("Authorization", `Bearer ${secret}`).expect(200);
    const keyRow = page.locator("tbody tr", { hasText: "reporting job" });
    expect(await keyRow.textContent()).toMatch(/read.*active/);
    page.once("dialog", (dialog) => void dialog.accept());
    await keyRow.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain('Revoked "reporting job"');
    expect(await keyRow.textContent()).toContain("revoked");
    expect(await keyRow.getByRole("button").count()).toBe(0);
    await request(createApp(context.deps))
      .get("/v1/plans")
      .set("Authorization", `Bearer ${secret}`)
      .expect(401);

    // Failed events: the one that failed is listed with its error; retrying applies it.
    await page.getByRole("link", { name: "Failed events" }).click();
    await page.getByRole("heading", { name: "Events", exact: true }).waitFor();
    const failed = page.locator("tbody tr");
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.first().textContent()).toMatch(
      /marketplace_purchase\.purchased.*1003.*failed.*database hiccup/,
    );
    await screenshot(page, "events");
    await failed.first().getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Event \d+ is applied/);
    expect(await page.getByText("No failed event.").count()).toBe(1);
    expect(await context.deps.subscriptions.findByAccount("github", "1003")).toHaveLength(1);

    // Reconciliation runs and the drift they found.
    await page.getByRole("link", { name: "Reconciliation" }).click();
    await page.getByRole("heading", { name: "Reconciliation runs", exact: true }).waitFor();
    const run = page.locator("tbody tr").first();
    await run.waitFor();
    expect(await run.textContent()).toMatch(/completed.*14.*missed purchase: 2.*missed cancellation: 1/);
    expect(await run.textContent()).not.toContain("missed change");

    // Plans: the catalogue and its mapping, editable.
    await page.getByRole("link", { name: "Plans" }).click();
    await page.getByRole("heading", { name: "Plans", exact: true }).waitFor();
    const business = page.getByRole("form", { name: "Mapping of Business" });
    await business.getByLabel("Features").fill("reports, audit-log");
    await business.getByLabel("Seat limit").fill("10");
    await business.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Mapped Business");
    const [mapped] = (await context.deps.plans.list("github")).filter((plan) => plan.planId === "436");
    expect(mapped?.mapping).toEqual({ features: ["audit-log", "reports"], seatLimit: 10 });

    // Webhook endpoints: register (secret shown once), disable and enable, rotate, see deliveries, delete.
    await page.getByRole("link", { name: "Webhook endpoints" }).click();
    await page.getByRole("heading", { name: "Webhook endpoints", exact: true }).waitFor();
    expect(await page.getByText("No endpoint is registered.").count()).toBe(1);
    await page.getByLabel("URL").fill("http://127.0.0.1:9/billing-events");
    await page.getByLabel("Description").fill("product backend");
    await page.getByRole("button", { name: "Register endpoint" }).click();
    const signing = page.getByLabel("Signing secret");
    const first = (await signing.textContent()) ?? "";
    expect(first).toMatch(/^whsec_/);
    expect(await page.getByRole("status").first().textContent()).toContain("not shown again");
    const endpointRow = page.locator("tbody tr", { hasText: "billing-events" });
    expect(await endpointRow.textContent()).toMatch(/product backend.*all.*enabled/);
    await endpointRow.getByRole("button", { name: "Disable" }).click();
    await expect.poll(() => endpointRow.textContent()).toContain("disabled");
    expect((await context.deps.webhookEndpoints.list())[0]?.enabled).toBe(false);
    await endpointRow.getByRole("button", { name: "Enable" }).click();
    await expect.poll(() => endpointRow.textContent()).toMatch(/enabled/);
    page.once("dialog", (dialog) => void dialog.accept());
    await endpointRow.getByRole("button", { name: "Rotate secret" }).click();
    await expect.poll(() => signing.textContent()).not.toBe(first);
    expect(await signing.textContent()).toMatch(/^whsec_/);
    await endpointRow.getByRole("button", { name: "Deliveries" }).click();
    await page.getByRole("heading", { name: /^Deliveries to/ }).waitFor();
    expect(await page.getByText("No delivery yet.").count()).toBe(1);
    // A purchase after registering is announced to the endpoint; its delivery can be sent again by hand.
    // (through the test app's own pipeline: the console's flaky one announces nothing)
    await deliver(
      context.app,
      purchasePayload("purchased", "2026-03-02T00:00:00+00:00", { accountId: 1004, unitCount: 1 }),
    ).expect(202);
    await dispatchDue(context.deps.outbound.dispatch); // the port-9 URL refuses: one failed attempt
    await endpointRow.getByRole("button", { name: "Deliveries" }).click();
    const delivery = page.locator("#deliveries tbody tr");
    await expect.poll(() => delivery.count()).toBe(1);
    expect(await delivery.textContent()).toMatch(/entitlement\.updated.*pending.*1/);
    await delivery.getByRole("button", { name: "Retry" }).click();
    await expect
      .poll(() => page.locator("#deliveries").getByRole("status").textContent())
      .toMatch(/Delivery \d+ is queued to be sent now/);
    page.once("dialog", (dialog) => void dialog.accept());
    await endpointRow.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => page.getByText("No endpoint is registered.").count()).toBe(1);

    // Signing out forgets the key.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Admin API key").waitFor();
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
