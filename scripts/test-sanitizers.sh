#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds CapAudit with AddressSanitizer + UndefinedBehaviorSanitizer into build-asan/ (benchmarks off) and runs the
# whole CTest suite there. Undefined behaviour aborts the test (-fno-sanitize-recover), so CI goes red on it.
# Leak detection is off: Qt's and fontconfig's process-lifetime allocations would drown real reports. Line tables only
# (-g1): enough for the sanitizers' file:line stack traces, and the build no longer spends CI's time on full debug
# information (the same in test-tsan.sh and fuzz.sh). -O1, as the sanitizer manuals suggest: GCC compiles a
# translation unit in about 0.65x the time of -O2 (measured on casestore.cpp, mainwindow.cpp, tst_gui.cpp), which is
# most of this step on CI's two cores, and the checks are the same. CapAudit's own libraries are shared here
# (CAPAUDIT_SHARED_LIBS): statically linked, every test executable carried its own instrumented copy of the core and
# the tree grew to 5.5 GB, enough to fill a CI machine's disk.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${SANITIZE_BUILD_DIR:-build-asan}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAPAUDIT_WERROR="${CAPAUDIT_WERROR:-OFF}" \
        -DCAPAUDIT_SANITIZE=address,undefined -DCAPAUDIT_BUILD_BENCH=OFF -DCAPAUDIT_SHARED_LIBS=ON \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
fi
cmake --build "$BUILD_DIR" -j"$(nproc)"
cd "$BUILD_DIR"
export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)" --timeout 900
