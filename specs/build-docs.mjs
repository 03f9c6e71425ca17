// Renders the API reference served at GET /docs: one self-contained Redoc page per public surface
// (Redocly build-docs with the Redoc script inlined, so the pages work offline and load nothing from a CDN)
// and an index page linking them. Output: dist/docs/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The surfaces a vendor, a marketplace or an operator talks to (github-api is GitHub's, not ours). */
const SURFACES = [
  ["entitlements", "Your product asks whether an account is entitled; customers, seats, plans."],
  ["evotor-partner", "What Evotor calls: user create/verify/token, subscription and installation events."],
  ["github-marketplace", "GitHub Marketplace's marketplace_purchase webhook."],
  ["github-onboarding", "Where GitHub sends a buyer after a purchase (Setup URL, OAuth callback)."],
  ["vendor-accounts", "The built-in directory of your product's accounts for Evotor's /user/verify."],
  ["vendor-account-callback", "The signed callback your product serves when it keeps those accounts itself."],
  ["operational", "Health and readiness probes, Prometheus metrics, this reference."],
];

const here = import.meta.dirname;
const out = join(here, "dist", "docs");
mkdirSync(out, { recursive: true });

const escapeHtml = (text) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const entries = [];
for (const [surface, summary] of SURFACES) {
  try {
    execFileSync(
      "redocly",
      ["build-docs", surface, "--inlineBundle", "--output", join(out, `${surface}.html`)],
      { cwd: here, stdio: "pipe", env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
    );
  } catch (error) {
    // Quiet when it works (Redocly prints a banner per run); everything it said when it does not.
    process.stderr.write(`${error.stdout ?? ""}${error.stderr ?? ""}`);
    throw new Error(`redocly build-docs ${surface} failed`);
  }
  const title =
    /^\s*title:\s*(.+)$/m.exec(readFileSync(join(here, `${surface}.yaml`), "utf8"))?.[1] ?? surface;
  entries.push(
    `<li><a href="/docs/${surface}">${escapeHtml(title)}</a><br><code>specs/${surface}.yaml</code> — ${escapeHtml(summary)}</li>`,
  );
}

writeFileSync(
  join(out, "index.html"),
  `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>marketplace-billing API reference</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
li { margin: 0 0 1rem; } code { font-size: 0.9em; color: #555; }
</style>
</head>
<body>
<h1>marketplace-billing API reference</h1>
<p>Every surface this service serves, one OpenAPI 3.1 document each, rendered from the bundled specs.</p>
<ul>
${entries.join("\n")}
</ul>
</body>
</html>
`,
);
process.stdout.write(`API reference written to ${out}\n`);
