import { parseCookie } from "cookie";
import { type ErrorRequestHandler, type Request, type Response, Router } from "express";
import type { GithubConfig } from "../../config/config.js";
import { GithubApiError } from "../../domain/github/github-api.js";
import type { CompletedOnboarding } from "../../domain/github-onboarding/complete-onboarding.js";
import { checkState, issueState, STATE_TTL_MS } from "../../domain/github-onboarding/oauth-state.js";
import type { OAuthStateNonces } from "../../domain/github-onboarding/onboarding-codes.js";
import type { Clock } from "../../domain/time/clock.js";
import { classifyError } from "../http-errors.js";
import { openApiValidator } from "../openapi-validation.js";
import { onboardingPagePolicy, sendPage } from "./onboarding-page.js";

export const GITHUB_ONBOARDING_PATHS = ["/github"] as const;

/** Binds the OAuth state to the browser that asked for it. */
const COOKIE = "mb_github_onboarding";

/** Why onboarding stopped, as the product receives it in `?error=`. */
export type OnboardingFailure =
  | "access_denied"
  | "invalid_state"
  | "expired_state"
  | "replayed_state"
  | "invalid_code"
  | "github_unavailable"
  | "github_error"
  | "internal_error";

export interface GithubOnboardingDeps {
  config: GithubConfig;
  /** HMAC key of the OAuth state. */
  stateKey: Buffer;
  nonces: OAuthStateNonces;
  complete: (code: string) => Promise<CompletedOnboarding>;
  clock: Clock;
  validateResponses: boolean;
}

/**
 * `GET /github/setup` and `GET /github/callback` (specs/github-onboarding.yaml): browser endpoints, so every
 * answer is a redirect or a small HTML page, never JSON or a stack trace.
 */
export function githubOnboardingRouter(deps: GithubOnboardingDeps): Router {
  const router = Router();
  router.use(onboardingPagePolicy);
  router.use(openApiValidator("github-onboarding", { validateResponses: deps.validateResponses }));
  const { config } = deps;
  const configured = () =>
    config.clientId !== undefined &&
    config.clientSecret !== undefined &&
    config.productOnboardingUrl !== undefined;

  router.get("/github/setup", (req, res) => {
    if (!configured()) {
      notConfigured(res);
      return;
    }
    const issued = issueState(deps.stateKey, deps.clock.now());
    req.log.info(
      {
        planHint: req.query.marketplace_listing_plan_id,
        installationHint: req.query.installation_id,
        setupAction: req.query.setup_action,
      },
      "GitHub onboarding started",
    );
    res.cookie(COOKIE, issued.browserSecret, {
      httpOnly: true,
      sameSite: "lax",
      secure: !isPlainHttpToLoopback(req),
      path: "/github",
      maxAge: STATE_TTL_MS,
    });
    const authorize = new URL(`${config.webUrl}/login/oauth/authorize`);
    authorize.searchParams.set("client_id", config.clientId ?? "");
    authorize.searchParams.set("state", issued.state);
    // OAuth Apps need read:org to list an organization's members for seat assignment; a GitHub App ignores
    // scopes and uses its "Members: read" organization permission instead.
    authorize.searchParams.set("scope", "read:org");
    res.set("Cache-Control", "no-store").redirect(302, authorize.toString());
  });

  router.get("/github/callback", async (req, res) => {
    if (!configured()) {
      notConfigured(res);
      return;
    }
    res.set("Cache-Control", "no-store").set("Referrer-Policy", "no-referrer");
    res.clearCookie(COOKIE, { path: "/github" });
    const fail = (reason: OnboardingFailure, detail?: object) => {
      req.log.warn({ reason, ...detail }, "GitHub onboarding stopped");
      const target = new URL(config.productOnboardingUrl ?? "");
      target.searchParams.set("error", reason);
      res.redirect(302, target.toString());
    };
    const query = req.query as Record<string, string | undefined>;
    if (query.error !== undefined) {
      fail(query.error === "access_denied" ? "access_denied" : "github_error", { githubError: query.error });
      return;
    }
    const check = checkState(deps.stateKey, query.state, readCookie(req, COOKIE), deps.clock.now());
    if (!check.ok) {
      fail(check.reason);
      return;
    }
    if (!(await deps.nonces.consume(check.nonce, check.expiresAt, deps.clock.now()))) {
      fail("replayed_state");
      return;
    }
    if (!query.code) {
      fail("invalid_code");
      return;
    }
    let completed: CompletedOnboarding;
    try {
      completed = await deps.complete(query.code);
    } catch (error) {
      if (error instanceof GithubApiError) {
        const reason: OnboardingFailure =
          error.oauthError !== undefined
            ? "invalid_code"
            : error.kind === "unreachable" || error.kind === "rate_limited"
              ? "github_unavailable"
              : "github_error";
        fail(reason, { githubError: error.message, status: error.status });
        return;
      }
      req.log.error({ err: error }, "GitHub onboarding failed");
      fail("internal_error");
      return;
    }
    req.log.info(
      {
        githubUserId: completed.githubUser.id,
        accounts: completed.accounts.map((account) => account.accountId),
        provisioned: completed.provisioned,
      },
      "GitHub onboarding completed",
    );
    const target = new URL(config.productOnboardingUrl ?? "");
    target.searchParams.set("onboarding_code", completed.onboardingCode);
    res.redirect(302, target.toString());
  });

  router.use(pageErrorHandler);
  return router;
}

function notConfigured(res: Response): void {
  sendPage(
    res,
    503,
    "GitHub sign-in is not set up yet",
    "This service has no GitHub OAuth credentials or product address configured (GITHUB_CLIENT_ID, " +
      "GITHUB_CLIENT_SECRET, PRODUCT_ONBOARDING_URL). Please contact the vendor; your purchase on GitHub is safe.",
  );
}

/** Validation errors (a malformed link) and anything unexpected: a page, never a stack trace. */
const pageErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const classified = classifyError(error);
  if (classified.kind === "unavailable") {
    req.log.warn({ err: error }, "GitHub onboarding while the database is unavailable");
    for (const [name, value] of Object.entries(classified.headers)) {
      res.setHeader(name, value);
    }
    sendPage(res, 503, "Temporarily unavailable", "Please try again from GitHub Marketplace in a moment.");
    return;
  }
  if (classified.status >= 500) {
    req.log.error({ err: error }, "GitHub onboarding request failed");
    sendPage(res, 500, "Something went wrong", "Please try again from GitHub Marketplace in a moment.");
    return;
  }
  const status = classified.status === 404 || classified.status === 405 ? classified.status : 400;
  sendPage(
    res,
    status,
    status === 400 ? "This link is not valid" : "Page not found",
    "Start again from your purchase on GitHub Marketplace.",
  );
};

/** A value that is not valid percent-encoding comes back as sent, and then simply fails the state check. */
function readCookie(req: Request, name: string): string | undefined {
  return parseCookie(req.headers.cookie ?? "")[name];
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * The cookie is Secure everywhere but on a developer's machine (plain HTTP to a loopback host), where a
 * Secure cookie may not come back over plain HTTP. Behind a TLS-terminating proxy the browser speaks HTTPS.
 */
function isPlainHttpToLoopback(req: Request): boolean {
  const https = req.secure || req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  // Express gives no hostname for a request without a Host header: not loopback, so Secure.
  return !https && LOOPBACK_HOSTS.has((req.hostname ?? "").toLowerCase());
}
