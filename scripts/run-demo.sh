#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds CapAudit, generates a signed demo compute bank, imports it into a case and opens the dashboard on it.
# Without a display it writes the demo PDF compliance report instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
cli="$BUILD_DIR/app/cli/capaudit-cli"
demo=${CAPAUDIT_DEMO_DIR:-$PWD/demo-case}
case_file="$demo/demo.capcase"

if [ ! -f "$case_file" ]; then
    rm -rf "$demo"
    "$cli" demo --out "$demo" --faults all
    "$cli" case init "$case_file" --trust "$demo/trust" --name "Demo compute bank"
    # Two bundles are tampered/expired on purpose: import reports them as rejected (exit 1), which is expected.
    "$cli" import "$case_file" "$demo"/bundles/* || true
fi
"$cli" verify-case "$case_file" || true
# The demo bank has faults injected on purpose: check lists them and exits 1, which is expected.
"$cli" check "$case_file" | tail -n 16 || true

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD_DIR/app/desktop/capaudit" ]; then
    exec "$BUILD_DIR/app/desktop/capaudit" "$case_file"
fi
"$cli" report "$case_file" --out "$demo/demo-report.pdf" --reviewer "Demo reviewer"
echo "No display: wrote the demo compliance report to $demo/demo-report.pdf (case: $case_file)"
