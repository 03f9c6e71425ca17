import type { EvotorEvent } from "../../src/domain/evotor/evotor-events.js";
import { parseInstallationEvent, parseSubscriptionEvent } from "../../src/domain/evotor/evotor-events.js";
import type { LoggedEvotorEvent } from "../../src/domain/evotor/evotor-subscription-fold.js";

/** Test helpers: build Evotor payloads the way Evotor sends them and parse them like the adapter does. */

export const USER_ID = "01-000000000000001";
export const SUBSCRIPTION_ID = "a99fbf70-6307-4acc-b61c-741ee9eef6c0";
export const PRODUCT_ID = "c0d01x35-5193-4cc2-9bfb-be20e0679498";

export function subscriptionPayload(
  type: string,
  sequenceNumber: number,
  timestamp: string,
  extra: Record<string, unknown> = {},
  subscriptionId = SUBSCRIPTION_ID,
): Record<string, unknown> {
  return {
    subscriptionId,
    productId: PRODUCT_ID,
    userId: USER_ID,
    timestamp,
    sequenceNumber,
    type,
    ...extra,
  };
}

export function installationPayload(id: string, type: string, timestampMs: number): Record<string, unknown> {
  return { id, timestamp: timestampMs, version: 2, type, data: { productId: PRODUCT_ID, userId: USER_ID } };
}

export function parse(payload: Record<string, unknown>): EvotorEvent {
  const parsed =
    "subscriptionId" in payload ? parseSubscriptionEvent(payload) : parseInstallationEvent(payload);
  if (!parsed.ok) {
    throw new Error(`fixture does not parse: ${JSON.stringify(parsed.error)}`);
  }
  return parsed.value;
}

/** Events as if they arrived in the given order: log ids follow arrival. */
export function arrived(payloads: Record<string, unknown>[]): LoggedEvotorEvent[] {
  return payloads.map((payload, index) => ({ logId: String(index + 1), event: parse(payload) }));
}

export function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let index = 0; index < items.length; index += 1) {
    const rest = [...items.slice(0, index), ...items.slice(index + 1)];
    for (const tail of permutations(rest)) {
      yield [items[index] as T, ...tail];
    }
  }
}

/** The full life of the "done when": Created → Installed → Activated → Renewed → TermsChanged → TerminationRequested → Terminated. */
export const FULL_LIFE = {
  created: subscriptionPayload("SubscriptionCreated", 1, "2026-01-01T10:00:00.000+0000", {
    planId: "basic",
    trialPeriodDuration: "P14DT",
    deviceNumber: 2,
  }),
  installed: installationPayload(
    "b1c2d3e4-0000-4000-8000-000000000001",
    "ApplicationInstalled",
    Date.parse("2026-01-01T10:00:01Z"),
  ),
  activated: subscriptionPayload("SubscriptionActivated", 2, "2026-01-15T10:05:00.000Z", {
    nextBillingDate: "2026-02-15T10:05:00.000+0000",
    chargedSum: { amount: 2416.67, currency: "RUB" },
  }),
  renewed: subscriptionPayload("SubscriptionRenewed", 3, "2026-02-15T10:06:00.000+0000", {
    nextBillingDate: "2026-03-15T10:06:00.000Z",
  }),
  termsChanged: subscriptionPayload("SubscriptionTermsChanged", 4, "2026-02-20T00:00:00.000Z", {
    planId: "pro",
    deviceNumber: 5,
    chargedSum: { amount: 800, currency: "RUB" },
  }),
  terminationRequested: subscriptionPayload(
    "SubscriptionTerminationRequested",
    5,
    "2026-03-01T00:00:00.000+0000",
  ),
  terminated: subscriptionPayload("SubscriptionTerminated", 6, "2026-03-15T10:06:00.000Z"),
};

/** The full life in the order Evotor sends it. */
export const FULL_LIFE_IN_ORDER = [
  FULL_LIFE.created,
  FULL_LIFE.installed,
  FULL_LIFE.activated,
  FULL_LIFE.renewed,
  FULL_LIFE.termsChanged,
  FULL_LIFE.terminationRequested,
  FULL_LIFE.terminated,
];
