import type { Request } from "express";
import type { InboundEventDraft } from "../../domain/events/inbound-event.js";

/** Request headers kept with an Evotor event: enough to explain a delivery, never credentials. */
const KEPT_HEADERS = ["content-type", "user-agent", "accept", "accept-charset", "x-request-id"];

export function keptHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") {
      headers[name] = value;
    }
  }
  return headers;
}

/** An Evotor event as the event log stores it: the raw bytes, the parsed body, the user as account. */
export function evotorEventDraft(
  req: Request,
  fields: { eventType: string; dedupeKey: string; userId: string; receivedAt: Date },
): InboundEventDraft {
  return {
    marketplace: "evotor",
    source: "webhook",
    eventType: fields.eventType,
    dedupeKey: fields.dedupeKey,
    accountId: fields.userId,
    headers: keptHeaders(req),
    rawBody: req.rawBody ?? new TextEncoder().encode(JSON.stringify(req.body)),
    payload: req.body,
    receivedAt: fields.receivedAt,
  };
}
