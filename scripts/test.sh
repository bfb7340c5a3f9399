#!/usr/bin/env bash
# `npm test`: every suite of the repository — static checks, unit, integration, end to end,
# API fuzz. Runs every stage, then fails if any failed. Services are started here, on
# loopback, and stopped on exit.
#
# Three lanes, run one after another:
#   checks  — static checks, then vitest (unit + integration, with their own Postgres and Airflow);
#   python  — pytest etl, pytest dags, the infrastructure checks, the production smoke test;
#   e2e     — a fresh local estate, then Playwright and the API fuzz run against it; once it is
#             stopped, the fault suite (docs/reliability.md) on the portal build the estate made.
# They share no state (each suite picks free ports and its own state directory) and could run side
# by side (`NPM_TEST_LANES=parallel`), but on this 2-core machine that was no faster (2,916 s against
# 2,723 s in a row) and timing-sensitive suites (the MWAA CLI peer) failed under the extra load.
# A stage's output is printed whole when it ends; the summary gives each stage's time and repeats
# what failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/setup.sh || exit 1
setup_took=$SECONDS

logs=$(mktemp -d)
results=$logs/results
touch "$results"
started_all=$SECONDS

say() { flock "$logs/lock" printf "$@"; }

stage() { # <lane> <name> <command...>
  local lane=$1 name=$2; shift 2
  local out; out=$(mktemp -p "$logs" stage.XXXX)
  local started=$SECONDS result=ok
  say '\033[1m[%s] %s: started\033[0m\n' "$lane" "$name"
  "$@" > "$out" 2>&1 || result=FAILED
  local took=$((SECONDS - started))
  {
    printf '\n\033[1m=== [%s] %s ===\033[0m\n' "$lane" "$name"
    cat "$out"
    printf '=== [%s] %s: %s in %ss ===\n' "$lane" "$name" "$result" "$took"
  } | flock "$logs/lock" cat
  printf '%s\t%s\t%s\t%s\n' "$result" "$took" "$name" "$out" >> "$results"
  [[ $result == ok ]]
}

PY_PATHS=(etl dags scripts infra e2e bench)
checks_lane() {
  stage checks "eslint" npx eslint --max-warnings 0 .
  stage checks "no import cycle between folders of lib/ (dependency-cruiser)" npx depcruise lib --config .dependency-cruiser.cjs
  stage checks "typecheck" npx tsc --noEmit
  stage checks "ruff" bash -c '.venv/bin/ruff check "$@" && .venv/bin/ruff format --check "$@"' ruff "${PY_PATHS[@]}"
  stage checks "schema has its migration" npm run --silent db:check
  stage checks "vitest (unit + integration)" npx vitest run --project unit --project integration
}

python_lane() {
  stage python "pytest etl" .venv/bin/pytest etl/tests -q
  stage python "pytest dags" .venv/bin/pytest dags/tests -q
  stage python "infra checks" bash infra/scripts/check.sh
  # The image's runtime tree (from the Dockerfile), as nobody under NODE_ENV=production, with SSO in Chromium (docs/deploy.md).
  stage python "production smoke (image tree, migrations, SSO)" env SMOKE_SRC=. npx tsx --conditions=react-server scripts/smoke/production.ts
}

# End to end: one fresh local estate serves both Playwright and the API fuzz run.
E2E_PORT=${E2E_PORT:-3100}
E2E_HOME=$(realpath -m "${E2E_HOME:-$PWD/.platform/e2e}") # as scripts/e2e-estate.sh resolves it
estate() { # starts the estate in the background, waits for its health check
  bash scripts/e2e-estate.sh > .platform/e2e-estate.log 2>&1 &
  echo $! > "$logs/estate.pid"
  for _ in $(seq 900); do
    curl -fsS "http://127.0.0.1:$E2E_PORT/api/health" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$logs/estate.pid")" 2>/dev/null || break
    sleep 1
  done
  tail -50 .platform/e2e-estate.log
  return 1
}
stop_estate() { # up.sh stops its services on TERM (in up to ~25 s: see playwright.config.ts)
  [[ -f $logs/estate.pid ]] || return 0
  local pid; pid=$(cat "$logs/estate.pid"); rm -f "$logs/estate.pid"
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 90); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  # Whatever of the estate is still there (a stop that outlived the wait, a CLI call the killed
  # portal left): the fault suite runs next and must have the machine to itself.
  .venv/bin/python scripts/reap.py "PLATFORM_HOME=$E2E_HOME"
  .venv/bin/python scripts/reap.py --open-files "AIRFLOW_HOME=$E2E_HOME/airflow"
}
e2e_lane() {
  mkdir -p .platform
  if stage e2e "start the end-to-end estate" estate; then
    stage e2e "playwright" npx playwright test
    stage e2e "api fuzz (schemathesis)" .venv/bin/python e2e/api_fuzz.py --base-url "http://127.0.0.1:$E2E_PORT"
  fi
  stop_estate
  # Its own Postgres, Airflow and portals on free ports and temporary dirs; the portal it serves is
  # the estate's build (same sources, so build-portal.sh builds nothing again).
  stage e2e "fault suite" env FAULTS_DIST_DIR="${NEXT_DIST_DIR:-.next}" npm run --silent test:faults
}
trap 'stop_estate; kill $(jobs -p) 2>/dev/null; rm -rf "$logs"' EXIT

STAGES=14
if [[ ${NPM_TEST_LANES:-serial} == parallel ]]; then
  checks_lane & python_lane & e2e_lane &
  wait
else
  checks_lane; python_lane; e2e_lane
fi

failed=0
while IFS=$'\t' read -r result _ name out; do
  [[ $result == ok ]] && continue
  failed=$((failed + 1))
  printf '\n\033[1m=== what failed in %s ===\033[0m\n' "$name"
  # Test names and assertion lines (vitest, pytest, Playwright, with the spec line and what an
  # action waited for), and each schemathesis finding's route and check.
  grep -aE 'FAIL|✗|×|✘|AssertionError|assert |Error: |- waiting for |at .*\.(spec|setup)\.ts:[0-9]+|^_{3,} .+ _{3,}$|^- [A-Z]+[0-9]+ |^\[[0-9]{3}\]' "$out" | grep -av 'Supports NULL byte' | head -40
done < "$results"

printf '\n\033[1m=== summary ===\033[0m\n'
printf '  %-7s %5ss  %s\n' ok "$setup_took" "setup (scripts/setup.sh)"
while IFS=$'\t' read -r result took name _; do printf '  %-7s %5ss  %s\n' "$result" "$took" "$name"; done < "$results"
# A lane that died before recording its stages must not pass for a green run.
ran=$(wc -l < "$results")
printf 'stages: %s passed, %s failed, %s of %s ran; %ss in all, %ss after setup\n' $((ran - failed)) "$failed" "$ran" "$STAGES" "$SECONDS" $((SECONDS - started_all))
((failed == 0 && ran == STAGES))
