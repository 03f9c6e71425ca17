import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.js";

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Headers worth logging; everything else (credentials, signatures, cookies) never reaches the log. */
const LOGGED_HEADERS = [
  "user-agent",
  "content-type",
  "content-length",
  "x-github-event",
  "x-github-delivery",
];

/**
 * One JSON line per request, and `req.log` for handlers: every line carries `requestId`, taken from a sane
 * incoming `X-Request-Id` or generated, and echoed back in the response.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: "requestId" },
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers["x-request-id"];
      const id =
        typeof incoming === "string" && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    serializers: {
      req(req: { method: string; url: string; headers: Record<string, string> }) {
        const headers = Object.fromEntries(
          LOGGED_HEADERS.filter((name) => req.headers[name] !== undefined).map((name) => [
            name,
            req.headers[name],
          ]),
        );
        return { method: req.method, url: withoutSecrets(req.url), headers };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) {
        return "error";
      }
      return res.statusCode >= 400 ? "warn" : "info";
    },
  }) as unknown as RequestHandler;
}

/** Query parameters that carry credentials (the OAuth callback's code and state …): logged as [redacted]. */
const SECRET_QUERY_PARAMETERS = new Set([
  "code",
  "state",
  "token",
  "access_token",
  "onboarding_code",
  "api_key",
]);

export function withoutSecrets(url: string): string {
  const question = url.indexOf("?");
  if (question < 0) {
    return url;
  }
  const query = new URLSearchParams(url.slice(question + 1));
  for (const name of [...query.keys()]) {
    if (SECRET_QUERY_PARAMETERS.has(name.toLowerCase())) {
      query.set(name, "[redacted]");
    }
  }
  return `${url.slice(0, question)}?${query.toString()}`;
}
