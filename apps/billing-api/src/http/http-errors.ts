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

export function classifyError(error: unknown): ClassifiedError {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const status = e.status ?? e.statusCode ?? 500;
  const base = { fieldErrors: [], headers: e.headers ?? {} };
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
