import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfig, ConfigError, parseEnvironment } from "./config.js";
import { resolveSecrets } from "./embedded-secrets.js";

const secrets = {
  GITHUB_WEBHOOK_SECRET: "old-secret-0123456789,new-secret-0123456789",
  EVOTOR_WEBHOOK_TOKEN: "evotor-token-0123456789",
  ADMIN_API_KEY: "admin-key-0123456789-0123456789",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const config = buildConfig(parseEnvironment({}), secrets);
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: resolve(process.cwd(), ".data"),
      logLevel: "info",
      validateResponses: true,
    });
  });

  it("names the variable of every bad value", () => {
    const problems = problemsOf(() =>
      parseEnvironment({ PORT: "eighty", DATABASE_URL: "mysql://db/x", LOG_LEVEL: "loud" }),
    );
    expect(problems).toHaveLength(3);
    expect(problems.some((problem) => problem.startsWith("PORT:"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("DATABASE_URL:"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("LOG_LEVEL:"))).toBe(true);
  });

  it("resolves a relative DATA_DIR from where npm was run", () => {
    expect(parseEnvironment({ DATA_DIR: "state", INIT_CWD: "/srv/billing" }).DATA_DIR).toBe(
      "/srv/billing/state",
    );
    expect(parseEnvironment({ DATA_DIR: "/var/lib/billing", INIT_CWD: "/srv/billing" }).DATA_DIR).toBe(
      "/var/lib/billing",
    );
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnvironment({ PORT: "" }).PORT).toBe(3000);
  });

  it("accepts several comma-separated GitHub secrets for rotation", () => {
    const config = buildConfig(parseEnvironment({}), secrets);
    expect(config.secrets.githubWebhookSecrets).toEqual(["old-secret-0123456789", "new-secret-0123456789"]);
  });

  it("rejects a GitHub secret that is too short to be safe", () => {
    const problems = problemsOf(() =>
      buildConfig(parseEnvironment({}), {
        ...secrets,
        GITHUB_WEBHOOK_SECRET: "good-secret-0123456789,short",
      }),
    );
    expect(problems[0]).toMatch(/^GITHUB_WEBHOOK_SECRET:/);
  });

  it("turns response validation off in production unless asked for", () => {
    expect(buildConfig(parseEnvironment({ NODE_ENV: "production" }), secrets).validateResponses).toBe(false);
    expect(
      buildConfig(parseEnvironment({ NODE_ENV: "production", VALIDATE_RESPONSES: "true" }), secrets)
        .validateResponses,
    ).toBe(true);
  });
});

describe("Evotor configuration", () => {
  it("defaults to the built-in account directory without Basic credentials", () => {
    expect(buildConfig(parseEnvironment({}), secrets).evotor).toEqual({
      basicCredentials: null,
      accountSource: "directory",
      accountCallback: null,
      verifyThrottle: { maxFailures: 5, backoffSeconds: 900 },
    });
  });

  it("reads Basic credentials and the callback account source", () => {
    const config = buildConfig(
      parseEnvironment({
        EVOTOR_BASIC_CREDENTIALS: "evotor:pass:with:colons",
        EVOTOR_ACCOUNT_SOURCE: "callback",
        EVOTOR_ACCOUNT_CALLBACK_URL: "https://vendor.example/billing/accounts",
        EVOTOR_ACCOUNT_CALLBACK_SECRET: "callback-secret-0123456789",
      }),
      secrets,
    );
    expect(config.evotor).toEqual({
      basicCredentials: { username: "evotor", password: "pass:with:colons" },
      accountSource: "callback",
      accountCallback: {
        url: "https://vendor.example/billing/accounts",
        secret: "callback-secret-0123456789",
      },
      verifyThrottle: { maxFailures: 5, backoffSeconds: 900 },
    });
  });

  it("reads the /user/verify throttle limits and refuses nonsense", () => {
    const environment = parseEnvironment({
      EVOTOR_VERIFY_MAX_FAILURES: "3",
      EVOTOR_VERIFY_BACKOFF_SECONDS: "60",
    });
    expect(buildConfig(environment, secrets).evotor.verifyThrottle).toEqual({
      maxFailures: 3,
      backoffSeconds: 60,
    });
    expect(problemsOf(() => parseEnvironment({ EVOTOR_VERIFY_MAX_FAILURES: "0" }))[0]).toMatch(
      /^EVOTOR_VERIFY_MAX_FAILURES:/,
    );
    expect(problemsOf(() => parseEnvironment({ EVOTOR_VERIFY_BACKOFF_SECONDS: "soon" }))[0]).toMatch(
      /^EVOTOR_VERIFY_BACKOFF_SECONDS:/,
    );
  });

  it("requires https for the account callback, except to a loopback host", () => {
    for (const url of [
      "http://vendor.example/accounts",
      "http://10.0.0.5/accounts",
      "ftp://vendor.example/",
    ]) {
      expect(problemsOf(() => parseEnvironment({ EVOTOR_ACCOUNT_CALLBACK_URL: url }))[0]).toMatch(
        /^EVOTOR_ACCOUNT_CALLBACK_URL:/,
      );
    }
    for (const url of [
      "https://vendor.example/accounts",
      "http://127.0.0.1:8080/accounts",
      "http://localhost/accounts",
      "http://[::1]:9000/accounts",
    ]) {
      expect(parseEnvironment({ EVOTOR_ACCOUNT_CALLBACK_URL: url }).EVOTOR_ACCOUNT_CALLBACK_URL).toBe(url);
    }
  });

  it("refuses a callback source without its URL and secret, a malformed Basic pair and a short data key", () => {
    expect(
      problemsOf(() => buildConfig(parseEnvironment({ EVOTOR_ACCOUNT_SOURCE: "callback" }), secrets))[0],
    ).toMatch(/^EVOTOR_ACCOUNT_SOURCE:/);
    expect(problemsOf(() => parseEnvironment({ EVOTOR_BASIC_CREDENTIALS: "no-colon" }))[0]).toMatch(
      /^EVOTOR_BASIC_CREDENTIALS:/,
    );
    expect(
      problemsOf(() => buildConfig(parseEnvironment({}), { ...secrets, DATA_ENCRYPTION_KEY: "c2hvcnQ=" }))[0],
    ).toMatch(/^DATA_ENCRYPTION_KEY:/);
  });
});

describe("secrets", () => {
  it("stops a real deployment that lacks a secret, naming it", async () => {
    const environment = parseEnvironment({
      DATABASE_URL: "postgres://db.internal/billing",
      GITHUB_WEBHOOK_SECRET: secrets.GITHUB_WEBHOOK_SECRET,
    });
    const error = await resolveSecrets(environment).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.split(":")[0])).toEqual([
      "EVOTOR_WEBHOOK_TOKEN",
      "ADMIN_API_KEY",
      "DATA_ENCRYPTION_KEY",
    ]);
  });

  it("generates missing secrets once on the embedded default and reuses them", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "billing-secrets-"));
    const environment = parseEnvironment({ DATA_DIR: dataDir, ADMIN_API_KEY: secrets.ADMIN_API_KEY });

    const first = await resolveSecrets(environment);
    expect(first.generated).toEqual(["GITHUB_WEBHOOK_SECRET", "EVOTOR_WEBHOOK_TOKEN", "DATA_ENCRYPTION_KEY"]);
    // The generated data key is one buildConfig accepts (32 bytes, base64url).
    expect(buildConfig(environment, first.secrets).secrets.dataEncryptionKey).toBe(
      first.secrets.DATA_ENCRYPTION_KEY,
    );
    expect(first.secrets.ADMIN_API_KEY).toBe(secrets.ADMIN_API_KEY);
    expect(first.secrets.GITHUB_WEBHOOK_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const second = await resolveSecrets(environment);
    expect(second.generated).toEqual([]);
    expect(second.secrets).toEqual(first.secrets);

    const file = join(dataDir, "secrets.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).not.toHaveProperty("ADMIN_API_KEY");
  });

  describe("GitHub onboarding and reconciliation", () => {
    it("defaults to GitHub's hosts, the real endpoints and no scheduled reconciliation", () => {
      const { github } = buildConfig(parseEnvironment({}), secrets);
      expect(github).toMatchObject({
        apiUrl: "https://api.github.com",
        webUrl: "https://github.com",
        stubbed: false,
        reconcileIntervalMs: 0,
        appId: undefined,
        clientId: undefined,
      });
    });

    it("needs the app id and the private key together, and the client id and secret together", () => {
      const problems = problemsOf(() =>
        buildConfig(parseEnvironment({ GITHUB_APP_ID: "12345", GITHUB_CLIENT_ID: "Iv1.abc" }), secrets),
      );
      expect(problems.some((problem) => problem.startsWith("GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY"))).toBe(
        true,
      );
      expect(
        problems.some((problem) => problem.startsWith("GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET")),
      ).toBe(true);
    });

    it("reads a one-line PEM with literal \\n and refuses something that is not a key", () => {
      const pem = "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----";
      const config = buildConfig(
        parseEnvironment({ GITHUB_APP_ID: "12345", GITHUB_APP_PRIVATE_KEY: pem }),
        secrets,
      );
      expect(config.github.appPrivateKey).toBe("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
      const problems = problemsOf(() =>
        buildConfig(parseEnvironment({ GITHUB_APP_ID: "12345", GITHUB_APP_PRIVATE_KEY: "secret" }), secrets),
      );
      expect(problems).toEqual([expect.stringMatching(/^GITHUB_APP_PRIVATE_KEY:/)]);
    });

    it("refuses a scheduled reconciliation without credentials or more often than once a minute", () => {
      expect(
        problemsOf(() => buildConfig(parseEnvironment({ GITHUB_RECONCILE_INTERVAL_MS: "600000" }), secrets)),
      ).toEqual([expect.stringMatching(/^GITHUB_RECONCILE_INTERVAL_MS: needs GitHub credentials/)]);
      const credentials = { GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "s3cret" };
      expect(
        problemsOf(() =>
          buildConfig(parseEnvironment({ ...credentials, GITHUB_RECONCILE_INTERVAL_MS: "1000" }), secrets),
        ),
      ).toEqual([expect.stringMatching(/^GITHUB_RECONCILE_INTERVAL_MS: 0 \(off\)/)]);
    });

    it("wants DATA_ENCRYPTION_KEY to be 32 base64url bytes", () => {
      const problems = problemsOf(() =>
        buildConfig(parseEnvironment({}), { ...secrets, DATA_ENCRYPTION_KEY: "too-short" }),
      );
      expect(problems).toEqual([expect.stringMatching(/^DATA_ENCRYPTION_KEY:/)]);
    });
  });

  it("reads any variable from the file NAME_FILE names, without the trailing newline (Docker/K8s secrets)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "billing-secrets-"));
    const key = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----";
    await writeFile(join(dir, "admin"), "admin-key-from-a-file-0123456789\n");
    await writeFile(join(dir, "url"), "postgres://billing:pw@db:5432/billing\n");
    await writeFile(join(dir, "pem"), `${key}\n`);
    const environment = parseEnvironment({
      ADMIN_API_KEY_FILE: join(dir, "admin"),
      DATABASE_URL_FILE: join(dir, "url"),
      GITHUB_APP_ID: "1",
      GITHUB_APP_PRIVATE_KEY_FILE: join(dir, "pem"),
    });
    expect(environment.ADMIN_API_KEY).toBe("admin-key-from-a-file-0123456789");
    expect(environment.DATABASE_URL).toBe("postgres://billing:pw@db:5432/billing");
    const config = buildConfig(environment, { ...secrets, ADMIN_API_KEY: environment.ADMIN_API_KEY ?? "" });
    expect(config.github.appPrivateKey).toBe(key);
    // What a file holds is checked like the variable itself.
    await writeFile(join(dir, "short"), "short\n");
    expect(problemsOf(() => parseEnvironment({ ADMIN_API_KEY_FILE: join(dir, "short") }))).toEqual([
      "ADMIN_API_KEY: must be at least 24 characters",
    ]);
  });

  it("refuses a NAME_FILE it cannot read, or set together with NAME", () => {
    expect(problemsOf(() => parseEnvironment({ EVOTOR_WEBHOOK_TOKEN_FILE: "/nonexistent/token" }))).toEqual([
      "EVOTOR_WEBHOOK_TOKEN_FILE: cannot read /nonexistent/token (ENOENT)",
    ]);
    expect(
      problemsOf(() =>
        parseEnvironment({ METRICS_TOKEN: "metrics-token-0123456789", METRICS_TOKEN_FILE: "/etc/hostname" }),
      ),
    ).toEqual(["METRICS_TOKEN_FILE: METRICS_TOKEN is set too; set only one of them"]);
  });

  it("says what is wrong in one line", () => {
    const error = new ConfigError(["PORT: must be a port number (0 to 65535)", "ADMIN_API_KEY: too short"]);
    expect(error.message).toBe(
      "Invalid configuration: PORT: must be a port number (0 to 65535); ADMIN_API_KEY: too short",
    );
    expect(problemsOf(() => parseEnvironment({ PORT: "not-a-port" }))).toEqual([
      "PORT: must be a port number (0 to 65535)",
    ]);
  });

  it("trusts no proxy by default, and the hops or subnets TRUST_PROXY names", () => {
    expect(buildConfig(parseEnvironment({}), secrets).trustProxy).toBe(false);
    expect(buildConfig(parseEnvironment({ TRUST_PROXY: "1" }), secrets).trustProxy).toBe(1);
    expect(buildConfig(parseEnvironment({ TRUST_PROXY: "loopback, 10.0.0.0/8" }), secrets).trustProxy).toBe(
      "loopback, 10.0.0.0/8",
    );
    expect(problemsOf(() => parseEnvironment({ TRUST_PROXY: "true" }))).toEqual([
      "TRUST_PROXY: true would trust any client's X-Forwarded-For; give the hops",
    ]);
  });
});
