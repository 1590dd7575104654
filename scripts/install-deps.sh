#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs everything CapAudit needs to build, test and package on Debian 12 (bookworm).
# Used by the README's set-up commands and by .ci/run, so both stay in step.
set -euo pipefail
packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6svg6 qt6-qpa-plugins
    libqcustomplot-dev libqcustomplot2.1-qt6
    libssl-dev openssl
    rapidjson-dev
    libsqlite3-dev sqlite3
    libzstd-dev
    libarchive-dev
    clang-14 libfuzzer-14-dev
    libgl-dev
    fonts-dejavu-core fonts-noto-cjk
    xvfb xauth imagemagick poppler-utils
    desktop-file-utils appstream lintian file libxml2-utils libglib2.0-bin
    util-linux
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
