import { describe, expect, it, vi } from "vitest";
import type { UnfinishedCount } from "../domain/events/event-status-counts.js";
import { Metrics } from "./metrics.js";

function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("event backlog gauges", () => {
  it("count received and failed as pending and `dead` as dead per marketplace, and every unfinished status", async () => {
    const metrics = new Metrics();
    metrics.watchEventBacklog({
      countUnfinished: async () => [
        { marketplace: "github", status: "received", count: 3 },
        { marketplace: "github", status: "failed", count: 1 },
        { marketplace: "github", status: "dead", count: 2 },
        { marketplace: "evotor", status: "failed", count: 5 },
      ],
    });
    const text = await metrics.render();
    expect(sample(text, 'billing_inbound_events_pending{marketplace="github"}')).toBe(4);
    expect(sample(text, 'billing_inbound_events_pending{marketplace="evotor"}')).toBe(5);
    expect(sample(text, 'billing_inbound_events_dead{marketplace="github"}')).toBe(2);
    expect(sample(text, 'billing_inbound_events_dead{marketplace="evotor"}')).toBe(0);
    expect(sample(text, 'billing_inbound_events_unfinished{marketplace="github",status="dead"}')).toBe(2);
    expect(sample(text, 'billing_inbound_events_unfinished{marketplace="github",status="received"}')).toBe(3);
  });

  it("keep the last values when the database cannot be asked, and drop statuses that emptied", async () => {
    const metrics = new Metrics();
    const answers: Array<UnfinishedCount[] | Error> = [
      [{ marketplace: "github", status: "failed", count: 5 }],
      new Error("connection refused"),
      [{ marketplace: "github", status: "received", count: 1 }],
    ];
    metrics.watchEventBacklog({
      countUnfinished: async () => {
        const answer = answers.shift();
        if (answer instanceof Error || answer === undefined) {
          throw answer ?? new Error("no answer");
        }
        return answer;
      },
    });
    const pending = 'billing_inbound_events_pending{marketplace="github"}';
    expect(sample(await metrics.render(), pending)).toBe(5);
    expect(sample(await metrics.render(), pending)).toBe(5);
    const last = await metrics.render();
    expect(sample(last, pending)).toBe(1);
    expect(sample(last, 'billing_inbound_events_dead{marketplace="github"}')).toBe(0);
    expect(
      sample(last, 'billing_inbound_events_unfinished{marketplace="github",status="failed"}'),
    ).toBeUndefined();
  });

  it("answers a scrape within seconds while the database hangs", async () => {
    vi.useFakeTimers();
    try {
      const metrics = new Metrics();
      metrics.watchEventBacklog({ countUnfinished: () => new Promise(() => {}) });
      const scrape = metrics.render();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await scrape).toContain("billing_inbound_events_pending");
    } finally {
      vi.useRealTimers();
    }
  });

  it("exports the process's own metrics only when asked", async () => {
    expect(await new Metrics().render()).not.toContain("process_cpu_seconds_total");
    expect(await new Metrics({ defaultMetrics: true }).render()).toContain("process_cpu_seconds_total");
  });
});
