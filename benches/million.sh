#!/usr/bin/env bash
# The demo log at about a million events, side by side: each fleet question
# against a full rebuild of the same log, and peak memory of the demo, the
# rebuild and the export. Prints a Markdown table.
#   bash benches/million.sh [PEOPLE]    (default 30000: about 1.07 M events)
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-30000}"
cargo build --release -p assetlog-cli >&2
bin="$PWD/target/release/assetlog"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
db="$dir/demo.db"

# peak RSS in MB and seconds of one run
peak() { /usr/bin/time -f "%M %e" "$@" 2>&1 >/dev/null | tail -1; }
# best wall time of three runs, in ms
best_ms() {
  local best=999999999 s e ms
  for _ in 1 2 3; do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    ms=$(( (e - s) / 1000000 )); (( ms < best )) && best=$ms
  done
  echo "$best"
}

read -r demo_kb demo_s < <(peak "$bin" --db "$db" demo --people "$people")
events=$("$bin" --db "$db" --json verify | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
bytes=$(python3 -c "import os; print(sum(os.path.getsize('$db'+s) for s in ['', '-wal'] if os.path.exists('$db'+s)))")
read -r rebuild_kb _ < <(peak "$bin" --db "$db" rebuild)
read -r export_kb _ < <(peak "$bin" --db "$db" export --jsonl --out "$dir/x.jsonl")
rebuild=$(best_ms "$bin" --db "$db" rebuild)

echo "$events events, $(( bytes / events )) bytes/event on disk; demo written in ${demo_s} s"
echo
echo "| question | time | vs rebuild ($rebuild ms) | target |"
echo "|---|---:|---:|---|"
row() {
  local target="$1"; shift
  local ms; ms=$(best_ms "$bin" --db "$db" "$@")
  printf '| `%s` | %s ms | %.3fx | %s |\n' "$*" "$ms" "$(python3 -c "print($ms / $rebuild)")" "$target"
}
row "<= 0.05x" summary
row "<= 0.05x" fleet --country DE
row "<= 0.05x" fleet --status in_repair
row "<= 0.05x" idle
row "<= 0.05x" overdue
row "<= 0.05x" summary --by department,country
row "<= 0.05x" unseen --days 30
row "<= 0.05x" unpatched --days 90
row "<= 0.05x" warranty --within 90
row "<= 0.05x" people --left --holding
row "<= 0.05x" leadtime order_to_receipt --from 2020-01-01 --by country
row "<= 0.05x" recovery --from 2020-01-01
row "<= 0.1x" summary --as-of 2025-06-30
row "<= 0.1x" fleet --country DE --as-of 2025-06-30
row "<= 0.1x" idle --as-of 2025-06-30
echo
echo "| run | peak memory |"
echo "|---|---:|"
echo "| demo (writes the log) | $(( demo_kb / 1024 )) MB |"
echo "| rebuild | $(( rebuild_kb / 1024 )) MB |"
echo "| export --jsonl | $(( export_kb / 1024 )) MB |"
