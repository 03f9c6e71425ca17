import type { EntityManager } from "typeorm";
import { computeEntitlement } from "../../domain/entitlements/entitlement.js";
import { sourceOf } from "../../domain/entitlements/entitlement-service.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import { type AnnouncedState, announce } from "../../domain/outbound/announcement.js";
import type { BillingEventEncoder } from "../../domain/outbound/billing-event.js";
import type { Clock } from "../../domain/time/clock.js";
import {
  SNAPSHOT_SQL,
  type SnapshotRow,
  snapshotFromRows,
} from "../repositories/typeorm-subscription-store.js";
import { writeToOutbox } from "./outbox-writer.js";

/** SNAPSHOT_SQL's rows, each with what was last announced about the account and its customer link. */
const ANNOUNCE_SQL = `
  SELECT snapshot.*, (w."marketplace" IS NOT NULL) AS "w_exists", w."announced" AS "w_announced",
         w."customer_id" AS "w_customer_id", w."trial_notice_for" AS "w_trial_notice_for",
         l."customer_id" AS "l_customer_id"
    FROM (${SNAPSHOT_SQL}) snapshot
    LEFT JOIN "entitlement_watch" w ON w."marketplace" = $1 AND w."account_id" = $2
    LEFT JOIN "customer_link" l ON l."marketplace" = $1 AND l."account_id" = $2`;

interface AnnounceRow extends SnapshotRow {
  w_exists: boolean;
  w_announced: Record<string, unknown> | null;
  w_customer_id: string | null;
  w_trial_notice_for: Date | null;
  l_customer_id: string | null;
}

/**
 * Runs inside a transaction that holds an account's lock, after its state was written: computes the account's
 * entitlement as that transaction sees it, compares it with what was last announced, and writes the events and
 * the new announced state in the same transaction (the transactional outbox).
 */
export class AccountAnnouncer {
  constructor(
    private readonly options: { encoder: BillingEventEncoder; clock: Clock; trialWillEndDays: number },
  ) {}

  /** Returns how many events were written. */
  async announce(manager: EntityManager, marketplace: Marketplace, accountId: string): Promise<number> {
    const now = this.options.clock.now();
    // One round trip: the account's snapshot, what was last announced, and its customer link.
    const rows = (await manager.query(ANNOUNCE_SQL, [marketplace, accountId])) as AnnounceRow[];
    const snapshot = snapshotFromRows(marketplace, rows);
    const account = { marketplace, accountId };
    const entitlement = {
      ...computeEntitlement(snapshot.subscriptions, snapshot.plans, snapshot.seatsUsed, now),
      source: sourceOf(account, snapshot.subscriptions),
    };
    const first = rows[0];
    const previous: AnnouncedState | null = first?.w_exists
      ? {
          entitlement: first.w_announced,
          customerId: first.w_customer_id,
          trialNoticeFor: first.w_trial_notice_for,
        }
      : null;
    const customer = first?.l_customer_id ? await this.customerOf(manager, first.l_customer_id, now) : null;
    const announcement = announce({
      previous,
      entitlement,
      customer,
      subscriptions: snapshot.subscriptions,
      now,
      trialWillEndDays: this.options.trialWillEndDays,
    });
    const written = await writeToOutbox(
      manager,
      this.options.encoder,
      announcement.events.map((event) => ({
        event,
        // A trial's notice exists once, whatever path (delivery or sweep, any replica) finds it first.
        ...(event.type === "trial.will_end"
          ? { dedupeKey: `trial.will_end:${marketplace}:${accountId}:${event.trial.endsAt.toISOString()}` }
          : {}),
      })),
    );
    await manager.query(
      `INSERT INTO "entitlement_watch" ("marketplace", "account_id", "announced", "customer_id", "trial_notice_for",
         "next_check_at", "updated_at")
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
       ON CONFLICT ("marketplace", "account_id") DO UPDATE SET "announced" = EXCLUDED."announced",
         "customer_id" = EXCLUDED."customer_id", "trial_notice_for" = EXCLUDED."trial_notice_for",
         "next_check_at" = EXCLUDED."next_check_at", "updated_at" = EXCLUDED."updated_at"`,
      [
        marketplace,
        accountId,
        JSON.stringify(announcement.state.entitlement),
        announcement.state.customerId,
        announcement.state.trialNoticeFor,
        announcement.nextCheckAt,
        now,
      ],
    );
    return written;
  }

  /** The linked customer and its combined entitlement, as this transaction sees them. */
  private async customerOf(manager: EntityManager, customerId: string, now: Date) {
    const link = { customer_id: customerId };
    const links = (await manager.query(
      `SELECT "marketplace", "account_id" FROM "customer_link" WHERE "customer_id" = $1
        ORDER BY "marketplace", "account_id"`,
      [link.customer_id],
    )) as Array<{ marketplace: Marketplace; account_id: string }>;
    const refs = links.map((row) => ({ marketplace: row.marketplace, accountId: row.account_id }));
    const snapshots = [];
    for (const ref of refs) {
      snapshots.push(
        snapshotFromRows(
          ref.marketplace,
          (await manager.query(SNAPSHOT_SQL, [ref.marketplace, ref.accountId])) as SnapshotRow[],
        ),
      );
    }
    const subscriptions = snapshots.flatMap((snapshot) => snapshot.subscriptions);
    const combined = computeEntitlement(
      subscriptions,
      snapshots.flatMap((snapshot) => snapshot.plans),
      snapshots.reduce((sum, snapshot) => sum + snapshot.seatsUsed, 0),
      now,
    );
    return {
      id: link.customer_id,
      entitlement: {
        ...combined,
        customerId: link.customer_id,
        sources: refs.map((ref) => sourceOf(ref, subscriptions)),
      },
    };
  }
}
