import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { performance } from "node:perf_hooks";
import type { RequestHandler } from "express";
import type { Logger } from "../logger.js";

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes arrive every few seconds: logged at debug while they succeed, so info stays readable. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/** Headers worth logging; everything else (credentials, signatures, cookies) never reaches the log. */
const LOGGED_HEADERS = [
  "user-agent",
  "content-type",
  "content-length",
  "x-github-event",
  "x-github-delivery",
];

declare global {
  namespace Express {
    interface Request {
      /** The request's logger: every line it writes carries `requestId`. */
      log: Logger;
      requestId: string;
    }
  }
}

/**
 * One JSON line per request when it finishes (method, URL with credentials redacted, an allow-list of headers,
 * status, duration), and `req.log` for handlers. Every line carries `requestId`, taken from a sane incoming
 * `X-Request-Id` or generated, and echoed back in the response. The child logger behind `req.log` is made only
 * when a handler logs: on the hot read path nothing logs but the summary line, and making a pino child per
 * request was a tenth of its CPU (pino-http does that).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const incoming = req.headers["x-request-id"];
    const requestId =
      typeof incoming === "string" && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("X-Request-Id", requestId);
    req.requestId = requestId;
    let child: Logger | undefined;
    Object.defineProperty(req, "log", {
      configurable: true,
      enumerable: false,
      get: () => {
        child ??= logger.child({ requestId });
        return child;
      },
    });
    const url = req.originalUrl;
    const summary = (message: string) => {
      const status = res.statusCode;
      const level =
        status >= 500 ? "error" : status >= 400 ? "warn" : QUIET_PATHS.has(req.path) ? "debug" : "info";
      logger[level](
        {
          requestId,
          req: { method: req.method, url: withoutSecrets(url), headers: loggedHeaders(req.headers) },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
        },
        message,
      );
    };
    res.once("finish", () => summary("request completed"));
    res.once("close", () => {
      if (!res.writableFinished) {
        summary("request aborted");
      }
    });
    next();
  };
}

function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") {
      picked[name] = value;
    }
  }
  return picked;
}

/**
 * Query parameters that may carry a credential, by any part of their name (the OAuth callback's `code` and
 * `state`, `password`, `token`, `access_token`, `client_secret`, `api_key`, `apiKey` …): logged as [redacted].
 * Matching parts rather than exact names errs towards hiding too much, never too little.
 */
const SECRET_QUERY_PARAMETER = /pass|pwd|token|secret|code|key|state|signature|credential|auth|session/i;

export function withoutSecrets(url: string): string {
  const question = url.indexOf("?");
  if (question < 0) {
    return url;
  }
  const query = new URLSearchParams(url.slice(question + 1));
  for (const name of [...query.keys()]) {
    if (SECRET_QUERY_PARAMETER.test(name)) {
      query.set(name, "[redacted]");
    }
  }
  return `${url.slice(0, question)}?${query.toString()}`;
}
