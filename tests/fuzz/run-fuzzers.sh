#!/usr/bin/env bash
# Builds the `fuzz` preset (clang, -fsanitize=fuzzer,address,undefined) and runs
# each readers fuzzer for N seconds (first argument, default 60). Fails (exit 1)
# when any fuzzer crashes; the crashing input is kept in build/fuzz/artifacts/.
#
#   tests/fuzz/run-fuzzers.sh          # CI: 60 s per target
#   tests/fuzz/run-fuzzers.sh 3600     # an hour per target
#
# Running longer or in parallel: call a target directly; the corpus it grows
# lives in build/fuzz/corpus/<target> and is reused by the next run, e.g.
#   build/fuzz/tests/fuzz/fuzz_csv_reader -max_total_time=0 -jobs=4 -workers=4 \
#       build/fuzz/corpus/fuzz_csv_reader tests/fuzz/corpus/csv tests/data/readers
# (-max_total_time=0 runs until stopped). Reproduce a crash with
#   build/fuzz/tests/fuzz/<target> build/fuzz/artifacts/<target>-crash-<hash>
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target fuzz_csv_reader fuzz_score_parser fuzz_date_parser fuzz_xlsx_reader

mkdir -p build/fuzz/artifacts
failed=0
run() {
    local target="$1"
    shift
    mkdir -p "build/fuzz/corpus/$target"
    echo "== $target for ${seconds}s"
    if ! "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" \
        "build/fuzz/corpus/$target" "$@"; then
        echo "!! $target failed: see build/fuzz/artifacts/" >&2
        failed=1
    fi
}
run fuzz_csv_reader tests/fuzz/corpus/csv tests/data/readers
run fuzz_score_parser tests/fuzz/corpus/score
run fuzz_date_parser tests/fuzz/corpus/time
run fuzz_xlsx_reader tests/data/readers
exit "$failed"
