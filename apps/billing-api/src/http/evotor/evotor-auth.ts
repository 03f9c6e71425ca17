import type { RequestHandler } from "express";
import { secretsEqual } from "../constant-time.js";

/** Who called: Evotor with the app credentials, or Evotor with the token we issued to one user. */
export type EvotorPrincipal = { kind: "app" } | { kind: "user"; userId: string };

export interface EvotorAuthOptions {
  /** EVOTOR_WEBHOOK_TOKEN. */
  appToken: string;
  /** EVOTOR_BASIC_CREDENTIALS, when configured. */
  basicCredentials: { username: string; password: string } | null;
  /** Resolves a per-user token we issued; only consulted where `userTokensAllowed(path)`. */
  userForToken(token: string): Promise<string | null>;
  userTokensAllowed(path: string): boolean;
}

/** The 401 every authentication failure becomes (Evotor code 1001); the error handler renders it. */
export class EvotorUnauthorizedError extends Error {
  readonly status = 401;
  constructor() {
    super("wrong or missing Authorization");
    this.name = "EvotorUnauthorizedError";
  }
}

/**
 * Evotor's `Authorization` header, in every form Evotor's documents show: `Bearer <app token>`, `Basic
 * <base64(user:password)>` (the console's login-and-password option), `Basic <app token>` (the guide's
 * example), a bare `<app token>`, and on notifications `Bearer <user token>` as issued on create/verify.
 * Every comparison is constant-time; the header is never logged.
 */
export function evotorAuthentication(options: EvotorAuthOptions): RequestHandler {
  return async (req, res, next) => {
    try {
      const principal = await authenticate(req.headers.authorization, req.path, options);
      if (!principal) {
        next(new EvotorUnauthorizedError());
        return;
      }
      res.locals.evotorPrincipal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}

async function authenticate(
  header: string | undefined,
  path: string,
  options: EvotorAuthOptions,
): Promise<EvotorPrincipal | null> {
  const value = header?.trim();
  if (!value) {
    return null;
  }
  const space = value.indexOf(" ");
  const scheme = space < 0 ? "" : value.slice(0, space).toLowerCase();
  const credential = space < 0 ? value : value.slice(space + 1).trim();
  if (scheme !== "" && scheme !== "bearer" && scheme !== "basic") {
    return null;
  }
  if (secretsEqual(credential, options.appToken)) {
    return { kind: "app" };
  }
  if (scheme === "basic" && options.basicCredentials) {
    const decoded = Buffer.from(credential, "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    if (separator > 0) {
      const usernameMatches = secretsEqual(decoded.slice(0, separator), options.basicCredentials.username);
      const passwordMatches = secretsEqual(decoded.slice(separator + 1), options.basicCredentials.password);
      if (usernameMatches && passwordMatches) {
        return { kind: "app" };
      }
    }
  }
  if (scheme === "bearer" && options.userTokensAllowed(path)) {
    const userId = await options.userForToken(credential);
    if (userId !== null) {
      return { kind: "user", userId };
    }
  }
  return null;
}
