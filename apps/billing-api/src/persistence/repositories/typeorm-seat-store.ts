import { type DataSource, type EntityManager, In } from "typeorm";
import type { ClaimResult, Seat, SeatStore } from "../../domain/entitlements/seats.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import { SeatEntity } from "../entities/seat.entity.js";

export class TypeOrmSeatStore implements SeatStore {
  constructor(private readonly dataSource: DataSource) {}

  async list(marketplace: Marketplace, accountId: string): Promise<Seat[]> {
    const rows = await this.dataSource
      .getRepository(SeatEntity)
      .find({ where: { marketplace, accountId }, order: { claimedAt: "ASC", userId: "ASC" } });
    return rows.map(({ userId, claimedAt }) => ({ userId, claimedAt }));
  }

  async count(marketplace: Marketplace, accountId: string): Promise<number> {
    return this.dataSource.getRepository(SeatEntity).countBy({ marketplace, accountId });
  }

  async claim(
    marketplace: Marketplace,
    accountId: string,
    userId: string,
    limit: number | null,
    at: Date,
  ): Promise<ClaimResult> {
    return this.dataSource.transaction(async (manager) => {
      // Serializes claims per account: the count and the insert below see every earlier claim.
      await lockSeats(manager, marketplace, accountId);
      const seats = manager.getRepository(SeatEntity);
      const held = await seats.findOneBy({ marketplace, accountId, userId });
      if (held) {
        return { kind: "already_held", seat: { userId, claimedAt: held.claimedAt } };
      }
      const used = await seats.countBy({ marketplace, accountId });
      if (limit !== null && used >= limit) {
        return { kind: "limit_reached", used };
      }
      await seats.insert({ marketplace, accountId, userId, claimedAt: at });
      return { kind: "claimed", seat: { userId, claimedAt: at } };
    });
  }

  async assign(
    marketplace: Marketplace,
    accountId: string,
    userIds: readonly string[],
    limit: number | null,
    at: Date,
  ): Promise<{ kind: "assigned"; seats: Seat[] } | { kind: "limit_reached"; used: number }> {
    return this.dataSource.transaction(async (manager) => {
      await lockSeats(manager, marketplace, accountId);
      const seats = manager.getRepository(SeatEntity);
      if (limit !== null && userIds.length > limit) {
        return { kind: "limit_reached", used: await seats.countBy({ marketplace, accountId }) };
      }
      const wanted = new Set(userIds);
      const held = await seats.findBy({ marketplace, accountId });
      const gone = held.filter((seat) => !wanted.has(seat.userId)).map((seat) => seat.userId);
      if (gone.length > 0) {
        await seats.delete({ marketplace, accountId, userId: In(gone) });
      }
      const kept = new Set(held.map((seat) => seat.userId));
      const added = userIds.filter((userId) => !kept.has(userId));
      if (added.length > 0) {
        await seats.insert(added.map((userId) => ({ marketplace, accountId, userId, claimedAt: at })));
      }
      const rows = await seats.find({
        where: { marketplace, accountId },
        order: { claimedAt: "ASC", userId: "ASC" },
      });
      return { kind: "assigned", seats: rows.map(({ userId, claimedAt }) => ({ userId, claimedAt })) };
    });
  }

  async release(marketplace: Marketplace, accountId: string, userId: string): Promise<void> {
    await this.dataSource.getRepository(SeatEntity).delete({ marketplace, accountId, userId });
  }
}

/** Serializes seat changes per account: a count and the writes after it see every earlier change. */
async function lockSeats(manager: EntityManager, marketplace: Marketplace, accountId: string): Promise<void> {
  await manager.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", [
    `seats:${marketplace}:${accountId}`,
  ]);
}
