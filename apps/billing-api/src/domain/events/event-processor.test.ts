import { describe, expect, it } from "vitest";
import { ManualClock } from "../time/clock.js";
import { type ApplyOutcome, EventProcessor, retryDelayMs } from "./event-processor.js";
import type { AppendResult, EventLog, InboundEvent, InboundEventDraft } from "./inbound-event.js";

class InMemoryEventLog implements EventLog {
  readonly events: InboundEvent[] = [];

  async append(draft: InboundEventDraft): Promise<AppendResult> {
    const existing = this.events.find(
      (event) => event.marketplace === draft.marketplace && event.dedupeKey === draft.dedupeKey,
    );
    if (existing) {
      return { event: existing, duplicate: true, conflict: false };
    }
    const event: InboundEvent = {
      ...draft,
      id: String(this.events.length + 1),
      status: "received",
      appliedAt: null,
      applyError: null,
      applyAttempts: 0,
      nextAttemptAt: null,
    };
    this.events.push(event);
    return { event, duplicate: false, conflict: false };
  }
  async markApplied(id: string, at: Date) {
    Object.assign(this.get(id), { status: "applied", appliedAt: at, applyError: null, nextAttemptAt: null });
  }
  async markIgnored(id: string, at: Date, reason: string) {
    Object.assign(this.get(id), {
      status: "ignored",
      appliedAt: at,
      applyError: reason,
      nextAttemptAt: null,
    });
  }
  async markFailed(id: string, error: string, nextAttemptAt: Date) {
    const event = this.get(id);
    Object.assign(event, {
      status: "failed",
      applyError: error,
      nextAttemptAt,
      applyAttempts: event.applyAttempts + 1,
    });
  }
  async markDead(id: string, error: string) {
    const event = this.get(id);
    Object.assign(event, {
      status: "dead",
      applyError: error,
      nextAttemptAt: null,
      applyAttempts: event.applyAttempts + 1,
    });
  }
  async listDead() {
    return this.events.filter((event) => event.status === "dead");
  }
  async reviveDead(now: Date) {
    const dead = await this.listDead();
    for (const event of dead) {
      Object.assign(event, { status: "failed", applyAttempts: 0, nextAttemptAt: now });
    }
    return dead.length;
  }
  async listDue(now: Date) {
    return this.events.filter(
      (event) =>
        (event.status === "received" || event.status === "failed") &&
        (event.nextAttemptAt === null || event.nextAttemptAt <= now),
    );
  }
  async findById(id: string) {
    return this.events.find((event) => event.id === id) ?? null;
  }
  async listForAccount() {
    return this.events;
  }
  async listByStatus(filter: { status: InboundEvent["status"] }) {
    return this.events.filter((event) => event.status === filter.status).reverse();
  }
  private get(id: string): InboundEvent {
    const event = this.events.find((candidate) => candidate.id === id);
    if (!event) {
      throw new Error(`no event ${id}`);
    }
    return event;
  }
}

function draft(dedupeKey: string): InboundEventDraft {
  return {
    marketplace: "github",
    source: "webhook",
    eventType: "marketplace_purchase.purchased",
    dedupeKey,
    accountId: "1",
    headers: {},
    rawBody: new TextEncoder().encode("{}"),
    payload: {},
    receivedAt: new Date("2026-01-01T00:00:00Z"),
  };
}

describe("EventProcessor", () => {
  it("marks an event applied when its applier succeeds", async () => {
    const log = new InMemoryEventLog();
    const clock = new ManualClock("2026-01-01T00:00:01Z");
    const processor = new EventProcessor(
      log,
      { github: { apply: async () => ({ kind: "applied" }) } },
      clock,
    );
    const { event } = await log.append(draft("a"));

    expect(await processor.process(event)).toBe("applied");
    expect(log.events[0]).toMatchObject({ status: "applied", appliedAt: clock.now() });
  });

  it("keeps a failing event in the log and retries it once it is due", async () => {
    const log = new InMemoryEventLog();
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    let failuresLeft = 2;
    const applier = {
      apply: async (): Promise<ApplyOutcome> => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error("database hiccup");
        }
        return { kind: "applied" };
      },
    };
    const processor = new EventProcessor(log, { github: applier }, clock);
    const { event } = await log.append(draft("a"));

    expect(await processor.process(event)).toBe("failed");
    expect(log.events[0]).toMatchObject({
      status: "failed",
      applyAttempts: 1,
      applyError: "Error: database hiccup",
    });
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 0, dead: 0 });

    clock.advance(retryDelayMs(1));
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 1, dead: 0 });
    expect(log.events[0]?.applyAttempts).toBe(2);

    clock.advance(retryDelayMs(2));
    expect(await processor.processDue()).toEqual({ applied: 1, ignored: 0, failed: 0, dead: 0 });
    expect(log.events[0]).toMatchObject({ status: "applied", applyError: null });
  });

  it("stores events of a marketplace without an applier as ignored, never dropping them", async () => {
    const log = new InMemoryEventLog();
    const processor = new EventProcessor(log, {}, new ManualClock("2026-01-01T00:00:00Z"));
    const { event } = await log.append(draft("a"));

    expect(await processor.process(event)).toBe("ignored");
    expect(log.events).toHaveLength(1);
    expect(log.events[0]?.status).toBe("ignored");
  });

  it("quarantines an event as dead after the configured attempts, with its reason, and no sooner", async () => {
    const log = new InMemoryEventLog();
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const applier = {
      apply: async (): Promise<ApplyOutcome> => ({ kind: "rejected", reason: "units: too many" }),
    };
    const processor = new EventProcessor(log, { github: applier }, clock, 3);
    const { event } = await log.append(draft("poison"));

    expect(await processor.process(event)).toBe("failed");
    for (const attempt of [2, 3]) {
      clock.advance(retryDelayMs(attempt - 1));
      const summary = await processor.processDue();
      expect(summary).toEqual({
        applied: 0,
        ignored: 0,
        failed: attempt < 3 ? 1 : 0,
        dead: attempt < 3 ? 0 : 1,
      });
    }
    expect(log.events[0]).toMatchObject({ status: "dead", applyAttempts: 3 });
    expect(log.events[0]?.applyError).toContain("rejected: units: too many");

    clock.advance(24 * 3_600_000);
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 0, dead: 0 });

    expect(await log.reviveDead(clock.now())).toBe(1);
    expect(await processor.processDue()).toEqual({ applied: 0, ignored: 0, failed: 1, dead: 0 });
  });

  it("does not use up attempts while the bookkeeping itself fails (an outage)", async () => {
    const log = new InMemoryEventLog();
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const applier = {
      apply: async (): Promise<ApplyOutcome> => Promise.reject(new Error("connection refused")),
    };
    const processor = new EventProcessor(log, { github: applier }, clock, 2);
    const { event } = await log.append(draft("a"));
    log.markFailed = () => Promise.reject(new Error("connection refused"));
    log.markDead = () => Promise.reject(new Error("connection refused"));
    for (let round = 0; round < 5; round += 1) {
      await processor.process((await log.findById(event.id)) as InboundEvent);
    }
    expect(log.events[0]).toMatchObject({ status: "received", applyAttempts: 0 });
  });

  it("backs off exponentially and caps the delay at one hour", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(40)).toBe(3_600_000);
  });
});
