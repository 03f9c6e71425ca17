import type { Marketplace } from "../events/inbound-event.js";

export interface Seat {
  userId: string;
  claimedAt: Date;
}

export type ClaimResult =
  | { kind: "claimed"; seat: Seat }
  | { kind: "already_held"; seat: Seat }
  | { kind: "limit_reached"; used: number };

/** Seats claimed by the product's users on a marketplace account. */
export interface SeatStore {
  list(marketplace: Marketplace, accountId: string): Promise<Seat[]>;
  count(marketplace: Marketplace, accountId: string): Promise<number>;
  /**
   * Claims a seat unless `limit` (null: none) is reached. Claims on one account are serialized, so concurrent
   * claims never exceed the limit; a user who already holds a seat gets it back.
   */
  claim(
    marketplace: Marketplace,
    accountId: string,
    userId: string,
    limit: number | null,
    at: Date,
  ): Promise<ClaimResult>;
  release(marketplace: Marketplace, accountId: string, userId: string): Promise<void>;
  /**
   * Makes `userIds` exactly the holders of the account's seats (kept seats keep their `claimedAt`), unless
   * they are more than `limit`; then nothing changes. Serialized with claims on the same account.
   */
  assign(
    marketplace: Marketplace,
    accountId: string,
    userIds: readonly string[],
    limit: number | null,
    at: Date,
  ): Promise<{ kind: "assigned"; seats: Seat[] } | { kind: "limit_reached"; used: number }>;
}
