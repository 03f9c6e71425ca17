/**
 * A whitelist of what a body may keep: `true` keeps a scalar (or an array of scalars), a nested shape keeps
 * those fields of an object (applied to each element of an array of objects). Everything else is erased.
 */
export type Shape = { readonly [field: string]: true | Shape };

export interface Kept {
  value: unknown;
  /** Paths of what was dropped (`sender`, `marketplace_purchase.account.login`, `addons[].note`): names, never values. */
  erased: string[];
}

/** Keeps only what `shape` allows of `value`; the rest is reported in `erased`. */
export function keepOnly(value: unknown, shape: Shape, path = ""): Kept {
  const erased = new Set<string>();
  const walk = (node: unknown, rule: Shape, at: string): unknown => {
    if (Array.isArray(node)) {
      return node.map((item) => walk(item, rule, `${at}[]`));
    }
    if (typeof node !== "object" || node === null) {
      if (node !== null && node !== undefined) {
        erased.add(at || "(body)");
      }
      return null;
    }
    const kept: Record<string, unknown> = {};
    for (const [field, child] of Object.entries(node as Record<string, unknown>)) {
      const rule_ = rule[field];
      const childPath = at ? `${at}.${field}` : field;
      if (rule_ === undefined) {
        erased.add(childPath);
      } else if (rule_ === true) {
        if (isScalar(child) || (Array.isArray(child) && child.every(isScalar))) {
          kept[field] = child;
        } else {
          erased.add(childPath);
        }
      } else if (child === null) {
        kept[field] = null;
      } else {
        kept[field] = walk(child, rule_, childPath);
      }
    }
    return kept;
  };
  const result = walk(value, shape, path);
  return { value: result, erased: [...erased].sort() };
}

function isScalar(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}
