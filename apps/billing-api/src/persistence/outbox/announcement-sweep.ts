import type { DataSource } from "typeorm";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import type { Clock } from "../../domain/time/clock.js";
import type { AccountAnnouncer } from "./account-announcer.js";

const SWEEP_LOCK = "job:announcement-sweep";

export interface SweepResult {
  checked: number;
  written: number;
}

/**
 * Announces what the clock changed: accounts whose next check has come (a trial ending or entering its notice
 * window, a cancellation or pending change taking effect) or that a plan mapping or customer link change
 * marked. One replica sweeps at a time (a transaction-scoped advisory lock); each account is announced under
 * its own lock, like a delivery's fold, so the two never announce the same change twice.
 */
export class AnnouncementSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly announcer: AccountAnnouncer,
    private readonly clock: Clock,
  ) {}

  /** One batch; null when another replica is sweeping. */
  async runOnce(limit = 100): Promise<SweepResult | null> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query(
        "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked",
        [SWEEP_LOCK],
      )) as Array<{ locked: boolean }>;
      if (!lock?.locked) {
        return null;
      }
      const due = (await manager.query(
        `SELECT "marketplace", "account_id" FROM "entitlement_watch" WHERE "next_check_at" <= $1
          ORDER BY "next_check_at" LIMIT $2`,
        [this.clock.now(), limit],
      )) as Array<{ marketplace: Marketplace; account_id: string }>;
      let written = 0;
      for (const row of due) {
        await manager.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
          `${row.marketplace}:${row.account_id}`,
        ]);
        written += await this.announcer.announce(manager, row.marketplace, row.account_id);
      }
      return { checked: due.length, written };
    });
  }

  /** Batches until nothing is due (or another replica has the lock). */
  async run(): Promise<SweepResult> {
    const total: SweepResult = { checked: 0, written: 0 };
    for (;;) {
      const batch = await this.runOnce();
      if (!batch) {
        return total;
      }
      total.checked += batch.checked;
      total.written += batch.written;
      if (batch.checked < 100) {
        return total;
      }
    }
  }
}
