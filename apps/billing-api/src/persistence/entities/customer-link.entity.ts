import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A marketplace account linked to a customer; an account belongs to at most one customer. */
@Entity({ name: "customer_link" })
@Index("ix_customer_link_customer", ["customerId"])
export class CustomerLinkEntity {
  @PrimaryColumn({ type: "text" })
  marketplace: string;

  @PrimaryColumn({ name: "account_id", type: "text" })
  accountId: string;

  @Column({ name: "customer_id", type: "uuid" })
  customerId: string;

  @Column({ name: "linked_at", type: "timestamptz" })
  linkedAt: Date;
}
