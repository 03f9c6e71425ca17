import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, type Environment, SECRET_NAMES, type SecretName } from "./config.js";

const SECRETS_FILE = "secrets.json";

export interface ResolvedSecrets {
  secrets: Record<SecretName, string>;
  /** Secrets created by this call: the caller shows them once so a newcomer can call every endpoint. */
  generated: SecretName[];
  file: string | undefined;
}

/**
 * Decides where each secret comes from.
 * - With DATABASE_URL (a real deployment) every secret must be configured: a missing one stops the start.
 * - On the embedded default a missing secret is generated once and kept in DATA_DIR/secrets.json (mode 0600),
 *   so `npm start` works on a bare machine and keeps working across restarts.
 */
export async function resolveSecrets(environment: Environment): Promise<ResolvedSecrets> {
  const configured = Object.fromEntries(SECRET_NAMES.map((name) => [name, environment[name]]));
  const missing = SECRET_NAMES.filter((name) => configured[name] === undefined);
  if (missing.length === 0) {
    return { secrets: configured as Record<SecretName, string>, generated: [], file: undefined };
  }
  if (environment.DATABASE_URL !== undefined) {
    throw new ConfigError(
      missing.map(
        (name) =>
          `${name}: required when DATABASE_URL is set (secrets are only generated on the embedded database)`,
      ),
    );
  }
  const file = join(environment.DATA_DIR, SECRETS_FILE);
  const stored = await readStoredSecrets(file);
  const generated: SecretName[] = [];
  for (const name of missing) {
    if (stored[name] === undefined) {
      stored[name] = randomBytes(32).toString("base64url");
      generated.push(name);
    }
  }
  if (generated.length > 0) {
    await mkdir(environment.DATA_DIR, { recursive: true, mode: 0o700 });
    await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  const secrets = Object.fromEntries(
    SECRET_NAMES.map((name) => [name, configured[name] ?? stored[name]]),
  ) as Record<SecretName, string>;
  return { secrets, generated, file };
}

async function readStoredSecrets(file: string): Promise<Partial<Record<SecretName, string>>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return {};
    }
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null) {
    throw new ConfigError([`DATA_DIR: ${file} is not a JSON object; delete it to generate new secrets`]);
  }
  const result: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const value = (parsed as Record<string, unknown>)[name];
    if (typeof value === "string" && value.length > 0) {
      result[name] = value;
    }
  }
  return result;
}
