import { describe, expect, it } from "vitest";
import { FULL_LIFE_IN_ORDER } from "../../../test/support/evotor-fixtures.js";
import { githubExamples } from "../../../test/support/github-deliveries.js";
import type { InboundEvent, Marketplace } from "../events/inbound-event.js";
import { evotorAdapter } from "../evotor/evotor-adapter.js";
import { githubAdapter } from "../github/github-adapter.js";
import { projectorOf } from "../marketplaces/fold-account.js";
import { redactEvent } from "./event-redaction.js";

const NOW = new Date("2026-06-01T00:00:00Z");

function logged(marketplace: Marketplace, eventType: string, payload: unknown, id: number): InboundEvent {
  return {
    id: String(id),
    marketplace,
    source: "webhook",
    eventType,
    dedupeKey: `key-${id}`,
    accountId: "1",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    rawBody: new TextEncoder().encode(JSON.stringify(payload)),
    payload,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, id)),
    status: "applied",
    appliedAt: null,
    applyError: null,
    applyAttempts: 0,
    nextAttemptAt: null,
  };
}

/** What a redacted log still has to derive: everything but the login (which is what is erased). */
function facts(events: InboundEvent[], marketplace: Marketplace) {
  const projector = marketplace === "github" ? projectorOf(githubAdapter) : projectorOf(evotorAdapter);
  const { subscriptions, plans } = projector.project(events, NOW);
  return {
    plans,
    subscriptions: subscriptions.map(({ details, ...rest }) => ({
      ...rest,
      details: { ...details, accountLogin: undefined },
    })),
  };
}

function redacted(event: InboundEvent): InboundEvent {
  const result = redactEvent(event);
  return result
    ? { ...event, payload: result.payload, rawBody: result.rawBody, headers: result.headers }
    : event;
}

describe("redactEvent", () => {
  it("keeps what GitHub's published examples fold to, and drops logins, e-mails and the sender", () => {
    const examples = githubExamples("marketplace_purchase");
    const events = examples.map((payload, index) =>
      logged("github", `marketplace_purchase.${String(payload.action)}`, payload, index + 1),
    );
    expect(facts(events.map(redacted), "github")).toEqual(facts(events, "github"));
    for (const event of events.map(redacted)) {
      const body = new TextDecoder().decode(event.rawBody);
      expect(body).not.toMatch(/"login"|"email"|"sender"|organization_billing_email|node_id/);
      expect(JSON.parse(body)).toEqual(event.payload);
      expect(event.headers["content-type"]).toBe("application/json");
    }
  });

  it("keeps what Evotor's events fold to, whatever extra fields they carry", () => {
    const events = FULL_LIFE_IN_ORDER.map((payload, index) =>
      logged(
        "evotor",
        String(payload.type),
        { ...payload, customerName: "Ivan Petrov", extra: { phone: "+70000000000" } },
        index + 1,
      ),
    );
    expect(facts(events.map(redacted), "evotor")).toEqual(facts(events, "evotor"));
    for (const event of events.map(redacted)) {
      expect(new TextDecoder().decode(event.rawBody)).not.toMatch(/Ivan|\+7000/);
    }
  });

  it("leaves an already redacted event alone", () => {
    const [example] = githubExamples("marketplace_purchase");
    const once = redacted(logged("github", `marketplace_purchase.${String(example?.action)}`, example, 1));
    expect(redactEvent(once)).toBeNull();
  });
});
