import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Comma-separated list, blanks dropped: lets a secret be rotated by listing old and new. */
const secretList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string().min(16, "each secret must be at least 16 characters")).min(1));

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default(".data"),
  GITHUB_WEBHOOK_SECRET: z.string().optional(),
  EVOTOR_WEBHOOK_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  ADMIN_API_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  VALIDATE_RESPONSES: z.stringbool().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  EVENT_RETRY_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  EVOTOR_BASIC_CREDENTIALS: z
    .string()
    .regex(/^[^:]+:.{8,}$/, "must be user:password (a password of at least 8 characters)")
    .optional(),
  EVOTOR_ACCOUNT_SOURCE: z.enum(["directory", "callback"]).default("directory"),
  EVOTOR_ACCOUNT_CALLBACK_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional(),
  EVOTOR_ACCOUNT_CALLBACK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  DATA_ENCRYPTION_KEY: z.string().optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

/** The secrets a deployment must provide; on the embedded default they are generated once (see embedded-secrets.ts). */
export const SECRET_NAMES = [
  "GITHUB_WEBHOOK_SECRET",
  "EVOTOR_WEBHOOK_TOKEN",
  "ADMIN_API_KEY",
  "DATA_ENCRYPTION_KEY",
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface Config {
  env: Environment["NODE_ENV"];
  host: string;
  port: number;
  /** Absent: run on embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  logLevel: Environment["LOG_LEVEL"];
  /** Response validation costs time on every request; on by default except in production. */
  validateResponses: boolean;
  shutdownTimeoutMs: number;
  eventRetryIntervalMs: number;
  secrets: {
    /** Every accepted GitHub webhook secret; the first one is current. */
    githubWebhookSecrets: string[];
    evotorWebhookToken: string;
    adminApiKey: string;
    /** 32 bytes (base64 or base64url): seals secrets kept at rest and derives the tokens issued to Evotor. */
    dataEncryptionKey: string;
  };
  evotor: EvotorConfig;
}

export interface EvotorConfig {
  /** Basic credentials Evotor may send instead of the Bearer token (`EVOTOR_BASIC_CREDENTIALS`). */
  basicCredentials: { username: string; password: string } | null;
  /** Where the vendor's accounts live for /user/verify: the built-in directory or the vendor's callback. */
  accountSource: "directory" | "callback";
  accountCallback: { url: string; secret: string } | null;
}

/** The Evotor part of the configuration; the defaults are what an unset environment gives. */
export function evotorConfig(environment: Partial<Environment>): EvotorConfig {
  const basic = environment.EVOTOR_BASIC_CREDENTIALS;
  const separator = basic?.indexOf(":") ?? -1;
  const source = environment.EVOTOR_ACCOUNT_SOURCE ?? "directory";
  const url = environment.EVOTOR_ACCOUNT_CALLBACK_URL;
  const secret = environment.EVOTOR_ACCOUNT_CALLBACK_SECRET;
  if (source === "callback" && (url === undefined || secret === undefined)) {
    throw new ConfigError([
      "EVOTOR_ACCOUNT_SOURCE: callback needs EVOTOR_ACCOUNT_CALLBACK_URL and EVOTOR_ACCOUNT_CALLBACK_SECRET",
    ]);
  }
  return {
    basicCredentials:
      basic === undefined || separator < 0
        ? null
        : { username: basic.slice(0, separator), password: basic.slice(separator + 1) },
    accountSource: source,
    accountCallback: url !== undefined && secret !== undefined ? { url, secret } : null,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment. Secrets may still be missing here: `resolveSecrets` decides what that means. */
export function parseEnvironment(source: NodeJS.ProcessEnv): Environment {
  const withoutBlanks = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = environmentSchema.safeParse(withoutBlanks);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Builds the final config once every secret is known. */
export function buildConfig(environment: Environment, secrets: Record<SecretName, string>): Config {
  const githubSecrets = secretList.safeParse(secrets.GITHUB_WEBHOOK_SECRET);
  if (!githubSecrets.success) {
    throw new ConfigError([`GITHUB_WEBHOOK_SECRET: ${githubSecrets.error.issues[0]?.message ?? "invalid"}`]);
  }
  if (!isDataKey(secrets.DATA_ENCRYPTION_KEY)) {
    throw new ConfigError(["DATA_ENCRYPTION_KEY: must be 32 bytes in base64 or base64url"]);
  }
  return {
    env: environment.NODE_ENV,
    host: environment.HOST,
    port: environment.PORT,
    databaseUrl: environment.DATABASE_URL,
    databasePoolSize: environment.DATABASE_POOL_SIZE,
    dataDir: environment.DATA_DIR,
    logLevel: environment.LOG_LEVEL,
    validateResponses: environment.VALIDATE_RESPONSES ?? environment.NODE_ENV !== "production",
    shutdownTimeoutMs: environment.SHUTDOWN_TIMEOUT_MS,
    eventRetryIntervalMs: environment.EVENT_RETRY_INTERVAL_MS,
    secrets: {
      githubWebhookSecrets: githubSecrets.data,
      evotorWebhookToken: secrets.EVOTOR_WEBHOOK_TOKEN,
      adminApiKey: secrets.ADMIN_API_KEY,
      dataEncryptionKey: secrets.DATA_ENCRYPTION_KEY,
    },
    evotor: evotorConfig(environment),
  };
}

function isDataKey(value: string): boolean {
  const text = value.trim();
  return (
    /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) &&
    Buffer.from(text.replaceAll("-", "+").replaceAll("_", "/"), "base64").length === 32
  );
}
