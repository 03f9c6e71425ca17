import { randomUUID } from "node:crypto";
import { type DataSource, type EntityManager, QueryFailedError } from "typeorm";
import {
  type AccountRef,
  type Customer,
  CustomerConflictError,
  type CustomerStore,
} from "../../domain/entitlements/customers.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import { CustomerEntity } from "../entities/customer.entity.js";
import { CustomerLinkEntity } from "../entities/customer-link.entity.js";
import { markAccountForCheck } from "../outbox/watch-marks.js";

const UNIQUE_VIOLATION = "23505";

export class TypeOrmCustomerStore implements CustomerStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: { externalId: string | null; name: string | null }, at: Date): Promise<Customer> {
    const id = randomUUID();
    try {
      await this.dataSource.getRepository(CustomerEntity).insert({ id, ...input, createdAt: at });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new CustomerConflictError(`a customer with externalId ${input.externalId} already exists`);
      }
      throw error;
    }
    return { id, externalId: input.externalId, name: input.name, links: [], createdAt: at };
  }

  async get(id: string): Promise<Customer | null> {
    const row = await this.dataSource.getRepository(CustomerEntity).findOneBy({ id });
    if (!row) {
      return null;
    }
    const links = await this.dataSource
      .getRepository(CustomerLinkEntity)
      .find({ where: { customerId: id }, order: { linkedAt: "ASC", marketplace: "ASC", accountId: "ASC" } });
    return {
      id: row.id,
      externalId: row.externalId,
      name: row.name,
      links: links.map((link) => ({
        marketplace: link.marketplace as Marketplace,
        accountId: link.accountId,
      })),
      createdAt: row.createdAt,
    };
  }

  async customerIdOf(account: AccountRef): Promise<string | null> {
    const row = await this.dataSource.getRepository(CustomerLinkEntity).findOneBy({ ...account });
    return row?.customerId ?? null;
  }

  async link(id: string, account: AccountRef, at: Date): Promise<void> {
    await this.linkAll(id, [account], at);
  }

  async linkAll(id: string, accounts: readonly AccountRef[], at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const account of accounts) {
        await linkOne(manager, id, account, at);
        await markAccountForCheck(manager, account.marketplace, account.accountId, at);
      }
    });
  }

  async unlink(id: string, account: AccountRef, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const removed = await manager.getRepository(CustomerLinkEntity).delete({ ...account, customerId: id });
      if ((removed.affected ?? 0) > 0) {
        await markAccountForCheck(manager, account.marketplace, account.accountId, at);
      }
    });
  }
}

async function linkOne(manager: EntityManager, id: string, account: AccountRef, at: Date): Promise<void> {
  const links = manager.getRepository(CustomerLinkEntity);
  await links
    .createQueryBuilder()
    .insert()
    .values({ ...account, customerId: id, linkedAt: at })
    .orIgnore()
    .execute();
  const current = await links.findOneByOrFail({
    marketplace: account.marketplace,
    accountId: account.accountId,
  });
  if (current.customerId !== id) {
    throw new CustomerConflictError(
      `${account.marketplace} account ${account.accountId} is linked to another customer; unlink it there first`,
    );
  }
}
