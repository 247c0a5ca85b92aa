#!/usr/bin/env bash
# The long crash soak: kill a writer at random moments many times (CI runs 50).
#   bash tests/soak.sh [ROUNDS]     (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
ASSETLOG_CRASH_ROUNDS="${1:-2000}" cargo test --workspace --test it crash::a_writer_killed -- --nocapture
