import type { Clock } from "../time/clock.js";
import {
  IDENTIFYING_FIELDS,
  identityKey,
  type LookupRequest,
  type LookupResult,
  type VendorAccounts,
  type VerifyRequest,
  type VerifyResult,
} from "./vendor-accounts.js";

/** An account of the built-in directory. */
export interface VendorAccount {
  id: string;
  username: string;
  passwordHash: string;
  /** True when the vendor bills this account itself (Evotor `hasBilling: true`). */
  hasBilling: boolean;
  /** Fields that must also match on verify (e.g. a tax id). */
  fields: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface VendorAccountRepository {
  findById(id: string): Promise<VendorAccount | null>;
  /** By username, case-insensitively. */
  findByUsername(username: string): Promise<VendorAccount | null>;
  list(): Promise<VendorAccount[]>;
  /** False when the username is taken. */
  insert(account: VendorAccount): Promise<boolean>;
  update(account: VendorAccount): Promise<void>;
}

export class UsernameTakenError extends Error {
  constructor() {
    super("an account with this username exists");
    this.name = "UsernameTakenError";
  }
}

/** The built-in directory: verify and lookup against stored accounts, and their management. */
export class VendorAccountDirectory implements VendorAccounts {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: VendorAccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  async verify(request: VerifyRequest): Promise<VerifyResult> {
    const account = request.username ? await this.accounts.findByUsername(request.username) : null;
    if (!account || request.password === undefined) {
      // Spend the same time as a real check so response times do not tell which usernames exist.
      this.dummyHash ??= this.passwords.hash("not a real password");
      await this.passwords.verify(request.password ?? "", await this.dummyHash);
      return { kind: "invalid_credentials" };
    }
    const passwordMatches = await this.passwords.verify(request.password, account.passwordHash);
    const fieldsMatch = Object.entries(account.fields).every(
      ([name, value]) => request.fields[name] === value,
    );
    if (!passwordMatches || !fieldsMatch) {
      return { kind: "invalid_credentials" };
    }
    return { kind: "verified", accountId: account.id, hasBilling: account.hasBilling };
  }

  async lookup(request: LookupRequest): Promise<LookupResult> {
    for (const field of IDENTIFYING_FIELDS) {
      const value = request.fields[field];
      if (value !== undefined && identityKey(value) !== "") {
        const account = await this.accounts.findByUsername(value);
        if (account) {
          return { kind: "found", accountId: account.id, field };
        }
      }
    }
    return { kind: "not_found" };
  }

  async create(input: {
    username: string;
    password: string;
    hasBilling?: boolean | undefined;
    fields?: Record<string, string> | undefined;
  }): Promise<VendorAccount> {
    const now = this.clock.now();
    const account: VendorAccount = {
      id: this.newId(),
      username: input.username.trim(),
      passwordHash: await this.passwords.hash(input.password),
      hasBilling: input.hasBilling ?? false,
      fields: input.fields ?? {},
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.accounts.insert(account))) {
      throw new UsernameTakenError();
    }
    return account;
  }

  async change(
    id: string,
    change: {
      password?: string | undefined;
      hasBilling?: boolean | undefined;
      fields?: Record<string, string> | undefined;
    },
  ): Promise<VendorAccount | null> {
    const account = await this.accounts.findById(id);
    if (!account) {
      return null;
    }
    const updated: VendorAccount = {
      ...account,
      ...(change.password === undefined ? {} : { passwordHash: await this.passwords.hash(change.password) }),
      ...(change.hasBilling === undefined ? {} : { hasBilling: change.hasBilling }),
      ...(change.fields === undefined ? {} : { fields: change.fields }),
      updatedAt: this.clock.now(),
    };
    await this.accounts.update(updated);
    return updated;
  }

  get(id: string): Promise<VendorAccount | null> {
    return this.accounts.findById(id);
  }

  list(): Promise<VendorAccount[]> {
    return this.accounts.list();
  }
}
