import type { Marketplace } from "../events/inbound-event.js";

export interface AccountRef {
  marketplace: Marketplace;
  accountId: string;
}

/** The vendor's own account, which can hold several marketplace accounts. */
export interface Customer {
  id: string;
  externalId: string | null;
  name: string | null;
  links: AccountRef[];
  createdAt: Date;
}

export class CustomerConflictError extends Error {
  override name = "CustomerConflictError";
}

export interface CustomerStore {
  /** Throws CustomerConflictError when `externalId` is taken. */
  create(input: { externalId: string | null; name: string | null }, at: Date): Promise<Customer>;
  get(id: string): Promise<Customer | null>;
  /** The id of the customer the account is linked to, if any. */
  customerIdOf(account: AccountRef): Promise<string | null>;
  /** Idempotent; throws CustomerConflictError when the account is linked to another customer. */
  link(id: string, account: AccountRef, at: Date): Promise<void>;
  /** Links every account or none (CustomerConflictError when one is linked to another customer). */
  linkAll(id: string, accounts: readonly AccountRef[], at: Date): Promise<void>;
  unlink(id: string, account: AccountRef, at: Date): Promise<void>;
}
