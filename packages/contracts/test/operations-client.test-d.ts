import { describe, expectTypeOf, it } from "vitest";
import { createOperationsClient } from "../src/index.js";

const client = createOperationsClient({ baseUrl: "http://billing.test" });

describe("operations client types", () => {
  it("types the readiness body from the spec", async () => {
    const { data } = await client.GET("/readyz");
    expectTypeOf(data?.status).toEqualTypeOf<"ready" | "unavailable" | undefined>();
  });

  it("rejects paths and methods the spec does not have", () => {
    // @ts-expect-error: no such path in specs/operational.yaml
    client.GET("/health");
    // @ts-expect-error: /healthz has no POST
    client.POST("/healthz");
  });
});
