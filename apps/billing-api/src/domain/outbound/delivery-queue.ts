import type { WebhookAttempt } from "./webhook-endpoints.js";

/** A due delivery, claimed for one attempt: no other worker or replica gets it until its lease ends. */
export interface ClaimedDelivery {
  id: string;
  /** The outbox event id: the `webhook-id`. */
  eventId: string;
  body: string;
  /** Failed attempts so far. */
  failures: number;
  eventWrittenAt: Date;
  endpoint: { id: string; url: string; failingSince: Date | null };
  /** The endpoint's current secret, then the previous one while it still signs. */
  secrets: string[];
}

export type AttemptRecord =
  | { kind: "succeeded" }
  | { kind: "retry"; at: Date }
  | { kind: "give_up" }
  | { kind: "disable_endpoint"; reason: "gone" | "failing" };

/** The deliveries still to make, shared by every dispatcher on every replica. */
export interface DeliveryQueue {
  /**
   * Claims up to `limit` due deliveries of enabled endpoints, oldest due first; a claim lasts until
   * `leaseUntil`, after which a delivery whose attempt was never recorded (a crash) is due again.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedDelivery[]>;
  /** Records an attempt and its consequence for the delivery and its endpoint. */
  record(delivery: ClaimedDelivery, attempt: WebhookAttempt, outcome: AttemptRecord): Promise<void>;
}
