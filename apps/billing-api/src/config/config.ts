import { resolve } from "node:path";
import { z } from "zod";
import { isAcceptableCallbackUrl } from "../integrations/vendor-account-callback.js";
import { readFileVariables } from "./file-variables.js";

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
  PORT: z.coerce
    .number({ error: "must be a port number (0 to 65535)" })
    .int()
    .min(0)
    .max(65_535)
    .default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DATA_DIR: z.string().min(1).default(".data"),
  GITHUB_WEBHOOK_SECRET: z.string().optional(),
  EVOTOR_WEBHOOK_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  ADMIN_API_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  VALIDATE_RESPONSES: z.stringbool().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  EVENT_RETRY_INTERVAL_MS: z.coerce.number().int().min(100).default(1_000),
  APPLY_WORKERS: z.coerce.number().int().min(1).max(64).default(4),
  EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(12),
  EVOTOR_BASIC_CREDENTIALS: z
    .string()
    .regex(/^[^:]+:.{8,}$/, "must be user:password (a password of at least 8 characters)")
    .optional(),
  EVOTOR_ACCOUNT_SOURCE: z.enum(["directory", "callback"]).default("directory"),
  EVOTOR_ACCOUNT_CALLBACK_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    // The callback carries the buyer's password: TLS everywhere but on this machine.
    .refine(isAcceptableCallbackUrl, "must be https:// (http:// only to localhost, 127.0.0.0/8 or [::1])")
    .optional(),
  EVOTOR_ACCOUNT_CALLBACK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  EVOTOR_VERIFY_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  EVOTOR_VERIFY_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  DATA_ENCRYPTION_KEY: z.string().optional(),
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  GITHUB_APP_ID: z.string().regex(/^\d+$/, "must be the numeric GitHub App id").optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  GITHUB_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.github.com"),
  GITHUB_WEB_URL: z.url({ protocol: /^https?$/ }).default("https://github.com"),
  PRODUCT_ONBOARDING_URL: z.url({ protocol: /^https?$/ }).optional(),
  GITHUB_MARKETPLACE_STUBBED: z.stringbool().default(false),
  GITHUB_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(0),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/,
      "must be false, a number of proxy hops, or addresses/subnets (e.g. loopback, 10.0.0.0/8)",
    )
    .refine((value) => value !== "true", "true would trust any client's X-Forwarded-For; give the hops")
    .default("false"),
  GITHUB_MARKETPLACE_LISTING: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "must be the listing's slug, as in github.com/marketplace/<slug>")
    .optional(),
  CUSTOMER_DATA_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
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
  databaseTimeouts: { connectMs: number; statementMs: number; queryMs: number };
  dataDir: string;
  logLevel: Environment["LOG_LEVEL"];
  /** Response validation costs time on every request; on by default except in production. */
  validateResponses: boolean;
  shutdownTimeoutMs: number;
  /** How often an idle apply worker looks for due events it was not woken for. */
  eventRetryIntervalMs: number;
  /** Apply workers per replica on a PostgreSQL server (the embedded database gets one). */
  applyWorkers: number;
  /** Failed attempts after which an event is quarantined as `dead`. */
  eventMaxAttempts: number;
  /** Days after an account's access ended before its personal data are erased. */
  customerDataRetentionDays: number;
  secrets: {
    /** Every accepted GitHub webhook secret; the first one is current. */
    githubWebhookSecrets: string[];
    evotorWebhookToken: string;
    adminApiKey: string;
    /** 32 bytes (base64 or base64url): seals secrets kept at rest and derives the tokens issued to Evotor. */
    dataEncryptionKey: string;
  };
  evotor: EvotorConfig;
  github: GithubConfig;
  /** Set: `GET /metrics` needs it as a bearer token. */
  metricsToken: string | undefined;
  /** Express's `trust proxy`: which hops' X-Forwarded-For/-Proto to believe (client IP, https). */
  trustProxy: TrustProxy;
}

/** `false`, a number of hops, or addresses/subnets ("loopback", "10.0.0.0/8"): what Express accepts. */
export type TrustProxy = boolean | number | string;

export function parseTrustProxy(value: string): TrustProxy {
  if (value === "false") {
    return false;
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}

export interface EvotorConfig {
  /** Basic credentials Evotor may send instead of the Bearer token (`EVOTOR_BASIC_CREDENTIALS`). */
  basicCredentials: { username: string; password: string } | null;
  /** Where the vendor's accounts live for /user/verify: the built-in directory or the vendor's callback. */
  accountSource: "directory" | "callback";
  accountCallback: { url: string; secret: string } | null;
  /**
   * Password guessing on /user/verify: attempts per username and per Evotor user, and the back-off
   * (EVOTOR_VERIFY_MAX_FAILURES, EVOTOR_VERIFY_BACKOFF_SECONDS); absent means the defaults.
   */
  verifyThrottle?: { maxFailures: number; backoffSeconds: number };
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
    verifyThrottle: {
      maxFailures: environment.EVOTOR_VERIFY_MAX_FAILURES ?? 5,
      backoffSeconds: environment.EVOTOR_VERIFY_BACKOFF_SECONDS ?? 900,
    },
  };
}

/** GitHub onboarding and reconciliation (the webhook needs only its secret). */
export interface GithubConfig {
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** App-level calls sign a JWT when both are set; otherwise they use the client id and secret (Basic). */
  appId: string | undefined;
  appPrivateKey: string | undefined;
  apiUrl: string;
  webUrl: string;
  /** Where the buyer lands after onboarding, with `onboarding_code` or `error`. */
  productOnboardingUrl: string | undefined;
  /** Call the `stubbed` Marketplace endpoints (a listing still in draft). */
  stubbed: boolean;
  /** 0: reconciliation only runs from the CLI. */
  reconcileIntervalMs: number;
  /** The Marketplace listing's slug: entitlements then carry GitHub's upgrade URL. */
  marketplaceListing?: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One line, so it reads as one message in a terminal and in a container's log.
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment. Secrets may still be missing here: `resolveSecrets` decides what that means. */
export function parseEnvironment(source: NodeJS.ProcessEnv): Environment {
  // Any variable may come from a file (`ADMIN_API_KEY_FILE=/run/secrets/admin_api_key`).
  const fromFiles = readFileVariables(source, Object.keys(environmentSchema.shape));
  if (fromFiles.problems.length > 0) {
    throw new ConfigError(fromFiles.problems);
  }
  const withoutBlanks = Object.fromEntries(
    Object.entries(fromFiles.environment).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = environmentSchema.safeParse(withoutBlanks);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
    );
  }
  // A relative DATA_DIR is taken from where the user ran npm (INIT_CWD), not from the workspace folder npm
  // switches to, so `npm start` at the repository root keeps its data in ./.data.
  return { ...result.data, DATA_DIR: resolve(source.INIT_CWD ?? process.cwd(), result.data.DATA_DIR) };
}

/** Builds the final config once every secret is known. */
export function buildConfig(environment: Environment, secrets: Record<SecretName, string>): Config {
  const githubSecrets = secretList.safeParse(secrets.GITHUB_WEBHOOK_SECRET);
  if (!githubSecrets.success) {
    throw new ConfigError([`GITHUB_WEBHOOK_SECRET: ${githubSecrets.error.issues[0]?.message ?? "invalid"}`]);
  }
  const problems = [
    ...(isDataKey(secrets.DATA_ENCRYPTION_KEY)
      ? []
      : ["DATA_ENCRYPTION_KEY: must be 32 bytes in base64 or base64url (openssl rand -base64 32)"]),
    ...githubProblems(environment),
  ];
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return {
    env: environment.NODE_ENV,
    host: environment.HOST,
    port: environment.PORT,
    databaseUrl: environment.DATABASE_URL,
    databasePoolSize: environment.DATABASE_POOL_SIZE,
    databaseTimeouts: {
      connectMs: environment.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: environment.DATABASE_STATEMENT_TIMEOUT_MS,
      queryMs: environment.DATABASE_QUERY_TIMEOUT_MS,
    },
    dataDir: environment.DATA_DIR,
    logLevel: environment.LOG_LEVEL,
    validateResponses: environment.VALIDATE_RESPONSES ?? environment.NODE_ENV !== "production",
    shutdownTimeoutMs: environment.SHUTDOWN_TIMEOUT_MS,
    eventRetryIntervalMs: environment.EVENT_RETRY_INTERVAL_MS,
    applyWorkers: environment.APPLY_WORKERS,
    eventMaxAttempts: environment.EVENT_MAX_ATTEMPTS,
    customerDataRetentionDays: environment.CUSTOMER_DATA_RETENTION_DAYS,
    secrets: {
      githubWebhookSecrets: githubSecrets.data,
      evotorWebhookToken: secrets.EVOTOR_WEBHOOK_TOKEN,
      adminApiKey: secrets.ADMIN_API_KEY,
      dataEncryptionKey: secrets.DATA_ENCRYPTION_KEY,
    },
    github: {
      clientId: environment.GITHUB_CLIENT_ID,
      clientSecret: environment.GITHUB_CLIENT_SECRET,
      appId: environment.GITHUB_APP_ID,
      // Environments often carry a PEM on one line with literal \n.
      appPrivateKey: environment.GITHUB_APP_PRIVATE_KEY?.replaceAll("\\n", "\n"),
      apiUrl: environment.GITHUB_API_URL.replace(/\/+$/, ""),
      webUrl: environment.GITHUB_WEB_URL.replace(/\/+$/, ""),
      productOnboardingUrl: environment.PRODUCT_ONBOARDING_URL,
      stubbed: environment.GITHUB_MARKETPLACE_STUBBED,
      reconcileIntervalMs: environment.GITHUB_RECONCILE_INTERVAL_MS,
      marketplaceListing: environment.GITHUB_MARKETPLACE_LISTING,
    },
    evotor: evotorConfig(environment),
    metricsToken: environment.METRICS_TOKEN,
    trustProxy: parseTrustProxy(environment.TRUST_PROXY),
  };
}

function isDataKey(value: string): boolean {
  const text = value.trim();
  return (
    /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) &&
    Buffer.from(text.replaceAll("-", "+").replaceAll("_", "/"), "base64").length === 32
  );
}

function githubProblems(environment: Environment): string[] {
  const problems: string[] = [];
  if ((environment.GITHUB_APP_ID === undefined) !== (environment.GITHUB_APP_PRIVATE_KEY === undefined)) {
    problems.push("GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY: set both (GitHub App JWT) or neither");
  }
  if ((environment.GITHUB_CLIENT_ID === undefined) !== (environment.GITHUB_CLIENT_SECRET === undefined)) {
    problems.push("GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET: set both or neither");
  }
  const key = environment.GITHUB_APP_PRIVATE_KEY?.replaceAll("\\n", "\n");
  if (key !== undefined && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) {
    problems.push(
      "GITHUB_APP_PRIVATE_KEY: must be the PEM private key downloaded from the GitHub App settings",
    );
  }
  if (environment.GITHUB_RECONCILE_INTERVAL_MS > 0 && environment.GITHUB_RECONCILE_INTERVAL_MS < 60_000) {
    problems.push("GITHUB_RECONCILE_INTERVAL_MS: 0 (off) or at least 60000");
  }
  if (
    environment.GITHUB_RECONCILE_INTERVAL_MS > 0 &&
    environment.GITHUB_APP_ID === undefined &&
    environment.GITHUB_CLIENT_ID === undefined
  ) {
    problems.push(
      "GITHUB_RECONCILE_INTERVAL_MS: needs GitHub credentials (GITHUB_APP_ID + key, or GITHUB_CLIENT_ID + secret)",
    );
  }
  return problems;
}
