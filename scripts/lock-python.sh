#!/usr/bin/env bash
# Re-resolves requirements.in into requirements.lock (exact versions and hashes).
# Setup installs the lock with --no-deps --require-hashes, so nothing drifts from it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --user uv
python3 -m uv pip compile requirements.in --python-version 3.11 --generate-hashes \
  --output-file requirements.lock --no-header
python3 -m uv pip compile infra/checkov.in --python-version 3.11 --generate-hashes \
  --output-file infra/checkov.lock --no-header
