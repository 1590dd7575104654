// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace capaudit {

// The bundle digest: SHA-256 of a sha256sum-style manifest of every file in the bundle, sorted by path:
//   "<sha256 hex>  <relative path>\n" ...
// so an auditor can reproduce it with standard tools:
//   (cd BUNDLE && find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum) | sha256sum
QByteArray bundleManifest(const QMap<QString, QByteArray>& fileSha256); // path -> raw digest
QString bundleDigest(const QMap<QString, QByteArray>& fileSha256); // lowercase hex

} // namespace capaudit
