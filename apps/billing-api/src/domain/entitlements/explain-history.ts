import { countsForAccount, type InboundEvent } from "../events/inbound-event.js";
import { foldGrants, type Grant, isGrantEventType } from "../grants/grant.js";
import type { PlanKey } from "../plans/plan.js";
import type { AccountProjector } from "../subscriptions/account-projector.js";
import type { Subscription } from "../subscriptions/subscription.js";
import { isEntitledStatus, statusAt, subscriptionAt } from "../subscriptions/subscription-status.js";

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  event: InboundEvent;
  changes: Change[];
  /** The plans of the subscriptions that entitled the account right after the event (at its arrival). */
  livePlans: PlanKey[];
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
    if (isGrantEventType(event.eventType)) {
      changes.push(...grantChanges(events.slice(0, index), events.slice(0, index + 1)));
    }
    const livePlans = [...after.values()].flatMap((stored) => {
      const subscription = subscriptionAt(stored, event.receivedAt);
      return subscription.planId !== null && isEntitledStatus(statusAt(subscription, event.receivedAt))
        ? [{ marketplace: subscription.marketplace, planId: subscription.planId }]
        : [];
    });
    return { event, changes, livePlans };
  });
}

/** A grant made or revoked: `grant.<id>` from what it was to what it is (its terms, its end). */
function grantChanges(before: readonly InboundEvent[], after: readonly InboundEvent[]): Change[] {
  const grantEvents = (events: readonly InboundEvent[]) =>
    events.filter((event) => isGrantEventType(event.eventType) && countsForAccount(event.status));
  const old = new Map(foldGrants(grantEvents(before)).map((grant) => [grant.id, grant]));
  const changes: Change[] = [];
  for (const grant of foldGrants(grantEvents(after))) {
    const from = old.get(grant.id);
    const [was, is] = [from ? grantFacts(from) : null, grantFacts(grant)];
    if (JSON.stringify(was) !== JSON.stringify(is)) {
      changes.push({ field: `grant.${grant.id}`, from: was, to: is });
    }
  }
  return changes;
}

function grantFacts(grant: Grant): unknown {
  const { id: _id, appliesTo: _appliesTo, ...facts } = grant;
  return normalize(facts);
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map(normalize);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalize(inner)]));
  }
  return value;
}
