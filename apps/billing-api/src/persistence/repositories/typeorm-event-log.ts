import type { DataSource, Repository } from "typeorm";
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

/** The event log on PostgreSQL. Each call is its own statement, so a returned append is committed. */
export class TypeOrmEventLog implements EventLog {
  private readonly repository: Repository<InboundEventEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(InboundEventEntity);
  }

  async append(draft: InboundEventDraft): Promise<AppendResult> {
    // ON CONFLICT DO NOTHING makes concurrent redeliveries safe: exactly one insert wins.
    const inserted = await this.repository
      .createQueryBuilder()
      .insert()
      .into(InboundEventEntity)
      .values({
        marketplace: draft.marketplace,
        source: draft.source,
        eventType: draft.eventType,
        dedupeKey: draft.dedupeKey,
        accountId: draft.accountId,
        headers: draft.headers,
        rawBody: Buffer.from(draft.rawBody),
        payload: draft.payload as object,
        receivedAt: draft.receivedAt,
        status: "received",
      })
      .orIgnore()
      .returning(["id"])
      .execute();
    const duplicate = (inserted.raw as unknown[]).length === 0;
    const stored = await this.repository.findOneByOrFail({
      marketplace: draft.marketplace,
      dedupeKey: draft.dedupeKey,
    });
    return { event: fromInboundEventEntity(stored), duplicate };
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
    await this.repository
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
  }

  async listDead(limit: number): Promise<InboundEvent[]> {
    const rows = await this.repository.find({ where: { status: "dead" }, order: { id: "ASC" }, take: limit });
    return rows.map(fromInboundEventEntity);
  }

  async countDead(): Promise<Partial<Record<Marketplace, number>>> {
    const rows: Array<{ marketplace: Marketplace; count: string }> = await this.repository
      .createQueryBuilder("event")
      .select("event.marketplace", "marketplace")
      .addSelect("COUNT(*)", "count")
      .where("event.status = 'dead'")
      .groupBy("event.marketplace")
      .getRawMany();
    return Object.fromEntries(rows.map((row) => [row.marketplace, Number(row.count)]));
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
  };
}
