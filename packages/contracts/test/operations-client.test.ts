import { describe, expect, it } from "vitest";
import { createOperationsClient } from "../src/index.js";

describe("operations client", () => {
  it("calls the documented path and returns the typed body", async () => {
    const calls: string[] = [];
    const client = createOperationsClient({
      baseUrl: "http://billing.test",
      fetch: async (request: Request) => {
        calls.push(`${request.method} ${request.url}`);
        return Response.json({
          status: "ready",
          checks: { database: { ok: true }, migrations: { ok: true, pending: 0 } },
        });
      },
    });

    const { data, error } = await client.GET("/readyz");

    expect(error).toBeUndefined();
    expect(data?.status).toBe("ready");
    expect(calls).toEqual(["GET http://billing.test/readyz"]);
  });
});
