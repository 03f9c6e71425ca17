import { generateKeyPairSync } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { composeApp } from "../../src/composition.js";
import { statusAt } from "../../src/domain/subscriptions/subscription-status.js";
import { InboundEventEntity } from "../../src/persistence/entities/inbound-event.entity.js";
import { FakeGithub, listingAccount, listingPlan, userPurchase } from "../support/fake-github.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { callback, fakeGithubConfig, startFlow } from "../support/github-onboarding-flow.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const fake = new FakeGithub();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
const context = useTestApp({ github: () => fakeGithubConfig(fake), sleep: async () => {} });
beforeEach(() => fake.reset());

const team = listingPlan(435, { name: "Team", price_model: "PER_UNIT" });
const business = listingPlan(436, { name: "Business", price_model: "per-unit" });

const storedEvents = () =>
  context.database.dataSource.getRepository(InboundEventEntity).find({ order: { id: "ASC" } });
const subscriptionOf = async (accountId: number) =>
  (await context.deps.subscriptions.findByAccount("github", String(accountId)))[0];
const purchased = (accountId: number, planId = 435, unitCount = 5) =>
  deliver(
    context.app,
    purchasePayload("purchased", "2026-02-01T00:00:00+00:00", { accountId, planId, unitCount }),
  ).expect(202);

describe("GitHub reconciliation", () => {
  it("repairs a missed purchase, across pages of accounts", async () => {
    await purchased(1);
    await purchased(2);
    fake.list(
      team,
      [1, 2, 3, 4, 5].map((id) => listingAccount(id, team)),
    );

    const result = await context.deps.reconcileGithub();

    expect(result.drift).toMatchObject({ missed_purchase: 3, missed_cancellation: 0, missed_change: 0 });
    expect(result.accounts).toBe(5);
    for (const id of [3, 4, 5]) {
      expect(await subscriptionOf(id)).toMatchObject({ planId: "435", units: 5, endsAt: null });
    }
    const repairs = (await storedEvents()).filter((event) => event.source === "reconciliation");
    expect(repairs.map((event) => [event.eventType, event.accountId, event.status])).toEqual([
      ["marketplace_purchase.purchased", "3", "applied"],
      ["marketplace_purchase.purchased", "4", "applied"],
      ["marketplace_purchase.purchased", "5", "applied"],
    ]);
    // Five accounts at two per page: three pages, followed through the Link header.
    const pages = fake.requests.filter((r) => r.path === "/marketplace_listing/plans/435/accounts");
    expect(pages.map((r) => r.query.page)).toEqual(["1", "2", "3"]);
  });

  it("in a dry run, reports the drift and its progress but appends and changes nothing", async () => {
    await purchased(1);
    await purchased(2);
    fake.list(team, [listingAccount(2, team), listingAccount(3, team)]);
    const before = await storedEvents();
    const steps: unknown[] = [];

    const result = await context.deps.reconcileGithub({ dryRun: true, progress: (step) => steps.push(step) });

    expect(result).toMatchObject({ dryRun: true, failed: 0, accounts: 2 });
    expect(result.drift).toMatchObject({ missed_purchase: 1, missed_cancellation: 1 });
    expect(result.repairs).toEqual(
      expect.arrayContaining([
        { accountId: "3", kind: "missed_purchase" },
        { accountId: "1", kind: "missed_cancellation" },
      ]),
    );
    expect(steps).toEqual([
      { step: "plans", plans: 1 },
      { step: "plan", planId: 435, planName: "Team", accounts: 2 },
      { step: "confirming", accounts: 1 },
      { step: "repairing", repairs: 2 },
    ]);
    expect(await storedEvents()).toEqual(before);
    expect((await subscriptionOf(1))?.endsAt).toBeNull();
    expect(await subscriptionOf(3)).toBeUndefined();
  });

  it("repairs a cancellation whose webhook was lost, and it shows in history", async () => {
    await purchased(1);
    await purchased(2);
    fake.list(team, [listingAccount(2, team)]);

    const result = await context.deps.reconcileGithub();

    expect(result.drift.missed_cancellation).toBe(1);
    const cancelled = await subscriptionOf(1);
    expect(cancelled?.endsAt).toEqual(context.clock.now());
    expect(statusAt(cancelled!, context.clock.now())).toBe("cancelled");
    expect(statusAt((await subscriptionOf(2))!, context.clock.now())).toBe("active");
    const history = await context.deps.eventLog.listForAccount("github", "1");
    expect(history.map((event) => [event.source, event.eventType])).toEqual([
      ["webhook", "marketplace_purchase.purchased"],
      ["reconciliation", "marketplace_purchase.cancelled"],
    ]);
  });

  it("repairs a missed change of plan, seats or billing cycle", async () => {
    await purchased(1, 435, 5);
    await purchased(2, 435, 5);
    await purchased(3, 435, 5);
    fake.list(team, [
      listingAccount(2, team, { unitCount: 8 }),
      listingAccount(3, team, { billingCycle: "yearly" }),
    ]);
    fake.list(business, [listingAccount(1, business, { unitCount: 5 })]);

    const result = await context.deps.reconcileGithub();

    expect(result.drift).toMatchObject({ missed_change: 3, missed_purchase: 0, missed_cancellation: 0 });
    expect(await subscriptionOf(1)).toMatchObject({ planId: "436", units: 5 });
    expect(await subscriptionOf(2)).toMatchObject({ planId: "435", units: 8 });
    expect(await subscriptionOf(3)).toMatchObject({ planId: "435", billingCycle: "yearly" });
  });

  it("records a pending change GitHub shows and its withdrawal", async () => {
    await purchased(1, 436, 5);
    const pending = { plan: team, unitCount: 2, effectiveDate: "2026-04-01T00:00:00+00:00" };
    fake.list(business, [listingAccount(1, business, { pending })]);

    const first = await context.deps.reconcileGithub();
    expect(first.drift.pending_change).toBe(1);
    expect((await subscriptionOf(1))?.pendingChange).toEqual({
      planId: "435",
      planName: "Team",
      units: 2,
      effectiveAt: new Date("2026-04-01T00:00:00Z"),
    });
    expect(await subscriptionOf(1)).toMatchObject({ planId: "436" });

    fake.list(business, [listingAccount(1, business)]);
    const second = await context.deps.reconcileGithub();
    expect(second.drift.pending_change_withdrawn).toBe(1);
    expect((await subscriptionOf(1))?.pendingChange).toBeNull();
  });

  it("adds nothing when states agree, and a second run after a repair adds nothing either", async () => {
    await purchased(1);
    fake.list(team, [listingAccount(1, team), listingAccount(2, team)]);

    const first = await context.deps.reconcileGithub();
    expect(Object.values(first.drift).reduce((a, b) => a + b, 0)).toBe(1);
    const afterFirst = await storedEvents();

    context.clock.advance(60 * 60 * 1000);
    const second = await context.deps.reconcileGithub();
    expect(Object.values(second.drift).every((count) => count === 0)).toBe(true);
    expect(await storedEvents()).toHaveLength(afterFirst.length);
  });

  it("repairs nothing when GitHub's listing cannot be read completely", async () => {
    await purchased(1);
    fake.list(team, [listingAccount(2, team)]);
    fake.plans.push(business); // listed, but its accounts answer 404

    await expect(context.deps.reconcileGithub()).rejects.toMatchObject({ kind: "not_found" });
    expect((await storedEvents()).filter((event) => event.source === "reconciliation")).toHaveLength(0);
    expect((await subscriptionOf(1))?.endsAt).toBeNull();

    const metrics = await request(context.app).get("/metrics").expect(200);
    expect(metrics.text).toMatch(/billing_reconciliation_last_run_success\{marketplace="github"\} 0/);
  });

  it("records each run and its drift, and lists them newest first over HTTP", async () => {
    await purchased(1);
    fake.list(team, [listingAccount(1, team), listingAccount(2, team)]);
    await context.deps.reconcileGithub();
    context.clock.advance(60_000);
    fake.plans.push(business); // listed, but its accounts answer 404: the next run fails
    await expect(context.deps.reconcileGithub()).rejects.toThrow();

    const runs = await request(context.app)
      .get("/v1/reconciliation-runs")
      .set("Authorization", `Bearer ${TEST_SECRETS.adminApiKey}`)
      .expect(200);
    expect(runs.body.items).toEqual([
      expect.objectContaining({
        marketplace: "github",
        outcome: "failed",
        drift: {},
        error: expect.any(String),
      }),
      expect.objectContaining({
        marketplace: "github",
        outcome: "completed",
        plans: 1,
        accounts: 2,
        drift: expect.objectContaining({ missed_purchase: 1, missed_cancellation: 0 }),
        failedRepairs: 0,
        error: null,
        startedAt: "2026-03-01T12:00:00.000Z",
      }),
    ]);
  });

  it("asks GitHub about an account the listing missed before cancelling it", async () => {
    await purchased(1);
    await purchased(2);
    // Account 2 moved between pages while they were read: the listing misses it, /accounts/2 still has it.
    fake.list(team, [listingAccount(1, team)]);
    fake.skippedByListing.set(2, listingAccount(2, team));

    const result = await context.deps.reconcileGithub();

    expect(result.drift.missed_cancellation).toBe(0);
    expect((await subscriptionOf(2))?.endsAt).toBeNull();
    expect(fake.requests.some((r) => r.path === "/marketplace_listing/accounts/2")).toBe(true);
  });

  it("leaves alone an account whose webhook arrives while the listing is read", async () => {
    fake.list(team, []);
    fake.onListAccounts = async () => {
      // The buyer completes a purchase mid-run: its webhook is applied before the listing answers.
      fake.onListAccounts = null;
      context.clock.advance(1000);
      await purchased(9);
    };

    const result = await context.deps.reconcileGithub();

    expect(result.drift.missed_cancellation).toBe(0);
    expect((await subscriptionOf(9))?.endsAt).toBeNull();
    expect((await storedEvents()).filter((event) => event.source === "reconciliation")).toEqual([]);
  });

  it("exports drift counts per kind on /metrics", async () => {
    await purchased(1);
    fake.list(team, [listingAccount(2, team)]);
    await context.deps.reconcileGithub();

    const response = await request(context.app).get("/metrics").expect(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /billing_reconciliation_drift_total\{marketplace="github",kind="missed_purchase"\} [1-9]/,
    );
    expect(response.text).toMatch(
      /billing_reconciliation_drift_total\{marketplace="github",kind="missed_cancellation"\} [1-9]/,
    );
    expect(response.text).toMatch(/billing_reconciliation_last_run_success\{marketplace="github"\} 1/);
  });

  it("revokes the buyer's token once its subscription is cancelled", async () => {
    const org = { id: 18404719, login: "octo-org", type: "Organization" as const };
    const code = fake.authorize({ id: 583231, login: "octocat", type: "User" }, [userPurchase(org, team, 5)]);
    const token = fake.codes.get(code);
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);

    fake.list(team, [listingAccount(org.id, team)]);
    await context.deps.reconcileGithub();
    expect(fake.revoked).toEqual([]);

    await deliver(
      context.app,
      purchasePayload("cancelled", context.clock.now().toISOString(), {
        accountId: org.id,
        planId: 435,
        unitCount: 0,
      }),
    ).expect(202);
    fake.accounts.set(435, []);
    context.clock.advance(1000);
    const result = await context.deps.reconcileGithub();

    expect(result.tokens).toEqual({ revoked: 1, failed: 0 });
    expect(fake.revoked).toEqual([token]);
    expect((await context.deps.reconcileGithub()).tokens.revoked).toBe(0);
  });

  it("revokes the token when a cancellation takes effect, even with reconciliation off", async () => {
    const org = { id: 18404719, login: "octo-org", type: "Organization" as const };
    const code = fake.authorize({ id: 583231, login: "octocat", type: "User" }, [userPurchase(org, team, 5)]);
    const token = fake.codes.get(code);
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);

    // A paid plan cancelled at the end of its cycle: access (and the token) last until then.
    const endOfCycle = new Date(context.clock.now().getTime() + 7 * 86_400_000);
    await deliver(
      context.app,
      purchasePayload("cancelled", endOfCycle.toISOString(), {
        accountId: org.id,
        planId: 435,
        unitCount: 0,
      }),
    ).expect(202);
    expect(await context.deps.revokeEndedGithubTokens()).toEqual({ revoked: 0, failed: 0 });
    expect(fake.revoked).toEqual([]);

    context.clock.set(endOfCycle);
    expect(await context.deps.revokeEndedGithubTokens()).toEqual({ revoked: 1, failed: 0 });
    expect(fake.revoked).toEqual([token]);
  });

  it("uses the stubbed endpoints for a draft listing and authenticates with a GitHub App JWT when configured", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    fake.appJwt = { appId: "4242", publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() };
    fake.list(team, [listingAccount(7, team)]);
    const deps = composeApp({
      dataSource: context.database.dataSource,
      config: {
        secrets: TEST_SECRETS,
        validateResponses: true,
        github: fakeGithubConfig(fake, {
          stubbed: true,
          appId: "4242",
          appPrivateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
        }),
      },
      logger: context.deps.logger,
      clock: context.clock,
    });

    const result = await deps.reconcileGithub();

    expect(result.drift.missed_purchase).toBe(1);
    expect(fake.requests.map((r) => r.path)).toEqual([
      "/marketplace_listing/stubbed/plans",
      "/marketplace_listing/stubbed/plans/435/accounts",
    ]);
    expect(fake.requests.every((r) => r.authorization?.startsWith("Bearer "))).toBe(true);
  });

  it("fails without repairs when GitHub refuses the app's credentials", async () => {
    fake.appJwt = { appId: "1", publicKey: "unused" };
    fake.list(team, [listingAccount(7, team)]);
    await expect(context.deps.reconcileGithub()).rejects.toMatchObject({ kind: "unauthorized" });
    expect(await storedEvents()).toHaveLength(0);
  });
});
