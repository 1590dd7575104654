#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped catalogue must hold every translatable string of the sources: re-scans them (lupdate, the
# update_translations target) and fails when that changed the .ts files, i.e. when a string was added without its
# translation (tst_translation then checks that every entry is translated and keeps its placeholders).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake --build "$BUILD_DIR" --target update_translations >/dev/null
if ! git diff --quiet -- resources/translations; then
    echo "resources/translations is not up to date with the sources (lupdate changed it):" >&2
    git diff --stat -- resources/translations >&2
    git diff -- resources/translations | grep '^+.*<source>' | head -n 20 >&2 || true
    git checkout -- resources/translations
    exit 1
fi
echo "translations: up to date"
