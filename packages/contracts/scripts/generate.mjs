// Regenerates src/generated/<surface>.ts from every bundled spec in @marketplace-billing/specs/dist.
// The output is committed; CI runs this and fails on any diff (see .ci/run).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const require = createRequire(import.meta.url);
const specsDist = join(dirname(require.resolve("@marketplace-billing/specs/package.json")), "dist");
const outDir = new URL("../src/generated/", import.meta.url);

await mkdir(outDir, { recursive: true });
const bundles = (await readdir(specsDist)).filter((f) => f.endsWith(".json")).sort();
if (bundles.length === 0) {
  throw new Error(
    `no bundled specs in ${specsDist}: run \`npm run bundle -w @marketplace-billing/specs\` first`,
  );
}
for (const file of bundles) {
  const surface = basename(file, ".json");
  const document = JSON.parse(await readFile(join(specsDist, file), "utf8"));
  const ast = await openapiTS(document, { alphabetize: false, exportType: false, rootTypes: false });
  const header = `// Generated from specs/${surface}.yaml by openapi-typescript. Do not edit: run \`npm run generate\`.\n\n`;
  await writeFile(new URL(`${surface}.ts`, outDir), header + astToString(ast));
  process.stdout.write(`generated src/generated/${surface}.ts\n`);
}
