#!/usr/bin/env bash
# The local Airflow of the portal's local mode: `scripts/airflow/local.sh start|stop|status|env`.
#
# Airflow from .venv (the version MWAA runs, pinned in requirements.lock), state in
# .platform/airflow/ (airflow.cfg, SQLite metadata DB, logs), DAG folder dags/, every listener on
# 127.0.0.1: the API server on $AIRFLOW_PORT (default 8080); the scheduler runs without its log
# server (the API server reads task logs from the same disk) and no triggerer is started (no
# deferrable task). DAGs are unpaused at creation, and the scheduler creates no scheduled runs
# unless LOCAL_SCHEDULE=1: runs happen when triggered (portal, `airflow dags trigger`).
# `stop` ends every component's process group, then every local Spark cluster of the lake, then any
# process left that inherited this Airflow's AIRFLOW_HOME (scripts/reap.py); `start` sweeps those too.
# `env` prints the environment a CLI call needs (the portal spawns `airflow` with it).
# AIRFLOW_STATE_DIR and LAKE_URI (file://) move the state and the lake elsewhere (tests, bench).
# EXTRA_DAGS_FOLDER (absolute) adds a second DAG bundle, "extra": the e2e tests write and break
# DAG files there without touching dags/.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="${AIRFLOW_STATE_DIR:-$REPO/.platform/airflow}"
BIN="$REPO/.venv/bin"
PORT="${AIRFLOW_PORT:-8080}"
BUCKET="${LAKE_BUCKET:-builditall-lake}"
LAKE="$REPO/.platform/lake/$BUCKET"
if [[ -n "${LAKE_URI:-}" ]]; then
  [[ "$LAKE_URI" == file:///* ]] || { echo "LAKE_URI must be an absolute file:// URI" >&2; exit 1; }
  LAKE="${LAKE_URI#file://}"
fi
COMPONENTS=(api-server scheduler dag-processor)
START_TIMEOUT=${START_TIMEOUT_SECONDS:-120}

say() { printf '\033[1m[airflow]\033[0m %s\n' "$*"; }
die() { say "error: $*" >&2; exit 1; }

if ! [[ "$PORT" =~ ^[0-9]{4,5}$ ]] || ((PORT < 1024 || PORT > 65535)); then
  die "AIRFLOW_PORT must be 1024-65535, got '$PORT'"
fi
[[ "$BUCKET" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] || die "LAKE_BUCKET '$BUCKET' is not a bucket name"
[[ -x "$BIN/airflow" ]] || die "no Airflow in .venv: run 'bash scripts/setup.sh' first"
[[ "$STATE" == /* ]] || die "AIRFLOW_STATE_DIR must be an absolute path"
EXTRA="${EXTRA_DAGS_FOLDER:-}"
[[ -z "$EXTRA" || "$EXTRA" =~ ^/[A-Za-z0-9_./-]+$ ]] || die "EXTRA_DAGS_FOLDER must be an absolute path of letters, digits and _ . / -"

export AIRFLOW_HOME="$STATE"
export AIRFLOW_CONFIG="$STATE/airflow.cfg"
export LAKE_BUCKET="$BUCKET"

pid_file() { echo "$STATE/run/$1.pid"; }
alive() { # <component>: its recorded process is still an Airflow process (titles change after start)
  local pid
  pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "airflow"
}

write_config() {
  mkdir -p "$STATE/run" "$STATE/logs" "$STATE/config"
  # Airflow puts $AIRFLOW_HOME/config on sys.path: the executor and connect args below are found there.
  ln -sfn "$REPO/scripts/airflow/local_executor.py" "$STATE/config/builditall_local_executor.py"
  ln -sfn "$REPO/scripts/airflow/local_db.py" "$STATE/config/builditall_local_db.py"
  local secrets="$STATE/secrets.env"
  if [[ ! -f "$secrets" ]]; then # generated once: tokens and encrypted values survive restarts
    (umask 077 && "$BIN/python" - > "$secrets" <<'PY'
import base64, os, secrets
print(f"JWT_SECRET={secrets.token_urlsafe(32)}")
print(f"SECRET_KEY={secrets.token_urlsafe(32)}")
print(f"FERNET_KEY={base64.urlsafe_b64encode(os.urandom(32)).decode()}")
PY
    )
  fi
  # shellcheck source=/dev/null
  source "$secrets"
  local schedule=False bundles='[{"name": "dags-folder", "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle", "kwargs": {}}'
  if [[ -n "$EXTRA" ]]; then
    mkdir -p "$EXTRA"
    bundles+=', {"name": "extra", "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle", "kwargs": {"path": "'"$EXTRA"'"}}'
  fi
  bundles+=']'
  [[ "${LOCAL_SCHEDULE:-0}" == 1 ]] && schedule=True
  (umask 077 && cat > "$AIRFLOW_CONFIG" <<CFG
# Written by scripts/airflow/local.sh on each start; edit the script, not this file.
[core]
dags_folder = $REPO/dags
executor = builditall_local_executor.CommittedLocalExecutor
parallelism = 4
load_examples = False
dags_are_paused_at_creation = False
execution_api_server_url = http://127.0.0.1:$PORT/execution/
fernet_key = $FERNET_KEY
simple_auth_manager_users = admin:admin
simple_auth_manager_passwords_file = $STATE/simple_auth_manager_passwords.json

[database]
sql_alchemy_conn = sqlite:///$STATE/airflow.db
sql_alchemy_connect_args = builditall_local_db.CONNECT_ARGS

[api]
host = 127.0.0.1
port = $PORT
base_url = http://127.0.0.1:$PORT
workers = 1
secret_key = $SECRET_KEY

[api_auth]
jwt_secret = $JWT_SECRET

[scheduler]
use_job_schedule = $schedule
# After a crash (SIGKILL, OOM) the new scheduler resets the dead one's queued and running tasks
# within 30 s instead of Airflow's 5 minutes, so their runs go on without a hand (docs/reliability.md).
orphaned_tasks_check_interval = 30

[dag_processor]
refresh_interval = 30
dag_bundle_config_list = $bundles

[logging]
base_log_folder = $STATE/logs
CFG
  )
}

start_component() { # <component> <args...>
  local name=$1; shift
  # A session of its own: stop signals the whole group (its workers and task processes).
  setsid "$BIN/airflow" "$name" "$@" < /dev/null >> "$STATE/logs/$name.log" 2>&1 &
  echo $! > "$(pid_file "$name")"
}

health() { curl -fsS --max-time 2 "http://127.0.0.1:$PORT/api/v2/monitor/health" 2>/dev/null; }

all_healthy() {
  health | "$BIN/python" -c '
import json, sys
status = json.load(sys.stdin)
sys.exit(0 if all(status[c]["status"] == "healthy" for c in ("metadatabase", "scheduler", "dag_processor")) else 1)
' 2>/dev/null
}

start() {
  local running=()
  for c in "${COMPONENTS[@]}"; do alive "$c" && running+=("$c"); done
  if ((${#running[@]} == ${#COMPONENTS[@]})); then
    say "already running on http://127.0.0.1:$(cat "$STATE/run/port" 2>/dev/null || echo "$PORT")"
    return
  fi
  if ((${#running[@]})); then
    # A component died (SIGKILL, OOM) and took its pid file's meaning with it: start afresh.
    say "partly running (${running[*]}): stopping what is left first"
    stop_components
  fi
  reap_leftovers
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is taken: set AIRFLOW_PORT"; fi
  local began=$SECONDS
  write_config
  echo "$PORT" > "$STATE/run/port"
  say "migrating the metadata database ($STATE/airflow.db)"
  "$BIN/airflow" db migrate >> "$STATE/logs/setup.log" 2>&1 || die "db migrate failed, see $STATE/logs/setup.log"
  say "parsing dags/ into the database ($((SECONDS - began)) s)"
  "$BIN/airflow" dags reserialize >> "$STATE/logs/setup.log" 2>&1 || die "dags reserialize failed, see $STATE/logs/setup.log"
  say "starting api-server (127.0.0.1:$PORT), scheduler and dag-processor ($((SECONDS - began)) s)"
  start_component api-server --host 127.0.0.1 --port "$PORT" --workers 1
  start_component scheduler --skip-serve-logs
  start_component dag-processor
  until all_healthy; do
    for c in "${COMPONENTS[@]}"; do
      alive "$c" || { stop_components; die "$c exited while starting, see $STATE/logs/$c.log"; }
    done
    ((SECONDS - began < START_TIMEOUT)) || { stop_components; die "not healthy after ${START_TIMEOUT} s"; }
    say "waiting for the API server, scheduler and dag-processor ($((SECONDS - began)) s)"
    sleep 1
  done
  say "ready in $((SECONDS - began)) s: http://127.0.0.1:$PORT (user admin, password in $STATE/simple_auth_manager_passwords.json)"
}

group_running() { # <pgid>: a process of the group is still there (zombies aside: they hold nothing)
  ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

stop_components() {
  local c pids=()
  for c in "${COMPONENTS[@]}"; do
    if alive "$c"; then
      pids+=("$(cat "$(pid_file "$c")")")
      say "stopping $c (process group ${pids[-1]})"
      kill -TERM -- "-${pids[-1]}" 2>/dev/null || true
    fi
    rm -f "$(pid_file "$c")"
  done
  local pid left
  for _ in $(seq 1 40); do
    left=0
    for pid in "${pids[@]}"; do group_running "$pid" && left=1; done
    ((left)) || return 0
    sleep 0.5
  done
  for pid in "${pids[@]}"; do
    if group_running "$pid"; then
      say "process group $pid did not stop in 20 s: killing it"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  done
}

# Every process that inherited this Airflow's AIRFLOW_HOME, or holds its logs or database open,
# and is still there: components, executor workers, task processes, Spark daemons and step
# runners of an instance killed hard (its pid files and cluster records may be gone).
reap_leftovers() {
  "$BIN/python" "$REPO/scripts/reap.py" --open-files "AIRFLOW_HOME=$STATE"
}

stop() {
  stop_components
  say "stopping the local Spark clusters of $LAKE"
  PYTHONPATH="$REPO/dags" "$BIN/python" -m builditall.local_spark stop-all --lake "$LAKE"
  reap_leftovers
  say "stopped"
}

status() {
  local c code=0
  PORT=$(cat "$STATE/run/port" 2>/dev/null || echo "$PORT")
  for c in "${COMPONENTS[@]}"; do
    if alive "$c"; then say "$c running (pid $(cat "$(pid_file "$c")"))"; else say "$c stopped"; code=3; fi
  done
  if health > /dev/null; then say "health: $(health)"; fi
  return $code
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  # CLI output stays parseable (-o json) only without INFO logging on stdout.
  env) printf 'AIRFLOW_HOME=%s\nAIRFLOW_CONFIG=%s\nAIRFLOW__LOGGING__LOGGING_LEVEL=WARNING\n' "$STATE" "$AIRFLOW_CONFIG" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
