// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace capaudit {

// Parses RFC 3339 / ISO 8601 UTC timestamps ("2026-01-02T03:04:05Z", fractional seconds, "+01:00" offsets)
// and the space-separated "YYYY-MM-DD HH:MM:SS" that real billing exports use (taken as UTC).
std::optional<QDateTime> parseTimestamp(QStringView text);

// Same, as Unix seconds; faster path for hot parsers (no QDateTime allocation for the common forms).
std::optional<qint64> parseUnixSeconds(QByteArrayView text);

// "2026-01-02T03:04:05Z"
QString formatTimestamp(const QDateTime& time);
QString formatUnixSeconds(qint64 seconds);

// "5m", "300s", "1h", "2d" -> seconds
std::optional<qint64> parseDuration(QStringView text);

} // namespace capaudit
