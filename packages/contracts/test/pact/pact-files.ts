import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's one pacts/ folder (gitignored): consumers write here, billing-api verifies from here. */
export const PACT_DIR = fileURLToPath(new URL("../../../../pacts/", import.meta.url));

/** The consumers whose pacts this workspace writes; billing-api provides all three. */
export const CONSUMERS = ["product", "evotor", "github-marketplace"] as const;
export const PROVIDER = "billing-api";
/** billing-api as the sender of signed events (a message pact, apart from its HTTP API). */
export const EVENTS_PROVIDER = "billing-api-events";

/**
 * Deletes the pact files of these consumers before a run, so an interaction removed from a test does not
 * linger in a file Pact would otherwise merge into.
 */
export function deletePactFiles(consumers: readonly string[], dir = PACT_DIR): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (consumers.some((consumer) => name.startsWith(`${consumer}-`) && name.endsWith(".json"))) {
      rmSync(join(dir, name), { force: true });
    }
  }
}
