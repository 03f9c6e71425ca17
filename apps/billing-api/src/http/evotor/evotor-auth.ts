import type { RequestHandler } from "express";
import { secretsEqual } from "../constant-time.js";

export interface EvotorAuthOptions {
  /** EVOTOR_WEBHOOK_TOKEN. */
  appToken: string;
  /** EVOTOR_BASIC_CREDENTIALS, when configured. */
  basicCredentials: { username: string; password: string } | null;
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
 * Evotor's `Authorization` header with the app credentials, in every form Evotor's documents show: `Bearer
 * <app token>`, `Basic <base64(user:password)>` (the console's login-and-password option), `Basic <app
 * token>` (the guide's example) and a bare `<app token>`. The per-user tokens we issue on create/verify are
 * never accepted here: they may reach the merchant's side, and every route of this surface either moves
 * billing state or links accounts. Every comparison is constant-time; the header is never logged.
 */
export function evotorAuthentication(options: EvotorAuthOptions): RequestHandler {
  return (req, _res, next) => {
    next(isAppCaller(req.headers.authorization, options) ? undefined : new EvotorUnauthorizedError());
  };
}

function isAppCaller(header: string | undefined, options: EvotorAuthOptions): boolean {
  const value = header?.trim();
  if (!value) {
    return false;
  }
  const space = value.indexOf(" ");
  const scheme = space < 0 ? "" : value.slice(0, space).toLowerCase();
  const credential = space < 0 ? value : value.slice(space + 1).trim();
  if (scheme !== "" && scheme !== "bearer" && scheme !== "basic") {
    return false;
  }
  if (secretsEqual(credential, options.appToken)) {
    return true;
  }
  if (scheme === "basic" && options.basicCredentials) {
    const decoded = Buffer.from(credential, "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    if (separator > 0) {
      const usernameMatches = secretsEqual(decoded.slice(0, separator), options.basicCredentials.username);
      const passwordMatches = secretsEqual(decoded.slice(separator + 1), options.basicCredentials.password);
      if (usernameMatches && passwordMatches) {
        return true;
      }
    }
  }
  return false;
}
