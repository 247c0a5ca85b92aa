#!/usr/bin/env bash
# Every test of the project, on a fresh machine: Rust (unit, integration,
# properties, fixtures, doc tests), lints, the fleet report in a headless
# Chromium (installed when missing), and the Python and Node bindings
# (each installs what it needs into bindings/*/ on first run). A throwaway
# PostgreSQL server (installed when missing) runs for the whole script, so
# every suite also runs against the PostgreSQL backend.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "rustfmt"
cargo fmt --all --check

step "clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "a PostgreSQL 15 server for the PostgreSQL backend's tests"
# shellcheck source=tests/postgres.sh
source tests/postgres.sh

step "cargo test"
cargo test --workspace

step "the fleet report in a headless browser"
bash tests/browser/report.sh

for binding in bindings/python bindings/node; do
  if [ -x "$binding/test.sh" ]; then
    step "$binding"
    "$binding/test.sh"
  fi
done

step "all tests passed"
