#!/usr/bin/env bash
# A fresh local estate for the end-to-end tests and the API fuzz run: its own PLATFORM_HOME,
# ports and seed password, so the developer's .platform/ is never touched.
# E2E_HOME, E2E_PORT, E2E_PG_PORT, E2E_AIRFLOW_PORT and NEXT_DIST_DIR let two runs share a machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PLATFORM_HOME=$(realpath -m "${E2E_HOME:-$PWD/.platform/e2e}")
export PLATFORM_HOME
# The previous estate's leftovers (a hard kill) first: they would write into the fresh home.
if [[ -x .venv/bin/python ]]; then
  .venv/bin/python scripts/reap.py "PLATFORM_HOME=$PLATFORM_HOME"
  .venv/bin/python scripts/reap.py --open-files "AIRFLOW_HOME=$PLATFORM_HOME/airflow"
fi
rm -rf "$PLATFORM_HOME"
# The tests' own DAG folder (Airflow's "extra" bundle, beside dags/): a copy of e2e/dags/ that they
# may break and fix without touching the repository.
export EXTRA_DAGS_FOLDER=$PLATFORM_HOME/extra-dags
mkdir -p "$EXTRA_DAGS_FOLDER" && cp e2e/dags/*.py "$EXTRA_DAGS_FOLDER/"
export PORT=${E2E_PORT:-3100}
export EMBEDDED_PG_PORT=${E2E_PG_PORT:-5499}
export AIRFLOW_PORT=${E2E_AIRFLOW_PORT:-8280}
export NEXTAUTH_URL=http://127.0.0.1:$PORT
export LOCAL_SEED_PASSWORD=${E2E_PASSWORD:-e2e-local-password}
# POST /api/v1/lineage's key (the API fuzz run sends it; e2e/api_fuzz.py reads the same default).
export LINEAGE_API_KEY=${E2E_LINEAGE_API_KEY:-e2e-lineage-api-key-at-least-32-characters}
export PORTAL_SERVE=built
# npm test starts this estate beside two other lanes of tests: each service may take minutes to answer.
export START_TIMEOUT_SECONDS=${START_TIMEOUT_SECONDS:-600}
# Seconds, not minutes: a run's figures reach the cost dashboards (and a failed run the alarms) while the test waits.
export COST_CACHE_MAX_AGE_SECONDS=${COST_CACHE_MAX_AGE_SECONDS:-10}
export ALARM_CACHE_MAX_AGE_SECONDS=${ALARM_CACHE_MAX_AGE_SECONDS:-5}
exec bash scripts/up.sh
