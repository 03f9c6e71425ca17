import type { EvotorPartner } from "@marketplace-billing/contracts";
import type { ErrorRequestHandler, Request } from "express";
import { EvotorAccountError } from "../../domain/evotor/evotor-accounts.js";
import type { EvotorFieldError } from "../../domain/evotor/evotor-events.js";
import { EvotorVerifyThrottledError } from "../../domain/evotor/verify-throttle.js";
import { classifyError } from "../http-errors.js";

/**
 * Evotor's format has no codes for our own failures (it retries on any 5xx); these two keep the format's shape
 * and are documented in specs/evotor-partner.yaml.
 */
export const EVOTOR_INTERNAL_ERROR = 5000;
export const EVOTOR_SERVICE_UNAVAILABLE = 5003;

type EvotorErrors = EvotorPartner.components["schemas"]["Errors"];
type EvotorErrorItem = EvotorErrors["errors"][number];

/** A field problem found by the Evotor payload parser after the schema passed (2002/2003, HTTP 400). */
export class EvotorFieldProblem extends Error {
  readonly status = 400;
  constructor(readonly detail: EvotorFieldError) {
    super(`${detail.subject}: ${detail.reason}`);
    this.name = "EvotorFieldProblem";
  }
}

/** `/body/chargedSum/amount` → `chargedSum.amount`. */
function subjectOf(path: string): string {
  const segments = path.split("/").filter((segment) => segment !== "");
  const inBody = segments[0] === "body" ? segments.slice(1) : segments;
  return inBody.length === 0 ? "body" : inBody.join(".");
}

function valueAt(body: unknown, path: string): unknown {
  const segments = path.split("/").filter((segment) => segment !== "");
  let current: unknown = body;
  for (const segment of segments[0] === "body" ? segments.slice(1) : segments) {
    if (typeof current !== "object" || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function item(code: number, reason: string, subject?: string, value?: unknown): EvotorErrorItem {
  return {
    code,
    reason,
    ...(subject === undefined ? {} : { subject }),
    ...(value === undefined ? {} : { value }),
  };
}

/** Validator output → Evotor's codes: missing or unexpected field 2002 (subject names it), anything else 2003. */
function validationItem(
  req: Request,
  fieldErrors: ReturnType<typeof classifyError>["fieldErrors"],
): EvotorErrorItem {
  const unstorable = fieldErrors.find((error) => error.errorCode === "unstorable.string");
  if (unstorable) {
    // The value itself is not echoed: it is what cannot be handled.
    return item(2003, "incorrect", subjectOf(unstorable.path));
  }
  const missing = fieldErrors.find((error) => error.errorCode?.startsWith("required."));
  if (missing) {
    return item(2002, "missing", subjectOf(missing.path));
  }
  const unexpected = fieldErrors.find(
    (error) =>
      error.errorCode?.startsWith("additionalProperties.") ||
      error.errorCode?.startsWith("unevaluatedProperties."),
  );
  if (unexpected) {
    return item(2002, "unexpected", subjectOf(unexpected.path));
  }
  const first = fieldErrors[0];
  if (!first) {
    return item(2003, "incorrect");
  }
  return item(2003, "incorrect", subjectOf(first.path), valueAt(req.body, first.path));
}

/**
 * Renders every error on the Evotor routes in Evotor's format `{"errors":[{code, reason, subject, value}]}`:
 * 2001 syntax, 2002 missing/unexpected field, 2003 incorrect value, 1001 authentication, the account
 * codes 1006/2004/2005, and 429 (code 1006, `too many attempts`, with Retry-After) for throttled verifies.
 * 404 and 405 answer `{}` as Evotor's spec says; 5xx details are logged, never sent (503 with `Retry-After`
 * while the database is unavailable).
 */
export const evotorErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const send = (status: number, body: EvotorErrors | Record<string, never>) => {
    res.status(status).json(body);
  };
  if (error instanceof EvotorAccountError) {
    send(error.status, { errors: [item(error.code, error.reason, error.subject)] });
    return;
  }
  if (error instanceof EvotorVerifyThrottledError) {
    req.log.warn(
      { blockedBy: error.subject, retryAfterSeconds: error.retryAfterSeconds },
      "Evotor verify throttled",
    );
    res.setHeader("Retry-After", String(error.retryAfterSeconds));
    send(429, { errors: [item(error.code, error.reason, error.subject)] });
    return;
  }
  if (error instanceof EvotorFieldProblem) {
    send(400, {
      errors: [item(error.detail.code, error.detail.reason, error.detail.subject, error.detail.value)],
    });
    return;
  }
  const classified = classifyError(error);
  switch (classified.kind) {
    case "malformed_body":
      send(400, { errors: [item(2001, "syntax error")] });
      return;
    case "body_too_large":
      send(413, { errors: [item(2001, "body too large")] });
      return;
    case "unsupported_media_type":
      send(415, { errors: [item(2001, "expected application/json")] });
      return;
    case "unauthorized":
      send(401, { errors: [item(1001, "unauthorized")] });
      return;
    case "validation":
      send(400, { errors: [validationItem(req, classified.fieldErrors)] });
      return;
    case "not_found":
    case "method_not_allowed":
      send(classified.status, {});
      return;
    case "unavailable":
      req.log.warn({ err: error }, "Evotor request while the database is unavailable");
      for (const [name, value] of Object.entries(classified.headers)) {
        res.setHeader(name, value);
      }
      send(503, { errors: [item(EVOTOR_SERVICE_UNAVAILABLE, "service unavailable")] });
      return;
    default:
      req.log.error({ err: error }, "Evotor request failed");
      send(500, { errors: [item(EVOTOR_INTERNAL_ERROR, "internal error")] });
  }
};
