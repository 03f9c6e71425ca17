import { describe, expect, it, vi } from "vitest";
import { Metrics } from "./metrics.js";

function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("event backlog gauges", () => {
  it("count received and failed as pending and `dead` as dead, and every unfinished status by name", async () => {
    const metrics = new Metrics();
    metrics.watchEventBacklog({ countUnfinished: async () => ({ received: 3, failed: 1, dead: 2 }) });
    const text = await metrics.render();
    expect(sample(text, "billing_inbound_events_pending")).toBe(4);
    expect(sample(text, "billing_inbound_events_dead")).toBe(2);
    expect(sample(text, 'billing_inbound_events_unfinished{status="dead"}')).toBe(2);
    expect(sample(text, 'billing_inbound_events_unfinished{status="received"}')).toBe(3);
  });

  it("keep the last values when the database cannot be asked, and drop statuses that emptied", async () => {
    const metrics = new Metrics();
    const answers: Array<Record<string, number> | Error> = [
      { failed: 5 },
      new Error("connection refused"),
      { received: 1 },
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
    expect(sample(await metrics.render(), "billing_inbound_events_pending")).toBe(5);
    expect(sample(await metrics.render(), "billing_inbound_events_pending")).toBe(5);
    const last = await metrics.render();
    expect(sample(last, "billing_inbound_events_pending")).toBe(1);
    expect(sample(last, "billing_inbound_events_dead")).toBe(0);
    expect(sample(last, 'billing_inbound_events_unfinished{status="failed"}')).toBeUndefined();
  });

  it("answers a scrape within seconds while the database hangs", async () => {
    vi.useFakeTimers();
    try {
      const metrics = new Metrics();
      metrics.watchEventBacklog({ countUnfinished: () => new Promise(() => {}) });
      const scrape = metrics.render();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(sample(await scrape, "billing_inbound_events_pending")).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("exports the process's own metrics only when asked", async () => {
    expect(await new Metrics().render()).not.toContain("process_cpu_seconds_total");
    expect(await new Metrics({ defaultMetrics: true }).render()).toContain("process_cpu_seconds_total");
  });
});
