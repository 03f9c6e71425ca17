export type * as Operational from "./generated/operational.js";
export { createOperationsClient, type OperationsClient } from "./operations-client.js";
