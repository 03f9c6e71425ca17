import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { RequestHandler } from "express";
import { problem, sendProblem } from "./problem.js";

const require = createRequire(import.meta.url);

/**
 * The pages are self-contained: inline scripts and styles, no request elsewhere. The policy says so, which
 * also stops Redoc's attribution logo (an image on a CDN) from being fetched.
 */
const REFERENCE_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Where `npm run build` of the specs workspace wrote the rendered reference (specs/build-docs.mjs). */
function referenceDir(): string | undefined {
  try {
    return dirname(require.resolve("@marketplace-billing/specs/dist/docs/index.html"));
  } catch {
    return undefined;
  }
}

/** GET /docs (the index) and GET /docs/{surface} (one surface's Redoc page), read from the built files. */
export function apiReference(): RequestHandler {
  const dir = referenceDir();
  return (req, res, next) => {
    const surface = typeof req.params.surface === "string" ? req.params.surface : undefined;
    const file = dir === undefined ? undefined : join(dir, `${surface ?? "index"}.html`);
    if (file === undefined || !existsSync(file)) {
      sendProblem(
        res,
        dir === undefined
          ? problem(404, "not-found", "Not Found", "The API reference was not built: run `npm run build`.")
          : problem(404, "not-found", "Not Found", `No API reference for ${surface}.`),
      );
      return;
    }
    res.setHeader("Content-Security-Policy", REFERENCE_POLICY);
    res.sendFile(file, { headers: { "Content-Type": "text/html; charset=utf-8" } }, (error) => {
      if (error && !res.headersSent) {
        next(error);
      }
    });
  };
}
