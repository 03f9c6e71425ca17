import type { InboundEvent, Marketplace } from "../events/inbound-event.js";
import type { RedactedEvent } from "./event-redaction.js";

/** Per table (`inbound_event`, `github_user` …): rows touched and the fields erased. */
export type ErasedFields = Record<string, { rows: number; fields: string[] }>;

/** The record of one erasure (table `redaction`): when, why and what; never the erased values. */
export interface Redaction {
  id: string;
  marketplace: Marketplace;
  accountId: string;
  reason: string;
  redactedAt: Date;
  fields: ErasedFields;
}

export interface AccountRef {
  marketplace: Marketplace;
  accountId: string;
}

/** Where an account's personal data live: the event log's bodies and the tables that hold people's data. */
export interface ErasureStore {
  /**
   * In one transaction: records the redaction, rewrites each of the account's event bodies through the log's
   * audited redaction path (`redact` says how; null leaves the event alone), and deletes or clears the rows
   * holding the account's personal data (tokens, logins, links, seats, Evotor custom fields and tokens).
   * Returns the sealed GitHub tokens it forgot, for the caller to revoke at GitHub.
   */
  erase(
    account: AccountRef,
    redact: (event: InboundEvent) => RedactedEvent | null,
    reason: string,
    at: Date,
  ): Promise<{ redaction: Redaction; forgottenTokens: string[] }>;
  /** Evotor users whose latest installation event is an uninstall, with when it arrived. */
  evotorUninstalls(): Promise<Array<{ accountId: string; at: Date }>>;
  /** True while anything personal about the account is left (an unredacted event, a link, a token, a seat …). */
  holdsPersonalData(account: AccountRef): Promise<boolean>;
}
