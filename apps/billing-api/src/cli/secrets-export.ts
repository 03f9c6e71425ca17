import { randomBytes } from "node:crypto";
import { type Environment, SECRET_NAMES, type SecretName } from "../config/config.js";
import { resolveSecrets } from "../config/embedded-secrets.js";

/**
 * The secrets `secrets --export` prints. Embedded database: the ones the service uses (the stored file, made
 * now if the service never started), minus the data key nobody needs to call an endpoint. With DATABASE_URL
 * nothing is generated or stored by the service, so this makes fresh values for the secrets not set yet.
 */
export async function exportedSecrets(
  environment: Environment,
): Promise<{ secrets: Partial<Record<SecretName, string>>; generated: boolean }> {
  if (environment.DATABASE_URL !== undefined) {
    const missing = SECRET_NAMES.filter((name) => environment[name] === undefined);
    return {
      secrets: Object.fromEntries(missing.map((name) => [name, randomBytes(32).toString("base64url")])),
      generated: missing.length > 0,
    };
  }
  const resolved = await resolveSecrets(environment);
  const shown = SECRET_NAMES.filter((name) => name !== "DATA_ENCRYPTION_KEY");
  return {
    secrets: Object.fromEntries(shown.map((name) => [name, resolved.secrets[name]])),
    generated: resolved.generated.length > 0,
  };
}
