#!/usr/bin/env bash
# `npm run up`: the whole local estate in one command — setup, embedded Postgres,
# migrations, seeded accounts, the portal. Ctrl-C (or SIGTERM) stops everything it started.
# Overrides: PORT, PLATFORM_HOME, EMBEDDED_PG_PORT, AIRFLOW_PORT, DATABASE_URL (skip PGlite), LOCAL_SEED_PASSWORD,
# PORTAL_SERVE=built (the production build instead of next dev), NEXT_DIST_DIR, LAKE_BUCKETS, START_TIMEOUT_SECONDS,
# LAKE_SCALE (synthetic data written into an empty local lake: 0.01 by default, 1 for the full 5M+ set).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--import $PWD/lib/server/method-guard.mjs"
ROOT=$PWD

say() { printf '\033[1m[up]\033[0m %s\n' "$*"; }

children=()
stop_all() {
  trap - INT TERM EXIT
  if ((${#children[@]})); then
    say "stopping"
    for pid in "${children[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
  fi
  if [[ -n ${airflow_start:-} ]]; then kill -TERM -- "-$airflow_start" 2>/dev/null || true; wait "$airflow_start" 2>/dev/null || true; fi
  if [[ -n ${airflow_env+set} ]]; then "${airflow_env[@]}" bash scripts/airflow/local.sh stop || true; fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Each service in a process group of its own, so stopping it stops its children too.
start() { set -m; "$@" & children+=("$!"); set +m; }

wait_for() { # <what> <seconds> <command...>
  local what=$1 limit=$2; shift 2
  for ((i = 0; i < limit * 5; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    for pid in "${children[@]}"; do kill -0 "$pid" 2>/dev/null || { say "$what exited"; exit 1; }; done
    sleep 0.2
  done
  say "$what did not answer within ${limit}s"; exit 1
}

bash scripts/setup.sh

export PORT=${PORT:-3000}
# Absolute: every process of the estate inherits it, and that is how the next start finds them.
PLATFORM_HOME=$(realpath -m "${PLATFORM_HOME:-$ROOT/.platform}")
export PLATFORM_HOME
# An estate killed hard (SIGKILL of this script's group) leaves its services, Airflow's task
# processes and local Spark clusters running in sessions of their own: stop them first.
.venv/bin/python scripts/reap.py "PLATFORM_HOME=$PLATFORM_HOME"
.venv/bin/python scripts/reap.py --open-files "AIRFLOW_HOME=$PLATFORM_HOME/airflow"
export EMBEDDED_PG_PORT=${EMBEDDED_PG_PORT:-5433}
export NEXTAUTH_URL=${NEXTAUTH_URL:-http://localhost:$PORT}
mkdir -p "$PLATFORM_HOME"
if [[ ! -s "$PLATFORM_HOME/nextauth-secret" ]]; then
  (umask 077 && openssl rand -base64 48 | tr -d '\n' > "$PLATFORM_HOME/nextauth-secret")
fi
export NEXTAUTH_SECRET=${NEXTAUTH_SECRET:-$(cat "$PLATFORM_HOME/nextauth-secret")}

if [[ -z "${DATABASE_URL:-}" ]]; then
  say "starting the embedded Postgres (PGlite, $PLATFORM_HOME/pg) on 127.0.0.1:$EMBEDDED_PG_PORT"
  start npx tsx --conditions=react-server scripts/db/pglite-server.ts
  wait_for "the embedded Postgres" "${START_TIMEOUT_SECONDS:-60}" bash -c "exec 3<>/dev/tcp/127.0.0.1/$EMBEDDED_PG_PORT"
fi

# An empty local lake gets the synthetic datasets (Spark, in the background while the portal builds).
lake_dir="$PLATFORM_HOME/lake/$(cut -d, -f1 <<<"${LAKE_BUCKETS:-builditall-lake}" | tr -d ' ')"
lake_fill=""
if [[ -z "$(ls -A "$lake_dir" 2>/dev/null)" ]]; then
  lake_scale=${LAKE_SCALE:-0.01}
  lake_days=(--start-date 2025-01-01 --end-date 2025-01-14)
  [[ $lake_scale == 0.01 ]] || lake_days=()  # other scales: the generator's full year
  say "the local lake is empty: generating the synthetic datasets into $lake_dir (scale $lake_scale, Spark local[2]; log in $PLATFORM_HOME/lake-generate.log; LAKE_SCALE=1 for the full 5M+ set)"
  # Written beside the bucket and moved into place when complete, so a failed run leaves no half lake.
  # The staging folder keeps the bucket's name: the jobs' lineage events name their namespace after it.
  lake_tmp="$(dirname "$lake_dir")/.generating/$(basename "$lake_dir")"
  rm -rf "$lake_tmp" && mkdir -p "$(dirname "$lake_tmp")"
  start bash -c 'exec "$@" >"$0" 2>&1' "$PLATFORM_HOME/lake-generate.log" .venv/bin/python -m etl generate \
    --lake "file://$lake_tmp" --master "local[2]" --seed 7 --scale "$lake_scale" "${lake_days[@]}"
  lake_fill=${children[-1]}
else
  say "the local lake has data: not generating"
fi
# Called just before the portal starts, so it never serves a half-written lake.
await_lake_fill() {
  [[ -n $lake_fill ]] || return 0
  say "waiting for the lake to be filled"
  if ! wait "$lake_fill"; then
    tail -20 "$PLATFORM_HOME/lake-generate.log"; say "generating the synthetic lake failed"; exit 1
  fi
  # Done: no longer a service whose exit means the estate has stopped.
  for i in "${!children[@]}"; do [[ ${children[i]} == "$lake_fill" ]] && unset 'children[i]'; done
  rm -rf "$lake_dir" && mv "$lake_tmp" "$lake_dir" && rmdir "$(dirname "$lake_tmp")"
  say "the local lake is filled"
}

say "migrating the run-history database"
npm run --silent db:migrate
say "seeding the local accounts"
npm run --silent db:seed

# The local Airflow (dags/, state in $PLATFORM_HOME/airflow, on loopback), stopped with everything else.
export AIRFLOW_PORT=${AIRFLOW_PORT:-8080}
airflow_env=(env AIRFLOW_STATE_DIR="$(realpath -m "$PLATFORM_HOME/airflow")" LAKE_URI="file://$(realpath -m "$lake_dir")")
say "starting the local Airflow on 127.0.0.1:$AIRFLOW_PORT (state in $PLATFORM_HOME/airflow), while the portal starts"
start_airflow() {
  # local.sh allows 120 s for migrate + parse + health; a busy machine can need a second start (state kept).
  "${airflow_env[@]}" bash scripts/airflow/local.sh start || {
    say "the local Airflow was not healthy in time: starting it once more"
    "${airflow_env[@]}" bash scripts/airflow/local.sh stop
    "${airflow_env[@]}" bash scripts/airflow/local.sh start
  }
}
# A process group of its own: Ctrl-C while it starts ends the start, then local.sh stop ends the components.
set -m; start_airflow & airflow_start=$!; set +m
await_airflow() {
  wait "$airflow_start" || { say "the local Airflow did not start"; exit 1; }
  airflow_start=
}

if [[ "${PORTAL_SERVE:-dev}" == built ]]; then
  # The built portal, as the end-to-end tests run it: rebuilt only when its sources changed.
  bash scripts/build-portal.sh "${NEXT_DIST_DIR:-.next}" "$PLATFORM_HOME/build.log"
  await_lake_fill
  say "starting the built portal"
  # Not production: the seeded local accounts are refused under NODE_ENV=production.
  start env NODE_ENV=test npx next start --port "$PORT" --hostname 127.0.0.1
else
  # A development estate: next dev, so the portal reloads as its code changes.
  await_lake_fill
  say "starting the portal (next dev)"
  start npx next dev --port "$PORT" --hostname 127.0.0.1
fi
wait_for "the portal" "${START_TIMEOUT_SECONDS:-60}" curl -fsS "http://127.0.0.1:$PORT/api/health"
await_airflow

if [[ "${PORTAL_SERVE:-dev}" != built ]]; then
  # next dev compiles a page on its first visit; visit each once now so the user doesn't wait.
  (for page in login / lake pipelines clusters costs runs audit status; do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/${page#/}" 2>/dev/null || true
  done) &
fi

cat <<MSG

  The portal is up: $NEXTAUTH_URL
  Sign in with viewer@local, engineer@local, lead@local or admin@local and the password
  printed when the accounts were first seeded (or LOCAL_SEED_PASSWORD if you set it).
  Ctrl-C stops everything.

MSG
wait -n "${children[@]}"
