import { countsForAccount, type InboundEvent } from "../events/inbound-event.js";
import type { AccountProjector } from "../subscriptions/account-projector.js";
import type { Subscription } from "../subscriptions/subscription.js";

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  event: InboundEvent;
  changes: Change[];
}

/** The facts whose changes explain an entitlement. */
const FIELDS = [
  "planId",
  "planName",
  "units",
  "billingCycle",
  "startedAt",
  "trialEndsAt",
  "currentPeriodEnd",
  "lapsesAt",
  "endsAt",
  "pendingChange",
  "billedBy",
] as const satisfies ReadonlyArray<keyof Subscription>;

/**
 * Every event of an account in arrival order, each with how the derived state differed before and after it
 * arrived (the projection of the events received so far). An out-of-order event shows the change it caused
 * when it arrived; the final state is the projection of all of them.
 */
export function explainHistory(
  events: readonly InboundEvent[],
  projector: AccountProjector,
  now: Date,
): HistoryEntry[] {
  let before = new Map<string, Subscription>();
  return events.map((event, index) => {
    // Dead and conflicting events are listed where they arrived but never folded, so they change nothing.
    const after = new Map(
      projector
        .project(
          events.slice(0, index + 1).filter((item) => countsForAccount(item.status)),
          now,
        )
        .subscriptions.map((item) => [item.subscriptionId, item]),
    );
    const several = new Set([...before.keys(), ...after.keys()]).size > 1;
    const changes: Change[] = [];
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      const old = before.get(id);
      const next = after.get(id);
      for (const field of FIELDS) {
        const from = normalize(old?.[field] ?? null);
        const to = normalize(next?.[field] ?? null);
        if (JSON.stringify(from) !== JSON.stringify(to)) {
          changes.push({ field: several ? `${id}.${field}` : field, from, to });
        }
      }
    }
    before = after;
    return { event, changes };
  });
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalize(inner)]));
  }
  return value;
}
