#!/usr/bin/env bash
# npm run test:faults [-- <vitest args>] — the fault suite (docs/reliability.md) on a build of the
# portal: FAULTS_DIST_DIR (default .next-faults), built first when its sources changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export FAULTS_DIST_DIR=${FAULTS_DIST_DIR:-.next-faults}
mkdir -p .platform
bash scripts/build-portal.sh "$FAULTS_DIST_DIR" .platform/faults-build.log
exec npx vitest run --project faults "$@"
