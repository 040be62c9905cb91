#!/usr/bin/env bash
# Runs the RedisVL interop tests (Tests/interop) with the project venv's pytest,
# from the repository root. Starts nothing itself: the tests start Redis with
# scripts/redis and use .build/debug/junction (run scripts/setup and
# `swift build` first). Extra arguments go to pytest. Exits with pytest's
# status; "no tests collected" (5) counts as a failure like any non-zero status.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ -x "$ROOT/.venv/bin/python" ] || { echo "Tests/interop/run.sh: .venv is missing: run scripts/setup" >&2; exit 1; }
"$ROOT/.venv/bin/python" -m pytest -q Tests/interop "$@"
status=$?
[ $status -eq 5 ] && echo "Tests/interop/run.sh: no tests were collected" >&2
exit $status
