import type { Clock } from "../time/clock.js";
import type { BillingEventType } from "./billing-event.js";
import { PREVIOUS_SECRET_GRACE_MS } from "./delivery-policy.js";

export type DisabledReason = "gone" | "failing";

export interface WebhookEndpoint {
  id: string;
  url: string;
  /** Null: every type. */
  events: BillingEventType[] | null;
  description: string | null;
  enabled: boolean;
  disabledReason: DisabledReason | null;
  failingSince: Date | null;
  createdAt: Date;
}

export interface WebhookAttempt {
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDelivery {
  id: string;
  /** The outbox event's id, sent as `webhook-id`. */
  eventId: string;
  eventType: BillingEventType;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  lastAttempts: WebhookAttempt[];
}

export interface EndpointChanges {
  url?: string;
  events?: BillingEventType[] | null;
  description?: string | null;
  enabled?: boolean;
}

/** Where endpoints live; secrets go in and out in plain text, the store keeps them sealed. */
export interface WebhookEndpointStore {
  create(endpoint: WebhookEndpoint, secret: string): Promise<void>;
  list(): Promise<WebhookEndpoint[]>;
  get(id: string): Promise<WebhookEndpoint | null>;
  /** Null when there is no such endpoint. Re-enabling clears the reason and the failure streak. */
  update(id: string, changes: EndpointChanges, at: Date): Promise<WebhookEndpoint | null>;
  delete(id: string): Promise<boolean>;
  /** The current secret becomes the previous one until `previousUntil`. */
  rotateSecret(id: string, secret: string, previousUntil: Date, at: Date): Promise<WebhookEndpoint | null>;
  deliveries(id: string, limit: number): Promise<WebhookDelivery[]>;
  /** Makes a delivery of the endpoint due now; null when there is no such delivery. */
  retryDelivery(id: string, deliveryId: string, at: Date): Promise<WebhookDelivery | null>;
}

export class InvalidEndpointUrlError extends Error {
  override name = "InvalidEndpointUrlError";
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Event payloads tell who pays for what: they go over TLS, except to this machine (a receiver next to the
 * service, and the tests).
 */
export function checkEndpointUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidEndpointUrlError(`${url} is not a URL`);
  }
  if (parsed.username || parsed.password) {
    throw new InvalidEndpointUrlError("the URL must not carry credentials; the signature authenticates us");
  }
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname) || /^127\.\d+\.\d+\.\d+$/.test(parsed.hostname);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
    throw new InvalidEndpointUrlError("the URL must use https (http only for a loopback host)");
  }
}

/** The admin use cases for webhook endpoints. */
export class WebhookEndpointService {
  constructor(
    private readonly deps: {
      store: WebhookEndpointStore;
      clock: Clock;
      newId: () => string;
      /** A fresh Standard Webhooks secret (`whsec_` + base64). */
      newSecret: () => string;
    },
  ) {}

  async create(input: {
    url: string;
    events: BillingEventType[] | null;
    description: string | null;
  }): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    checkEndpointUrl(input.url);
    const endpoint: WebhookEndpoint = {
      id: this.deps.newId(),
      url: input.url,
      events: input.events,
      description: input.description,
      enabled: true,
      disabledReason: null,
      failingSince: null,
      createdAt: this.deps.clock.now(),
    };
    const secret = this.deps.newSecret();
    await this.deps.store.create(endpoint, secret);
    return { endpoint, secret };
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.deps.store.list();
  }

  get(id: string): Promise<WebhookEndpoint | null> {
    return this.deps.store.get(id);
  }

  update(id: string, changes: EndpointChanges): Promise<WebhookEndpoint | null> {
    if (changes.url !== undefined) {
      checkEndpointUrl(changes.url);
    }
    return this.deps.store.update(id, changes, this.deps.clock.now());
  }

  delete(id: string): Promise<boolean> {
    return this.deps.store.delete(id);
  }

  async rotateSecret(id: string): Promise<{ endpoint: WebhookEndpoint; secret: string } | null> {
    const now = this.deps.clock.now();
    const secret = this.deps.newSecret();
    const endpoint = await this.deps.store.rotateSecret(
      id,
      secret,
      new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS),
      now,
    );
    return endpoint ? { endpoint, secret } : null;
  }

  deliveries(id: string, limit: number): Promise<WebhookDelivery[]> {
    return this.deps.store.deliveries(id, limit);
  }

  retryDelivery(id: string, deliveryId: string): Promise<WebhookDelivery | null> {
    return this.deps.store.retryDelivery(id, deliveryId, this.deps.clock.now());
  }
}
