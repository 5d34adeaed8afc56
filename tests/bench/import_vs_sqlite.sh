#!/usr/bin/env bash
# Import benchmark, side by side in one run (issue 4):
#   npsdesk import of the reference file  vs  the sqlite3 shell's `.import` of the
#   same file into a fresh WAL database; then `npsdesk pivot --by Plan --period
#   quarter` vs the equivalent GROUP BY over the raw table (issue 5).
# Usage: tests/bench/import_vs_sqlite.sh [BUILD_DIR] [ROWS]   (defaults: build/release, 1000000)
# Prints wall times, the ratios, and the peak resident memory of the import.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/reference-load.sh "$@"
size_mb=$(( $(stat -c %s "$csv") / 1000000 ))

seconds() { # run a command, print its wall time in seconds and keep its peak RSS (KB) in $work/rss
  if ! /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null 2>"$work/stderr"; then
    cat "$work/stderr" >&2
    exit 1
  fi
  awk '{print $1}' "$work/time"
  awk '{print $2}' "$work/time" > "$work/rss"
}

rm -f "$work"/raw.db* "$work"/nps.npsdb*
t_sqlite=$(seconds sqlite3 "$work/raw.db" -cmd "PRAGMA journal_mode=WAL;" -cmd ".mode csv" -cmd ".import $csv raw" ".quit")
t_import=$(seconds "$npsdesk" import --db "$work/nps.npsdb" "$csv" --format json)
rss_import=$(cat "$work/rss")

group_by="SELECT Plan, substr(\"Created At (UTC)\", 1, 4) || 'Q' || ((CAST(substr(\"Created At (UTC)\", 6, 2) AS INTEGER) + 2) / 3) AS quarter,
  count(*), 100.0 * (sum(CAST(Score AS INTEGER) >= 9) - sum(CAST(Score AS INTEGER) <= 6)) / count(*)
  FROM raw GROUP BY 1, 2;"
"$npsdesk" pivot --db "$work/nps.npsdb" --by Plan --period quarter --format csv >/dev/null 2>&1 || true # warm the cache once
t_group=$(seconds sqlite3 "$work/raw.db" "$group_by")
t_pivot=$(seconds "$npsdesk" pivot --db "$work/nps.npsdb" --by Plan --period quarter --format csv)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "file: $csv ($rows rows, $size_mb MB)"
echo "sqlite3 .import:             ${t_sqlite} s"
echo "npsdesk import:              ${t_import} s   ratio $(ratio "$t_import" "$t_sqlite")x   peak RSS $(( rss_import / 1024 )) MB"
echo "sqlite3 GROUP BY (raw):      ${t_group} s"
echo "npsdesk pivot Plan x quarter: ${t_pivot} s   ratio $(ratio "$t_pivot" "$t_group")x"
