import { type DataSource, type EntityManager, Not, QueryFailedError } from "typeorm";
import type {
  EvotorUser,
  EvotorUserRepository,
  EvotorUserTransaction,
} from "../../domain/evotor/evotor-accounts.js";
import { EvotorUserEntity } from "../entities/evotor-user.entity.js";

export class TypeOrmEvotorUsers implements EvotorUserRepository {
  constructor(private readonly dataSource: DataSource) {}

  withUser<T>(userId: string, work: (tx: EvotorUserTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`evotor-user:${userId}`]);
      return work(new Transaction(manager, userId));
    });
  }

  async find(userId: string): Promise<EvotorUser | null> {
    const row = await this.dataSource.getRepository(EvotorUserEntity).findOneBy({ userId });
    return row ? toUser(row) : null;
  }
}

class Transaction implements EvotorUserTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly userId: string,
  ) {}

  async get(): Promise<EvotorUser | null> {
    const row = await this.manager.getRepository(EvotorUserEntity).findOneBy({ userId: this.userId });
    return row ? toUser(row) : null;
  }

  async findByVendorAccount(vendorAccountId: string): Promise<EvotorUser | null> {
    const row = await this.manager.getRepository(EvotorUserEntity).findOneBy({ vendorAccountId });
    return row ? toUser(row) : null;
  }

  async findOtherByField(field: string, value: string): Promise<EvotorUser | null> {
    const row = await this.manager
      .getRepository(EvotorUserEntity)
      .createQueryBuilder("user")
      .where("lower(trim(user.custom_fields ->> :field)) = lower(trim(:value))", { field, value })
      .andWhere({ userId: Not(this.userId) })
      .getOne();
    return row ? toUser(row) : null;
  }

  async save(user: EvotorUser): Promise<boolean> {
    try {
      // A savepoint, so a unique violation does not abort the surrounding transaction.
      await this.manager.query("SAVEPOINT evotor_user_save");
      await this.manager.getRepository(EvotorUserEntity).save(Object.assign(new EvotorUserEntity(), user));
      await this.manager.query("RELEASE SAVEPOINT evotor_user_save");
      return true;
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === "23505") {
        await this.manager.query("ROLLBACK TO SAVEPOINT evotor_user_save");
        return false;
      }
      throw error;
    }
  }
}

function toUser(row: EvotorUserEntity): EvotorUser {
  return {
    userId: row.userId,
    origin: row.origin as EvotorUser["origin"],
    tokenHash: row.tokenHash,
    tokenNonce: row.tokenNonce,
    cloudTokenSealed: row.cloudTokenSealed,
    cloudTokenReceivedAt: row.cloudTokenReceivedAt,
    customFields: row.customFields,
    vendorAccountId: row.vendorAccountId,
    hasBilling: row.hasBilling,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
