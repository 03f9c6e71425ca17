import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../domain/time/clock.js";
import {
  CallbackVendorAccounts,
  isAcceptableCallbackUrl,
  VendorCallbackError,
} from "./vendor-account-callback.js";

describe("vendor account callback", () => {
  it("accepts https anywhere and plain http only to a loopback host", () => {
    for (const url of [
      "https://vendor.example/accounts",
      "http://127.0.0.1:8080/accounts",
      "http://127.10.0.1/accounts",
      "http://localhost/accounts",
      "http://[::1]:9000/accounts",
    ]) {
      expect(isAcceptableCallbackUrl(url), url).toBe(true);
    }
    for (const url of [
      "http://vendor.example/accounts",
      "http://127.0.0.1.vendor.example/accounts",
      "http://localhost.vendor.example/accounts",
      "http://[::2]/accounts",
      "ftp://127.0.0.1/accounts",
      "not a url",
    ]) {
      expect(isAcceptableCallbackUrl(url), url).toBe(false);
    }
  });

  it("gives up on a vendor that does not answer within the timeout", async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = hanging.address() as AddressInfo;
      const accounts = new CallbackVendorAccounts(
        { url: `http://127.0.0.1:${port}/accounts`, secret: "callback-secret-0123456789", timeoutMs: 200 },
        new ManualClock("2026-03-01T12:00:00Z"),
      );
      await expect(
        accounts.verify({ userId: "01-000000000000001", username: "u", password: "p", fields: {} }),
      ).rejects.toThrow(VendorCallbackError);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});
