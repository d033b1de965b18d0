#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (AddressSanitizer + libFuzzer, debug) and runs each
# for a bounded time from its committed seed corpus (Fuzz/Seeds/<Target>/). Every run has an
# RSS limit, a malloc limit and a per-input time-out, so an amplification (a small input that
# makes us allocate or loop far beyond its size) or a hang fails the run like a crash does.
#
# Usage (from anywhere in the repository):
#   bash scripts/fuzz.sh                      # every target, 20 s each (what CI runs)
#   bash scripts/fuzz.sh --seconds 600        # longer runs
#   bash scripts/fuzz.sh --seconds 60 CSVFuzzer NPYFuzzer
# Options: --seconds N (per target), --rss-mb M (RSS and single-malloc limit, default 2048),
#          --timeout S (per input, default 10), --corpus DIR (where new inputs go; default
#          Fuzz/Corpus, ignored by git), --seed N (libFuzzer's random seed; CI fixes it so a
#          run replays the same mutations as far as time allows), --no-build.
# Output: one line per target: `fuzz: <target> runs=<executions> secs=<s> result=<ok|FAILED>`,
# then `N passed, N failed`. Findings (crash-*, leak-*, timeout-*, oom-*) are written to
# Fuzz/Findings/<target>/. Exit 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"

seconds=20
rss_mb=2048
timeout=10
corpus_root=Corpus
build=1
seed=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --rss-mb) rss_mb="$2"; shift 2 ;;
        --timeout) timeout="$2"; shift 2 ;;
        --corpus) corpus_root="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        -*) echo "error: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for dir in Seeds/*/; do targets+=("$(basename "$dir")"); done
fi

if [ "$build" = 1 ]; then
    echo "== building fuzz targets (debug, -sanitize=fuzzer,address)"
    build_log=$(mktemp)
    if ! swift build -c debug -Xswiftc -sanitize=fuzzer,address >"$build_log" 2>&1; then
        grep -E "error:" "$build_log" | head -20 || tail -40 "$build_log"
        echo "error: the fuzz targets did not build" >&2
        exit 2
    fi
    tail -1 "$build_log"
    rm -f "$build_log"
fi
bin=$(swift build -c debug -Xswiftc -sanitize=fuzzer,address --show-bin-path)

passed=0
failed=0
for target in "${targets[@]}"; do
    if [ ! -x "$bin/$target" ]; then echo "error: no fuzz target $target in $bin" >&2; exit 2; fi
    corpus="$corpus_root/$target"
    findings="Findings/$target"
    mkdir -p "$corpus" "$findings"
    log=$(mktemp)
    # New inputs go to the first folder (outside git); the seeds folder is read only.
    status=0
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}" \
        "$bin/$target" -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb" \
        -timeout="$timeout" -seed="$seed" -print_final_stats=1 -artifact_prefix="$findings/" \
        "$corpus" "Seeds/$target" >"$log" 2>&1 || status=$?
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
    if [ "$status" = 0 ]; then
        passed=$((passed + 1))
        echo "fuzz: $target runs=${runs:-0} secs=$seconds result=ok"
    else
        failed=$((failed + 1))
        echo "fuzz: $target runs=${runs:-0} secs=$seconds result=FAILED (exit $status)"
        grep -E "ERROR|SUMMARY|Fatal|Test unit written|==[0-9]+==" "$log" | head -20 || true
        tail -40 "$log"
    fi
    rm -f "$log"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
