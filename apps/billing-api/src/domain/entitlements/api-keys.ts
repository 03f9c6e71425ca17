import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Marketplace } from "../events/inbound-event.js";

/**
 * Every scope a key can have, least to most. `ApiKeyScope` in specs/entitlements.yaml lists the same values
 * (a test keeps them equal); the CLI offers exactly these.
 */
export const API_KEY_SCOPES = ["read", "seats", "admin"] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What each scope covers: `read` only reads; `seats` reads and claims/releases seats; `admin` all. */
const COVERED: Record<ApiKeyScope, readonly ApiKeyScope[]> = {
  read: ["read"],
  seats: ["read", "seats"],
  admin: API_KEY_SCOPES,
};

export interface ApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** The one marketplace the key may act on; absent or null: every marketplace. */
  marketplace?: Marketplace | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Stored keys: only the SHA-256 of the key is kept (keys carry 256 random bits, so a fast hash is enough). */
export interface ApiKeyStore {
  create(key: ApiKey & { hash: string }): Promise<void>;
  findByHash(hash: string): Promise<ApiKey | null>;
  list(): Promise<ApiKey[]>;
  /** True when a live key was revoked. */
  revoke(id: string, at: Date): Promise<boolean>;
}

const PREFIX = "mbk_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A new key: the secret is returned once and never stored. */
export function generateApiKey(): { id: string; secret: string; hash: string } {
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { id: randomUUID(), secret, hash: hashApiKey(secret) };
}

export function scopeAllows(granted: ApiKeyScope, needed: ApiKeyScope): boolean {
  return COVERED[granted].includes(needed);
}
