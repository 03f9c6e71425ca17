import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/test-app.js";

const context = useTestApp();
const require = createRequire(import.meta.url);

/** Every surface this service serves or asks a vendor to serve (github-api is GitHub's). */
const PUBLIC_SURFACES = [
  "entitlements",
  "evotor-partner",
  "github-marketplace",
  "github-onboarding",
  "vendor-accounts",
  "vendor-account-callback",
  "operational",
];

/** `src` and `href` of every script, stylesheet, font and preload, and every CSS @import / url(). */
function externalResources(html: string): string[] {
  const tags = [...html.matchAll(/<(script|link|img|iframe)\b[^>]*>/gi)].map((match) => match[0]);
  const attributes = tags.flatMap((tag) =>
    [...tag.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1] ?? ""),
  );
  const css = [...html.matchAll(/@import\s+(?:url\()?["']?(https?:[^"')\s]+)/gi)].map(
    (match) => match[1] ?? "",
  );
  return [...attributes, ...css].filter((url) => /^(https?:)?\/\//i.test(url));
}

describe("GET /docs", () => {
  it("serves an index linking the reference of every public surface", async () => {
    const response = await request(context.app).get("/docs").expect(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    for (const surface of PUBLIC_SURFACES) {
      expect(response.text).toContain(`href="/docs/${surface}"`);
    }
    expect(externalResources(response.text)).toEqual([]);
  });

  it.each(PUBLIC_SURFACES)(
    "serves %s rendered from its bundled spec, loading nothing from elsewhere",
    async (surface) => {
      const spec = require(`@marketplace-billing/specs/dist/${surface}.json`) as {
        info: { title: string };
        paths?: Record<string, unknown>;
      };
      const response = await request(context.app).get(`/docs/${surface}`).expect(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.headers["content-security-policy"]).toContain("default-src 'none'");
      const html = response.text;
      expect(html).toContain(`<title>${spec.info.title}</title>`);
      // Redoc pre-renders every operation: each path of the spec is on the page.
      for (const path of Object.keys(spec.paths ?? {})) {
        expect(html).toContain(path);
      }
      expect(externalResources(html)).toEqual([]);
    },
  );

  it("covers every bundled spec but GitHub's own API, and answers 404 for anything else", async () => {
    const bundled = readdirSync(dirname(require.resolve("@marketplace-billing/specs/dist/operational.json")))
      .filter((file) => file.endsWith(".json"))
      .map((file) => file.replace(/\.json$/, ""))
      .filter((surface) => surface !== "github-api");
    expect([...bundled].sort()).toEqual([...PUBLIC_SURFACES].sort());

    const missing = await request(context.app).get("/docs/github-api").expect(404);
    expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
    await request(context.app).get("/docs/../secrets").expect(404);
    await request(context.app).get("/docs/Not_A_Surface").expect(400);
  });
});
