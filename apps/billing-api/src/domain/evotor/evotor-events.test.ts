import { describe, expect, it } from "vitest";
import { FULL_LIFE, subscriptionPayload } from "../../../test/support/evotor-fixtures.js";
import { parseInstallationEvent, parseSubscriptionEvent } from "./evotor-events.js";

describe("parseSubscriptionEvent", () => {
  it("parses the reference SubscriptionCreated example", () => {
    const parsed = parseSubscriptionEvent({
      subscriptionId: "a99fbf70-6307-4acc-b61c-741ee9eef6c0",
      productId: "c0d01x35-5193-4cc2-9bfb-be20e0679498",
      userId: "01-000000000000001",
      timestamp: "2017-04-20T18:26:37.753+0000",
      sequenceNumber: 1,
      type: "SubscriptionCreated",
      planId: "example",
      trialPeriodDuration: "P14DT",
      deviceNumber: 35,
    });
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        planId: "example",
        deviceNumber: 35,
        trialPeriod: { days: 14 },
        timestamp: new Date("2017-04-20T18:26:37.753Z"),
      },
    });
  });

  it("parses the captured 2019 SubscriptionRenewed (Z dates, no chargedSum) and keeps unknown fields harmless", () => {
    const parsed = parseSubscriptionEvent({
      subscriptionId: "e9f1a3ee-e78d-49b3-93d6-389f718ba8ec",
      productId: "59fea9cb-0817-4431-9fb7-594f81584110",
      userId: "01-000000000738894",
      nextBillingDate: "2019-11-28T21:14:03.486Z",
      sequenceNumber: 4,
      timestamp: "2019-10-28T21:14:12.174Z",
      type: "SubscriptionRenewed",
      somethingEvotorAddedLater: { nested: true },
    });
    expect(parsed).toMatchObject({
      ok: true,
      value: { nextBillingDate: new Date("2019-11-28T21:14:03.486Z"), chargedSum: null },
    });
  });

  it("keeps only the fields a SubscriptionTermsChanged carries", () => {
    const parsed = parseSubscriptionEvent(
      subscriptionPayload("SubscriptionTermsChanged", 4, "2026-02-20T00:00:00Z", { deviceNumber: 3 }),
    );
    expect(parsed.ok && parsed.value).toMatchObject({ deviceNumber: 3 });
    expect(parsed.ok && "planId" in parsed.value).toBe(false);
  });

  it("names the missing field with 2002 and the wrong one with 2003", () => {
    const { subscriptionId: _dropped, ...withoutId } = FULL_LIFE.created;
    expect(parseSubscriptionEvent(withoutId)).toEqual({
      ok: false,
      error: { code: 2002, reason: "missing", subject: "subscriptionId" },
    });
    expect(parseSubscriptionEvent({ ...FULL_LIFE.activated, nextBillingDate: undefined })).toEqual({
      ok: false,
      error: { code: 2002, reason: "missing", subject: "nextBillingDate" },
    });
    expect(parseSubscriptionEvent({ ...FULL_LIFE.created, trialPeriodDuration: "two weeks" })).toEqual({
      ok: false,
      error: { code: 2003, reason: "incorrect", subject: "trialPeriodDuration", value: "two weeks" },
    });
    expect(parseSubscriptionEvent({ ...FULL_LIFE.created, sequenceNumber: 0 })).toMatchObject({
      ok: false,
      error: { code: 2003, subject: "sequenceNumber" },
    });
    expect(parseSubscriptionEvent({ ...FULL_LIFE.activated, chargedSum: { amount: 1 } })).toMatchObject({
      ok: false,
      error: { code: 2002, subject: "chargedSum.currency" },
    });
  });

  it("accepts event types added later, as envelope-only events", () => {
    const parsed = parseSubscriptionEvent(
      subscriptionPayload("SubscriptionPaused", 7, "2026-01-01T00:00:00Z"),
    );
    expect(parsed).toMatchObject({ ok: true, value: { type: "SubscriptionPaused" } });
  });
});

describe("parseInstallationEvent", () => {
  it("parses the reference ApplicationInstalled example with a unix-ms timestamp", () => {
    const parsed = parseInstallationEvent({
      id: "a99fbf70-6307-4acc-b61c-741ee9eef6c0",
      timestamp: 1504168645290,
      version: 2,
      type: "ApplicationInstalled",
      data: { productId: "569af313-5fcf-43b4-9eb4-f81e8f17dac7", userId: "01-000000000000001" },
    });
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        userId: "01-000000000000001",
        timestamp: new Date(1504168645290),
        type: "ApplicationInstalled",
      },
    });
  });

  it("names data.userId when it is missing", () => {
    expect(
      parseInstallationEvent({
        id: "x",
        timestamp: 1,
        type: "ApplicationInstalled",
        data: { productId: "p" },
      }),
    ).toEqual({ ok: false, error: { code: 2002, reason: "missing", subject: "data.userId" } });
  });
});
