import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { Router } from "express";
import { problem, sendProblem } from "../problem.js";

export const CONSOLE_PATHS = ["/console"] as const;

/**
 * The page's own policy: its scripts, styles and API calls come from this service only, nothing inline, no
 * frames, no forms posting elsewhere. The API key lives in sessionStorage, so this is what keeps it safe.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Where `npm run build` put the console (apps/console/dist), or null when it was not built. */
export function builtConsoleDirectory(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve("@marketplace-billing/console/package.json");
    const directory = join(dirname(manifest), "dist");
    return existsSync(join(directory, "index.html")) ? directory : null;
  } catch {
    return null;
  }
}

/**
 * Serves the operator console's static files under /console. The page talks only to the public /v1 API
 * with an admin key the operator types in; nothing here is authenticated, because nothing here is secret.
 */
export function consoleRouter(directory: string | null): Router {
  const router = Router();
  router.use("/console", (_req, res, next) => {
    res.setHeader("Content-Security-Policy", CONSOLE_CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    next();
  });
  // The page's links are relative to /console/, so the bare path is sent there.
  router.get("/console", (req, res, next) => {
    if (req.path !== "/console") {
      next();
      return;
    }
    res.redirect(301, "/console/");
  });
  if (directory === null) {
    router.use("/console", (_req, res) => {
      sendProblem(
        res,
        problem(
          503,
          "console-not-built",
          "Console Not Built",
          "The console's files are missing: run `npm run build` (it builds apps/console).",
        ),
      );
    });
    return router;
  }
  router.use(
    "/console",
    express.static(directory, {
      index: "index.html",
      fallthrough: true,
      redirect: false,
      dotfiles: "ignore",
      setHeaders: (res, path) => {
        // File names under assets/ carry a content hash; index.html must be fetched again after an upgrade.
        res.setHeader(
          "Cache-Control",
          path.includes(`${join(directory, "assets")}`) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    }),
  );
  return router;
}
