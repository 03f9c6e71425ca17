import type { ConflictObserver } from "./delivery-conflict.js";
import type { AppendResult, EventLog, InboundEventDraft } from "./inbound-event.js";

/**
 * The event log, telling an observer about each new conflicting delivery (a stored dedupe key redelivered
 * with another body), so every adapter's conflicts become visible the same way, whoever appends.
 */
export function observedEventLog(log: EventLog, observer: ConflictObserver): EventLog {
  return {
    markApplied: (id, at) => log.markApplied(id, at),
    markIgnored: (id, at, reason) => log.markIgnored(id, at, reason),
    markFailed: (id, error, next) => log.markFailed(id, error, next),
    markDead: (id, error) => log.markDead(id, error),
    listDead: (limit) => log.listDead(limit),
    reviveDead: (now) => log.reviveDead(now),
    listDue: (now, limit) => log.listDue(now, limit),
    findById: (id) => log.findById(id),
    listForAccount: (marketplace, accountId) => log.listForAccount(marketplace, accountId),
    listByStatus: (filter, page) => log.listByStatus(filter, page),
    async append(draft: InboundEventDraft): Promise<AppendResult> {
      const result = await log.append(draft);
      if (result.conflict) {
        observer.conflictingDelivery({
          marketplace: draft.marketplace,
          dedupeKey: draft.dedupeKey,
          eventType: draft.eventType,
          accountId: draft.accountId,
          eventId: result.event.id,
          conflictsWith: result.event.conflictsWith ?? "",
        });
      }
      return result;
    },
  };
}
