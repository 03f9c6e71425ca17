import { type DataSource, IsNull } from "typeorm";
import { type ApiKey, type ApiKeyStore, isApiKeyScope } from "../../domain/entitlements/api-keys.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";
import { ApiKeyEntity } from "../entities/api-key.entity.js";

export class TypeOrmApiKeyStore implements ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(key: ApiKey & { hash: string }): Promise<void> {
    await this.dataSource
      .getRepository(ApiKeyEntity)
      .insert({ ...key, marketplace: key.marketplace ?? null });
  }

  async findByHash(hash: string): Promise<ApiKey | null> {
    const row = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ hash });
    return row ? toApiKey(row) : null;
  }

  async list(): Promise<ApiKey[]> {
    const rows = await this.dataSource.getRepository(ApiKeyEntity).find({ order: { createdAt: "ASC" } });
    return rows.map(toApiKey);
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ApiKeyEntity)
      .update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }
}

function toApiKey(row: ApiKeyEntity): ApiKey {
  return {
    id: row.id,
    name: row.name,
    // A scope this version does not know (written by a newer one) grants nothing here.
    scopes: row.scopes.filter(isApiKeyScope),
    marketplace: row.marketplace as Marketplace | null,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
