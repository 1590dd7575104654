// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/jsonfields.h"

#include "util/jsonutil.h"

namespace capaudit::sigstore::detail {

Result<QJsonObject> JsonReader::object(const QJsonObject& parent, const QString& key, const QString& path) const
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined() || value.isNull())
        return error(path, QStringLiteral("missing"));
    if (!value.isObject())
        return error(path, QStringLiteral("expected an object"));
    return value.toObject();
}

Result<QByteArray> JsonReader::bytes(const QJsonValue& value, const QString& path) const
{
    if (value.isUndefined() || value.isNull())
        return error(path, QStringLiteral("missing"));
    if (!value.isString())
        return error(path, QStringLiteral("expected a base64 string"));
    // Go's and Python's decoders skip line breaks, and producers that pipe through `base64` wrap at 76 columns.
    QByteArray text = value.toString().toLatin1();
    text.replace('\n', QByteArray()).replace('\r', QByteArray());
    const auto decoded = decodeBase64Any(text);
    if (!decoded)
        return error(path, QStringLiteral("not valid base64"));
    if (decoded->isEmpty())
        return error(path, QStringLiteral("empty"));
    return *decoded;
}

Result<qint64> JsonReader::int64(const QJsonValue& value, const QString& path) const
{
    if (value.isUndefined() || value.isNull())
        return error(path, QStringLiteral("missing"));
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d != static_cast<double>(static_cast<qint64>(d)))
            return error(path, QStringLiteral("not an integer"));
        return static_cast<qint64>(d);
    }
    if (!value.isString())
        return error(path, QStringLiteral("expected an integer"));
    bool ok = false;
    const qint64 parsed = value.toString().toLongLong(&ok);
    if (!ok)
        return error(path, QStringLiteral("'%1' is not an integer").arg(value.toString()));
    return parsed;
}

Result<QString> JsonReader::string(const QJsonValue& value, const QString& path) const
{
    if (value.isUndefined() || value.isNull())
        return error(path, QStringLiteral("missing"));
    if (!value.isString() || value.toString().isEmpty())
        return error(path, QStringLiteral("expected a non-empty string"));
    return value.toString();
}

} // namespace capaudit::sigstore::detail
