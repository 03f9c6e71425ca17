import type { DataSource } from "typeorm";
import type { BillingEventType } from "../../domain/outbound/billing-event.js";
import type {
  DisabledReason,
  EndpointChanges,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointStore,
} from "../../domain/outbound/webhook-endpoints.js";
import type { SecretBox } from "../../security/secret-box.js";
import { WebhookDeliveryEntity } from "../entities/webhook-delivery.entity.js";
import { WebhookEndpointEntity } from "../entities/webhook-endpoint.entity.js";

/** Webhook endpoints with their secrets sealed by SecretBox (AES-256-GCM, its own purpose key). */
export class TypeOrmWebhookEndpointStore implements WebhookEndpointStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  private get endpoints() {
    return this.dataSource.getRepository(WebhookEndpointEntity);
  }

  async create(endpoint: WebhookEndpoint, secret: string): Promise<void> {
    await this.endpoints.insert({
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events,
      description: endpoint.description,
      secretSealed: this.secrets.seal(secret),
      previousSecretSealed: null,
      previousSecretUntil: null,
      enabled: true,
      disabledReason: null,
      failingSince: null,
      createdAt: endpoint.createdAt,
      updatedAt: endpoint.createdAt,
    });
  }

  async list(): Promise<WebhookEndpoint[]> {
    const rows = await this.endpoints.find({ order: { createdAt: "ASC", id: "ASC" } });
    return rows.map(toEndpoint);
  }

  async get(id: string): Promise<WebhookEndpoint | null> {
    const row = await this.endpoints.findOneBy({ id });
    return row ? toEndpoint(row) : null;
  }

  async update(id: string, changes: EndpointChanges, at: Date): Promise<WebhookEndpoint | null> {
    const set: Partial<WebhookEndpointEntity> = { updatedAt: at };
    if (changes.url !== undefined) {
      set.url = changes.url;
    }
    if (changes.events !== undefined) {
      set.events = changes.events;
    }
    if (changes.description !== undefined) {
      set.description = changes.description;
    }
    if (changes.enabled === true) {
      Object.assign(set, { enabled: true, disabledReason: null, failingSince: null });
    } else if (changes.enabled === false) {
      set.enabled = false;
    }
    const result = await this.endpoints.update({ id }, set as never);
    return (result.affected ?? 0) > 0 ? this.get(id) : null;
  }

  async delete(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // The endpoint's row before its deliveries, in the order the dispatcher locks them.
      await manager.query(`SELECT 1 FROM "webhook_endpoint" WHERE "id" = $1 FOR UPDATE`, [id]);
      await manager.getRepository(WebhookDeliveryEntity).delete({ endpointId: id });
      const result = await manager.getRepository(WebhookEndpointEntity).delete({ id });
      return (result.affected ?? 0) > 0;
    });
  }

  async rotateSecret(
    id: string,
    secret: string,
    previousUntil: Date,
    at: Date,
  ): Promise<WebhookEndpoint | null> {
    const rows = (await this.dataSource.query(
      `UPDATE "webhook_endpoint" SET "previous_secret_sealed" = "secret_sealed", "previous_secret_until" = $3,
         "secret_sealed" = $2, "updated_at" = $4 WHERE "id" = $1 RETURNING "id"`,
      [id, this.secrets.seal(secret), previousUntil, at],
    )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    const updated = Array.isArray(rows[0]) ? rows[0] : rows;
    return updated.length > 0 ? this.get(id) : null;
  }

  async deliveries(id: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .find({ where: { endpointId: id }, order: { id: "DESC" }, take: limit });
    return rows.map(toDelivery);
  }

  async retryDelivery(id: string, deliveryId: string, at: Date): Promise<WebhookDelivery | null> {
    const repository = this.dataSource.getRepository(WebhookDeliveryEntity);
    const result = await repository.update(
      { id: deliveryId, endpointId: id },
      { status: "pending", nextAttemptAt: at },
    );
    if ((result.affected ?? 0) === 0) {
      return null;
    }
    const row = await repository.findOneByOrFail({ id: deliveryId });
    return toDelivery(row);
  }
}

function toEndpoint(row: WebhookEndpointEntity): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: row.events as BillingEventType[] | null,
    description: row.description,
    enabled: row.enabled,
    disabledReason: row.disabledReason as DisabledReason | null,
    failingSince: row.failingSince,
    createdAt: row.createdAt,
  };
}

function toDelivery(row: WebhookDeliveryEntity): WebhookDelivery {
  return {
    id: String(row.id),
    eventId: `evt_${row.eventId}`,
    eventType: row.eventType as BillingEventType,
    status: row.status as WebhookDelivery["status"],
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    createdAt: row.createdAt,
    lastAttempts: row.lastAttempts.map((attempt) => ({ ...attempt, at: new Date(attempt.at) })),
  };
}
