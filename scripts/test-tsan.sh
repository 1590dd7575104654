#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ThreadSanitizer run of the core suites whose code runs on several threads (docs/fuzzing.md "Sanitizers"): the
# sample pipeline (two payload parsers + SQLite writer), parallel hashing in the verifier, the parallel check scan
# (util/parallel), the check's lanes (FOCUS rows read ahead, the meter comparison beside the other rules) and
# verify-case's rows lane (a bundle's rows re-derived on a second connection while its files are re-verified). Built
# with gcc -fsanitize=thread into build-tsan/; only those suites and what they link are built.
# Any data race fails the test (halt_on_error). The GUI's jobs are not in it: they hand results over through Qt's
# queued signals, whose synchronisation lives in Debian's Qt, which is not built with TSan, so every hand-over would
# be reported (docs/fuzzing.md says what covers them instead).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${TSAN_BUILD_DIR:-build-tsan}
suites=(tst_samplepipeline tst_verifier tst_analytics tst_meteragreement tst_caseverify)
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAPAUDIT_WERROR="${CAPAUDIT_WERROR:-OFF}" \
        -DCAPAUDIT_SANITIZE=thread -DCAPAUDIT_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
fi
cmake --build "$BUILD_DIR" -j"$(nproc)" --target capaudit-cli "${suites[@]}"
cd "$BUILD_DIR"
# ignore_noninstrumented_modules: interceptors (malloc/free, pthread) called from Debian's uninstrumented Qt libraries
# are not race-checked; Qt Test's watchdog thread otherwise reports its own condition variable. CapAudit's code and
# every access it makes stay checked.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:ignore_noninstrumented_modules=1:suppressions=$PWD/../tests/tsan.supp"
regex="^($(IFS='|'; echo "${suites[*]}"))\$"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)" --timeout 1200 -R "$regex"
