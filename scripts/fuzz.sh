#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (tests/fuzz) with clang-14 + ASan + UBSan into build-fuzz/ (core libraries and targets
# only), generates their seed corpus, and runs them (docs/fuzzing.md).
#   scripts/fuzz.sh smoke                 every target for a fixed number of executions on its seeds (CI)
#   scripts/fuzz.sh run SECONDS [TARGET]  a campaign: each (or one) target for SECONDS, at nice 19, growing
#                                         build-fuzz/corpus/<target>; logs in build-fuzz/logs/
# A finding stops the target with a sanitizer report or "==CapAudit fuzz finding==" and leaves crash-* in the
# current directory (smoke: in build-fuzz/findings/); the script then exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=$(realpath -m "${FUZZ_BUILD_DIR:-build-fuzz}")
ROOT=$(pwd)
mode=${1:-smoke}
targets=(fuzz_verifier fuzz_dsse fuzz_sigstore fuzz_checkpoint fuzz_merkle fuzz_x509 fuzz_archive fuzz_usagecsv
    fuzz_metricstext fuzz_otlpjson fuzz_focus fuzz_einvoice fuzz_predicates fuzz_mapping fuzz_policy fuzz_strictjson fuzz_casefile fuzz_sampleblocks)
declare -A dict=([fuzz_dsse]=json [fuzz_sigstore]=json [fuzz_checkpoint]=pem [fuzz_x509]=pem [fuzz_otlpjson]=json
    [fuzz_predicates]=json [fuzz_mapping]=json [fuzz_policy]=json [fuzz_strictjson]=json [fuzz_usagecsv]=csv
    [fuzz_focus]=csv [fuzz_metricstext]=metricstext)
# Smoke executions after the seeds: the slow targets (a verification or a case per input) get fewer.
declare -A smokeRuns=([fuzz_verifier]=300 [fuzz_casefile]=100 [fuzz_archive]=1000 [fuzz_x509]=2000
    [fuzz_metricstext]=300 [fuzz_otlpjson]=300 [fuzz_focus]=1000 [fuzz_einvoice]=2000 [fuzz_usagecsv]=5000 [fuzz_mapping]=5000)

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
        -DCAPAUDIT_WERROR="${CAPAUDIT_WERROR:-OFF}" -DCAPAUDIT_SANITIZE=address,undefined -DCAPAUDIT_BUILD_FUZZ=ON \
        -DCAPAUDIT_BUILD_GUI=OFF -DCAPAUDIT_BUILD_TESTS=OFF -DCAPAUDIT_BUILD_BENCH=OFF \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
fi
cmake --build "$BUILD_DIR" --target fuzz_all -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
seeds="$BUILD_DIR/seeds"
if [ ! -d "$seeds" ]; then
    "$BUILD_DIR/tests/fuzz/capaudit-fuzz-seeds" "$seeds.tmp" && mv "$seeds.tmp" "$seeds"
fi

flagsFor() { # common libFuzzer flags for target $1
    local f=(-rss_limit_mb=4096 -timeout=30 -max_len=65536)
    [ -n "${dict[$1]:-}" ] && f+=("-dict=$ROOT/tests/fuzz/dict/${dict[$1]}.dict")
    echo "${f[@]}"
}

case "$mode" in
smoke)
    mkdir -p "$BUILD_DIR/findings"
    for t in "${targets[@]}"; do
        scratch=$(mktemp -d)
        start=$(date +%s)
        # New inputs go to the throwaway first directory, so the seeds stay as generated.
        if ! (cd "$BUILD_DIR/findings" && "$BUILD_DIR/tests/fuzz/$t" $(flagsFor "$t") -runs="${smokeRuns[$t]:-20000}" \
            -seed=1 "$scratch" "$seeds/$t" >"$t.log" 2>&1); then
            rm -rf "$scratch"
            echo "FAIL $t (log: $BUILD_DIR/findings/$t.log)"
            tail -n 60 "$BUILD_DIR/findings/$t.log"
            exit 1
        fi
        rm -rf "$scratch"
        echo "ok   $t  $(grep -o 'Done [0-9]* runs' "$BUILD_DIR/findings/$t.log" || true) in $(($(date +%s) - start)) s"
    done
    ;;
run)
    seconds=${2:?"run SECONDS [TARGET]"}
    [ -n "${3:-}" ] && targets=("$3")
    mkdir -p "$BUILD_DIR/logs" "$BUILD_DIR/corpus" "$BUILD_DIR/findings"
    for t in "${targets[@]}"; do
        mkdir -p "$BUILD_DIR/corpus/$t"
        log="$BUILD_DIR/logs/$t-$(date +%Y%m%dT%H%M%S).log"
        (cd "$BUILD_DIR/findings" && nice -n 19 "$BUILD_DIR/tests/fuzz/$t" $(flagsFor "$t") \
            -max_total_time="$seconds" -print_final_stats=1 "$BUILD_DIR/corpus/$t" "$seeds/$t") >"$log" 2>&1 \
            || { echo "FINDING $t: $log"; tail -n 40 "$log"; }
        echo "$t: $(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1)"
    done
    ;;
*)
    echo "usage: $0 smoke | run SECONDS [TARGET]" >&2
    exit 2
    ;;
esac
