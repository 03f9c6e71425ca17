import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The counters of `rate-limiter-flexible`'s Postgres store for Evotor `/user/verify` attempts
 * (security/verify-throttle.ts). The library owns the rows and their layout; the table is made here, by a
 * migration, so the schema stays described and checked like every other table. Shared by every replica.
 */
@Entity({ name: "evotor_verify_throttle" })
export class EvotorVerifyThrottleEntity {
  /** The limiter's key prefix plus a SHA-256 of the username or Evotor user id (never the raw username). */
  @PrimaryColumn({ type: "varchar", length: 255 })
  key: string;

  @Column({ type: "integer", default: 0 })
  points: number;

  /** Unix milliseconds when the counter lapses (the library's clock). */
  @Column({ type: "bigint", nullable: true })
  expire: string | null;
}
