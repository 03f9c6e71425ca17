import type { DataSource, EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity.js";
import type { AccountBatch, EventQueue } from "../../domain/events/event-queue.js";
import type { InboundEvent, Marketplace } from "../../domain/events/inbound-event.js";
import type { FoldCheckpoint } from "../../domain/marketplaces/fold-checkpoint.js";
import type { Subscription } from "../../domain/subscriptions/subscription.js";
import { AccountFoldEntity } from "../entities/account-fold.entity.js";
import { InboundEventEntity } from "../entities/inbound-event.entity.js";
import { SubscriptionEntity } from "../entities/subscription.entity.js";
import { fromInboundEventEntity } from "./typeorm-event-log.js";
import { toSubscriptionEntity } from "./typeorm-subscription-store.js";

const DUE = `"status" IN ('received', 'failed') AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= $1)`;

/** The apply queue on the event log: `FOR UPDATE SKIP LOCKED` hands each due event to one worker. */
export class TypeOrmEventQueue implements EventQueue {
  constructor(private readonly dataSource: DataSource) {}

  async withNextDueAccount<T>(
    now: Date,
    work: (batch: AccountBatch) => Promise<T>,
  ): Promise<{ value: T } | null> {
    return this.dataSource.transaction(async (manager) => {
      const [head] = (await manager.query(
        `SELECT "id", "marketplace", "account_id" FROM "inbound_event" WHERE ${DUE}
          ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
      )) as Array<{ id: string; marketplace: Marketplace; account_id: string | null }>;
      if (!head) {
        return null;
      }
      if (head.account_id === null) {
        const row = await manager.getRepository(InboundEventEntity).findOneByOrFail({ id: head.id });
        return { value: await work(new TypeOrmAccountBatch(manager, head.marketplace, null, [row])) };
      }
      return { value: await this.claimAccount(manager, head.marketplace, head.account_id, now, work) };
    });
  }

  async withAccount<T>(
    marketplace: Marketplace,
    accountId: string,
    now: Date,
    work: (batch: AccountBatch) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction((manager) =>
      this.claimAccount(manager, marketplace, accountId, now, work),
    );
  }

  private async claimAccount<T>(
    manager: EntityManager,
    marketplace: Marketplace,
    accountId: string,
    now: Date,
    work: (batch: AccountBatch) => Promise<T>,
  ): Promise<T> {
    // The account's lock serialises its folds; the rows' locks say which events this worker claimed. Rows come
    // first and are skipped when taken, and the holder of the account lock never waits on a row, so no cycle.
    await manager.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      `${marketplace}:${accountId}`,
    ]);
    const rows = await manager
      .getRepository(InboundEventEntity)
      .createQueryBuilder("event")
      .where(`event.marketplace = :marketplace AND event.account_id = :accountId`, { marketplace, accountId })
      .andWhere("event.status IN ('received', 'failed')")
      .andWhere("(event.next_attempt_at IS NULL OR event.next_attempt_at <= :now)", { now })
      .orderBy("event.id", "ASC")
      .setLock("pessimistic_write")
      .setOnLocked("skip_locked")
      .getMany();
    return work(new TypeOrmAccountBatch(manager, marketplace, accountId, rows));
  }
}

class TypeOrmAccountBatch implements AccountBatch {
  readonly claimed: InboundEvent[];

  constructor(
    private readonly manager: EntityManager,
    readonly marketplace: Marketplace,
    readonly accountId: string | null,
    rows: InboundEventEntity[],
  ) {
    this.claimed = rows.map(fromInboundEventEntity);
  }

  async checkpoint(): Promise<FoldCheckpoint | null> {
    if (this.accountId === null) {
      return null;
    }
    const row = await this.manager
      .getRepository(AccountFoldEntity)
      .findOneBy({ marketplace: this.marketplace, accountId: this.accountId });
    return row
      ? { state: row.state, lastEventId: String(row.lastEventId), eventCount: row.eventCount }
      : null;
  }

  async appliedAndClaimed(): Promise<InboundEvent[]> {
    if (this.accountId === null) {
      return this.claimed;
    }
    const rows = await this.manager
      .getRepository(InboundEventEntity)
      .createQueryBuilder("event")
      .where("event.marketplace = :marketplace AND event.account_id = :accountId", {
        marketplace: this.marketplace,
        accountId: this.accountId,
      })
      .andWhere("(event.status = 'applied' OR event.id IN (:...claimed))", {
        claimed: this.claimed.length > 0 ? this.claimed.map((event) => event.id) : ["0"],
      })
      .orderBy("event.id", "ASC")
      .getMany();
    return rows.map(fromInboundEventEntity);
  }

  async saveSubscriptions(subscriptions: readonly Subscription[]): Promise<void> {
    if (subscriptions.length > 0) {
      await this.manager
        .getRepository(SubscriptionEntity)
        .upsert(subscriptions.map(toSubscriptionEntity) as QueryDeepPartialEntity<SubscriptionEntity>[], [
          "marketplace",
          "subscriptionId",
        ]);
    }
  }

  async saveCheckpoint(checkpoint: FoldCheckpoint): Promise<void> {
    if (this.accountId === null) {
      return;
    }
    await this.manager.query(
      `INSERT INTO "account_fold" ("marketplace", "account_id", "state", "last_event_id", "event_count", "updated_at")
       VALUES ($1, $2, $3::jsonb, $4, $5, now())
       ON CONFLICT ("marketplace", "account_id") DO UPDATE SET "state" = EXCLUDED."state",
         "last_event_id" = EXCLUDED."last_event_id", "event_count" = EXCLUDED."event_count",
         "updated_at" = EXCLUDED."updated_at"`,
      [
        this.marketplace,
        this.accountId,
        JSON.stringify(checkpoint.state),
        checkpoint.lastEventId,
        checkpoint.eventCount,
      ],
    );
  }

  async markApplied(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length > 0) {
      await this.manager.query(
        `UPDATE "inbound_event" SET "status" = 'applied', "applied_at" = $2, "apply_error" = NULL,
           "next_attempt_at" = NULL WHERE "id" = ANY($1::bigint[])`,
        [ids, at],
      );
    }
  }

  async markIgnored(ids: readonly string[], at: Date, reason: string): Promise<void> {
    if (ids.length > 0) {
      await this.manager.query(
        `UPDATE "inbound_event" SET "status" = 'ignored', "applied_at" = $2, "apply_error" = $3,
           "next_attempt_at" = NULL WHERE "id" = ANY($1::bigint[])`,
        [ids, at, reason],
      );
    }
  }
}
