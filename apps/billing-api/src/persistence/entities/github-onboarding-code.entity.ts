import { Column, Entity, PrimaryColumn } from "typeorm";

/** An onboarding code handed to the vendor's product; only its SHA-256 is kept. */
@Entity({ name: "github_onboarding_code" })
export class GithubOnboardingCodeEntity {
  @PrimaryColumn({ name: "code_hash", type: "text" })
  codeHash: string;

  @Column({ name: "github_user_id", type: "text" })
  githubUserId: string;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt: Date;

  @Column({ name: "used_at", type: "timestamptz", nullable: true })
  usedAt: Date | null;
}
