import type { DataSource, Repository } from "typeorm";
import type {
  VendorAccount,
  VendorAccountRepository,
} from "../../domain/vendor-accounts/vendor-account-directory.js";
import { identityKey } from "../../domain/vendor-accounts/vendor-accounts.js";
import { VendorAccountEntity } from "../entities/vendor-account.entity.js";

export class TypeOrmVendorAccounts implements VendorAccountRepository {
  private readonly repository: Repository<VendorAccountEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(VendorAccountEntity);
  }

  async findById(id: string): Promise<VendorAccount | null> {
    const row = await this.repository.findOneBy({ id });
    return row ? toAccount(row) : null;
  }

  async findByUsername(username: string): Promise<VendorAccount | null> {
    const row = await this.repository.findOneBy({ usernameKey: identityKey(username) });
    return row ? toAccount(row) : null;
  }

  async list(): Promise<VendorAccount[]> {
    return (await this.repository.find({ order: { usernameKey: "ASC" } })).map(toAccount);
  }

  async insert(account: VendorAccount): Promise<boolean> {
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .into(VendorAccountEntity)
      .values(toEntity(account))
      .orIgnore()
      .returning(["id"])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async update(account: VendorAccount): Promise<void> {
    await this.repository.save(toEntity(account));
  }
}

function toEntity(account: VendorAccount): VendorAccountEntity {
  return Object.assign(new VendorAccountEntity(), { ...account, usernameKey: identityKey(account.username) });
}

function toAccount(row: VendorAccountEntity): VendorAccount {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.passwordHash,
    hasBilling: row.hasBilling,
    fields: row.fields,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
