import type { FoldCheckpoint } from "../marketplaces/fold-checkpoint.js";
import type { Subscription } from "../subscriptions/subscription.js";
import type { InboundEvent, Marketplace } from "./inbound-event.js";

/**
 * The due events of one account, claimed for one transaction that holds the account's lock. Everything done
 * through it commits together: the subscriptions, the checkpoint and the events' new status.
 */
export interface AccountBatch {
  marketplace: Marketplace;
  /** Null for an event that names no account: it is claimed alone. */
  accountId: string | null;
  /** The account's due events (received, or failed and due again), oldest first; nobody else holds them. */
  claimed: InboundEvent[];
  checkpoint(): Promise<FoldCheckpoint | null>;
  /** What a full re-fold folds: the account's applied events and the claimed ones, oldest first. */
  appliedAndClaimed(): Promise<InboundEvent[]>;
  saveSubscriptions(subscriptions: readonly Subscription[]): Promise<void>;
  saveCheckpoint(checkpoint: FoldCheckpoint): Promise<void>;
  markApplied(ids: readonly string[], at: Date): Promise<void>;
  markIgnored(ids: readonly string[], at: Date, reason: string): Promise<void>;
  markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  markDead(id: string, error: string): Promise<void>;
}

/**
 * The apply queue is the event log itself: an event is due while its status is `received` (or `failed` and
 * its next attempt has come). Workers on every replica claim due events with `FOR UPDATE SKIP LOCKED`, so
 * each event is applied by one of them and the load spreads over all.
 */
export interface EventQueue {
  /**
   * Claims the account of the oldest due event that no other worker holds, with all its due events, and runs
   * `work` on them in one transaction under the account's lock. Null when nothing is due.
   */
  withNextDueAccount<T>(now: Date, work: (batch: AccountBatch) => Promise<T>): Promise<{ value: T } | null>;
  /** The same for one named account (its due events only; those another worker holds are left to it). */
  withAccount<T>(
    marketplace: Marketplace,
    accountId: string,
    now: Date,
    work: (batch: AccountBatch) => Promise<T>,
  ): Promise<T>;
}
