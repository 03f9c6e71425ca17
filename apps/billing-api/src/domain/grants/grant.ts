import type { InboundEvent, Marketplace } from "../events/inbound-event.js";

/** Who a grant is for: one marketplace account, or a customer (then every account linked to it). */
export type GrantSubject = { marketplace: Marketplace; accountId: string } | { customerId: string };

/** What a grant gives, as the vendor asked for it. */
export interface GrantTerms {
  features: string[];
  seats: number | null;
  trialExtensionDays: number | null;
  expiresAt: Date | null;
  note: string | null;
}

/** A vendor's grant, derived from its events in the log (`grant.created`, then maybe `grant.revoked`). */
export interface Grant extends GrantTerms {
  id: string;
  appliesTo: GrantSubject;
  grantedAt: Date;
  revokedAt: Date | null;
}

export const GRANT_CREATED = "grant.created";
export const GRANT_REVOKED = "grant.revoked";

export function isGrantEventType(eventType: string): boolean {
  return eventType === GRANT_CREATED || eventType === GRANT_REVOKED;
}

/** Live: neither revoked nor expired at `now`. */
export function isLive(grant: Grant, now: Date): boolean {
  return (
    (grant.revokedAt === null || grant.revokedAt > now) && (grant.expiresAt === null || grant.expiresAt > now)
  );
}

/** The payload of a `grant.created` event. */
export interface GrantCreatedPayload {
  grantId: string;
  appliesTo: GrantSubject;
  features: string[];
  seats: number | null;
  trialExtensionDays: number | null;
  expiresAt: string | null;
  note: string | null;
}

/** The payload of a `grant.revoked` event. */
export interface GrantRevokedPayload {
  grantId: string;
}

/**
 * The grants told by these events (any order), newest first. An event the model cannot read is skipped, never
 * an exception: the log also holds what older versions wrote.
 */
export function foldGrants(events: readonly InboundEvent[]): Grant[] {
  const grants = new Map<string, Grant>();
  const revocations = new Map<string, Date>();
  for (const event of events) {
    const payload = event.payload as Partial<GrantCreatedPayload> | null;
    if (payload === null || typeof payload !== "object" || typeof payload.grantId !== "string") {
      continue;
    }
    if (event.eventType === GRANT_CREATED) {
      const expiresAt = typeof payload.expiresAt === "string" ? new Date(payload.expiresAt) : null;
      grants.set(payload.grantId, {
        id: payload.grantId,
        appliesTo: payload.appliesTo as GrantSubject,
        features: Array.isArray(payload.features)
          ? payload.features.filter((feature): feature is string => typeof feature === "string")
          : [],
        seats: typeof payload.seats === "number" ? payload.seats : null,
        trialExtensionDays:
          typeof payload.trialExtensionDays === "number" ? payload.trialExtensionDays : null,
        expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null,
        note: typeof payload.note === "string" ? payload.note : null,
        grantedAt: event.receivedAt,
        revokedAt: null,
      });
    } else if (event.eventType === GRANT_REVOKED) {
      const earlier = revocations.get(payload.grantId);
      if (!earlier || event.receivedAt < earlier) {
        revocations.set(payload.grantId, event.receivedAt);
      }
    }
  }
  return [...grants.values()]
    .map((grant) => ({ ...grant, revokedAt: revocations.get(grant.id) ?? null }))
    .sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime() || (a.id < b.id ? 1 : -1));
}
