#!/usr/bin/env bash
# Builds the service and writes the tree the container image runs to <out-dir>: the workspace manifests and
# lockfile, the compiled JavaScript, the bundled specs with the rendered API reference, and production-only
# node_modules. The Dockerfile runs this script in its build stage and CI runs it too, then starts the tree
# and asks /readyz (.ci/run), so what the image does is tested without a Docker engine.
#
#   scripts/build-image-root.sh <out-dir>          build, then assemble
#   SKIP_BUILD=1 scripts/build-image-root.sh <dir> assemble what `npm run build` already produced
#
# Run it from a checkout where `npm ci` has run (the build needs the dev tools).
set -euo pipefail

out_arg=${1:?usage: scripts/build-image-root.sh <out-dir>}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out_arg"
out=$(cd "$out_arg" && pwd)
cd "$root"
case "$out/" in
"$root"/*) echo "build-image-root: <out-dir> must be outside the repository ($root)" >&2; exit 2 ;;
esac

export TURBO_TELEMETRY_DISABLED=1 REDOCLY_TELEMETRY=off NO_UPDATE_NOTIFIER=1
if [ "${SKIP_BUILD:-}" != 1 ]; then
  npx turbo run build --output-logs=errors-only
fi
for built in specs/dist/operational.json specs/dist/docs/index.html packages/contracts/dist/index.js \
  apps/billing-api/dist/server.js; do
  [ -f "$built" ] || { echo "build-image-root: $built is missing; run npm run build" >&2; exit 1; }
done

# Only what runs: manifests, lockfile and dist/ of each workspace (no sources, tests, or data).
find "$out" -mindepth 1 -delete
cp package.json package-lock.json "$out/"
for workspace in specs packages/contracts apps/billing-api; do
  mkdir -p "$out/$workspace"
  cp "$workspace/package.json" "$out/$workspace/"
  cp -R "$workspace/dist" "$out/$workspace/dist"
done
rm -f "$out"/*/dist/tsconfig.tsbuildinfo "$out"/*/*/dist/tsconfig.tsbuildinfo

# Production dependencies exactly as locked; workspaces become links inside the tree. Install scripts stay
# off: nothing the service needs at run time has one.
(cd "$out" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "build-image-root: runtime tree in $out (start: cd $out/apps/billing-api && node dist/server.js)"
