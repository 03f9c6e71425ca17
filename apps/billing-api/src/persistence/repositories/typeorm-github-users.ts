import { type DataSource, IsNull, Not } from "typeorm";
import type {
  GithubUserDirectory,
  GithubUserRecord,
  LinkedAccount,
} from "../../domain/github-onboarding/github-user-directory.js";
import { GithubAccountLinkEntity } from "../entities/github-account-link.entity.js";
import { GithubUserEntity } from "../entities/github-user.entity.js";

export class TypeOrmGithubUsers implements GithubUserDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async saveUser(user: { id: string; login: string; sealedToken: string }, at: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(GithubUserEntity)
      .values({
        githubUserId: user.id,
        login: user.login,
        sealedToken: user.sealedToken,
        tokenRevokedAt: null,
        createdAt: at,
        updatedAt: at,
      })
      .orUpdate(["login", "sealed_token", "token_revoked_at", "updated_at"], ["github_user_id"])
      .execute();
  }

  async replaceAccounts(userId: string, accounts: LinkedAccount[], at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(GithubAccountLinkEntity);
      await repository.delete({ githubUserId: userId });
      await repository.insert(
        accounts.map((account) => ({
          githubUserId: userId,
          accountId: account.accountId,
          accountLogin: account.login,
          accountType: account.type,
          planId: account.planId,
          planName: account.planName,
          priceModel: account.priceModel,
          billingCycle: account.billingCycle,
          unitCount: account.unitCount,
          onFreeTrial: account.onFreeTrial,
          seenAt: at,
        })),
      );
    });
  }

  async findUser(userId: string): Promise<GithubUserRecord | null> {
    const row = await this.dataSource.getRepository(GithubUserEntity).findOneBy({ githubUserId: userId });
    return row ? toRecord(row) : null;
  }

  async accountsOf(userId: string): Promise<LinkedAccount[]> {
    const rows = await this.dataSource
      .getRepository(GithubAccountLinkEntity)
      .find({ where: { githubUserId: userId }, order: { accountId: "ASC" } });
    return rows.map(toLinkedAccount);
  }

  async buyersOf(
    accountId: string,
  ): Promise<Array<{ user: GithubUserRecord; account: LinkedAccount; seenAt: Date }>> {
    const links = await this.dataSource
      .getRepository(GithubAccountLinkEntity)
      .find({ where: { accountId }, order: { seenAt: "DESC", githubUserId: "ASC" } });
    const buyers: Array<{ user: GithubUserRecord; account: LinkedAccount; seenAt: Date }> = [];
    for (const link of links) {
      const user = await this.findUser(link.githubUserId);
      if (user) {
        buyers.push({ user, account: toLinkedAccount(link), seenAt: link.seenAt });
      }
    }
    return buyers;
  }

  async usersWithTokens(): Promise<GithubUserRecord[]> {
    const rows = await this.dataSource
      .getRepository(GithubUserEntity)
      .find({ where: { sealedToken: Not(IsNull()) }, order: { githubUserId: "ASC" } });
    return rows.map(toRecord);
  }

  async clearToken(userId: string, sealedToken: string, at: Date): Promise<void> {
    // Only the token that was revoked: one saved by a new onboarding in the meantime stays.
    await this.dataSource
      .getRepository(GithubUserEntity)
      .update(
        { githubUserId: userId, sealedToken },
        { sealedToken: null, tokenRevokedAt: at, updatedAt: at },
      );
  }
}

function toRecord(row: GithubUserEntity): GithubUserRecord {
  return {
    id: row.githubUserId,
    login: row.login,
    sealedToken: row.sealedToken,
    // Only saveUser changes the row while a token is held (clearToken drops it), so this is when it was saved.
    tokenSavedAt: row.sealedToken === null ? null : row.updatedAt,
    tokenRevokedAt: row.tokenRevokedAt,
  };
}

function toLinkedAccount(row: GithubAccountLinkEntity): LinkedAccount {
  return {
    accountId: row.accountId,
    login: row.accountLogin,
    type: row.accountType,
    planId: row.planId,
    planName: row.planName,
    priceModel: row.priceModel,
    billingCycle: row.billingCycle,
    unitCount: row.unitCount,
    onFreeTrial: row.onFreeTrial,
  };
}
