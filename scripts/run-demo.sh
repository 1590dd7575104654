#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds CapAudit, generates a signed demo compute bank, imports it into a case and opens the dashboard on it.
# Without a display it writes the demo PDF report instead (or, until the report exists, prints the case summary).
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

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$BUILD_DIR/app/desktop/capaudit" ]; then
    exec "$BUILD_DIR/app/desktop/capaudit" "$case_file"
fi
if "$cli" report --help >/dev/null 2>&1; then
    "$cli" report "$case_file" --out "$demo/demo-report.pdf"
    echo "No display: wrote the demo report to $demo/demo-report.pdf"
else
    echo "No display: the case is at $case_file; inspect it with '$cli log $case_file' and '$cli verify-case $case_file'."
fi
