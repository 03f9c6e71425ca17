import { describe, expect, it } from "vitest";
import { addDuration, parseEvotorDuration, parseEvotorInstant, parseUnixMillis } from "./evotor-time.js";

describe("Evotor instants", () => {
  it("reads both styles Evotor sends, +0000 and Z, as the same instant", () => {
    const documented = parseEvotorInstant("2017-04-20T18:26:37.753+0000");
    const captured = parseEvotorInstant("2017-04-20T18:26:37.753Z");
    expect(documented?.toISOString()).toBe("2017-04-20T18:26:37.753Z");
    expect(captured?.getTime()).toBe(documented?.getTime());
  });

  it("applies non-zero offsets, with or without a colon", () => {
    expect(parseEvotorInstant("2017-04-20T21:26:37.753+0300")?.toISOString()).toBe(
      "2017-04-20T18:26:37.753Z",
    );
    expect(parseEvotorInstant("2017-04-20T15:26:37-03:00")?.toISOString()).toBe("2017-04-20T18:26:37.000Z");
    expect(parseEvotorInstant("2017-04-20T18:26:37")?.toISOString()).toBe("2017-04-20T18:26:37.000Z");
  });

  it("refuses what is not an instant", () => {
    for (const bad of [
      "yesterday",
      "2017-13-01T00:00:00Z",
      "2017-02-30T00:00:00Z",
      "2017-04-20",
      1504168645290,
    ]) {
      expect(parseEvotorInstant(bad)).toBeNull();
    }
  });

  it("reads unix milliseconds as a number or as digits", () => {
    expect(parseUnixMillis(1504168645290)?.toISOString()).toBe("2017-08-31T08:37:25.290Z");
    expect(parseUnixMillis("1504168645290")?.toISOString()).toBe("2017-08-31T08:37:25.290Z");
    expect(parseUnixMillis("2017-08-31")).toBeNull();
    expect(parseUnixMillis(-1)).toBeNull();
  });
});

describe("Evotor durations", () => {
  it("reads Evotor's P14DT (trailing T) and standard forms", () => {
    expect(parseEvotorDuration("P14DT")).toMatchObject({ days: 14, hours: 0 });
    expect(parseEvotorDuration("P30D")).toMatchObject({ days: 30 });
    expect(parseEvotorDuration("P1M")).toMatchObject({ months: 1 });
    expect(parseEvotorDuration("P1DT12H")).toMatchObject({ days: 1, hours: 12 });
  });

  it("refuses what is not a duration", () => {
    for (const bad of ["P", "PT", "14 days", "P14", "", 14]) {
      expect(parseEvotorDuration(bad)).toBeNull();
    }
  });

  it("adds days exactly and months by the calendar", () => {
    const start = new Date("2026-01-31T10:00:00.000Z");
    expect(addDuration(start, parseEvotorDuration("P14DT")!).toISOString()).toBe("2026-02-14T10:00:00.000Z");
    expect(addDuration(new Date("2026-01-15T00:00:00Z"), parseEvotorDuration("P1M")!).toISOString()).toBe(
      "2026-02-15T00:00:00.000Z",
    );
  });
});
