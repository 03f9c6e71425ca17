/**
 * The fold of one account as of some events, stored between deliveries so that a delivery folds only itself
 * (cost independent of the account's history). It covers exactly the account's events whose status is
 * `applied`: the same transaction that saves it marks the events it folded.
 */
export interface FoldCheckpoint {
  /** The fold state, encoded with `encodeFoldState`. */
  state: unknown;
  /** The highest log position folded into it. */
  lastEventId: string;
  /** How many events it folds. */
  eventCount: number;
}

const DATE_TAG = "$date";

/** Plain data to JSON-safe data; Dates are tagged so they come back as Dates. */
export function encodeFoldState(state: unknown): unknown {
  return JSON.parse(
    JSON.stringify(state, function (this: Record<string, unknown>, key, value) {
      const raw = this[key];
      return raw instanceof Date ? { [DATE_TAG]: raw.toISOString() } : value;
    }),
  );
}

export function decodeFoldState<S>(encoded: unknown): S {
  return JSON.parse(JSON.stringify(encoded), (_key, value) =>
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof value[DATE_TAG] === "string"
      ? new Date(value[DATE_TAG])
      : value,
  ) as S;
}
