// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/jsonutil.h"

#include "util/strictjson.h"

#include <QJsonArray>
#include <QSaveFile>

namespace capaudit {

Result<QJsonObject> parseJsonObject(const QByteArray& bytes, const QString& fileName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArray head = bytes.left(error.offset);
        const qint64 line = head.count('\n') + 1;
        const qint64 column = error.offset - (head.lastIndexOf('\n') + 1) + 1;
        return Error(
            fileName, line, {}, QStringLiteral("invalid JSON at column %1: %2").arg(column).arg(error.errorString()));
    }
    // QJsonDocument has accepted the syntax; the strict pass refuses what it would silently resolve (duplicate keys)
    // or let through (lone surrogates, excessive depth), so no two readers of these bytes see different documents.
    if (Status strict = checkStrictJson(bytes, fileName); !strict)
        return strict.error();
    if (!doc.isObject())
        return Error(fileName, QStringLiteral("expected a JSON object at the top level"));
    return doc.object();
}

QByteArray canonicalJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray canonicalJson(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QByteArray prettyJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<QByteArray> decodeBase64Any(QByteArrayView text)
{
    QByteArray normalized = text.trimmed().toByteArray();
    if (normalized.contains('-') || normalized.contains('_')) {
        if (normalized.contains('+') || normalized.contains('/'))
            return std::nullopt; // mixed alphabets are a sign of corruption, not a dialect
        normalized.replace('-', '+').replace('_', '/');
    }
    while (normalized.size() % 4 != 0)
        normalized.append('=');
    auto decoded = QByteArray::fromBase64Encoding(normalized, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

std::optional<QByteArray> decodeBase64Strict(QByteArrayView text)
{
    const auto decoded = decodeBase64Any(text);
    if (!decoded)
        return std::nullopt;
    const bool urlSafe = text.contains('-') || text.contains('_');
    const bool padded = text.endsWith('=');
    QByteArray::Base64Options options = urlSafe ? QByteArray::Base64UrlEncoding : QByteArray::Base64Encoding;
    if (!padded)
        options |= QByteArray::OmitTrailingEquals;
    if (decoded->toBase64(options) != text)
        return std::nullopt;
    return decoded;
}

Status writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    return {};
}

} // namespace capaudit
