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
 *   other events, and an operator retries it after a fix (`events retry --dead`);
 * - `conflict`: a redelivery under an earlier event's dedupe key with a different body, kept for inspection
 *   and never applied (see `conflictsWith`).
 */
export type InboundEventStatus = "received" | "applied" | "failed" | "ignored" | "dead" | "conflict";

/** Statuses whose event takes part in deriving its account's state (dead and conflicting events are left out). */
export function countsForAccount(status: InboundEventStatus): boolean {
  return status !== "dead" && status !== "conflict";
}

export interface InboundEventDraft {
  marketplace: Marketplace;
  source: EventSource;
  /** The marketplace's own name for the event, e.g. `marketplace_purchase.purchased` or `SubscriptionCreated`. */
  eventType: string;
  /** The marketplace's delivery id or natural dedupe key; unique per marketplace. */
  dedupeKey: string;
  /**
   * Also treat the same raw body (by SHA-256) as a duplicate, whatever its dedupe key: for marketplaces
   * whose delivery id changes when the same delivery is replayed (GitHub).
   */
  dedupeOnBody?: boolean;
  /**
   * Top-level payload fields a redelivery may legitimately renew (e.g. Evotor's send `timestamp`): ignored
   * when deciding whether a redelivery under the same dedupe key carries a different body.
   */
  volatileFields?: readonly string[];
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
  /** With status `conflict`: the id of the stored event whose dedupe key this delivery repeated. */
  conflictsWith?: string | null;
}

export interface AppendResult {
  /** The new row, the stored original (duplicate), or the conflicting delivery (conflict). */
  event: InboundEvent;
  /**
   * True when the delivery was already in the log (same dedupe key and same body, or, with `dedupeOnBody`,
   * the same body under any key): the stored event is returned and nothing changes.
   */
  duplicate: boolean;
  /**
   * True when the dedupe key was in the log with a different body: the new body was stored as a `conflict`
   * event (once per distinct body) referring to the original, and must not be applied.
   */
  conflict: boolean;
}

/** The append-only log of every inbound delivery, shared by every marketplace adapter. */
export interface EventLog {
  /**
   * Stores the event and commits before returning; idempotent on (marketplace, dedupeKey) and, with
   * `dedupeOnBody`, on (marketplace, SHA-256 of the raw body), even under concurrent deliveries.
   */
  append(draft: InboundEventDraft): Promise<AppendResult>;
  markApplied(id: string, at: Date): Promise<void>;
  markIgnored(id: string, at: Date, reason: string): Promise<void>;
  /** Records a failed attempt and when to try again. */
  markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** Records the last failed attempt: the event is quarantined with its reason and never retried by itself. */
  markDead(id: string, error: string): Promise<void>;
  /** Dead events, oldest first. */
  listDead(limit: number): Promise<InboundEvent[]>;
  /** Gives every dead event a fresh series of attempts, due at `now`; returns how many. */
  reviveDead(now: Date): Promise<number>;
  /** Events still to apply (`received` or `failed`) whose next attempt is due, oldest first. */
  listDue(now: Date, limit: number): Promise<InboundEvent[]>;
  findById(id: string): Promise<InboundEvent | null>;
  /**
   * Events with one status, newest first, for the operator (the console's failed events). `before` is an
   * event id: the page starts below it.
   */
  listByStatus(
    filter: { status: InboundEventStatus; marketplace?: Marketplace },
    page: { limit: number; before: string | null },
  ): Promise<InboundEvent[]>;
  /** Every event about one account, in arrival order: the input of a replay. */
  listForAccount(marketplace: Marketplace, accountId: string): Promise<InboundEvent[]>;
}
