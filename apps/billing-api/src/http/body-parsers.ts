import type { IncomingMessage } from "node:http";
import express, { type RequestHandler } from "express";
import { assertJsonDepth } from "./json-guard.js";

/** Every body the service accepts is at most this large; larger ones get 413 before any work is done. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

declare global {
  namespace Express {
    interface Request {
      /** The body bytes exactly as received (HMAC verification and the event log need them). */
      rawBody?: Buffer;
    }
  }
}

const keepRawBody = (req: IncomingMessage, _res: unknown, buffer: Buffer) => {
  (req as express.Request).rawBody = buffer;
};

/** JSON is measured before it is parsed: nesting 10k deep must cost one pass over the bytes, not a stack. */
const keepRawJson = (req: IncomingMessage, res: unknown, buffer: Buffer) => {
  assertJsonDepth(buffer);
  keepRawBody(req, res, buffer);
};

/**
 * JSON and form bodies, size-limited, keeping the raw bytes beside the parsed value. GET and HEAD carry no
 * body worth reading, and they are the hot path: they skip parsing altogether.
 */
export function bodyParsers(): RequestHandler[] {
  const parsers: RequestHandler[] = [
    express.json({
      limit: BODY_LIMIT_BYTES,
      verify: keepRawJson,
      type: ["application/json", "application/*+json"],
    }),
    express.urlencoded({ limit: BODY_LIMIT_BYTES, verify: keepRawBody, extended: false }),
  ];
  return parsers.map(
    (parse): RequestHandler =>
      (req, res, next) => {
        if (req.method === "GET" || req.method === "HEAD") {
          next();
          return;
        }
        parse(req, res, next);
      },
  );
}
