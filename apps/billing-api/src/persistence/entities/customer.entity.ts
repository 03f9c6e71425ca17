import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** The vendor's own account. */
@Entity({ name: "customer" })
@Index("uq_customer_external_id", ["externalId"], { unique: true })
export class CustomerEntity {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ name: "external_id", type: "text", nullable: true })
  externalId: string | null;

  @Column({ type: "text", nullable: true })
  name: string | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
