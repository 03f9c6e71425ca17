# syntax=docker/dockerfile:1
# The billing service on Node 24 LTS. Two stages: the build stage installs every dependency and runs
# scripts/build-image-root.sh (the same script CI runs and smoke-tests: .ci/run), the runtime stage gets only
# the tree it produced and runs as the unprivileged `node` user.
#
#   docker build -t marketplace-billing .
#   docker run -p 3000:3000 --env-file billing.env marketplace-billing     # see docs/deploy.md

FROM node:24-bookworm-slim AS build
ENV TURBO_TELEMETRY_DISABLED=1 REDOCLY_TELEMETRY=off PACT_DO_NOT_TRACK=true NO_UPDATE_NOTIFIER=1
WORKDIR /src
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY specs/package.json specs/
COPY packages/contracts/package.json packages/contracts/
COPY apps/billing-api/package.json apps/billing-api/
RUN npm ci --no-audit --no-fund
COPY . .
RUN scripts/build-image-root.sh /image-root

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY --from=build /image-root /app
# Only the embedded database (no DATABASE_URL) writes, and only under /data.
RUN mkdir /data && chown node:node /data
USER node
WORKDIR /app/apps/billing-api
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node directly (exec form): in-flight requests finish, then it exits (SHUTDOWN_TIMEOUT_MS).
CMD ["node", "--enable-source-maps", "dist/server.js"]
