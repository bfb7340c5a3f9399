"""Fuzz the running portal's JSON API with schemathesis, from its own /api/openapi.json.

Signed out and signed in as each role: no 5xx, and every response must match what the
document promises (status codes, content types, schemas). New routes join automatically.
Every phase (coverage, fuzzing, stateful) runs as admin, the role that reaches every handler's
body; signed out and the other roles run the coverage phase, which sends each operation its
boundary and invalid inputs and so checks what each role is refused. The handlers' work does not
depend on the role past that check, and the full run for each of five identities took 14 min.

Usage: .venv/bin/python e2e/api_fuzz.py [--base-url http://127.0.0.1:3100] [--max-examples 40]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROLES = ("viewer", "engineer", "lead", "admin")
DEEP_ROLE = "admin"
CHECKS = "all"
# Next.js answers 405 to a method a route does not export, but without the Allow header this
# check also demands; it has no 5xx or schema finding to offer beyond that.
EXCLUDED_CHECKS = "unsupported_method"
SESSION_COOKIE = "next-auth.session-token"
# scripts/e2e-estate.sh starts the portal with the same default.
LINEAGE_API_KEY = os.environ.get("E2E_LINEAGE_API_KEY", "e2e-lineage-api-key-at-least-32-characters")
# Per-route settings: a backfill's range is refused with a 400 when its days relate wrongly (from
# after to, over 366 days, in the future), rules between two fields that the JSON schema cannot
# state; and the POSTs under a DAG (and a run's re-run) wait on Airflow CLI calls, 10-20 s each on a
# busy machine, so they get a longer response limit and fewer examples (their inputs are validated
# before any call).
OPERATIONS = r"""
[[operations]]
include-path-regex = "^/api/dags/\\{dagId\\}/backfills"
checks.positive_data_acceptance.expected-statuses = [
  "2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx",
]

# A trigger's conf is refused (400) when it fails the DAG's Params or cannot be kept exactly as sent
# (an integer past 2^53, a "__proto__" key): rules on arbitrary JSON values a schema cannot state.
[[operations]]
include-path-regex = "^/api/dags/\\{dagId\\}/runs$"
include-method = "POST"
checks.positive_data_acceptance.expected-statuses = [
  "2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx",
]
checks.max_response_time = 120
generation.max-examples = 10

[[operations]]
include-path-regex = "^/api/(dags/\\{dagId\\}/|runs/\\{id\\}/rerun)"
include-method = "POST"
checks.max_response_time = 120
generation.max-examples = 10
"""


def sign_in(base_url: str, email: str, password: str) -> str:
    """The session cookie of a fresh sign-in, through next-auth's own CSRF-protected form post."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base_url}/api/auth/csrf") as res:
        csrf = json.load(res)["csrfToken"]
    form = urllib.parse.urlencode(
        {"email": email, "password": password, "csrfToken": csrf, "json": "true"}
    ).encode()
    request = urllib.request.Request(f"{base_url}/api/auth/callback/local", data=form, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    opener.open(request).close()
    for cookie in jar:
        if cookie.name == SESSION_COOKIE:
            return cookie.value
    raise SystemExit(f"sign-in as {email} gave no session cookie")


def fuzz(base_url: str, label: str, cookie: str | None, phases: str, max_examples: int, workdir: Path) -> int:
    # The session goes through the document's own security scheme, not a raw header, so that
    # schemathesis knows when a request is meant to be signed out. The admin run also holds the
    # lineage API key (the apiKey scheme of POST /api/v1/lineage), so that route's body is fuzzed.
    config = workdir / f"schemathesis-{label.replace(' ', '-')}.toml"
    auth = f'[auth.openapi.session]\napi_key = "{cookie}"\n' if cookie else ""
    if label == DEEP_ROLE:
        auth += f'[auth.openapi.apiKey]\nbearer = "{LINEAGE_API_KEY}"\n'
    config.write_text(auth + OPERATIONS)
    schemathesis = Path(sys.executable).with_name("schemathesis")
    argv = [str(schemathesis), "--config-file", str(config), "run", f"{base_url}/api/openapi.json"]
    argv += ["--checks", CHECKS, "--exclude-checks", EXCLUDED_CHECKS, "-H", f"Origin: {base_url}"]
    argv += ["--phases", phases, "--max-examples", str(max_examples), "--seed", "1", "--workers", "1"]
    # The API refuses U+0000 in any input with a 400 (Postgres text cannot hold it; tested in
    # lib/api/handler.int.test.ts), a rule a JSON schema of arbitrary conf values cannot state.
    argv += ["--generation-allow-x00", "false"]
    # Trigger, pause and backfill wait for Airflow's CLI: seconds each, more on a busy machine.
    argv += ["--request-timeout", "120"]
    print(f"\n=== API fuzz: {label} ({phases}) ===", flush=True)
    return subprocess.run(argv, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default=f"http://127.0.0.1:{os.environ.get('E2E_PORT', '3100')}")
    parser.add_argument("--max-examples", type=int, default=40)
    args = parser.parse_args()
    password = os.environ.get("E2E_PASSWORD", "e2e-local-password")

    failures = []
    with tempfile.TemporaryDirectory() as workdir:
        if fuzz(args.base_url, "signed out", None, "coverage", args.max_examples, Path(workdir)):
            failures.append("signed out")
        for role in ROLES:
            cookie = sign_in(args.base_url, f"{role}@local", password)
            phases = "examples,coverage,fuzzing,stateful" if role == DEEP_ROLE else "coverage"
            if fuzz(args.base_url, role, cookie, phases, args.max_examples, Path(workdir)):
                failures.append(role)
    if failures:
        print(f"API fuzz failed for: {', '.join(failures)}")
        return 1
    print("API fuzz: no failures for any role")
    return 0


if __name__ == "__main__":
    sys.exit(main())
