import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** An API key of the entitlements API; only its SHA-256 is stored. */
@Entity({ name: "api_key" })
@Index("uq_api_key_hash", ["hash"], { unique: true })
export class ApiKeyEntity {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ type: "text" })
  name: string;

  @Column({ type: "text", array: true })
  scopes: string[];

  @Column({ type: "text" })
  hash: string;

  /** The one marketplace the key may act on; null: every marketplace. */
  @Column({ type: "text", nullable: true })
  marketplace: string | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt: Date | null;
}
