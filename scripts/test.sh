#!/usr/bin/env bash
# `npm test`: every suite of the repository — static checks, unit, integration, end to end,
# API fuzz. Runs every stage, then fails if any failed. Services are started here, on
# loopback, and stopped on exit.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/setup.sh || exit 1

passed=(); failed=()
logs=$(mktemp -d)
stage() { # <name> <command...>
  local name=$1; shift
  printf '\n\033[1m=== %s ===\033[0m\n' "$name"
  local started=$SECONDS
  local result=ok
  # Each stage's output is kept, so the summary can repeat what failed where CI shows only the tail.
  "$@" 2>&1 | tee "$logs/stage.log"
  if ((PIPESTATUS[0] == 0)); then passed+=("$name"); else
    mv "$logs/stage.log" "$logs/failed-${#failed[@]}.log"
    failed+=("$name"); result=FAILED
  fi
  printf '=== %s: %s in %ss ===\n' "$name" "$result" $((SECONDS - started))
}

PY_PATHS=(etl dags scripts infra e2e bench)
stage "eslint" npx eslint --max-warnings 0 .
stage "no import cycle between folders of lib/ (dependency-cruiser)" npx depcruise lib --config .dependency-cruiser.cjs
stage "typecheck" npx tsc --noEmit
stage "ruff" bash -c '.venv/bin/ruff check "$@" && .venv/bin/ruff format --check "$@"' ruff "${PY_PATHS[@]}"
stage "schema has its migration" npm run --silent db:check
stage "vitest (unit + integration)" npx vitest run
stage "pytest etl" .venv/bin/pytest etl/tests -q
stage "pytest dags" .venv/bin/pytest dags/tests -q
stage "infra checks" bash infra/scripts/check.sh
# The image's runtime tree (from the Dockerfile), as nobody under NODE_ENV=production, with SSO in Chromium (docs/deploy.md).
stage "production smoke (image tree, migrations, SSO)" env SMOKE_SRC=. npx tsx --conditions=react-server scripts/smoke/production.ts

# End to end: one fresh local estate serves both Playwright and the API fuzz run.
estate_pid=
stop_estate() { [[ -n $estate_pid ]] && kill -TERM "$estate_pid" 2>/dev/null && wait "$estate_pid" 2>/dev/null; estate_pid=; }
trap stop_estate EXIT
E2E_PORT=${E2E_PORT:-3100}
printf '\n\033[1m=== starting the end-to-end estate ===\033[0m\n'
mkdir -p .platform
bash scripts/e2e-estate.sh > .platform/e2e-estate.log 2>&1 &
estate_pid=$!
for _ in $(seq 600); do
  curl -fsS "http://127.0.0.1:$E2E_PORT/api/health" >/dev/null 2>&1 && break
  kill -0 "$estate_pid" 2>/dev/null || break
  sleep 1
done
if curl -fsS "http://127.0.0.1:$E2E_PORT/api/health" >/dev/null 2>&1; then
  stage "playwright" npx playwright test
  stage "api fuzz (schemathesis)" .venv/bin/python e2e/api_fuzz.py --base-url "http://127.0.0.1:$E2E_PORT"
else
  tail -50 .platform/e2e-estate.log
  failed+=("end-to-end estate did not start")
fi
stop_estate

for i in "${!failed[@]}"; do
  [[ -f $logs/failed-$i.log ]] || continue
  printf '\n\033[1m=== what failed in %s ===\033[0m\n' "${failed[$i]}"
  # Test names and assertion lines (vitest, pytest, Playwright, with the spec line and what an
  # action waited for), and each schemathesis finding's route and check.
  grep -aE 'FAIL|✗|×|✘|AssertionError|assert |Error: |- waiting for |at .*\.(spec|setup)\.ts:[0-9]+|^_{3,} .+ _{3,}$|^- [A-Z]+[0-9]+ |^\[[0-9]{3}\]' "$logs/failed-$i.log" | grep -av 'Supports NULL byte' | head -40
done
rm -rf "$logs"

printf '\n\033[1m=== summary ===\033[0m\n'
for s in "${passed[@]}"; do echo "  ok      $s"; done
for s in "${failed[@]}"; do echo "  FAILED  $s"; done
echo "stages: ${#passed[@]} passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
