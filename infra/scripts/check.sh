#!/usr/bin/env bash
# Every offline check of infra/ (and of the GitHub workflows), from the repo root:
#   1. every .tf and .tfvars.example parses (python-hcl2)
#   2. formatting: hclfmt (hashicorp/hcl, built here from the Go module proxy) must change nothing
#   3. actionlint over .github/workflows (built the same way)
#   4. checkov over infra/, the workflows and the Dockerfile: zero failed checks (skips are inline, with reasons)
#   5. the structural tests, pytest infra/tests
# Tools built in step 2-3 live in infra/.tools/ (git-ignored); a second run reuses them.
set -euo pipefail
cd "$(dirname "$0")/../.."

HCLFMT_MODULE=github.com/hashicorp/hcl/v2/cmd/hclfmt@v2.24.0
ACTIONLINT_MODULE=github.com/rhysd/actionlint/cmd/actionlint@v1.7.7
TOOLS=infra/.tools

step() { printf '\033[1m[infra]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[infra] %s\033[0m\n' "$*" >&2; exit 1; }

[[ -x .venv/bin/python && -x .venv-checkov/bin/checkov ]] || fail "run bash scripts/setup.sh first (.venv, .venv-checkov)"

mapfile -t hcl_files < <(find infra -path infra/.tools -prune -o -path '*/.terraform' -prune -o \
  \( -name '*.tf' -o -name '*.tfvars.example' \) -print | sort)

step "1/5 parse ${#hcl_files[@]} HCL files"
.venv/bin/python -m infra.tests.estate

# Builds a pinned Go tool into infra/.tools/bin, once per version; caches stay under infra/.tools.
# Returns 1 when there is no Go toolchain (the step is skipped), 2 when the build fails.
go_tool() { # <name> <module@version>
  local name=$1 module=$2 stamp="$TOOLS/bin/.$1.version" go_bin
  if [[ -x $TOOLS/bin/$name && -f $stamp && $(cat "$stamp") == "$module" ]]; then
    return 0
  fi
  go_bin=$(command -v go || true)
  [[ -z $go_bin && -x /usr/local/go/bin/go ]] && go_bin=/usr/local/go/bin/go
  [[ -n $go_bin ]] || return 1
  step "building $module (once)"
  mkdir -p "$TOOLS/bin"
  GOBIN="$PWD/$TOOLS/bin" GOPATH="$PWD/$TOOLS/go" GOCACHE="$PWD/$TOOLS/go-build" GOFLAGS=-modcacherw \
    "$go_bin" install "$module" || return 2
  echo "$module" >"$stamp"
}

# with_go_tool <name> <module@version> <command...>: runs the command once the tool is built.
with_go_tool() {
  local name=$1 module=$2 status=0
  shift 2
  go_tool "$name" "$module" || status=$?
  case $status in
    0) "$@" ;;
    1) step "SKIPPED $name: no Go toolchain on this machine (https://go.dev/dl); the other checks still run" ;;
    *) fail "could not build $module from the Go module proxy" ;;
  esac
}

check_formatting() {
  local file unformatted=()
  for file in "${hcl_files[@]}"; do
    "$TOOLS/bin/hclfmt" -require-no-change "$file" >/dev/null 2>&1 || unformatted+=("$file")
  done
  ((${#unformatted[@]} == 0)) || fail "not formatted (run terraform fmt, or $TOOLS/bin/hclfmt -w): ${unformatted[*]}"
}

step "2/5 formatting (hclfmt)"
with_go_tool hclfmt "$HCLFMT_MODULE" check_formatting

step "3/5 workflows (actionlint)"
with_go_tool actionlint "$ACTIONLINT_MODULE" "$TOOLS/bin/actionlint" .github/workflows/*.yml

# BC_SKIP_MAPPING: no attempt to fetch guideline links from the vendor's API (offline here).
step "4/5 checkov"
BC_SKIP_MAPPING=TRUE .venv-checkov/bin/checkov -d infra -d .github/workflows --framework terraform github_actions \
  --skip-download --quiet --compact
BC_SKIP_MAPPING=TRUE .venv-checkov/bin/checkov -f Dockerfile --framework dockerfile --skip-download --quiet --compact

step "5/5 structural tests"
.venv/bin/pytest infra/tests -q
