import { createRequire } from "node:module";

/**
 * express-openapi-validator (5.6.2) recompiles every OpenAPI route with path-to-regexp on every request to
 * find the one it matches (`lookupRoute` in its openapi.metadata.js). Profiling the entitlement read showed
 * that compilation as the largest single cost on the hot path. The compiled pattern depends only on the route
 * and its options, and the validator only calls `.regexp.exec` on it (no global or sticky flag, so no shared
 * state), so a memo in front of the function it calls through the module object removes the cost without
 * changing any result. Installed once, when the validator is first built.
 */
let installed = false;

export function cacheValidatorRouteMatching(): void {
  if (installed) {
    return;
  }
  installed = true;
  const require = createRequire(require_resolve("express-openapi-validator"));
  const pathToRegexpModule = require("path-to-regexp") as {
    pathToRegexp: (path: string, options?: Record<string, unknown>) => unknown;
  };
  const original = pathToRegexpModule.pathToRegexp;
  const cache = new Map<string, unknown>();
  pathToRegexpModule.pathToRegexp = (path, options) => {
    if (typeof path !== "string") {
      return original(path, options);
    }
    const key = `${path}\u0000${JSON.stringify(options ?? {})}`;
    let compiled = cache.get(key);
    if (compiled === undefined) {
      compiled = original(path, options);
      if (cache.size < 10_000) {
        cache.set(key, compiled);
      }
    }
    return compiled;
  };
}

function require_resolve(specifier: string): string {
  return createRequire(import.meta.url).resolve(specifier);
}
