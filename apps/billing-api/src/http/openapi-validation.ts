import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { RequestHandler } from "express";
import * as OpenApiValidator from "express-openapi-validator";
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
  return OpenApiValidator.middleware({
    apiSpec,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true },
    validateResponses: options.validateResponses ? { removeAdditional: false } : false,
    validateSecurity: false,
    validateApiSpec: false,
    $refParser: { mode: "bundle" },
  }) as RequestHandler[];
}
