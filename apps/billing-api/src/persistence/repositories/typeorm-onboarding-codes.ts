import { type DataSource, LessThan } from "typeorm";
import type {
  OAuthStateNonces,
  OnboardingCodeRecord,
  OnboardingCodes,
} from "../../domain/github-onboarding/onboarding-codes.js";
import { GithubOAuthStateNonceEntity } from "../entities/github-oauth-state-nonce.entity.js";
import { GithubOnboardingCodeEntity } from "../entities/github-onboarding-code.entity.js";

export class TypeOrmOnboardingCodes implements OnboardingCodes {
  constructor(private readonly dataSource: DataSource) {}

  async prune(before: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(GithubOnboardingCodeEntity)
      .delete({ expiresAt: LessThan(before) });
    return result.affected ?? 0;
  }

  async issue(record: OnboardingCodeRecord): Promise<void> {
    await this.dataSource.getRepository(GithubOnboardingCodeEntity).insert({ ...record, usedAt: null });
  }

  async consume(codeHash: string, at: Date): Promise<OnboardingCodeRecord | "used" | null> {
    // One UPDATE decides: two concurrent exchanges of one code cannot both win.
    const [rows] = (await this.dataSource.query(
      `UPDATE "github_onboarding_code" SET "used_at" = $2
       WHERE "code_hash" = $1 AND "used_at" IS NULL
       RETURNING "code_hash", "github_user_id", "created_at", "expires_at"`,
      [codeHash, at],
    )) as [Array<Record<string, unknown>>, number];
    const row = rows[0];
    if (row) {
      return {
        codeHash: String(row.code_hash),
        githubUserId: String(row.github_user_id),
        createdAt: new Date(row.created_at as string),
        expiresAt: new Date(row.expires_at as string),
      };
    }
    const exists = await this.dataSource.getRepository(GithubOnboardingCodeEntity).existsBy({ codeHash });
    return exists ? "used" : null;
  }
}

export class TypeOrmOAuthStateNonces implements OAuthStateNonces {
  constructor(private readonly dataSource: DataSource) {}

  async prune(before: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(GithubOAuthStateNonceEntity)
      .delete({ expiresAt: LessThan(before) });
    return result.affected ?? 0;
  }

  async consume(nonce: string, expiresAt: Date, at: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(GithubOAuthStateNonceEntity)
      .values({ nonce, usedAt: at, expiresAt })
      .orIgnore()
      .returning(["nonce"])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
