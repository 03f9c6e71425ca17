import { describe, it } from "vitest";
import { useListeningApp } from "../support/listening.js";
import { useTestApp } from "../support/test-app.js";
import { BILLING_API, pactFile } from "./support/pact-files.js";
import { productStates } from "./support/product-states.js";
import { verifyPact } from "./support/provider.js";

const context = useTestApp();
const server = useListeningApp(() => context.app);

describe("billing-api honours the product's pact", () => {
  it("verifies every interaction of product → billing-api", async () => {
    await verifyPact(context, server.url, pactFile("product", BILLING_API), {
      stateHandlers: productStates(context),
    });
  });
});
