#!/usr/bin/env bash
# The floor under `npsdesk import` (issue 4): how long this SQLite takes to do
# only the work the schema requires of an import, with no file to parse and no
# per-row calls. It copies an imported 1M-row database into an empty one with
# bulk INSERT ... SELECT in one transaction, under the import's own bulk
# settings (rollback journal, foreign keys off, secondary indexes dropped and
# built once at the end, comments indexed in one statement), and times each
# step; then the sqlite3 shell's `.import` of the CSV, side by side.
# Usage: tests/bench/import_floor.sh [BUILD_DIR] [ROWS]   (defaults: build/release, 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/reference-load.sh "$@"

source_db="$work/floor-source.npsdb"
target_db="$work/floor-target.npsdb"
rm -f "$source_db"* "$target_db"* "$work"/raw.db*
"$npsdesk" import --db "$source_db" "$csv" >/dev/null
# An empty file with the schema: a dry run creates it and writes no rows.
head -2 "$csv" >"$work/floor-one-row.csv"
"$npsdesk" import --db "$target_db" "$work/floor-one-row.csv" --dry-run >/dev/null
sqlite3 "$target_db" "PRAGMA journal_mode = DELETE" >/dev/null

indexes=$(sqlite3 "$target_db" "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
  AND tbl_name IN ('responses', 'respondents', 'followups') ORDER BY name")
drops=""
creates=""
for index in $indexes; do
  drops+="DROP INDEX $index;"$'\n'
  creates+="$(sqlite3 "$target_db" "SELECT sql FROM sqlite_master WHERE name = '$index'");"$'\n'
done

script="$work/floor.sql"
cat >"$script" <<EOF
PRAGMA foreign_keys = OFF;
PRAGMA threads = 2;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;
PRAGMA synchronous = NORMAL;
ATTACH '$source_db' AS source;
.timer on
BEGIN;
$drops
DROP TRIGGER responses_fts_insert;
INSERT INTO waves SELECT * FROM source.waves;
INSERT INTO imports SELECT * FROM source.imports;
INSERT INTO attributes SELECT * FROM source.attributes;
INSERT INTO attribute_values SELECT * FROM source.attribute_values;
INSERT INTO profiles SELECT * FROM source.profiles;
INSERT INTO profile_values SELECT * FROM source.profile_values;
INSERT INTO respondents SELECT * FROM source.respondents;
INSERT INTO responses SELECT * FROM source.responses;
INSERT INTO followups SELECT * FROM source.followups;
INSERT INTO comments_fts (rowid, comment) SELECT id, comment FROM responses WHERE comment IS NOT NULL;
$creates
INSERT INTO analysis_cache SELECT * FROM source.analysis_cache;
COMMIT;
EOF

elapsed() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1; }
t_shell=$(elapsed sqlite3 "$work/raw.db" -cmd "PRAGMA journal_mode=WAL;" -cmd ".mode csv" -cmd ".import $csv raw" ".quit")
steps=$(sqlite3 "$target_db" <"$script" 2>&1 | grep "Run Time" | awk '{print $4}')
t_floor=$(echo "$steps" | awk '{s += $1} END {printf "%.2f", s}')
# Step times in script order; the small tables are summed into "metadata".
echo "$steps" | awk -v drops="$(echo "$indexes" | wc -w)" '
  { t[NR] = $1 }
  END {
    i = drops + 3            # after the pragmas/attach lines that print no time: BEGIN, drops, trigger
    meta = t[i] + t[i+1] + t[i+2] + t[i+3] + t[i+4] + t[i+5]; i += 6
    printf "metadata tables          %.2f s\n", meta
    printf "respondents              %.2f s\n", t[i++]
    printf "responses (+ dedup key)  %.2f s\n", t[i++]
    printf "follow-ups               %.2f s\n", t[i++]
    printf "comment full-text index  %.2f s\n", t[i++]
    idx = 0; for (k = 0; k < drops; ++k) idx += t[i++]
    printf "secondary indexes (%d)    %.2f s\n", drops, idx
    printf "analysis cache           %.2f s\n", t[i++]
    printf "commit                   %.2f s\n", t[i++]
  }'
echo "required work, no parsing:  ${t_floor} s"
echo "sqlite3 .import of the CSV: ${t_shell} s"
awk -v a="$t_floor" -v b="$t_shell" 'BEGIN { printf "floor / shell: %.2fx\n", a / b }'
