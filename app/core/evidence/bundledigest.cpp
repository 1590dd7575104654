// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/bundledigest.h"

#include "crypto/digest.h"

namespace capaudit {

QByteArray bundleManifest(const QMap<QString, QByteArray>& fileSha256)
{
    // QMap<QString> orders by UTF-16 code units, which matches byte order for the ASCII paths bundles use;
    // sort explicitly by UTF-8 bytes so non-ASCII names agree with `LC_ALL=C sort`.
    QList<QByteArray> paths;
    for (auto it = fileSha256.begin(); it != fileSha256.end(); ++it)
        paths.append(it.key().toUtf8());
    std::sort(paths.begin(), paths.end());
    QByteArray manifest;
    for (const QByteArray& p : paths)
        manifest += fileSha256.value(QString::fromUtf8(p)).toHex() + "  " + p + '\n';
    return manifest;
}

QString bundleDigest(const QMap<QString, QByteArray>& fileSha256)
{
    return crypto::sha256Hex(bundleManifest(fileSha256));
}

} // namespace capaudit
