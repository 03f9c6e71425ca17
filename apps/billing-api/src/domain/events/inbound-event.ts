/**
 * Where an inbound event came from: a marketplace delivery, a repair made by reconciliation against the
 * marketplace's API, or what the marketplace's API said during onboarding (before the webhook arrived).
 */
export type EventSource = "webhook" | "reconciliation" | "onboarding" | "admin";

/** A marketplace integration, named the same way in the event log, the API and the plan catalogue. */
export type Marketplace = "github" | "evotor";

/**
 * Lifecycle of a stored event:
 * - `received`: committed to the log, not applied yet (apply happens right after the 2xx or on retry);
 * - `applied`: its effect is in the subscription state;
 * - `failed`: applying it threw, or its fold could not interpret it; it is retried with backoff;
 * - `ignored`: stored on purpose without an effect (an event type we do not act on);
 * - `dead`: it failed `maxAttempts` times and is quarantined: no more retries, its account is derived from its
 *   other events, and an operator retries it after a fix (`events retry --dead`).
 */
export type InboundEventStatus = "received" | "applied" | "failed" | "ignored" | "dead";

/** Statuses whose event takes part in deriving its account's state (a dead event is left out). */
export function countsForAccount(status: InboundEventStatus): boolean {
  return status !== "dead";
}

export interface InboundEventDraft {
  marketplace: Marketplace;
  source: EventSource;
  /** The marketplace's own name for the event, e.g. `marketplace_purchase.purchased` or `SubscriptionCreated`. */
  eventType: string;
  /** The marketplace's delivery id or natural dedupe key; unique per marketplace. */
  dedupeKey: string;
  /** The marketplace account the event is about, when it names one; used to replay an account's history. */
  accountId: string | null;
  /** Selected request headers (never credentials or signatures). */
  headers: Record<string, string>;
  /** The body exactly as received. */
  rawBody: Uint8Array;
  /** The parsed body. */
  payload: unknown;
  receivedAt: Date;
}

export interface InboundEvent extends InboundEventDraft {
  /** Monotonic position in the log: the arrival order. */
  id: string;
  status: InboundEventStatus;
  appliedAt: Date | null;
  applyError: string | null;
  applyAttempts: number;
  nextAttemptAt: Date | null;
}

export interface AppendResult {
  event: InboundEvent;
  /** True when the dedupe key was already in the log: the stored event is returned and nothing changes. */
  duplicate: boolean;
}

/** The append-only log of every inbound delivery, shared by every marketplace adapter. */
export interface EventLog {
  /** Stores the event and commits before returning; idempotent on (marketplace, dedupeKey). */
  append(draft: InboundEventDraft): Promise<AppendResult>;
  markApplied(id: string, at: Date): Promise<void>;
  markIgnored(id: string, at: Date, reason: string): Promise<void>;
  /** Records a failed attempt and when to try again. */
  markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** Records the last failed attempt: the event is quarantined with its reason and never retried by itself. */
  markDead(id: string, error: string): Promise<void>;
  /** Dead events, oldest first. */
  listDead(limit: number): Promise<InboundEvent[]>;
  /** How many events are dead, per marketplace (a gauge in /metrics). */
  countDead(): Promise<Partial<Record<Marketplace, number>>>;
  /** Gives every dead event a fresh series of attempts, due at `now`; returns how many. */
  reviveDead(now: Date): Promise<number>;
  /** Events still to apply (`received` or `failed`) whose next attempt is due, oldest first. */
  listDue(now: Date, limit: number): Promise<InboundEvent[]>;
  findById(id: string): Promise<InboundEvent | null>;
  /** Every event about one account, in arrival order: the input of a replay. */
  listForAccount(marketplace: Marketplace, accountId: string): Promise<InboundEvent[]>;
}
