import { createHash } from "node:crypto";
import type { DataSource, Repository } from "typeorm";
import { conflictDedupeKey } from "../../domain/events/delivery-conflict.js";
import type {
  AppendResult,
  EventLog,
  EventSource,
  InboundEvent,
  InboundEventDraft,
  InboundEventStatus,
  Marketplace,
} from "../../domain/events/inbound-event.js";
import { InboundEventEntity } from "../entities/inbound-event.entity.js";
import { type DeadLetterOutbox, writeDeadLetterNotice } from "../outbox/dead-letter-notice.js";

/** The event log on PostgreSQL. Each call is its own statement, so a returned append is committed. */
export class TypeOrmEventLog implements EventLog {
  private readonly repository: Repository<InboundEventEntity>;

  constructor(
    private readonly dataSource: DataSource,
    /** Operators hear of dead events through the outbox (`event.dead_lettered`). */
    private readonly outbox?: DeadLetterOutbox,
  ) {
    this.repository = dataSource.getRepository(InboundEventEntity);
  }

  async append(draft: InboundEventDraft): Promise<AppendResult> {
    const digest = createHash("sha256").update(draft.rawBody).digest();
    const stored = await this.insert(draft, {
      dedupeKey: draft.dedupeKey,
      bodySha256: draft.dedupeOnBody ? digest : null,
      conflictsWith: null,
    });
    if (stored) {
      return { event: stored, duplicate: false, conflict: false };
    }
    const original = await this.repository.findOneBy({
      marketplace: draft.marketplace,
      dedupeKey: draft.dedupeKey,
    });
    if (!original) {
      // Not the key: the body digest (a replay under a new delivery id) lost the insert.
      const sameBody = await this.repository.findOneByOrFail({
        marketplace: draft.marketplace,
        bodySha256: digest,
      });
      return { event: fromInboundEventEntity(sameBody), duplicate: true, conflict: false };
    }
    if (await this.sameBody(original, draft)) {
      return { event: fromInboundEventEntity(original), duplicate: true, conflict: false };
    }
    // The key was reused with another body: keep it, once per distinct body, as a conflict never applied.
    const conflictKey = conflictDedupeKey(draft.dedupeKey, digest.toString("hex"));
    const conflicting = await this.insert(draft, {
      dedupeKey: conflictKey,
      bodySha256: null,
      conflictsWith: original.id,
    });
    if (conflicting) {
      return { event: conflicting, duplicate: false, conflict: true };
    }
    const seen = await this.repository.findOneByOrFail({
      marketplace: draft.marketplace,
      dedupeKey: conflictKey,
    });
    return { event: fromInboundEventEntity(seen), duplicate: true, conflict: false };
  }

  /** INSERT … ON CONFLICT DO NOTHING on either unique index: concurrent redeliveries, exactly one wins. */
  private async insert(
    draft: InboundEventDraft,
    row: { dedupeKey: string; bodySha256: Buffer | null; conflictsWith: string | null },
  ): Promise<InboundEvent | null> {
    const inserted = await this.repository
      .createQueryBuilder()
      .insert()
      .into(InboundEventEntity)
      .values({
        marketplace: draft.marketplace,
        source: draft.source,
        eventType: draft.eventType,
        dedupeKey: row.dedupeKey,
        accountId: draft.accountId,
        headers: draft.headers,
        rawBody: Buffer.from(draft.rawBody),
        payload: draft.payload as object,
        receivedAt: draft.receivedAt,
        status: row.conflictsWith === null ? "received" : "conflict",
        bodySha256: row.bodySha256,
        conflictsWith: row.conflictsWith,
      })
      .orIgnore()
      .returning(["id"])
      .execute();
    const [created] = inserted.raw as Array<{ id: string | number }>;
    if (created === undefined) {
      return null;
    }
    return fromInboundEventEntity(await this.repository.findOneByOrFail({ id: String(created.id) }));
  }

  /** The same bytes, or the same JSON once the fields a redelivery may renew are set aside. */
  private async sameBody(stored: InboundEventEntity, draft: InboundEventDraft): Promise<boolean> {
    if (Buffer.from(draft.rawBody).equals(stored.rawBody)) {
      return true;
    }
    if (draft.payload === undefined || draft.payload === null || stored.payload === null) {
      return false;
    }
    const [row] = (await this.repository.query(
      `SELECT ("payload" - $2::text[]) = ($3::jsonb - $2::text[]) AS "same" FROM "inbound_event" WHERE "id" = $1`,
      [stored.id, [...(draft.volatileFields ?? [])], JSON.stringify(draft.payload)],
    )) as Array<{ same: boolean }>;
    return row?.same === true;
  }

  async markApplied(id: string, at: Date): Promise<void> {
    await this.repository.update(id, {
      status: "applied",
      appliedAt: at,
      applyError: null,
      nextAttemptAt: null,
    });
  }

  async markIgnored(id: string, at: Date, reason: string): Promise<void> {
    await this.repository.update(id, {
      status: "ignored",
      appliedAt: at,
      applyError: reason,
      nextAttemptAt: null,
    });
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.repository
      .createQueryBuilder()
      .update(InboundEventEntity)
      .set({
        status: "failed",
        applyError: error.slice(0, 4000),
        nextAttemptAt,
        applyAttempts: () => "apply_attempts + 1",
      })
      .where("id = :id", { id })
      .execute();
  }

  async markDead(id: string, error: string): Promise<void> {
    const written = await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(InboundEventEntity)
        .set({
          status: "dead",
          applyError: error.slice(0, 4000),
          nextAttemptAt: null,
          applyAttempts: () => "apply_attempts + 1",
        })
        .where("id = :id", { id })
        .execute();
      return this.outbox ? writeDeadLetterNotice(manager, this.outbox, id, error) : 0;
    });
    if (written > 0) {
      this.outbox?.written();
    }
  }

  async listDead(limit: number): Promise<InboundEvent[]> {
    const rows = await this.repository.find({ where: { status: "dead" }, order: { id: "ASC" }, take: limit });
    return rows.map(fromInboundEventEntity);
  }

  async reviveDead(now: Date): Promise<number> {
    const result = await this.repository
      .createQueryBuilder()
      .update(InboundEventEntity)
      .set({ status: "failed", applyAttempts: 0, nextAttemptAt: now })
      .where("status = 'dead'")
      .execute();
    return result.affected ?? 0;
  }

  async listDue(now: Date, limit: number): Promise<InboundEvent[]> {
    const rows = await this.repository
      .createQueryBuilder("event")
      .where("event.status IN (:...statuses)", { statuses: ["received", "failed"] })
      .andWhere("(event.next_attempt_at IS NULL OR event.next_attempt_at <= :now)", { now })
      .orderBy("event.id", "ASC")
      .limit(limit)
      .getMany();
    return rows.map(fromInboundEventEntity);
  }

  async findById(id: string): Promise<InboundEvent | null> {
    const row = await this.repository.findOneBy({ id });
    return row ? fromInboundEventEntity(row) : null;
  }

  async listByStatus(
    filter: { status: InboundEventStatus; marketplace?: Marketplace },
    page: { limit: number; before: string | null },
  ): Promise<InboundEvent[]> {
    const query = this.repository
      .createQueryBuilder("event")
      .where("event.status = :status", { status: filter.status })
      // Marketplace events only: a grant to a customer is logged under `customer` (see typeorm-grant-log.ts).
      .andWhere("event.marketplace IN ('github', 'evotor')");
    if (filter.marketplace) {
      query.andWhere("event.marketplace = :marketplace", { marketplace: filter.marketplace });
    }
    if (page.before !== null) {
      query.andWhere("event.id < :before", { before: page.before });
    }
    const rows = await query.orderBy("event.id", "DESC").limit(page.limit).getMany();
    return rows.map(fromInboundEventEntity);
  }

  async listForAccount(marketplace: Marketplace, accountId: string): Promise<InboundEvent[]> {
    const rows = await this.repository.find({ where: { marketplace, accountId }, order: { id: "ASC" } });
    return rows.map(fromInboundEventEntity);
  }
}

export function fromInboundEventEntity(row: InboundEventEntity): InboundEvent {
  return {
    id: String(row.id),
    marketplace: row.marketplace as Marketplace,
    source: row.source as EventSource,
    eventType: row.eventType,
    dedupeKey: row.dedupeKey,
    accountId: row.accountId,
    headers: row.headers,
    rawBody: new Uint8Array(row.rawBody),
    payload: row.payload,
    receivedAt: row.receivedAt,
    status: row.status as InboundEventStatus,
    appliedAt: row.appliedAt,
    applyError: row.applyError,
    applyAttempts: row.applyAttempts,
    nextAttemptAt: row.nextAttemptAt,
    conflictsWith: row.conflictsWith === null ? null : String(row.conflictsWith),
  };
}
