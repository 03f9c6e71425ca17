/**
 * What the subscription model can hold. A value outside these bounds cannot be stored (PostgreSQL `integer`,
 * `timestamptz`, a btree index entry), so a fold rejects the event carrying it instead of failing the account.
 * Every bound is far beyond what a marketplace really sends.
 */

/** Counts (units, devices) and prices in cents: PostgreSQL `integer`. */
export const MAX_COUNT = 2_147_483_647;

/** Identifiers (plan, subscription, delivery ids) are indexed: a btree entry cannot exceed ~2.7 kB. */
export const MAX_ID_LENGTH = 255;

/** Instants between these years; PostgreSQL's range is wider, JavaScript's reaches past it. */
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

export function isStorableCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;
}

export function isStorableId(value: string): boolean {
  return value.length > 0 && value.length <= MAX_ID_LENGTH;
}

export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= MIN_YEAR && year <= MAX_YEAR;
}
