# Sourced by the benchmark scripts after they cd to the project root: the build
# to measure and the reference export, from their arguments [BUILD_DIR] [ROWS].
# Sets build, rows, npsdesk, work and csv; makes the export once and keeps it.
build="${1:-build/release}"
rows="${2:-1000000}"
npsdesk="$build/bin/npsdesk"
work="${BENCH_DIR:-/tmp/npsdesk-bench}"
mkdir -p "$work"
csv="$work/responses-$rows.csv"
[ -f "$csv" ] || python3 ../shared/bench/make_responses.py "$rows" "$csv"
