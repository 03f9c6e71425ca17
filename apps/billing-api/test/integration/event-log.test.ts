import { describe, expect, it } from "vitest";
import type { InboundEventDraft } from "../../src/domain/events/inbound-event.js";
import { TypeOrmEventLog } from "../../src/persistence/repositories/typeorm-event-log.js";
import { useTestApp } from "../support/test-app.js";

const context = useTestApp();

function draft(overrides: Partial<InboundEventDraft> = {}): InboundEventDraft {
  return {
    marketplace: "github",
    source: "webhook",
    eventType: "marketplace_purchase.purchased",
    dedupeKey: "delivery-1",
    accountId: "4242",
    headers: { "x-github-event": "marketplace_purchase" },
    // Whitespace and key order are part of what was received and must survive byte for byte.
    rawBody: new TextEncoder().encode('{ "b": 1,\n  "a": "é" }'),
    payload: { b: 1, a: "é" },
    receivedAt: new Date("2026-03-01T10:00:00.000Z"),
    ...overrides,
  };
}

describe("event log", () => {
  it("stores the raw body byte for byte beside the parsed payload", async () => {
    const log = new TypeOrmEventLog(context.database.dataSource);
    const { event, duplicate } = await log.append(draft());

    expect(duplicate).toBe(false);
    expect(new TextDecoder().decode(event.rawBody)).toBe('{ "b": 1,\n  "a": "é" }');
    expect(event).toMatchObject({
      marketplace: "github",
      eventType: "marketplace_purchase.purchased",
      accountId: "4242",
      payload: { b: 1, a: "é" },
      status: "received",
      applyAttempts: 0,
      receivedAt: new Date("2026-03-01T10:00:00.000Z"),
    });
  });

  it("is idempotent on the dedupe key, even for concurrent redeliveries", async () => {
    const log = new TypeOrmEventLog(context.database.dataSource);
    const results = await Promise.all(Array.from({ length: 8 }, () => log.append(draft())));

    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(new Set(results.map((result) => result.event.id)).size).toBe(1);
    expect(await log.listForAccount("github", "4242")).toHaveLength(1);
  });

  it("keeps dedupe keys separate per marketplace", async () => {
    const log = new TypeOrmEventLog(context.database.dataSource);
    await log.append(draft());
    const evotor = await log.append(draft({ marketplace: "evotor", eventType: "SubscriptionCreated" }));
    expect(evotor.duplicate).toBe(false);
  });

  it("tracks failures for retry and lists due events oldest first", async () => {
    const log = new TypeOrmEventLog(context.database.dataSource);
    const first = (await log.append(draft({ dedupeKey: "a" }))).event;
    const second = (await log.append(draft({ dedupeKey: "b" }))).event;
    const third = (await log.append(draft({ dedupeKey: "c" }))).event;

    await log.markApplied(second.id, new Date("2026-03-01T10:00:01Z"));
    await log.markFailed(first.id, "Error: boom", new Date("2026-03-01T10:05:00Z"));
    await log.markFailed(first.id, "Error: boom again", new Date("2026-03-01T10:10:00Z"));

    const early = await log.listDue(new Date("2026-03-01T10:06:00Z"), 10);
    expect(early.map((event) => event.id)).toEqual([third.id]);

    const later = await log.listDue(new Date("2026-03-01T10:10:00Z"), 10);
    expect(later.map((event) => event.id)).toEqual([first.id, third.id]);
    expect(later[0]).toMatchObject({ status: "failed", applyAttempts: 2, applyError: "Error: boom again" });
  });

  it("refuses to change what was received or to delete it", async () => {
    const log = new TypeOrmEventLog(context.database.dataSource);
    const { event } = await log.append(draft());
    const query = (sql: string) => context.database.dataSource.query(sql, [event.id]);

    await expect(query(`UPDATE inbound_event SET raw_body = 'x' WHERE id = $1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(query(`UPDATE inbound_event SET payload = '{}' WHERE id = $1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(query(`DELETE FROM inbound_event WHERE id = $1`)).rejects.toThrow(/append-only/);
    expect(await log.findById(event.id)).toMatchObject({ payload: { b: 1, a: "é" } });
  });
});
