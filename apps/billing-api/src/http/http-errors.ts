/**
 * Classifies what Express middleware throws (body parsers, express-openapi-validator, handlers) into one
 * shape, so each surface only decides how to render it in its own error format.
 */
export interface ClassifiedError {
  status: number;
  kind:
    | "malformed_body"
    | "body_too_large"
    | "unsupported_media_type"
    | "validation"
    | "not_found"
    | "method_not_allowed"
    | "unauthorized"
    | "unavailable"
    | "internal";
  message: string;
  /** Per-field problems from request validation: `path` is like `/body/action` or `/query/limit`. */
  fieldErrors: Array<{ path: string; message: string; errorCode?: string }>;
  headers: Record<string, string>;
}

interface ErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  errors?: Array<{ path?: string; message?: string; errorCode?: string }>;
  headers?: Record<string, string>;
}

/** Seconds a client is asked to wait when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

export function classifyError(error: unknown): ClassifiedError {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const status = e.status ?? e.statusCode ?? 500;
  const base = { fieldErrors: [], headers: e.headers ?? {} };
  if (e.type === "json.too.deep") {
    return { ...base, status: 400, kind: "malformed_body", message: e.message ?? "The JSON nests too deep." };
  }
  if (e.type === "json.unstorable.string") {
    const path = (error as { path?: string }).path ?? "/body";
    const message = e.message ?? "A string cannot be stored.";
    return {
      ...base,
      status: 400,
      kind: "validation",
      message,
      fieldErrors: [{ path, message, errorCode: "unstorable.string" }],
    };
  }
  const database = classifyDatabaseError(error);
  if (database === "unavailable") {
    return {
      ...base,
      status: 503,
      kind: "unavailable",
      message: "The database is unavailable; try again shortly.",
      headers: { ...base.headers, "Retry-After": String(RETRY_AFTER_SECONDS) },
    };
  }
  if (database === "value") {
    return {
      ...base,
      status: 400,
      kind: "validation",
      message: "A value in the request cannot be stored.",
    };
  }
  if (e.type === "entity.parse.failed") {
    return { ...base, status: 400, kind: "malformed_body", message: "The request body is not valid JSON." };
  }
  if (e.type === "entity.too.large") {
    return {
      ...base,
      status: 413,
      kind: "body_too_large",
      message: "The request body is larger than 1 MiB.",
    };
  }
  if (e.type === "encoding.unsupported" || e.type === "charset.unsupported") {
    return {
      ...base,
      status: 415,
      kind: "unsupported_media_type",
      message: e.message ?? "Unsupported encoding.",
    };
  }
  if (status >= 500) {
    return { ...base, status: 500, kind: "internal", message: "Internal error." };
  }
  const kind: ClassifiedError["kind"] =
    status === 404
      ? "not_found"
      : status === 405
        ? "method_not_allowed"
        : status === 415
          ? "unsupported_media_type"
          : status === 413
            ? "body_too_large"
            : status === 401
              ? "unauthorized"
              : "validation";
  return {
    ...base,
    status,
    kind,
    message: e.message ?? "Bad request.",
    fieldErrors: (e.errors ?? []).map((item) => ({
      path: item.path ?? "",
      message: item.message ?? "invalid",
      ...(item.errorCode === undefined ? {} : { errorCode: item.errorCode }),
    })),
  };
}

/** SQLSTATE classes and driver errors that mean the database cannot be reached or did not answer in time. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57014", // query_canceled: statement_timeout
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "55P03", // lock_not_available
]);
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connection timeout|Client has encountered a connection error|Client was closed/i;

/**
 * `unavailable`: the database is down, hung or overloaded (503, try again); `value`: PostgreSQL refused a value
 * from the request (SQLSTATE class 22 data exception, or 54000 too large to index), a 400; null: neither.
 * Reads only codes and messages, so the HTTP layer needs no driver import.
 */
export function classifyDatabaseError(error: unknown): "unavailable" | "value" | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    const { code, message, driverError, cause } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === "string") {
      if (UNAVAILABLE_CODES.has(code) || code.startsWith("08")) {
        return "unavailable";
      }
      if (/^22[0-9A-Z]{3}$/.test(code) || code === "54000") {
        return "value";
      }
    }
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) {
      return "unavailable";
    }
    current = driverError ?? cause;
  }
  return null;
}
