#!/usr/bin/env bash
# The long crash soak: kill a writer at random moments many times (CI runs 50),
# in a release build so a thousand kills take minutes; prints the largest WAL seen.
#   bash tests/soak.sh [ROUNDS]     (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
ASSETLOG_CRASH_ROUNDS="${1:-1000}" cargo test --release --workspace --test it crash::a_writer_killed -- --nocapture
