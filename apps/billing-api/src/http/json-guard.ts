/**
 * Checks on request JSON that the spec validator cannot make, because they must come before it: how deep the
 * text nests (measured on the bytes, before any parser or validator recurses into it), and strings PostgreSQL
 * cannot store (NUL, lone UTF-16 surrogates, which `jsonb` and `text` refuse).
 */

/** Far deeper than any marketplace payload (GitHub's nest about 5 levels, Evotor's 3). */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** An error body parsers and handlers pass on; `classifyError` renders it in the surface's format. */
export class UnsafeJsonError extends Error {
  readonly status = 400;
  constructor(
    readonly type: "json.too.deep" | "json.unstorable.string",
    message: string,
    /** Where the value is, like `/body/marketplace_purchase/account/login`. */
    readonly path?: string,
  ) {
    super(message);
    this.name = "UnsafeJsonError";
  }
}

/**
 * True when the JSON text nests deeper than `max`. One pass over the bytes: brackets, quotes and backslashes
 * are single bytes in UTF-8, so multi-byte characters cannot be mistaken for them.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) {
        index += 1;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > max) {
        return true;
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string PostgreSQL cannot store: it holds NUL or is not well-formed UTF-16 (a lone surrogate). */
export function isUnstorableString(value: string): boolean {
  return value.includes("\u0000") || LONE_SURROGATE.test(value);
}

/**
 * The path of the first key or string in `value` that PostgreSQL cannot store, or null. Iterative, and only
 * called on values whose depth is already bounded.
 */
export function findUnstorableString(value: unknown, root = "/body"): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string };
    if (typeof item.value === "string") {
      if (isUnstorableString(item.value)) {
        return item.path;
      }
    } else if (Array.isArray(item.value)) {
      item.value.forEach((element, index) => {
        stack.push({ value: element, path: `${item.path}/${index}` });
      });
    } else if (typeof item.value === "object" && item.value !== null) {
      for (const [key, element] of Object.entries(item.value)) {
        const path = `${item.path}/${key}`;
        if (isUnstorableString(key)) {
          return item.path;
        }
        stack.push({ value: element, path });
      }
    }
  }
  return null;
}

/** Throws UnsafeJsonError when the body text nests too deep (call before parsing). */
export function assertJsonDepth(bytes: Uint8Array): void {
  if (jsonNestsDeeperThan(bytes)) {
    throw new UnsafeJsonError("json.too.deep", `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}

/** Throws UnsafeJsonError when the parsed body holds a string the database cannot store. */
export function assertStorableStrings(value: unknown, root = "/body"): void {
  const path = findUnstorableString(value, root);
  if (path !== null) {
    throw new UnsafeJsonError(
      "json.unstorable.string",
      "A string holds a NUL character or a lone UTF-16 surrogate, which cannot be stored.",
      path,
    );
  }
}
