import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The fold checkpoint of one marketplace account (domain/marketplaces/fold-checkpoint.ts): the adapter's fold
 * state over exactly the account's `applied` events, so a delivery folds only itself.
 */
@Entity({ name: "account_fold" })
export class AccountFoldEntity {
  @PrimaryColumn({ type: "text" })
  marketplace: string;

  @PrimaryColumn({ name: "account_id", type: "text" })
  accountId: string;

  @Column({ type: "jsonb" })
  state: unknown;

  @Column({ name: "last_event_id", type: "bigint" })
  lastEventId: string;

  @Column({ name: "event_count", type: "integer" })
  eventCount: number;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
