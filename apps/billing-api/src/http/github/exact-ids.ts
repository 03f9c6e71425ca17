import { isLosslessNumber, parse } from "lossless-json";

/**
 * GitHub ids (accounts, plans, hooks) are integers; a JavaScript number keeps them exactly only up to 2^53.
 * `JSON.parse` would turn 9007199254740993 into 9007199254740992 and merge two accounts, so such a delivery
 * is refused instead (GitHub's ids are far below 2^53 today). True when some `id` cannot be kept exactly.
 */
export function hasInexactId(text: string): boolean {
  // Only a run of 16 or more digits can exceed 2^53: most deliveries skip the second, lossless parse.
  if (!/\d{16}/.test(text)) {
    return false;
  }
  let inexact = false;
  parse(text, (key, value) => {
    // Exact when the number reads back as the very digits sent (2^53 itself does; 2^53 + 1 does not).
    if (key === "id" && isLosslessNumber(value) && String(Number(value.value)) !== value.value) {
      inexact = true;
    }
    return value;
  });
  return inexact;
}
