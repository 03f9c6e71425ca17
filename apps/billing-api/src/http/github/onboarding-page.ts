import { createHash } from "node:crypto";
import type { Response } from "express";
import helmet from "helmet";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}";

/**
 * The pages load nothing and run nothing: the only thing allowed is their own inline style, by its hash. No
 * site may frame them, and they cannot post forms or change the base URL.
 */
export const onboardingPagePolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    styleSrc: [`'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
});

/** A small self-contained HTML page for a person in the onboarding flow: what happened, what to do. */
export function sendPage(res: Response, status: number, title: string, message: string): void {
  res
    .status(status)
    .type("text/html; charset=utf-8")
    .set("Cache-Control", "no-store")
    .send(
      `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`,
    );
}
