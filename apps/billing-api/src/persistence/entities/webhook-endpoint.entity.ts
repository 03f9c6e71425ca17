import { Column, Entity, PrimaryColumn } from "typeorm";

/** A URL of the vendor's that receives signed events; its secrets are sealed (SecretBox), never stored plain. */
@Entity({ name: "webhook_endpoint" })
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ type: "text" })
  url: string;

  /** Event types sent; null: every type. */
  @Column({ type: "jsonb", nullable: true })
  events: string[] | null;

  @Column({ type: "text", nullable: true })
  description: string | null;

  @Column({ name: "secret_sealed", type: "text" })
  secretSealed: string;

  /** The secret before the last rotation, still signing until `previousSecretUntil`. */
  @Column({ name: "previous_secret_sealed", type: "text", nullable: true })
  previousSecretSealed: string | null;

  @Column({ name: "previous_secret_until", type: "timestamptz", nullable: true })
  previousSecretUntil: Date | null;

  @Column({ type: "boolean", default: true })
  enabled: boolean;

  @Column({ name: "disabled_reason", type: "text", nullable: true })
  disabledReason: string | null;

  @Column({ name: "failing_since", type: "timestamptz", nullable: true })
  failingSince: Date | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
