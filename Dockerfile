# syntax=docker/dockerfile:1
# The portal's production image (issue 13; docs/deploy.md). Three stages: deps (npm ci), build
# (next build with output "standalone", the migration command bundled with esbuild, the RDS CA
# bundle), runtime (node slim, non-root, only the traced production files). No secret is baked in:
# every setting comes from the ECS task definition (infra/modules/portal).
#   docker build -t portal .
#   docker run --rm portal node dist/db/migrate.mjs        # the migration command (one-off ECS task)
# The runtime stage's COPY lines are read by scripts/smoke/production.ts, which assembles the same
# tree without a Docker daemon and serves it: change them and the smoke test follows.

# One pinned base for every stage (Debian 12 slim, Node 20 as package.json's engines asks).
FROM node:20.19.5-bookworm-slim AS base

FROM base AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY lib/env ./lib/env
# Prisma 7's client generator needs no engine binary; the placeholder keeps it from downloading one.
RUN npm ci --no-audit --no-fund --loglevel=error \
  && PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate

FROM base AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/lib/generated ./lib/generated
RUN npm run build \
  && node scripts/build/prune-standalone.mjs \
  && node scripts/build/migrate-bundle.mjs dist/db \
  && node scripts/build/rds-ca-bundle.mjs certs/rds-global-bundle.pem

FROM base AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# Owned by root and read-only to the portal's user; the task definition mounts /tmp and
# /app/.next/cache as scratch volumes on a read-only root file system.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/dist/db ./dist/db
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/certs/rds-global-bundle.pem ./certs/rds-global-bundle.pem
# The node image's unprivileged user (uid 1000), by number so the runtime can check it is not root.
USER 1000:1000
EXPOSE 3000
# The migration command, run as a one-off task of the same image before the service rolls
# (.github/workflows/deploy.yml); the smoke test and infra/tests read it from this label.
LABEL org.builditall.migrate-command="[\"node\", \"dist/db/migrate.mjs\"]"
# Slim has no curl: node's own fetch asks /api/health (200 when the process serves and the database answers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
