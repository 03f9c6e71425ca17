import fc from "fast-check";
import type { InboundEvent, Marketplace } from "../../src/domain/events/inbound-event.js";

/** Every path to a leaf or object in a JSON template, like `marketplace_purchase.plan.id`. */
export function fieldPaths(template: unknown, prefix = ""): string[] {
  if (typeof template !== "object" || template === null || Array.isArray(template)) {
    return [];
  }
  return Object.entries(template).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(value, path)];
  });
}

/** A copy of `template` with the value at `path` replaced (or removed when `value` is undefined). */
export function withField(template: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(template) as Record<string, unknown>;
  const keys = path.split(".");
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    target = target[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) as string;
  if (value === undefined) {
    delete target[last];
  } else {
    target[last] = value;
  }
  return copy;
}

/** Values real payloads never hold and the model cannot: past int4 and 2^53, dates no database takes. */
export const EXTREME_VALUES: readonly unknown[] = [
  3e9,
  2 ** 53 + 2,
  1e12,
  1_099_511_627_776,
  -1,
  0.5,
  Number.MAX_SAFE_INTEGER,
  "-271821-04-20T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z",
  "0000-01-01T00:00:00.000Z",
  "x".repeat(100_000),
  "",
  null,
  "ab\u0000cd",
  {},
  [],
];

/** Any JSON value, with the extreme ones above often. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue(), weight: 1 },
  { arbitrary: fc.constantFrom(...EXTREME_VALUES), weight: 2 },
);

/** Every template with one field set to one extreme value (or removed): an exhaustive, deterministic sweep. */
export function everyFieldEveryExtreme(template: object): unknown[] {
  return fieldPaths(template).flatMap((path) =>
    [...EXTREME_VALUES, undefined].map((value) => withField(template, path, value)),
  );
}

/** A template with up to `max` of its fields replaced by hostile JSON (or removed). */
export function mutated(template: object, max = 4): fc.Arbitrary<unknown> {
  const paths = fieldPaths(template);
  return fc
    .array(fc.tuple(fc.constantFrom(...paths), fc.option(hostileJson, { nil: undefined })), {
      minLength: 1,
      maxLength: max,
    })
    .map((changes) => {
      let value: unknown = template;
      for (const [path, replacement] of changes) {
        try {
          value = withField(value, path, replacement);
        } catch {
          // The path went away with an earlier change (its parent replaced by a scalar).
        }
      }
      return value;
    });
}

/** A stored event around a payload, as the event log hands it to a projector. */
export function storedEvent(
  marketplace: Marketplace,
  id: number,
  fields: { eventType: string; dedupeKey: string; accountId: string; payload: unknown },
): InboundEvent {
  return {
    id: String(id),
    marketplace,
    source: "webhook",
    headers: {},
    rawBody: new Uint8Array(),
    receivedAt: new Date("2026-03-01T00:00:00Z"),
    status: "received",
    appliedAt: null,
    applyError: null,
    applyAttempts: 0,
    nextAttemptAt: null,
    ...fields,
  };
}
