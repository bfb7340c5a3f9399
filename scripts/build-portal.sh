#!/usr/bin/env bash
# `bash scripts/build-portal.sh <dist dir> <log file>`: the production build of the portal into
# <dist dir>, only when its sources changed since that dir's last build (a stamp of their hashes).
# Used by up.sh (PORTAL_SERVE=built), the production smoke test (SMOKE_SRC=.) and the fault suite
# (faults/run.sh): one build of the same sources serves all three.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:?usage: build-portal.sh <dist dir> <log file>}
log=${2:?usage: build-portal.sh <dist dir> <log file>}
stamp=$(git ls-files -z -co --exclude-standard -- app components lib public types proxy.ts next.config.js \
  postcss.config.mjs tsconfig.json package-lock.json prisma/schema.prisma | grep -zv '^lib/generated/' |
  xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [[ -f $dist/BUILD_ID && "$(cat "$dist/.build-stamp" 2>/dev/null)" == "$stamp" ]]; then exit 0; fi
printf '\033[1m[build]\033[0m building the portal into %s (log in %s)\n' "$dist" "$log"
NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR=$dist npx next build >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
echo "$stamp" > "$dist/.build-stamp"
