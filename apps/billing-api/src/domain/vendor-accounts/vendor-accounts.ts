/**
 * Where the vendor's own accounts live, as Evotor's account linking needs them: are these credentials
 * right (`verify`, for Evotor's /user/verify), and does an account with these data exist already
 * (`lookup`, for the clash check of /user/create). Implemented by the built-in directory
 * (vendor-account-directory.ts) or by an HTTP callback to the vendor's product, chosen by configuration.
 */
export interface VerifyRequest {
  userId: string;
  username: string | undefined;
  password: string | undefined;
  /** The other fields of Evotor's form, as strings. */
  fields: Record<string, string>;
}

export type VerifyResult =
  | { kind: "verified"; accountId: string; hasBilling: boolean }
  | { kind: "invalid_credentials" };

export interface LookupRequest {
  userId: string;
  fields: Record<string, string>;
}

export type LookupResult = { kind: "found"; accountId: string; field: string | null } | { kind: "not_found" };

export interface VendorAccounts {
  verify(request: VerifyRequest): Promise<VerifyResult>;
  lookup(request: LookupRequest): Promise<LookupResult>;
}

/** Fields of Evotor's forms that identify a person; a clash on one of them is a clash of accounts. */
export const IDENTIFYING_FIELDS = ["username", "login", "email", "phone"] as const;

/** Case- and space-insensitive form of an identifying value. */
export function identityKey(value: string): string {
  return value.trim().toLowerCase();
}
