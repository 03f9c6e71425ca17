import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { type BillingEvent, verifyBillingEvent, WebhookVerificationError } from "../src/index.js";

const secret = () => `whsec_${randomBytes(24).toString("base64")}`;

const event: BillingEvent = {
  type: "trial.will_end",
  timestamp: "2026-03-02T00:00:00.000Z",
  data: {
    account: { marketplace: "github", accountId: "18404719" },
    customerId: null,
    sequence: 7,
    trial: { endsAt: "2026-03-05T00:00:00.000Z", daysLeft: 3 },
    plan: { planId: "435", name: "Team" },
  },
};

/** Signs the way billing-api does: standardwebhooks over `id.timestamp.body`, one signature per secret. */
function signed(body: string, secrets: string[], at = new Date()) {
  const id = "msg_2f1c9a";
  const signatures = secrets.map((key) => new Webhook(key).sign(id, at, body));
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

describe("verifyBillingEvent", () => {
  it("returns the typed event for a correctly signed body", () => {
    const key = secret();
    const body = JSON.stringify(event);
    const verified = verifyBillingEvent(Buffer.from(body), signed(body, [key]), key);
    expect(verified).toEqual(event);
    expect(verified.type === "trial.will_end" && verified.data.trial.daysLeft).toBe(3);
  });

  it("accepts Node's header record (mixed case, arrays) and a Fetch Headers object", () => {
    const key = secret();
    const body = JSON.stringify(event);
    const headers = signed(body, [key]);
    const nodeStyle = {
      "Webhook-Id": headers["webhook-id"],
      "webhook-timestamp": [headers["webhook-timestamp"]],
      "webhook-signature": headers["webhook-signature"],
      "content-type": "application/json",
    };
    expect(verifyBillingEvent(body, nodeStyle, key)).toEqual(event);
    expect(verifyBillingEvent(new TextEncoder().encode(body), new Headers(headers), key)).toEqual(event);
  });

  it("refuses a tampered body, a wrong secret and missing headers with the library's error", () => {
    const key = secret();
    const body = JSON.stringify(event);
    const headers = signed(body, [key]);
    const tampered = body.replace('"daysLeft":3', '"daysLeft":30');
    expect(() => verifyBillingEvent(tampered, headers, key)).toThrow(WebhookVerificationError);
    expect(() => verifyBillingEvent(body, headers, secret())).toThrow(/No matching signature/);
    expect(() => verifyBillingEvent(body, { ...headers, "webhook-id": "msg_other" }, key)).toThrow(
      WebhookVerificationError,
    );
    const { "webhook-signature": _dropped, ...unsigned } = headers;
    expect(() => verifyBillingEvent(body, unsigned, key)).toThrow(/Missing required headers/);
  });

  it("refuses a delivery signed more than 5 minutes ago or ahead (replay)", () => {
    const key = secret();
    const body = JSON.stringify(event);
    const old = signed(body, [key], new Date(Date.now() - 6 * 60_000));
    expect(() => verifyBillingEvent(body, old, key)).toThrow(/too old/);
    const ahead = signed(body, [key], new Date(Date.now() + 6 * 60_000));
    expect(() => verifyBillingEvent(body, ahead, key)).toThrow(/too new/);
    const recent = signed(body, [key], new Date(Date.now() - 4 * 60_000));
    expect(verifyBillingEvent(body, recent, key)).toEqual(event);
  });

  it("verifies during a secret rotation: either signature, either secret", () => {
    const [previous, current] = [secret(), secret()];
    const body = JSON.stringify(event);
    // billing-api signs with both while the old secret is still valid; the receiver may know one or both.
    const both = signed(body, [previous, current]);
    expect(verifyBillingEvent(body, both, current)).toEqual(event);
    expect(verifyBillingEvent(body, both, previous)).toEqual(event);
    // The receiver already has the new secret configured next to the old one; billing-api still signs with the old.
    expect(verifyBillingEvent(body, signed(body, [previous]), [current, previous])).toEqual(event);
    expect(() => verifyBillingEvent(body, signed(body, [previous]), [current, secret()])).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifyBillingEvent(body, both, [])).toThrow(TypeError);
  });

  it("refuses a signed body that is not a billing event", () => {
    const key = secret();
    for (const body of ['{"type":"subscription.created","timestamp":"x","data":{}}', "[1]", '"text"']) {
      expect(() => verifyBillingEvent(body, signed(body, [key]), key)).toThrow(WebhookVerificationError);
    }
  });
});
