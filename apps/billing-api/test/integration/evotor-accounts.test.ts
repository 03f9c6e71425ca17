import { createHash, createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { composeApp } from "../../src/composition.js";
import type { EvotorConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { decodeDataKey, SecretBox } from "../../src/security/secret-box.js";
import { TEST_SECRETS, useTestApp } from "../support/test-app.js";

const context = useTestApp();
const BEARER = `Bearer ${TEST_SECRETS.evotorWebhookToken}`;
const ADMIN = `Bearer ${TEST_SECRETS.adminApiKey}`;
const USER_ID = "01-000000000000001";
const OTHER_USER_ID = "01-000000000000002";

function post(path: string, body: unknown, authorization = BEARER, app = context.app) {
  return request(app)
    .post(path)
    .set("Authorization", authorization)
    .send(body as object);
}

/** The same app on the same database, with a different Evotor configuration. */
function appWith(evotor: EvotorConfig) {
  const deps = composeApp({
    dataSource: context.database.dataSource,
    config: { secrets: TEST_SECRETS, validateResponses: true, evotor },
    logger: createLogger({ level: "silent" }),
    clock: context.clock,
  });
  return createApp(deps);
}

async function evotorUsers(): Promise<Array<Record<string, unknown>>> {
  return context.database.dataSource.query(`SELECT * FROM evotor_user ORDER BY user_id`);
}

async function directoryAccount(body: Record<string, unknown>) {
  return request(context.app).post("/admin/accounts").set("Authorization", ADMIN).send(body).expect(201);
}

describe("POST /evotor/api/v1/user/create", () => {
  it("registers the reference example and answers a user token with hasBilling false", async () => {
    const response = await post("/evotor/api/v1/user/create", {
      userId: USER_ID,
      email: "owner@example.com",
      password: "secret",
    }).expect(200);
    expect(response.body).toEqual({ userId: USER_ID, token: expect.any(String), hasBilling: false });
    const token = response.body.token as string;
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);

    const [row] = await evotorUsers();
    expect(row).toMatchObject({
      user_id: USER_ID,
      origin: "create",
      custom_fields: { email: "owner@example.com" },
    });
    // Only a hash of the token is stored, and no password.
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain('secret"');
    expect(row?.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("answers a repeated create for the same userId with the same token", async () => {
    const body = { userId: USER_ID, email: "owner@example.com" };
    const first = await post("/evotor/api/v1/user/create", body).expect(200);
    const second = await post("/evotor/api/v1/user/create", body).expect(200);
    expect(second.body).toEqual(first.body);
    expect(await evotorUsers()).toHaveLength(1);
  });

  it("accepts the legacy userUuid", async () => {
    const response = await post("/evotor/api/v1/user/create", {
      userUuid: USER_ID,
      firstName: "Ivan",
    }).expect(200);
    expect(response.body).toEqual({
      userId: USER_ID,
      userUuid: USER_ID,
      token: expect.any(String),
      hasBilling: false,
    });
  });

  it("answers 409 with 2005 when the data belong to another account", async () => {
    await post("/evotor/api/v1/user/create", { userId: USER_ID, email: "owner@example.com" }).expect(200);
    const clash = await post("/evotor/api/v1/user/create", {
      userId: OTHER_USER_ID,
      email: "OWNER@example.com",
    }).expect(409);
    expect(clash.body).toEqual({ errors: [{ code: 2005, reason: "already exists", subject: "email" }] });

    await directoryAccount({ username: "taken@example.com", password: "password-123" });
    const vendorClash = await post("/evotor/api/v1/user/create", {
      userId: OTHER_USER_ID,
      email: "taken@example.com",
    }).expect(409);
    expect(vendorClash.body.errors[0]).toMatchObject({ code: 2005, subject: "email" });
    expect(await evotorUsers()).toHaveLength(1);
  });

  it("answers 2002 for a missing userId and 2003 for a malformed one, storing nothing", async () => {
    expect((await post("/evotor/api/v1/user/create", { email: "a@example.com" }).expect(400)).body).toEqual({
      errors: [{ code: 2002, reason: "missing", subject: "userId" }],
    });
    expect((await post("/evotor/api/v1/user/create", { userId: "42" }).expect(400)).body).toEqual({
      errors: [{ code: 2003, reason: "incorrect", subject: "userId", value: "42" }],
    });
    const malformed = await request(context.app)
      .post("/evotor/api/v1/user/create")
      .set("Authorization", BEARER)
      .set("Content-Type", "application/json")
      .send("{userId:")
      .expect(400);
    expect(malformed.body).toEqual({ errors: [{ code: 2001, reason: "syntax error" }] });
    expect(await evotorUsers()).toHaveLength(0);
  });

  it("answers 401 with 1001 for a wrong app token", async () => {
    const response = await post(
      "/evotor/api/v1/user/create",
      { userId: USER_ID },
      "Bearer not-the-token-123456",
    ).expect(401);
    expect(response.body).toEqual({ errors: [{ code: 1001, reason: "unauthorized" }] });
    expect(await evotorUsers()).toHaveLength(0);
  });
});

describe("POST /evotor/api/v1/user/verify", () => {
  it("links a directory account (reference example) and answers its billing flag", async () => {
    await directoryAccount({ username: "v.pupkin", password: "superpassword", hasBilling: true });
    const body = {
      userId: USER_ID,
      username: "v.pupkin",
      password: "superpassword",
      customField: "любое значение",
    };
    const response = await post("/evotor/api/v1/user/verify", body).expect(200);
    expect(response.body).toEqual({ userId: USER_ID, hasBilling: true, token: expect.any(String) });
    const again = await post("/evotor/api/v1/user/verify", body).expect(200);
    // Evotor's earlier guide names the user `userUuid`: the answer uses the caller's name too.
    const { userId: _userId, ...legacy } = body;
    const older = await post("/evotor/api/v1/user/verify", { ...legacy, userUuid: USER_ID }).expect(200);
    expect(older.body).toEqual({
      userId: USER_ID,
      userUuid: USER_ID,
      hasBilling: true,
      token: response.body.token,
    });
    expect(again.body).toEqual(response.body);

    const [row] = await evotorUsers();
    expect(row).toMatchObject({ origin: "verify", has_billing: true, vendor_account_id: expect.any(String) });
    expect(JSON.stringify(row)).not.toContain("superpassword");
  });

  it("answers 401 with 1006 for wrong credentials", async () => {
    await directoryAccount({ username: "v.pupkin", password: "superpassword" });
    for (const body of [
      { userId: USER_ID, username: "v.pupkin", password: "wrong-password" },
      { userId: USER_ID, username: "nobody", password: "superpassword" },
      { userId: USER_ID, username: "v.pupkin" },
    ]) {
      const response = await post("/evotor/api/v1/user/verify", body).expect(401);
      expect(response.body).toEqual({
        errors: [{ code: 1006, reason: "wrong credentials", subject: "password" }],
      });
    }
    expect(await evotorUsers()).toHaveLength(0);
  });

  it("checks the custom fields a directory account requires", async () => {
    await directoryAccount({ username: "shop", password: "superpassword", fields: { inn: "7700000000" } });
    await post("/evotor/api/v1/user/verify", {
      userId: USER_ID,
      username: "shop",
      password: "superpassword",
      inn: "1",
    }).expect(401);
    await post("/evotor/api/v1/user/verify", {
      userId: USER_ID,
      username: "shop",
      password: "superpassword",
      inn: "7700000000",
    }).expect(200);
  });

  it("answers 409 with 2004 when the account is linked to another Evotor user", async () => {
    await directoryAccount({ username: "v.pupkin", password: "superpassword" });
    await post("/evotor/api/v1/user/verify", {
      userId: USER_ID,
      username: "v.pupkin",
      password: "superpassword",
    }).expect(200);
    const response = await post("/evotor/api/v1/user/verify", {
      userId: OTHER_USER_ID,
      username: "v.pupkin",
      password: "superpassword",
    }).expect(409);
    expect(response.body).toEqual({ errors: [{ code: 2004, reason: "already linked", subject: "userId" }] });
  });

  /** A vendor endpoint on loopback answering with `answer`; resolves its URL and the bodies it received. */
  async function vendorEndpoint(answer: (res: import("node:http").ServerResponse) => void) {
    const received: string[] = [];
    const server: Server = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => {
        raw += chunk;
      });
      req.on("end", () => {
        received.push(raw);
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/accounts`,
      received,
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  }

  const callbackApp = (url: string) =>
    appWith({
      basicCredentials: null,
      accountSource: "callback",
      accountCallback: { url, secret: "callback-secret-0123456789" },
    });

  it("never follows a redirect of the vendor callback: the password is not re-posted, Evotor gets 500 (5000)", async () => {
    const elsewhere = await vendorEndpoint((res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ result: "verified", accountId: "attacker", hasBilling: true }));
    });
    const statuses = [301, 302, 303, 307, 308];
    const redirecting = await vendorEndpoint((res) => {
      res.writeHead(statuses[redirecting.received.length - 1] ?? 302, { Location: elsewhere.url });
      res.end();
    });
    try {
      const app = callbackApp(redirecting.url);
      for (const _status of statuses) {
        await post(
          "/evotor/api/v1/user/verify",
          { userId: USER_ID, username: "u", password: "right-password" },
          BEARER,
          app,
        ).expect(500, { errors: [{ code: 5000, reason: "internal error" }] });
      }
      expect(redirecting.received).toHaveLength(statuses.length);
      expect(elsewhere.received).toEqual([]);
      expect(await evotorUsers()).toEqual([]);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it("refuses a vendor answer that specs/vendor-account-callback.yaml does not allow", async () => {
    const answers: unknown[] = [
      { result: "verified", accountId: "acct-42", hasBilling: "false" },
      { result: "verified", accountId: "" },
      { result: "maybe" },
      ["verified"],
    ];
    const vendor = await vendorEndpoint((res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(answers[vendor.received.length - 1]));
    });
    try {
      const app = callbackApp(vendor.url);
      for (const _answer of answers) {
        await post(
          "/evotor/api/v1/user/verify",
          { userId: USER_ID, username: "u", password: "right-password" },
          BEARER,
          app,
        ).expect(500, { errors: [{ code: 5000, reason: "internal error" }] });
      }
      expect(vendor.received).toHaveLength(answers.length);
      expect(await evotorUsers()).toEqual([]);
    } finally {
      await vendor.close();
    }
  });

  it("refuses a plain-http callback URL to a non-loopback host", () => {
    expect(() => callbackApp("http://vendor.example/accounts")).toThrow(/https/);
  });

  it("asks the vendor's signed callback when configured so", async () => {
    const secret = "callback-secret-0123456789";
    const seen: Array<{ signatureOk: boolean; body: Record<string, unknown> }> = [];
    const vendor: Server = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => {
        raw += chunk;
      });
      req.on("end", () => {
        const timestamp = String(req.headers["x-billing-timestamp"]);
        const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${raw}`).digest("hex")}`;
        const body = JSON.parse(raw) as Record<string, unknown>;
        seen.push({ signatureOk: req.headers["x-billing-signature"] === expected, body });
        const answer =
          body.password === "right-password"
            ? { result: "verified", accountId: "acct-42", hasBilling: false }
            : { result: "invalid_credentials" };
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => vendor.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = vendor.address() as AddressInfo;
      const app = appWith({
        basicCredentials: null,
        accountSource: "callback",
        accountCallback: { url: `http://127.0.0.1:${port}/accounts`, secret },
      });
      const ok = await post(
        "/evotor/api/v1/user/verify",
        { userId: USER_ID, username: "u", password: "right-password", shop: "1" },
        BEARER,
        app,
      ).expect(200);
      expect(ok.body).toMatchObject({ userId: USER_ID, hasBilling: false });
      await post(
        "/evotor/api/v1/user/verify",
        { userId: USER_ID, username: "u", password: "nope" },
        BEARER,
        app,
      ).expect(401);
      expect(seen.map((call) => call.signatureOk)).toEqual([true, true]);
      expect(seen[0]?.body).toEqual({
        action: "verify",
        userId: USER_ID,
        username: "u",
        password: "right-password",
        fields: { shop: "1" },
      });
      expect((await evotorUsers())[0]).toMatchObject({ vendor_account_id: "acct-42" });
    } finally {
      await new Promise((resolve) => vendor.close(resolve));
    }
  });
});

describe("POST /evotor/api/v1/user/token", () => {
  it("stores the Evotor Cloud token sealed, never in the clear", async () => {
    const cloudToken = "f46b89a5-8e80-4591-b0aa-94551790444b";
    await post("/evotor/api/v1/user/token", { userId: USER_ID, token: cloudToken }).expect(200, {});
    const [row] = await evotorUsers();
    expect(JSON.stringify(row)).not.toContain(cloudToken);
    const box = new SecretBox(decodeDataKey(TEST_SECRETS.dataEncryptionKey)!, "evotor-cloud-token");
    expect(box.open(row?.cloud_token_sealed as string)).toBe(cloudToken);
    const [{ count }] = await context.database.dataSource.query(
      `SELECT count(*)::int AS count FROM inbound_event`,
    );
    expect(count).toBe(0);
  });

  it("answers 2002 when the token is missing", async () => {
    const response = await post("/evotor/api/v1/user/token", { userId: USER_ID }).expect(400);
    expect(response.body).toEqual({ errors: [{ code: 2002, reason: "missing", subject: "token" }] });
  });
});

describe("Basic credentials", () => {
  let app: ReturnType<typeof appWith>;
  beforeAll(() => {
    app = appWith({
      basicCredentials: { username: "evotor", password: "basic-password-1" },
      accountSource: "directory",
      accountCallback: null,
    });
  });

  it("accepts the configured Basic pair and refuses another", async () => {
    const good = `Basic ${Buffer.from("evotor:basic-password-1").toString("base64")}`;
    const bad = `Basic ${Buffer.from("evotor:wrong-password").toString("base64")}`;
    await post("/evotor/api/v1/user/create", { userId: USER_ID }, good, app).expect(200);
    expect(
      (await post("/evotor/api/v1/user/create", { userId: OTHER_USER_ID }, bad, app).expect(401)).body,
    ).toEqual({
      errors: [{ code: 1001, reason: "unauthorized" }],
    });
  });
});

describe("vendor account directory admin", () => {
  it("requires the admin key", async () => {
    const response = await request(context.app)
      .get("/admin/accounts")
      .set("Authorization", "Bearer wrong")
      .expect(401);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  });

  it("creates, lists, reads and changes accounts without ever showing a password hash", async () => {
    const created = await directoryAccount({ username: "V.Pupkin", password: "superpassword" });
    await request(context.app)
      .post("/admin/accounts")
      .set("Authorization", ADMIN)
      .send({ username: "v.pupkin", password: "another-password" })
      .expect(409);
    const list = await request(context.app).get("/admin/accounts").set("Authorization", ADMIN).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain("scrypt");

    const id = created.body.id as string;
    await request(context.app)
      .patch(`/admin/accounts/${id}`)
      .set("Authorization", ADMIN)
      .send({ password: "changed-password" })
      .expect(200);
    await post("/evotor/api/v1/user/verify", {
      userId: USER_ID,
      username: "v.pupkin",
      password: "superpassword",
    }).expect(401);
    await post("/evotor/api/v1/user/verify", {
      userId: USER_ID,
      username: "v.pupkin",
      password: "changed-password",
    }).expect(200);
    await request(context.app).get("/admin/accounts/nope").set("Authorization", ADMIN).expect(404);
    await request(context.app)
      .post("/admin/accounts")
      .set("Authorization", ADMIN)
      .send({ username: "x", password: "short" })
      .expect(400);
  });
});
