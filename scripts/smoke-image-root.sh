#!/usr/bin/env bash
# Starts the runtime tree from scripts/build-image-root.sh the way the image does (`node dist/server.js` in
# apps/billing-api, NODE_ENV=production) against DATABASE_URL, and checks what the image's HEALTHCHECK and an
# operator rely on: secrets read from *_FILE, /readyz answers 200, /docs is served, /metrics answers its token,
# SIGTERM stops it cleanly.
#
#   DATABASE_URL=postgres://… scripts/smoke-image-root.sh <tree> [port]
set -euo pipefail

tree=${1:?usage: scripts/smoke-image-root.sh <tree> [port]}
port=${2:-3990}
: "${DATABASE_URL:?set DATABASE_URL to a scratch database}"
secret() { node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))'; }

log=$(mktemp)
# The secrets as files, the way Docker and Kubernetes mount them (the *_FILE variables).
secrets=$(mktemp -d)
for name in GITHUB_WEBHOOK_SECRET EVOTOR_WEBHOOK_TOKEN ADMIN_API_KEY DATA_ENCRYPTION_KEY; do
  secret >"$secrets/$name" && echo >>"$secrets/$name"
done
cd "$tree/apps/billing-api"
env -i PATH="$PATH" NODE_ENV=production HOST=127.0.0.1 PORT="$port" DATABASE_URL="$DATABASE_URL" \
  GITHUB_WEBHOOK_SECRET_FILE="$secrets/GITHUB_WEBHOOK_SECRET" EVOTOR_WEBHOOK_TOKEN_FILE="$secrets/EVOTOR_WEBHOOK_TOKEN" \
  ADMIN_API_KEY_FILE="$secrets/ADMIN_API_KEY" DATA_ENCRYPTION_KEY_FILE="$secrets/DATA_ENCRYPTION_KEY" \
  METRICS_TOKEN=smoke-metrics-token-0123 \
  node dist/server.js >"$log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null || true; rm -rf "$secrets"; }
trap stop EXIT

status() { node -e '
  const [url, token] = process.argv.slice(1);
  fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {})
    .then((r) => { process.stdout.write(String(r.status)); }, () => process.stdout.write("000"));
' "$@"; }

ready=000
for _ in $(seq 1 60); do
  ready=$(status "http://127.0.0.1:$port/readyz")
  [ "$ready" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
fail() { echo "smoke-image-root: $*" >&2; cat "$log" >&2; exit 1; }
[ "$ready" = 200 ] || fail "/readyz answered $ready"
[ "$(status "http://127.0.0.1:$port/docs/entitlements")" = 200 ] || fail "/docs/entitlements is not served"
[ "$(status "http://127.0.0.1:$port/metrics")" = 401 ] || fail "/metrics is open despite METRICS_TOKEN"
[ "$(status "http://127.0.0.1:$port/metrics" smoke-metrics-token-0123)" = 200 ] || fail "/metrics refused its token"
# The admin key came from its file: the entitlements API takes it.
[ "$(status "http://127.0.0.1:$port/v1/plans" "$(cat "$secrets/ADMIN_API_KEY")")" = 200 ] || fail "the admin key from ADMIN_API_KEY_FILE is refused"
grep -q '"msg":"billing-api listening"' "$log" || fail "no start-up log line"

kill -TERM "$pid"
code=0
wait "$pid" || code=$?
trap - EXIT
rm -rf "$secrets"
[ "$code" = 0 ] || fail "exited with $code after SIGTERM"
grep -q '"msg":"stopped"' "$log" || fail "did not log its clean stop"
echo "smoke-image-root: $tree started on $(node --version), answered /readyz, /docs and /metrics, stopped cleanly"
