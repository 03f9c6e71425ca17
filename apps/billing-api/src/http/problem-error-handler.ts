import type { ErrorRequestHandler } from "express";
import { classifyError } from "./http-errors.js";
import { problem, sendProblem } from "./problem.js";

/** Renders any error as RFC 9457 problem details; 5xx details are logged, never sent. */
export const problemErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const classified = classifyError(error);
  if (classified.kind === "unavailable") {
    req.log.warn({ err: error }, "request while the database is unavailable");
  } else if (classified.status >= 500) {
    req.log.error({ err: error }, "request failed");
  }
  for (const [name, value] of Object.entries(classified.headers)) {
    res.setHeader(name, value);
  }
  const detail =
    classified.fieldErrors.length > 0
      ? classified.fieldErrors.map((item) => `${item.path}: ${item.message}`).join("; ")
      : classified.message;
  sendProblem(
    res,
    problem(
      classified.status,
      classified.kind.replaceAll("_", "-"),
      titleFor(classified.status),
      detail,
      classified.fieldErrors.length > 0 ? { errors: classified.fieldErrors } : undefined,
    ),
  );
};

function titleFor(status: number): string {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Request Error";
  }
}
