import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's one pacts/ folder (gitignored); packages/contracts' consumer tests write there too. */
export const PACT_DIR = fileURLToPath(new URL("../../../../../pacts/", import.meta.url));

/** billing-api's name in every pact, as provider (product, Evotor, GitHub Marketplace) and as consumer. */
export const BILLING_API = "billing-api";

/** The pact file of a consumer–provider pair; fails loudly when the consumer tests have not written it. */
export function pactFile(consumer: string, provider: string): string {
  const file = join(PACT_DIR, `${consumer}-${provider}.json`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run the consumer tests first (npm run test:contract at the root).`);
  }
  return file;
}

/** Deletes the pact files billing-api writes as a consumer, so removed interactions do not linger. */
export function deleteOwnPactFiles(): void {
  if (!existsSync(PACT_DIR)) {
    return;
  }
  for (const name of readdirSync(PACT_DIR)) {
    if (name.startsWith(`${BILLING_API}-`) && name.endsWith(".json")) {
      rmSync(join(PACT_DIR, name), { force: true });
    }
  }
}
