import { LRUCache } from "lru-cache";
import type { components } from "./generated/entitlements.js";

type Entitlement = components["schemas"]["Entitlement"];

export interface EntitlementsCacheOptions {
  /** How long an answer is served from memory without asking billing-api; default 30 s. */
  ttlMs?: number;
  /** How long past `ttlMs` the last answer is still served while billing-api is down or failing; default 15 min. */
  staleIfErrorMs?: number;
  /** Accounts kept; the least recently read go first; default 10,000. */
  maxEntries?: number;
}

export interface CachedEntitlement {
  entitlement: Entitlement;
  /** From the answer that brought it; null when it came from an event (the next read fetches in full). */
  etag: string | null;
  /** When billing-api last confirmed it (ms since epoch, by the client's clock). */
  confirmedAt: number;
  /** The highest `entitlement.updated` sequence applied, if any. */
  sequence: number | null;
  /** After a failed revalidation: serve it stale without asking again until then (ms since epoch). */
  retryAt: number | null;
}

/**
 * The client's memory of entitlements: a bounded LRU (lru-cache) keyed by marketplace and account. Freshness is
 * decided here with the client's clock rather than by lru-cache's own TTL, because an expired entry must stay
 * available for stale-if-error.
 */
export class EntitlementCache {
  readonly ttlMs: number;
  readonly staleIfErrorMs: number;
  private readonly entries: LRUCache<string, CachedEntitlement>;

  constructor(options: EntitlementsCacheOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.staleIfErrorMs = options.staleIfErrorMs ?? 15 * 60_000;
    const maxEntries = options.maxEntries ?? 10_000;
    if (!(this.ttlMs >= 0 && this.staleIfErrorMs >= 0 && Number.isInteger(maxEntries) && maxEntries > 0)) {
      throw new RangeError("cache: ttlMs and staleIfErrorMs must be ≥ 0 and maxEntries a positive integer");
    }
    this.entries = new LRUCache({ max: maxEntries });
  }

  static key(marketplace: string, accountId: string): string {
    return `${marketplace}\u0000${accountId}`;
  }

  get(key: string): CachedEntitlement | undefined {
    return this.entries.get(key);
  }

  isFresh(entry: CachedEntitlement, now: number): boolean {
    return now - entry.confirmedAt < this.ttlMs;
  }

  /** A revalidation failed recently: answer stale now rather than wait for another failure. */
  isBackingOff(entry: CachedEntitlement, now: number): boolean {
    return entry.retryAt !== null && now < entry.retryAt && this.isUsableStale(entry, now);
  }

  /** Usable while billing-api cannot answer: no older than `ttlMs + staleIfErrorMs`. */
  isUsableStale(entry: CachedEntitlement, now: number): boolean {
    return now - entry.confirmedAt <= this.ttlMs + this.staleIfErrorMs;
  }

  set(key: string, entry: CachedEntitlement): void {
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
