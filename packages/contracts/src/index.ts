export type * as EvotorPartner from "./generated/evotor-partner.js";
export type * as Operational from "./generated/operational.js";
export type * as VendorAccountCallback from "./generated/vendor-account-callback.js";
export type * as VendorAccounts from "./generated/vendor-accounts.js";
export { createOperationsClient, type OperationsClient } from "./operations-client.js";
