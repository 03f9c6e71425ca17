import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Marketplace } from "../events/inbound-event.js";

/**

 * Every scope a key can carry, least to most. The one list the CLI, the HTTP API (`ApiKeyScope` in
 * specs/entitlements.yaml mirrors it; a test keeps them equal) and the checks use.
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
  scopes: ApiKeyScope[];
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

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** Makes and stores a key (the CLI and `POST /v1/api-keys`); the secret is in the answer and nowhere else. */
export async function createApiKey(
  store: ApiKeyStore,
  input: { name: string; scopes: readonly ApiKeyScope[]; marketplace?: Marketplace | null },
  now: Date,
): Promise<{ key: ApiKey; secret: string }> {
  const generated = generateApiKey();
  // Stored in the order of API_KEY_SCOPES, without repeats, so listings read the same however a key was made.
  const scopes = API_KEY_SCOPES.filter((scope) => input.scopes.includes(scope));
  const key: ApiKey = {
    id: generated.id,
    name: input.name,
    scopes,
    marketplace: input.marketplace ?? null,
    createdAt: now,
    revokedAt: null,
  };
  await store.create({ ...key, hash: generated.hash });
  return { key, secret: generated.secret };
}

/** Whether one scope covers what an operation needs (see COVERED). */
export function scopeAllows(granted: ApiKeyScope, needed: ApiKeyScope): boolean {
  return COVERED[granted].includes(needed);
}

export function scopesAllow(granted: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return granted.some((scope) => scopeAllows(scope, needed));
}
