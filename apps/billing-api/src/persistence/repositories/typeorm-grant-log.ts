import type { DataSource } from "typeorm";
import type { AccountRef } from "../../domain/entitlements/customers.js";
import type { InboundEvent } from "../../domain/events/inbound-event.js";
import type { GrantSubject } from "../../domain/grants/grant.js";
import type { GrantLog } from "../../domain/grants/grant-log.js";
import { InboundEventEntity } from "../entities/inbound-event.entity.js";
import { fromInboundEventEntity } from "./typeorm-event-log.js";

/** The event log's `marketplace` for grants to a customer (its `account_id` is then the customer id). */
const CUSTOMER = "customer";

function logKey(subject: GrantSubject): { marketplace: string; accountId: string } {
  return "customerId" in subject
    ? { marketplace: CUSTOMER, accountId: subject.customerId }
    : { marketplace: subject.marketplace, accountId: subject.accountId };
}

/**
 * Grants as rows of the event log: source `admin`, type `grant.created` / `grant.revoked`, stored already
 * `applied` (their effect is read from the log, so no worker has anything to apply).
 */
export class TypeOrmGrantLog implements GrantLog {
  constructor(private readonly dataSource: DataSource) {}

  async append(
    subject: GrantSubject,
    event: { eventType: string; payload: object },
    dedupeKey: string,
    at: Date,
  ): Promise<InboundEvent> {
    const repository = this.dataSource.getRepository(InboundEventEntity);
    const key = logKey(subject);
    await repository
      .createQueryBuilder()
      .insert()
      .into(InboundEventEntity)
      .values({
        ...key,
        source: "admin",
        eventType: event.eventType,
        dedupeKey,
        headers: {},
        rawBody: Buffer.from(JSON.stringify(event.payload)),
        payload: event.payload,
        receivedAt: at,
        status: "applied",
        appliedAt: at,
      })
      .orIgnore()
      .execute();
    return fromInboundEventEntity(
      await repository.findOneByOrFail({ marketplace: key.marketplace, dedupeKey }),
    );
  }

  async eventsAbout(subject: GrantSubject): Promise<InboundEvent[]> {
    const rows = await this.dataSource.getRepository(InboundEventEntity).find({
      where: [
        { ...logKey(subject), eventType: "grant.created" },
        { ...logKey(subject), eventType: "grant.revoked" },
      ],
      order: { id: "ASC" },
    });
    return rows.map(fromInboundEventEntity);
  }

  async eventsReaching(account: AccountRef): Promise<InboundEvent[]> {
    const rows = await this.dataSource
      .getRepository(InboundEventEntity)
      .createQueryBuilder("event")
      .where("event.event_type IN ('grant.created', 'grant.revoked')")
      .andWhere(
        `((event.marketplace = :marketplace AND event.account_id = :accountId) OR
          (event.marketplace = '${CUSTOMER}' AND event.account_id = (
            SELECT link.customer_id::text FROM customer_link link
            WHERE link.marketplace = :marketplace AND link.account_id = :accountId)))`,
        account,
      )
      .orderBy("event.id", "ASC")
      .getMany();
    return rows.map(fromInboundEventEntity);
  }
}
