import { Column, Entity, PrimaryColumn } from "typeorm";

/** A GitHub user who went through onboarding; its token is sealed (AES-256-GCM), never stored in clear. */
@Entity({ name: "github_user" })
export class GithubUserEntity {
  @PrimaryColumn({ name: "github_user_id", type: "text" })
  githubUserId: string;

  @Column({ type: "text" })
  login: string;

  @Column({ name: "sealed_token", type: "text", nullable: true })
  sealedToken: string | null;

  @Column({ name: "token_revoked_at", type: "timestamptz", nullable: true })
  tokenRevokedAt: Date | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
