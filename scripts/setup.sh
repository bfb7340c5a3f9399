#!/usr/bin/env bash
# The one setup step shared by `npm run up`, `npm test` and .ci/run.
# Idempotent: each part is skipped when the stamp of its inputs is unchanged,
# so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
stamp_of() { cat "$@" | sha256sum | cut -d' ' -f1; }
fresh() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

# Debian packages the project needs: Postgres for the integration tests, Chromium for
# the browser tests, Java for Spark.
APT_PACKAGES=(postgresql chromium openjdk-17-jre-headless fonts-dejavu-core)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python: each venv from its hashed lock, with no resolution at install time.
install_venv() { # <venv> <lock> <what>
  local stamp; stamp=$(stamp_of "$2")
  fresh "$1/.setup-stamp" "$stamp" && return
  say "installing $3 into $1"
  [[ -x "$1/bin/python" ]] || python3 -m venv "$1"
  "$1/bin/python" -m pip install --quiet --upgrade pip
  "$1/bin/python" -m pip install --quiet --no-deps --require-hashes -r "$2"
  echo "$stamp" > "$1/.setup-stamp"
}
install_node() { # npm ci from the lock file
  local stamp; stamp=$(stamp_of package-lock.json)
  fresh node_modules/.setup-stamp "$stamp" && return
  say "installing node modules"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$stamp" > node_modules/.setup-stamp
}

# The three installs share nothing and mostly wait on downloads and disks: side by side.
installs=()
install_venv .venv requirements.lock "the Python estate (Airflow, PySpark, test tools)" & installs+=($!)
install_venv .venv-checkov infra/checkov.lock "checkov" & installs+=($!)
install_node & installs+=($!)
for pid in "${installs[@]}"; do wait "$pid" || { say "an install failed (its output is above)"; exit 1; }; done

# Prisma client, generated offline (the schema engine is not needed to generate).
if [[ -f prisma/schema.prisma ]]; then
  gen_stamp=$(stamp_of prisma/schema.prisma package-lock.json)
  if ! fresh lib/generated/.setup-stamp "$gen_stamp"; then
    say "generating the Prisma client"
    PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate >/dev/null
    echo "$gen_stamp" > lib/generated/.setup-stamp
  fi
fi
