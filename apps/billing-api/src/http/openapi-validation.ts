import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { RequestHandler } from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { assertStorableStrings, isUnstorableString, UnsafeJsonError } from "./json-guard.js";
import { cacheValidatorRouteMatching } from "./route-matching-cache.js";

/** The API surfaces, one bundled spec each in @marketplace-billing/specs/dist. */
export type Surface =
  | "operational"
  | "github-marketplace"
  | "github-onboarding"
  | "evotor-partner"
  | "entitlements"
  | "vendor-accounts";

const require = createRequire(import.meta.url);
const loaded = new Map<Surface, object>();

/** The bundled OpenAPI document of a surface (read once per process). */
export function loadSpec(surface: Surface): object {
  let spec = loaded.get(surface);
  if (!spec) {
    const file = require.resolve(`@marketplace-billing/specs/dist/${surface}.json`);
    spec = JSON.parse(readFileSync(file, "utf8")) as object;
    loaded.set(surface, spec);
  }
  return spec;
}

/**
 * express-openapi-validator for one surface. Requests are always validated; responses when asked
 * (development and tests), so a handler that drifts from its contract fails loudly before it ships.
 * Each surface's router is only entered for its own path prefixes (see scoped.ts), so an undocumented
 * path inside a surface is a 404 in that surface's error format.
 */
export function openApiValidator(
  surface: Surface,
  options: { validateResponses: boolean },
): RequestHandler[] {
  cacheValidatorRouteMatching();
  // The validator mutates the document it is given; give it a private copy.
  const apiSpec = structuredClone(loadSpec(surface)) as never;
  const validator = OpenApiValidator.middleware({
    apiSpec,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true },
    validateResponses: options.validateResponses ? { removeAdditional: false } : false,
    validateSecurity: false,
    validateApiSpec: false,
    $refParser: { mode: "bundle" },
  }) as RequestHandler[];
  return [refuseUnstorableInput, ...validator];
}

/**
 * Path segments, query values and body strings that PostgreSQL cannot store (NUL, lone surrogates) are a 400
 * in the surface's format before the validator or any handler sees them; the spec cannot say this.
 */
const refuseUnstorableInput: RequestHandler = (req, _res, next) => {
  for (const segment of req.path.split("/")) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Malformed escapes are the router's to refuse.
    }
    if (isUnstorableString(decoded)) {
      throw new UnsafeJsonError(
        "json.unstorable.string",
        "A path segment holds a NUL character or a lone UTF-16 surrogate.",
        "/path",
      );
    }
  }
  assertStorableStrings(req.query, "/query");
  if (typeof req.body === "object" && req.body !== null && !Buffer.isBuffer(req.body)) {
    assertStorableStrings(req.body, "/body");
  }
  next();
};
