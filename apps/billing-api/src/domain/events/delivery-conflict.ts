/**
 * A redelivery that reuses a stored event's dedupe key with a different body is not a duplicate: it is kept
 * under a key derived from the original's and the new body's digest, so the same conflicting body sent again
 * is recognised as a duplicate of the conflict and a different one is kept as another conflict.
 */
export function conflictDedupeKey(dedupeKey: string, bodySha256Hex: string): string {
  return `${dedupeKey}#conflict:${bodySha256Hex}`;
}

/** Told about every conflicting delivery, so it is visible (log line, metric) beyond the event log. */
export interface ConflictObserver {
  conflictingDelivery(details: {
    marketplace: string;
    dedupeKey: string;
    eventType: string;
    accountId: string | null;
    eventId: string;
    conflictsWith: string;
  }): void;
}
