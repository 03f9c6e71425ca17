import { Column, Entity, PrimaryColumn } from "typeorm";

/** A seat held by one of the product's users on a marketplace account. */
@Entity({ name: "seat" })
export class SeatEntity {
  @PrimaryColumn({ type: "text" })
  marketplace: string;

  @PrimaryColumn({ name: "account_id", type: "text" })
  accountId: string;

  @PrimaryColumn({ name: "user_id", type: "text" })
  userId: string;

  @Column({ name: "claimed_at", type: "timestamptz" })
  claimedAt: Date;
}
