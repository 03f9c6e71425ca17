import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** The built-in directory of vendor accounts (domain/vendor-accounts); passwords only as scrypt hashes. */
@Entity({ name: "vendor_account" })
@Index("uq_vendor_account_username_key", ["usernameKey"], { unique: true })
export class VendorAccountEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ type: "text" })
  username: string;

  /** Lower-cased, trimmed username: usernames are unique case-insensitively. */
  @Column({ name: "username_key", type: "text" })
  usernameKey: string;

  @Column({ name: "password_hash", type: "text" })
  passwordHash: string;

  @Column({ name: "has_billing", type: "boolean", default: false })
  hasBilling: boolean;

  @Column({ type: "jsonb", default: () => "'{}'" })
  fields: Record<string, string>;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
