#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped catalogue must hold every translatable string of the sources: re-scans them (lupdate, the
# update_translations target) and fails when that would change a .ts file, i.e. when a string was added without its
# translation (tst_translation then checks that every entry is translated and keeps its placeholders). The .ts files
# are left exactly as they were either way.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
saved=$(mktemp -d)
trap 'rm -rf "$saved"' EXIT
cp resources/translations/*.ts "$saved/"
cmake --build "$BUILD_DIR" --target update_translations >/dev/null
status=0
for ts in resources/translations/*.ts; do
    if ! cmp -s "$ts" "$saved/$(basename "$ts")"; then
        echo "$ts is not up to date with the sources; lupdate would add or change:" >&2
        diff "$saved/$(basename "$ts")" "$ts" | grep '^>.*<source>' | head -n 20 >&2 || true
        status=1
    fi
    cp "$saved/$(basename "$ts")" "$ts"
done
# English carries only the plural forms; an unfilled one would print "%n finding(s)" as an empty string.
if grep -q 'type="unfinished"' resources/translations/capaudit_en.ts; then
    echo "resources/translations/capaudit_en.ts has unfilled plural forms: run scripts/english-plurals.py" >&2
    status=1
fi
[ "$status" = 0 ] && echo "translations: up to date"
exit "$status"
