import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { VendorAccountCallback } from "@marketplace-billing/contracts";
import { Ajv2020 } from "ajv/dist/2020.js";

export type CallbackResponse = VendorAccountCallback.components["schemas"]["CallbackResponse"];

const require = createRequire(import.meta.url);

/**
 * The run-time check of a vendor's answer against `CallbackResponse` in the bundled
 * specs/vendor-account-callback.yaml (the same document the generated type comes from), so the contract is
 * enforced on what actually arrives, not only at compile time.
 */
function compileAnswerCheck() {
  const file = require.resolve("@marketplace-billing/specs/dist/vendor-account-callback.json");
  const spec = JSON.parse(readFileSync(file, "utf8")) as {
    components: { schemas: { CallbackResponse: object } };
  };
  // `strict: false`: OpenAPI annotations such as `examples` are not JSON Schema validation keywords.
  return new Ajv2020({ strict: false, allErrors: false }).compile<CallbackResponse>(
    spec.components.schemas.CallbackResponse,
  );
}

let check: ReturnType<typeof compileAnswerCheck> | undefined;

/** True when `answer` is a CallbackResponse as the spec defines it. */
export function isCallbackResponse(answer: unknown): answer is CallbackResponse {
  check ??= compileAnswerCheck();
  return check(answer);
}
