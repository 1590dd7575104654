// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace capaudit {

// Parses a JSON object, reporting line and column of a syntax error (QJsonParseError only gives an offset).
// Strict (util/strictjson.h): duplicate keys, invalid UTF-8, lone surrogates, NaN and deep nesting are errors.
Result<QJsonObject> parseJsonObject(const QByteArray& bytes, const QString& fileName);

// Canonical form used for digests and byte-identical output: keys sorted (QJsonObject keeps them sorted),
// compact, UTF-8.
QByteArray canonicalJson(const QJsonObject& object);
QByteArray canonicalJson(const QJsonArray& array);

// Pretty form for files people read; still sorted, so re-running a command gives identical bytes.
QByteArray prettyJson(const QJsonObject& object);

// Base64 in either the standard or URL-safe alphabet, padded or not (DSSE requires accepting both).
std::optional<QByteArray> decodeBase64Any(QByteArrayView text);
// As decodeBase64Any, but only the canonical encoding of the result is accepted (no ignored trailing bits, padding
// either complete or absent), so that every character of evidence metadata is accounted for.
std::optional<QByteArray> decodeBase64Strict(QByteArrayView text);

// Writes to PATH via a temporary file in the same directory and an atomic rename: a crash leaves the old file or the
// new.
Status writeFileAtomically(const QString& path, const QByteArray& bytes);

} // namespace capaudit
