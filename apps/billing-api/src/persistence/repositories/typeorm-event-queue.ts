import type { DataSource, EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity.js";
import type { AccountBatch, EventQueue } from "../../domain/events/event-queue.js";
import type {
  EventSource,
  InboundEvent,
  InboundEventStatus,
  Marketplace,
} from "../../domain/events/inbound-event.js";
import type { FoldCheckpoint } from "../../domain/marketplaces/fold-checkpoint.js";
import type { Subscription } from "../../domain/subscriptions/subscription.js";
import { AccountFoldEntity } from "../entities/account-fold.entity.js";
import { InboundEventEntity } from "../entities/inbound-event.entity.js";
import { SubscriptionEntity } from "../entities/subscription.entity.js";
import { fromInboundEventEntity } from "./typeorm-event-log.js";
import { toSubscriptionEntity } from "./typeorm-subscription-store.js";

const DUE = `"status" IN ('received', 'failed') AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= $1)`;
const DUE_OF_EVENT = `event."status" IN ('received', 'failed') AND (event."next_attempt_at" IS NULL OR event."next_attempt_at" <= $1)`;

/** The apply queue on the event log: `FOR UPDATE SKIP LOCKED` hands each due event to one worker. */
export class TypeOrmEventQueue implements EventQueue {
  constructor(private readonly dataSource: DataSource) {}

  async withNextDueAccount<T>(
    now: Date,
    work: (batch: AccountBatch) => Promise<T>,
  ): Promise<{ value: T } | null> {
    return this.dataSource.transaction(async (manager) => {
      // One statement claims the oldest due event nobody holds and every due event of its account.
      const rows = (await manager.query(
        `WITH head AS (
           SELECT "id", "marketplace", "account_id" FROM "inbound_event" WHERE ${DUE}
            ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
         SELECT event.* FROM "inbound_event" event, head
          WHERE event."id" = head."id"
             OR (head."account_id" IS NOT NULL AND event."marketplace" = head."marketplace"
                 AND event."account_id" = head."account_id" AND ${DUE_OF_EVENT})
          ORDER BY event."id" FOR UPDATE OF event SKIP LOCKED`,
        [now],
      )) as RawEventRow[];
      const head = rows[0];
      if (!head) {
        return null;
      }
      const marketplace = head.marketplace as Marketplace;
      if (head.account_id === null) {
        return { value: await work(new TypeOrmAccountBatch(manager, marketplace, null, rows.slice(0, 1))) };
      }
      // Then the account's lock, which serialises its folds. A worker holding it never waits on an event row
      // (claims skip taken rows), so waiting here with rows held cannot deadlock.
      await lockAccount(manager, marketplace, head.account_id);
      return { value: await work(new TypeOrmAccountBatch(manager, marketplace, head.account_id, rows)) };
    });
  }

  async withAccount<T>(
    marketplace: Marketplace,
    accountId: string,
    now: Date,
    work: (batch: AccountBatch) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await lockAccount(manager, marketplace, accountId);
      const rows = (await manager.query(
        `SELECT * FROM "inbound_event" WHERE "marketplace" = $2 AND "account_id" = $3 AND ${DUE}
          ORDER BY "id" FOR UPDATE SKIP LOCKED`,
        [now, marketplace, accountId],
      )) as RawEventRow[];
      return work(new TypeOrmAccountBatch(manager, marketplace, accountId, rows));
    });
  }
}

async function lockAccount(
  manager: EntityManager,
  marketplace: Marketplace,
  accountId: string,
): Promise<void> {
  await manager.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
    `${marketplace}:${accountId}`,
  ]);
}

/** An `inbound_event` row as the driver returns it. */
interface RawEventRow {
  id: string;
  marketplace: string;
  source: string;
  event_type: string;
  dedupe_key: string;
  account_id: string | null;
  headers: Record<string, string>;
  raw_body: Buffer;
  payload: unknown;
  received_at: Date;
  status: string;
  applied_at: Date | null;
  apply_error: string | null;
  apply_attempts: number;
  next_attempt_at: Date | null;
}

function fromRow(row: RawEventRow): InboundEvent {
  return {
    id: String(row.id),
    marketplace: row.marketplace as Marketplace,
    source: row.source as EventSource,
    eventType: row.event_type,
    dedupeKey: row.dedupe_key,
    accountId: row.account_id,
    headers: row.headers,
    rawBody: new Uint8Array(row.raw_body),
    payload: row.payload,
    receivedAt: row.received_at,
    status: row.status as InboundEventStatus,
    appliedAt: row.applied_at,
    applyError: row.apply_error,
    applyAttempts: row.apply_attempts,
    nextAttemptAt: row.next_attempt_at,
  };
}

class TypeOrmAccountBatch implements AccountBatch {
  readonly claimed: InboundEvent[];

  constructor(
    private readonly manager: EntityManager,
    readonly marketplace: Marketplace,
    readonly accountId: string | null,
    rows: RawEventRow[],
  ) {
    this.claimed = rows.map(fromRow);
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

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.manager.query(
      `UPDATE "inbound_event" SET "status" = 'failed', "apply_error" = $2, "next_attempt_at" = $3,
         "apply_attempts" = "apply_attempts" + 1 WHERE "id" = $1`,
      [id, error, nextAttemptAt],
    );
  }

  async markDead(id: string, error: string): Promise<void> {
    await this.manager.query(
      `UPDATE "inbound_event" SET "status" = 'dead', "apply_error" = $2, "next_attempt_at" = NULL,
         "apply_attempts" = "apply_attempts" + 1 WHERE "id" = $1`,
      [id, error],
    );
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
