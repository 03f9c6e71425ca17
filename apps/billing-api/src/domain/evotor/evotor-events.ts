import { isStorableCount, isStorableId, isStorableInstant } from "../events/storable-values.js";
import { type IsoDuration, parseEvotorDuration, parseEvotorInstant, parseUnixMillis } from "./evotor-time.js";

/**
 * Evotor's subscription and installation events, parsed from the JSON Evotor sends (and the event log
 * keeps). Parsing is tolerant of what Evotor adds later (unknown fields and event types are kept, not
 * rejected) and strict about what the fold needs; a problem is reported the way Evotor's error format
 * names it (2002 missing field, 2003 incorrect value, with the field as `subject`).
 */

export const EVOTOR_USER_ID = /^[0-9]{2}-[0-9]{15}$/;

export const SUBSCRIPTION_EVENT_TYPES = [
  "SubscriptionCreated",
  "SubscriptionActivated",
  "SubscriptionRenewed",
  "SubscriptionTermsChanged",
  "SubscriptionTerminationRequested",
  "SubscriptionTerminated",
  "SubscriptionCancelled",
  "AddonsUpdated",
] as const;
export type SubscriptionEventType = (typeof SUBSCRIPTION_EVENT_TYPES)[number];

export const INSTALLATION_EVENT_TYPES = ["ApplicationInstalled", "ApplicationUninstalled"] as const;

export interface ChargedSum {
  amount: number;
  currency: string;
}

export interface Addon {
  id: string;
  quantity: number;
}

export interface EvotorSubscriptionEvent {
  kind: "subscription";
  subscriptionId: string;
  productId: string | null;
  userId: string;
  /** When Evotor sent it. */
  timestamp: Date;
  sequenceNumber: number;
  /** Evotor's type; types this adapter does not know are kept and folded as no-ops. */
  type: string;
  /** Absent (undefined) means "not in this event", which matters for SubscriptionTermsChanged. */
  planId?: string | null;
  trialPeriod?: IsoDuration | null;
  deviceNumber?: number | null;
  nextBillingDate?: Date | null;
  chargedSum?: ChargedSum | null;
  addons?: Addon[];
}

export interface EvotorInstallationEvent {
  kind: "installation";
  id: string;
  timestamp: Date;
  type: string;
  productId: string | null;
  userId: string;
}

export type EvotorEvent = EvotorSubscriptionEvent | EvotorInstallationEvent;

/** A field-level problem in Evotor's terms. */
export interface EvotorFieldError {
  code: 2002 | 2003;
  reason: "missing" | "incorrect";
  subject: string;
  value?: unknown;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: EvotorFieldError };

/**
 * The event log's dedupe key of a subscription event: Evotor numbers events per subscription, and the key is
 * scoped by user so one user's event can never make another user's real event look like a duplicate.
 */
export function subscriptionDedupeKey(
  userId: string,
  subscriptionId: string,
  sequenceNumber: number,
): string {
  return `subscription:${userId}:${subscriptionId}:${sequenceNumber}`;
}

/** The event log's dedupe key of an installation event: its own id, scoped by user likewise. */
export function installationDedupeKey(userId: string, id: string): string {
  return `installation:${userId}:${id}`;
}

/** What a retry of the same Evotor event may renew: `timestamp` is when it was sent. */
export const EVOTOR_VOLATILE_FIELDS = ["timestamp"] as const;

class FieldProblem extends Error {
  constructor(readonly detail: EvotorFieldError) {
    super(`${detail.subject}: ${detail.reason}`);
  }
}

const missing = (subject: string) => new FieldProblem({ code: 2002, reason: "missing", subject });
const incorrect = (subject: string, value: unknown) =>
  new FieldProblem({ code: 2003, reason: "incorrect", subject, value });

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function requiredString(body: Record<string, unknown>, field: string, prefix = ""): string {
  const value = body[field];
  if (value === undefined || value === null) {
    throw missing(prefix + field);
  }
  if (typeof value !== "string" || value.trim() === "") {
    throw incorrect(prefix + field, value);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, field: string): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return value as undefined | null;
  }
  if (typeof value !== "string") {
    throw incorrect(field, value);
  }
  return value;
}

/** An identifier or type name: a non-blank string short enough to index (see storable-values.ts). */
function requiredId(body: Record<string, unknown>, field: string, prefix = ""): string {
  const value = requiredString(body, field, prefix);
  if (!isStorableId(value)) {
    throw incorrect(prefix + field, value.slice(0, 64));
  }
  return value;
}

function optionalId(body: Record<string, unknown>, field: string): string | null | undefined {
  const value = optionalString(body, field);
  if (typeof value === "string" && !isStorableId(value)) {
    throw incorrect(field, value.slice(0, 64));
  }
  return value;
}

function userIdField(body: Record<string, unknown>, prefix = ""): string {
  const userId = requiredString(body, "userId", prefix);
  if (!EVOTOR_USER_ID.test(userId)) {
    throw incorrect(`${prefix}userId`, userId);
  }
  return userId;
}

function instant(body: Record<string, unknown>, field: string, required: boolean): Date | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) {
      throw missing(field);
    }
    return value as undefined | null;
  }
  const parsed = parseEvotorInstant(value);
  if (!parsed || !isStorableInstant(parsed)) {
    throw incorrect(field, value);
  }
  return parsed;
}

function nonNegativeInteger(body: Record<string, unknown>, field: string): number | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return value as undefined | null;
  }
  if (!isStorableCount(value)) {
    throw incorrect(field, value);
  }
  return value;
}

function chargedSum(body: Record<string, unknown>): ChargedSum | null | undefined {
  const value = body.chargedSum;
  if (value === undefined || value === null) {
    return value as undefined | null;
  }
  const sum = record(value);
  if (!sum) {
    throw incorrect("chargedSum", value);
  }
  if (sum.amount === undefined || sum.amount === null) {
    throw missing("chargedSum.amount");
  }
  if (typeof sum.amount !== "number" || !Number.isFinite(sum.amount) || sum.amount < 0) {
    throw incorrect("chargedSum.amount", sum.amount);
  }
  return { amount: sum.amount, currency: requiredString(sum, "currency", "chargedSum.") };
}

function addons(body: Record<string, unknown>): Addon[] {
  const value = body.addons;
  if (value === undefined || value === null) {
    throw missing("addons");
  }
  if (!Array.isArray(value)) {
    throw incorrect("addons", value);
  }
  return value.map((item, index) => {
    const addon = record(item);
    if (!addon) {
      throw incorrect(`addons.${index}`, item);
    }
    const id = requiredString(addon, "id", `addons.${index}.`);
    const quantity = addon.quantity;
    if (quantity === undefined || quantity === null) {
      throw missing(`addons.${index}.quantity`);
    }
    if (typeof quantity !== "number" || !Number.isSafeInteger(quantity) || quantity < 0) {
      throw incorrect(`addons.${index}.quantity`, quantity);
    }
    return { id, quantity };
  });
}

function attempt<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof FieldProblem) {
      return { ok: false, error: error.detail };
    }
    throw error;
  }
}

/** Parses a subscription event body (`/api/v1/subscription/event`, or its original `/api/v1/user/event`). */
export function parseSubscriptionEvent(payload: unknown): Parsed<EvotorSubscriptionEvent> {
  return attempt(() => {
    const body = record(payload);
    if (!body) {
      throw incorrect("body", payload);
    }
    const subscriptionId = requiredId(body, "subscriptionId");
    const userId = userIdField(body);
    const timestamp = instant(body, "timestamp", true) as Date;
    const sequence = body.sequenceNumber;
    if (sequence === undefined || sequence === null) {
      throw missing("sequenceNumber");
    }
    if (typeof sequence !== "number" || !Number.isSafeInteger(sequence) || sequence < 1) {
      throw incorrect("sequenceNumber", sequence);
    }
    const type = requiredId(body, "type");
    const productId = optionalId(body, "productId") ?? null;
    const event: EvotorSubscriptionEvent = {
      kind: "subscription",
      subscriptionId,
      productId,
      userId,
      timestamp,
      sequenceNumber: sequence,
      type,
    };
    switch (type) {
      case "SubscriptionCreated": {
        event.planId = requiredId(body, "planId");
        const trial = body.trialPeriodDuration;
        if (trial === undefined || trial === null) {
          event.trialPeriod = null;
        } else {
          const duration = parseEvotorDuration(trial);
          if (!duration) {
            throw incorrect("trialPeriodDuration", trial);
          }
          event.trialPeriod = duration;
        }
        event.deviceNumber = nonNegativeInteger(body, "deviceNumber") ?? null;
        break;
      }
      case "SubscriptionActivated":
      case "SubscriptionRenewed":
        event.nextBillingDate = instant(body, "nextBillingDate", true) as Date;
        event.chargedSum = chargedSum(body) ?? null;
        break;
      case "SubscriptionTermsChanged": {
        // Only what changed is present; keep "absent" distinct from a value.
        const planId = optionalId(body, "planId");
        if (planId !== undefined && planId !== null) {
          event.planId = planId;
        }
        const devices = nonNegativeInteger(body, "deviceNumber");
        if (devices !== undefined && devices !== null) {
          event.deviceNumber = devices;
        }
        const next = instant(body, "nextBillingDate", false);
        if (next) {
          event.nextBillingDate = next;
        }
        const sum = chargedSum(body);
        if (sum) {
          event.chargedSum = sum;
        }
        break;
      }
      case "AddonsUpdated":
        event.addons = addons(body);
        break;
      default:
        // Envelope-only types (TerminationRequested, Terminated, Cancelled) and types added later.
        break;
    }
    return event;
  });
}

/** Parses an installation event body (`/api/v2/installation/event`). */
export function parseInstallationEvent(payload: unknown): Parsed<EvotorInstallationEvent> {
  return attempt(() => {
    const body = record(payload);
    if (!body) {
      throw incorrect("body", payload);
    }
    const id = requiredId(body, "id");
    if (body.timestamp === undefined || body.timestamp === null) {
      throw missing("timestamp");
    }
    const timestamp = parseUnixMillis(body.timestamp);
    if (!timestamp || !isStorableInstant(timestamp)) {
      throw incorrect("timestamp", body.timestamp);
    }
    const type = requiredId(body, "type");
    if (body.data === undefined || body.data === null) {
      throw missing("data");
    }
    const data = record(body.data);
    if (!data) {
      throw incorrect("data", body.data);
    }
    const userId = userIdField(data, "data.");
    const productId =
      typeof data.productId === "string" && isStorableId(data.productId) ? data.productId : null;
    return { kind: "installation", id, timestamp, type, productId, userId };
  });
}
