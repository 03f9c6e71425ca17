import type { Clock } from "../time/clock.js";
import { IDENTIFYING_FIELDS, identityKey, type VendorAccounts } from "../vendor-accounts/vendor-accounts.js";
import { EvotorVerifyThrottledError, type VerifyThrottle, verifyThrottleKeys } from "./verify-throttle.js";

/**
 * Evotor users and their link to the vendor's accounts: the use cases behind Evotor's /user/create,
 * /user/verify and /user/token. The per-user token answered on create/verify is what Evotor sends on this
 * user's data notifications; no route of this service accepts it (billing events need the app credentials).
 *
 * Stored per Evotor user: the hash of the token we issued (and the nonce it was derived from, never the
 * token), the Evotor Cloud token sealed with AES-256-GCM, the custom fields minus anything that looks like
 * a secret, the linked vendor account and `hasBilling`. None of these requests goes to the event log:
 * they are synchronous requests whose outcome is this record (with its timestamps), and their bodies carry
 * passwords and tokens that must not be kept raw.
 */
export interface EvotorUser {
  userId: string;
  /** Which request made the record first. */
  origin: "create" | "verify" | "token";
  tokenHash: string | null;
  tokenNonce: string | null;
  /** The Evotor Cloud token, sealed (see SecretBox); null until /user/token. */
  cloudTokenSealed: string | null;
  cloudTokenReceivedAt: Date | null;
  customFields: Record<string, string>;
  vendorAccountId: string | null;
  hasBilling: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface EvotorUserTransaction {
  get(): Promise<EvotorUser | null>;
  /** Another user linked to this vendor account, if any. */
  findByVendorAccount(vendorAccountId: string): Promise<EvotorUser | null>;
  /** Another user whose identifying custom field has this value (case-insensitive). */
  findOtherByField(field: string, value: string): Promise<EvotorUser | null>;
  /** Saves; false when the vendor account is linked to another user meanwhile (unique constraint). */
  save(user: EvotorUser): Promise<boolean>;
}

export interface EvotorUserRepository {
  /** Runs `work` in a transaction holding the user's lock. */
  withUser<T>(userId: string, work: (tx: EvotorUserTransaction) => Promise<T>): Promise<T>;
  find(userId: string): Promise<EvotorUser | null>;
}

export interface IssuedToken {
  token: string;
  nonce: string;
  hash: string;
}

export interface UserTokenIssuer {
  issue(userId: string): IssuedToken;
  derive(userId: string, nonce: string): string;
  hash(token: string): string;
}

export interface Sealer {
  seal(plaintext: string): string;
}

/** Evotor's error codes for account requests, with the HTTP status Evotor expects. */
export class EvotorAccountError extends Error {
  constructor(
    readonly status: 401 | 409,
    readonly code: 1006 | 2004 | 2005,
    readonly reason: string,
    readonly subject?: string,
  ) {
    super(`${code} ${reason}${subject ? ` (${subject})` : ""}`);
    this.name = "EvotorAccountError";
  }
}

export interface AccountAnswer {
  userId: string;
  token: string;
  hasBilling: boolean;
}

const SECRET_LIKE = /pass|secret|token|pin|cvv|cvc/i;

/** Custom fields as strings, without the user id and anything that looks like a secret. */
export function storableFields(fields: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === "userId" || name === "userUuid" || SECRET_LIKE.test(name)) {
      continue;
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      kept[name] = String(value);
    }
  }
  return kept;
}

export class EvotorAccountService {
  constructor(
    private readonly users: EvotorUserRepository,
    private readonly vendorAccounts: VendorAccounts,
    private readonly tokens: UserTokenIssuer,
    private readonly cloudTokens: Sealer,
    private readonly clock: Clock,
    private readonly throttle: VerifyThrottle,
  ) {}

  /** /user/create: idempotent per userId; 2005 when the data belong to another account. */
  async create(userId: string, body: Record<string, unknown>): Promise<AccountAnswer> {
    const fields = storableFields(body);
    const existing = await this.users.find(userId);
    if (!existing?.tokenHash || existing.origin !== "create") {
      // Not a retry of an earlier create: the vendor's product must not have these data already.
      const found = await this.vendorAccounts.lookup({ userId, fields });
      if (found.kind === "found") {
        throw new EvotorAccountError(409, 2005, "already exists", found.field ?? "userId");
      }
    }
    return this.users.withUser(userId, async (tx) => {
      const current = await tx.get();
      if (current?.tokenHash && current.tokenNonce) {
        if (current.vendorAccountId !== null) {
          throw new EvotorAccountError(409, 2005, "already exists", "userId");
        }
        // A retry: answer exactly what the first create answered.
        return { userId, token: this.tokens.derive(userId, current.tokenNonce), hasBilling: false };
      }
      for (const field of IDENTIFYING_FIELDS) {
        const value = fields[field];
        if (value !== undefined && identityKey(value) !== "" && (await tx.findOtherByField(field, value))) {
          throw new EvotorAccountError(409, 2005, "already exists", field);
        }
      }
      const now = this.clock.now();
      const issued = this.tokens.issue(userId);
      await tx.save({
        userId,
        origin: "create",
        tokenHash: issued.hash,
        tokenNonce: issued.nonce,
        cloudTokenSealed: current?.cloudTokenSealed ?? null,
        cloudTokenReceivedAt: current?.cloudTokenReceivedAt ?? null,
        customFields: fields,
        vendorAccountId: null,
        hasBilling: false,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
      });
      return { userId, token: issued.token, hasBilling: false };
    });
  }

  /**
   * /user/verify: 1006 for wrong credentials, 2004 when the account is linked to another Evotor user, 429
   * (EvotorVerifyThrottledError) once the username or the Evotor user has used up its attempts: then the
   * vendor's accounts are not asked at all, so guessing costs the attacker time and the service no CPU.
   */
  async verify(
    userId: string,
    body: Record<string, unknown>,
    credentials: { username: string | undefined; password: string | undefined },
  ): Promise<AccountAnswer> {
    const fields = storableFields(body);
    delete fields.username;
    const throttleKeys = verifyThrottleKeys(userId, credentials.username);
    const verdict = await this.throttle.attempt(throttleKeys);
    if (!verdict.allowed) {
      throw new EvotorVerifyThrottledError(verdict.blockedBy, verdict.retryAfterSeconds);
    }
    const result = await this.vendorAccounts.verify({ userId, ...credentials, fields });
    if (result.kind !== "verified") {
      throw new EvotorAccountError(401, 1006, "wrong credentials", "password");
    }
    await this.throttle.reset(throttleKeys);
    return this.users.withUser(userId, async (tx) => {
      const other = await tx.findByVendorAccount(result.accountId);
      if (other && other.userId !== userId) {
        throw new EvotorAccountError(409, 2004, "already linked", "userId");
      }
      const current = await tx.get();
      const now = this.clock.now();
      const issued =
        current?.tokenHash && current.tokenNonce
          ? {
              token: this.tokens.derive(userId, current.tokenNonce),
              nonce: current.tokenNonce,
              hash: current.tokenHash,
            }
          : this.tokens.issue(userId);
      const saved = await tx.save({
        userId,
        origin: current?.tokenHash ? current.origin : "verify",
        tokenHash: issued.hash,
        tokenNonce: issued.nonce,
        cloudTokenSealed: current?.cloudTokenSealed ?? null,
        cloudTokenReceivedAt: current?.cloudTokenReceivedAt ?? null,
        customFields: {
          ...(current?.customFields ?? {}),
          ...fields,
          ...(credentials.username ? { username: credentials.username } : {}),
        },
        vendorAccountId: result.accountId,
        hasBilling: result.hasBilling,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
      });
      if (!saved) {
        throw new EvotorAccountError(409, 2004, "already linked", "userId");
      }
      return { userId, token: issued.token, hasBilling: result.hasBilling };
    });
  }

  /** /user/token: keeps the Evotor Cloud token, sealed. */
  async storeCloudToken(userId: string, cloudToken: string): Promise<void> {
    await this.users.withUser(userId, async (tx) => {
      const current = await tx.get();
      const now = this.clock.now();
      await tx.save({
        userId,
        origin: current?.origin ?? "token",
        tokenHash: current?.tokenHash ?? null,
        tokenNonce: current?.tokenNonce ?? null,
        cloudTokenSealed: this.cloudTokens.seal(cloudToken),
        cloudTokenReceivedAt: now,
        customFields: current?.customFields ?? {},
        vendorAccountId: current?.vendorAccountId ?? null,
        hasBilling: current?.hasBilling ?? false,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
      });
    });
  }
}
