import type { AccountRef } from "../entitlements/customers.js";
import type { InboundEvent } from "../events/inbound-event.js";
import type { GrantCreatedPayload, GrantRevokedPayload, GrantSubject } from "./grant.js";

/** Grants live in the event log, as events about their subject, so history and replay include them. */
export interface GrantLog {
  /** Appends a grant event (applied at once: its effect is read from the log). Idempotent on `dedupeKey`. */
  append(
    subject: GrantSubject,
    event:
      | { eventType: "grant.created"; payload: GrantCreatedPayload }
      | { eventType: "grant.revoked"; payload: GrantRevokedPayload },
    dedupeKey: string,
    at: Date,
  ): Promise<InboundEvent>;
  /** Grant events about the subject itself. */
  eventsAbout(subject: GrantSubject): Promise<InboundEvent[]>;
  /** Grant events that reach an account: its own, and those of the customer it is linked to (one round trip). */
  eventsReaching(account: AccountRef): Promise<InboundEvent[]>;
}
