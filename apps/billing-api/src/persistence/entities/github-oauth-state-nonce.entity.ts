import { Column, Entity, PrimaryColumn } from "typeorm";

/** OAuth state nonces already used: the primary key makes a replayed state fail. */
@Entity({ name: "github_oauth_state_nonce" })
export class GithubOAuthStateNonceEntity {
  @PrimaryColumn({ type: "text" })
  nonce: string;

  @Column({ name: "used_at", type: "timestamptz" })
  usedAt: Date;

  /** After this the signed state is refused anyway; the row can be pruned. */
  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt: Date;
}
