// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportdata.h"

#include <QByteArray>
#include <QJsonObject>

namespace capaudit::reports {

// The canonical report manifest (docs/report.md): what the report was derived from and every option that changes
// its content, but no time and no machine fact, so the same case and options always give the same digest.
QJsonObject reportManifest(const ReportData& data, const ReportOptions& options);
QByteArray manifestCanonicalBytes(const QJsonObject& manifest); // compact, keys sorted, UTF-8
QString manifestDigest(const QJsonObject& manifest); // SHA-256 hex of the canonical bytes

// SHA-256 hex over the sorted bundle digests, one per line ("d1\nd2\n…\n").
QString evidenceDigest(QStringList bundleDigests);

} // namespace capaudit::reports
