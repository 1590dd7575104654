// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace capaudit::sigstore::detail {

// Readers for the proto3 JSON mapping that Sigstore files use: bytes are base64 (standard or URL-safe),
// int64 may be a decimal string or a number. Each returns an Error naming FILE and the JSON path on bad input.
struct JsonReader {
    QString file;

    Error error(const QString& path, const QString& reason) const
    {
        return Error(file, 0, path, reason);
    }
    Result<QJsonObject> object(const QJsonObject& parent, const QString& key, const QString& path) const;
    Result<QByteArray> bytes(const QJsonValue& value, const QString& path) const; // required, non-empty
    Result<qint64> int64(const QJsonValue& value, const QString& path) const; // required
    Result<QString> string(const QJsonValue& value, const QString& path) const; // required, non-empty
};

} // namespace capaudit::sigstore::detail
