import createClient, { type ClientOptions } from "openapi-fetch";
import type { paths } from "./generated/operational.js";

/** Typed client for the liveness and readiness probes (`specs/operational.yaml`). */
export function createOperationsClient(options: ClientOptions & { baseUrl: string }) {
  return createClient<paths>(options);
}

export type OperationsClient = ReturnType<typeof createOperationsClient>;
