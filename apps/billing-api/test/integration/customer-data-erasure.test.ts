import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createEntitlementsClient } from "@marketplace-billing/contracts";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { FULL_LIFE, FULL_LIFE_IN_ORDER, USER_ID } from "../support/evotor-fixtures.js";
import { FakeGithub, listingPlan, userPurchase } from "../support/fake-github.js";
import { deliver, purchasePayload } from "../support/github-deliveries.js";
import { callback, fakeGithubConfig, startFlow } from "../support/github-onboarding-flow.js";
import { useListeningApp } from "../support/listening.js";
import { findPersonalValues } from "../support/personal-data-search.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const fake = new FakeGithub();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
const context = useTestApp({ github: () => fakeGithubConfig(fake), sleep: async () => {} });
const server = useListeningApp(() => context.app);
beforeEach(() => fake.reset());

const ORG = "18404719";
const team = listingPlan(435, { name: "Team", price_model: "PER_UNIT" });
const buyer = {
  id: 583231,
  login: "mona-octocat",
  type: "User",
  name: "Mona Lisa Octocat",
  email: "mona@octo.example",
};
const org = { id: Number(ORG), login: "octo-org-inc", type: "Organization" as const };

/** Everything personal the GitHub scenario puts in: none of it may survive the erasure. */
const GITHUB_PERSONAL = [
  "mona-octocat",
  "Mona Lisa Octocat",
  "mona@octo.example",
  "octo-org-inc",
  "billing@octo-org-inc.example",
  "alice@acme.example",
  "Octo Org Incorporated",
];

const client = () =>
  createEntitlementsClient({ baseUrl: server.url, apiKey: TEST_SECRETS.adminApiKey, retries: 0 });

/** A delivery as GitHub sends it for the organization, with the personal fields real ones carry. */
function orgDelivery(action: string, effectiveDate: string) {
  const payload = purchasePayload(action, effectiveDate, { planId: 435, unitCount: 3 });
  return {
    ...payload,
    sender: { login: buyer.login, id: buyer.id, type: "User", name: buyer.name, email: buyer.email },
    marketplace_purchase: {
      ...payload.marketplace_purchase,
      account: {
        ...payload.marketplace_purchase.account,
        login: org.login,
        organization_billing_email: "billing@octo-org-inc.example",
      },
    },
  };
}

async function entitlementOf(marketplace: "github" | "evotor", accountId: string) {
  const { updatedAt: _updatedAt, ...rest } = await client().getEntitlement(marketplace, accountId);
  return rest;
}

async function historyOf(marketplace: "github" | "evotor", accountId: string) {
  const { data } = await client().api.GET("/v1/entitlements/{marketplace}/{accountId}/history", {
    params: { path: { marketplace, accountId } },
  });
  return data?.events;
}

/** `npm run cli -- events replay …` on the test database, the way an operator runs it. */
async function cliReplay(marketplace: string, accountId: string) {
  const run = promisify(execFile);
  return run(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=development",
      "src/cli/main.ts",
      "events",
      "replay",
      marketplace,
      accountId,
    ],
    {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: inject("databaseUrl"),
        GITHUB_WEBHOOK_SECRET: TEST_SECRETS.githubWebhookSecrets.join(","),
        EVOTOR_WEBHOOK_TOKEN: TEST_SECRETS.evotorWebhookToken,
        ADMIN_API_KEY: TEST_SECRETS.adminApiKey,
        DATA_ENCRYPTION_KEY: TEST_SECRETS.dataEncryptionKey,
        LOG_LEVEL: "silent",
      },
    },
  );
}

describe("customer data lifecycle", () => {
  it("erases a cancelled GitHub customer's personal data after the retention, and replays the same entitlement", async () => {
    // The buyer onboards for its organization, the webhooks come, the product links a customer and gives seats.
    const code = fake.authorize(buyer, [userPurchase(org, team, 3)]);
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);
    await deliver(context.app, orgDelivery("purchased", "2026-03-01T00:00:00Z")).expect(202);
    await deliver(context.app, orgDelivery("cancelled", "2026-04-01T00:00:00Z"), { form: true }).expect(202);
    const api = client().api;
    const customer = await api.POST("/v1/customers", {
      body: { externalId: "cust-42", name: "Octo Org Incorporated" },
    });
    await api.POST("/v1/customers/{customerId}/links", {
      params: { path: { customerId: customer.data?.id ?? "" } },
      body: { marketplace: "github", accountId: ORG },
    });
    await api.PUT("/v1/entitlements/{marketplace}/{accountId}/seats", {
      params: { path: { marketplace: "github", accountId: ORG } },
      body: { userIds: ["alice@acme.example"] },
    });
    expect(await findPersonalValues(context.database.dataSource, GITHUB_PERSONAL)).not.toEqual([]);

    context.clock.set("2026-04-02T00:00:00Z");
    const entitlement = await entitlementOf("github", ORG);
    expect(entitlement).toMatchObject({ status: "cancelled", entitled: false });
    const history = await historyOf("github", ORG);

    // Within the retention nothing is erased.
    context.clock.set("2026-04-30T00:00:00Z");
    expect(await context.deps.eraseExpiredCustomerData()).toEqual({ erased: 0 });
    expect(await findPersonalValues(context.database.dataSource, ["mona-octocat"])).not.toEqual([]);

    // 30 days after the cancellation took effect, the job erases; a second pass finds nothing left to do.
    context.clock.set("2026-05-01T00:00:01Z");
    expect(await context.deps.eraseExpiredCustomerData()).toEqual({ erased: 1 });
    expect(await context.deps.eraseExpiredCustomerData()).toEqual({ erased: 0 });
    expect(await findPersonalValues(context.database.dataSource, GITHUB_PERSONAL)).toEqual([]);
    const [githubUsers] = await context.database.dataSource.query(`SELECT count(*) AS n FROM "github_user"`);
    expect(Number(githubUsers.n)).toBe(0);

    // The facts stay: the same entitlement (the seats held by the product's users are gone with their ids),
    // the same history, and the erasure on record (what, when, why).
    const erased = { ...entitlement, seats: { ...entitlement.seats, used: 0 } };
    expect(await entitlementOf("github", ORG)).toEqual(erased);
    expect(await historyOf("github", ORG)).toEqual(history);
    const redactions = await context.database.dataSource.query(`SELECT * FROM "redaction"`);
    expect(redactions).toHaveLength(1);
    expect(redactions[0]).toMatchObject({
      marketplace: "github",
      account_id: ORG,
      reason: "retention: access ended 2026-04-01T00:00:00.000Z",
      fields: {
        inbound_event: {
          rows: 3,
          fields: expect.arrayContaining([
            "raw_body",
            "payload.sender",
            "payload.marketplace_purchase.account.login",
            "payload.marketplace_purchase.account.organization_billing_email",
          ]),
        },
        github_user: { rows: 1, fields: ["login", "sealed_token"] },
        seat: { rows: 1, fields: ["user_id"] },
        customer_link: { rows: 1, fields: ["customer_id"] },
        customer: { rows: 1, fields: ["name"] },
      },
    });

    // The operator's replay from the redacted log derives the same subscription.
    await cliReplay("github", ORG);
    expect(await entitlementOf("github", ORG)).toEqual(erased);

    // A purchase that comes back starts clean: entitled, no seats, no customer, nothing from before.
    await deliver(context.app, orgDelivery("purchased", "2026-05-10T00:00:00Z")).expect(202);
    context.clock.set("2026-05-11T00:00:00Z");
    expect(await client().getEntitlement("github", ORG)).toMatchObject({
      entitled: true,
      status: "active",
      seats: { limit: 3, used: 0 },
      doublePurchase: false,
    });
    const linked = await api.GET("/v1/customers/{customerId}", {
      params: { path: { customerId: customer.data?.id ?? "" } },
    });
    expect(linked.data).toMatchObject({ externalId: "cust-42", name: null, links: [] });
  }, 60_000);

  it("erases a terminated Evotor user's custom fields, tokens and event bodies", async () => {
    const evotor = (path: string, body: object) =>
      request(context.app)
        .post(path)
        .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
        .send(body)
        .expect(200);
    await evotor("/evotor/api/v1/user/create", {
      userId: USER_ID,
      email: "owner@shop.example",
      lastName: "Petrov-Vodkin",
    });
    await evotor("/evotor/api/v1/user/token", { userId: USER_ID, token: "evotor-cloud-token-0123456789" });
    for (const payload of FULL_LIFE_IN_ORDER) {
      const path =
        "subscriptionId" in payload
          ? "/evotor/api/v1/subscription/event"
          : "/evotor/api/v2/installation/event";
      // Evotor may add fields; whatever they hold about the merchant goes too.
      await evotor(path, { ...payload, merchantEmail: "owner@shop.example" });
    }
    context.clock.set("2026-03-20T00:00:00Z");
    const entitlement = await entitlementOf("evotor", USER_ID);
    expect(entitlement).toMatchObject({ status: "cancelled" });
    const history = await historyOf("evotor", USER_ID);

    context.clock.set("2026-04-15T00:00:00Z");
    expect(await context.deps.eraseExpiredCustomerData()).toEqual({ erased: 1 });
    expect(
      await findPersonalValues(context.database.dataSource, [
        "owner@shop.example",
        "Petrov-Vodkin",
        "evotor-cloud-token-0123456789",
      ]),
    ).toEqual([]);
    const [users] = await context.database.dataSource.query(`SELECT count(*) AS n FROM "evotor_user"`);
    expect(Number(users.n)).toBe(0);
    expect(await entitlementOf("evotor", USER_ID)).toEqual(entitlement);
    expect(await historyOf("evotor", USER_ID)).toEqual(history);
  });

  it("erases an Evotor user who uninstalled the app without a live subscription", async () => {
    const evotor = (path: string, body: object) =>
      request(context.app)
        .post(path)
        .set("Authorization", `Bearer ${TEST_SECRETS.evotorWebhookToken}`)
        .send(body)
        .expect(200);
    await evotor("/evotor/api/v1/user/create", { userId: USER_ID, email: "owner@shop.example" });
    await evotor("/evotor/api/v2/installation/event", FULL_LIFE.installed);
    await evotor("/evotor/api/v2/installation/event", {
      ...FULL_LIFE.installed,
      id: "b1c2d3e4-0000-4000-8000-000000000002",
      type: "ApplicationUninstalled",
    });
    context.clock.advance(29 * 86_400_000);
    expect(await context.deps.eraseExpiredCustomerData()).toEqual({ erased: 0 });
    context.clock.advance(2 * 86_400_000);
    expect(await context.deps.eraseExpiredCustomerData()).toEqual({ erased: 1 });
    expect(await findPersonalValues(context.database.dataSource, ["owner@shop.example"])).toEqual([]);
  });

  it("erases on an operator's request, refusing a live account unless forced, and revokes the buyer's token", async () => {
    const code = fake.authorize(buyer, [userPurchase(org, team, 3)]);
    const flow = await startFlow(context.app);
    await callback(context.app, { code, state: flow.state }, flow.cookie);
    const token = [...fake.users.keys()][0];
    await deliver(context.app, orgDelivery("purchased", "2026-03-01T00:00:00Z")).expect(202);
    const api = client().api;
    const live = await api.POST("/v1/erasures", { body: { marketplace: "github", accountId: ORG } });
    expect(live.response.status).toBe(409);
    expect(live.error).toMatchObject({ type: expect.stringMatching(/access-not-ended$/) });

    const forced = await api.POST("/v1/erasures", {
      body: { marketplace: "github", accountId: ORG, reason: "ticket 7", force: true },
    });
    expect(forced.response.status).toBe(201);
    expect(forced.data).toMatchObject({
      marketplace: "github",
      accountId: ORG,
      reason: "operator: ticket 7",
    });
    expect(await findPersonalValues(context.database.dataSource, GITHUB_PERSONAL)).toEqual([]);
    expect(fake.revoked).toEqual([token]);
    expect((await client().getEntitlement("github", ORG)).entitled).toBe(true);
  });
});

describe("the event log's append-only guarantee", () => {
  const attempt = async (statements: string[]) => {
    const runner = context.database.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      for (const statement of statements) {
        await runner.query(statement);
      }
      return "passed";
    } catch (error) {
      return (error as Error).message;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  it("lets no update or delete through except the audited redaction path", async () => {
    await deliver(context.app, orgDelivery("purchased", "2026-03-01T00:00:00Z")).expect(202);
    const [{ id }] = await context.database.dataSource.query(`SELECT id FROM "inbound_event" LIMIT 1`);
    const redact = `SELECT "inbound_event_redact"(currval(pg_get_serial_sequence('redaction', 'id')), ${id}, '{}'::jsonb, '\\x7b7d'::bytea, '{}'::jsonb)`;
    const record = (accountId: string) =>
      `INSERT INTO "redaction" ("marketplace", "account_id", "reason", "redacted_at", "fields") VALUES ('github', '${accountId}', 'test', now(), '{}')`;
    // A redaction recorded in an earlier transaction does not open the log later.
    await context.database.dataSource.query(record(ORG));

    const refused = [
      [`DELETE FROM "inbound_event" WHERE id = ${id}`],
      [`UPDATE "inbound_event" SET "payload" = '{}'::jsonb WHERE id = ${id}`],
      [`UPDATE "inbound_event" SET "raw_body" = '\\x7b7d'::bytea WHERE id = ${id}`],
      [`UPDATE "inbound_event" SET "headers" = '{}'::jsonb WHERE id = ${id}`],
      [`UPDATE "inbound_event" SET "dedupe_key" = 'other' WHERE id = ${id}`],
      [`UPDATE "inbound_event" SET "account_id" = '1' WHERE id = ${id}`],
      // The flag alone is not enough: no redaction recorded in this transaction.
      [
        `SET LOCAL billing.redaction = 'on'`,
        `UPDATE "inbound_event" SET "payload" = '{}'::jsonb, "redaction_id" = 1 WHERE id = ${id}`,
      ],
      // A redaction of another account does not open this one's events.
      [record("42"), redact],
      // Recording a redaction without going through the redaction function is not enough either.
      [
        record(ORG),
        `UPDATE "inbound_event" SET "payload" = '{}'::jsonb, "redaction_id" = currval(pg_get_serial_sequence('redaction', 'id')) WHERE id = ${id}`,
      ],
      // The record of a redaction cannot be changed or removed.
      [`UPDATE "redaction" SET "reason" = 'other'`],
      [`DELETE FROM "redaction"`],
    ];
    for (const statements of refused) {
      expect(await attempt(statements), statements.join("; ")).not.toBe("passed");
    }
    // A column added later is as immutable as the rest, like the link of a conflicting delivery.
    expect(
      await attempt([
        `ALTER TABLE "inbound_event" ADD COLUMN "added_later" bigint`,
        `UPDATE "inbound_event" SET "added_later" = 1 WHERE id = ${id}`,
      ]),
    ).not.toBe("passed");
    expect(await attempt([`UPDATE "inbound_event" SET "conflicts_with" = 1 WHERE id = ${id}`])).not.toBe(
      "passed",
    );
    // The bookkeeping columns still move, and the audited path works.
    expect(await attempt([`UPDATE "inbound_event" SET "apply_attempts" = 7 WHERE id = ${id}`])).toBe(
      "passed",
    );
    expect(await attempt([record(ORG), redact])).toBe("passed");

    // A digest of the body (duplicate detection) cannot be changed by hand, and the redaction clears it.
    const digest = [
      `ALTER TABLE "inbound_event" DISABLE TRIGGER "trg_inbound_event_append_only"`,
      `UPDATE "inbound_event" SET "body_sha256" = sha256("raw_body") WHERE id = ${id}`,
      `ALTER TABLE "inbound_event" ENABLE TRIGGER "trg_inbound_event_append_only"`,
    ];
    expect(
      await attempt([
        ...digest,
        `UPDATE "inbound_event" SET "body_sha256" = '\\x00'::bytea WHERE id = ${id}`,
      ]),
    ).not.toBe("passed");
    expect(
      await attempt([
        ...digest,
        record(ORG),
        redact,
        `DO $$ BEGIN IF (SELECT "body_sha256" FROM "inbound_event" WHERE id = ${id}) IS NOT NULL THEN RAISE EXCEPTION 'digest kept'; END IF; END $$`,
      ]),
    ).toBe("passed");
  });
});
