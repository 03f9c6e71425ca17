// npm pack/publish hooks. In the workspace, the `development` export condition points at src/*.ts so vitest, tsx
// and the dev server run the source without a build. A published package ships no src/, and a consumer's
// bundler may well set `development` (Vite does in dev), so the packed package.json must not carry it.
// npm has no per-publish manifest override, and it reads package.json after `prepack`: `strip` rewrites it
// (keeping the original beside it) and `restore`, run by `postpack`, puts the original back.
import { access, readFile, rename, writeFile } from "node:fs/promises";

const manifest = new URL("../package.json", import.meta.url);
const backup = new URL("../.package.workspace.json", import.meta.url);
const command = process.argv[2];

function withoutDevelopment(exportsField) {
  if (typeof exportsField !== "object" || exportsField === null) {
    return exportsField;
  }
  return Object.fromEntries(
    Object.entries(exportsField)
      .filter(([condition]) => condition !== "development")
      .map(([key, value]) => [key, withoutDevelopment(value)]),
  );
}

if (command === "strip") {
  for (const built of ["../dist/index.js", "../dist/index.d.ts"]) {
    await access(new URL(built, import.meta.url)).catch(() => {
      throw new Error(
        `${built.slice(3)} is missing: run \`npm run build -w @marketplace-billing/contracts\` first`,
      );
    });
  }
  const original = await readFile(manifest, "utf8");
  const packed = JSON.parse(original);
  packed.exports = withoutDevelopment(packed.exports);
  await writeFile(backup, original);
  await writeFile(manifest, `${JSON.stringify(packed, null, 2)}\n`);
} else if (command === "restore") {
  await rename(backup, manifest).catch((error) => {
    if (error.code !== "ENOENT") {
      throw error;
    }
  });
} else {
  throw new Error("usage: publish-manifest.mjs strip|restore");
}
