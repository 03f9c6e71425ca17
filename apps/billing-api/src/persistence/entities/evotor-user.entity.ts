import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * An Evotor user known from /user/create, /user/verify or /user/token (see domain/evotor/evotor-accounts.ts).
 * Holds no secret in the clear: the token we issued only as a SHA-256 hash (plus the nonce it is derived
 * from with a server key), the Evotor Cloud token sealed with AES-256-GCM.
 */
@Entity({ name: "evotor_user" })
@Index("uq_evotor_user_token_hash", ["tokenHash"], { unique: true })
@Index("uq_evotor_user_vendor_account", ["vendorAccountId"], { unique: true })
export class EvotorUserEntity {
  @PrimaryColumn({ name: "user_id", type: "text" })
  userId: string;

  @Column({ type: "text" })
  origin: string;

  @Column({ name: "token_hash", type: "text", nullable: true })
  tokenHash: string | null;

  @Column({ name: "token_nonce", type: "text", nullable: true })
  tokenNonce: string | null;

  @Column({ name: "cloud_token_sealed", type: "text", nullable: true })
  cloudTokenSealed: string | null;

  @Column({ name: "cloud_token_received_at", type: "timestamptz", nullable: true })
  cloudTokenReceivedAt: Date | null;

  @Column({ name: "custom_fields", type: "jsonb", default: () => "'{}'" })
  customFields: Record<string, string>;

  @Column({ name: "vendor_account_id", type: "text", nullable: true })
  vendorAccountId: string | null;

  @Column({ name: "has_billing", type: "boolean", default: false })
  hasBilling: boolean;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
