// SPDX-License-Identifier: GPL-3.0-or-later
// The strict JSON pre-pass (util/strictjson) that guards every JSON document CapAudit reads, against two other
// parsers on the machine. Differential property: whatever checkStrictJson accepts,
//   - RapidJSON's DOM parser (UTF-8 validated, numbers kept as their text) also accepts, with no duplicate key at
//     any depth and nesting within kMaxJsonDepth (checked here on the DOM, independently of the SAX pre-pass), and
//   - QJsonDocument (what CapAudit then reads) parses to the same tree: same keys, strings and nesting, and each
//     number the double its text reads as, correctly rounded (std::from_chars).
// A disagreement means a document could mean one thing to CapAudit and another to a second verifier.
#include "fuzzsupport.h"
#include "util/strictjson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <charconv>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

using namespace capaudit;

namespace {

QString pathOf(const QString& parent, const QString& step)
{
    return parent + QLatin1Char('/') + step;
}

void compare(const rapidjson::Value& r, const QJsonValue& q, const QString& at, int depth)
{
    if (depth > kMaxJsonDepth + 1)
        fuzz::fail("accepted document nests deeper than kMaxJsonDepth", at);
    if (r.IsObject()) {
        if (!q.isObject())
            fuzz::fail("object in RapidJSON, not in QJsonDocument", at);
        // Keys compared as UTF-8 bytes: QString::fromUtf8 would drop a leading BOM ("\xEF\xBB\xBFdigest" is not
        // "digest"; the first campaign's only finding was this harness conversion, not CapAudit's).
        const QJsonObject object = q.toObject();
        QHash<QByteArray, QJsonValue> byKey;
        for (auto it = object.begin(); it != object.end(); ++it)
            byKey.insert(it.key().toUtf8(), it.value());
        QSet<QByteArray> seen;
        for (auto it = r.MemberBegin(); it != r.MemberEnd(); ++it) {
            const QByteArray key(it->name.GetString(), qsizetype(it->name.GetStringLength()));
            const QString where = pathOf(at, QString::fromUtf8(key));
            if (seen.contains(key))
                fuzz::fail("accepted document has a duplicate key", where);
            seen.insert(key);
            if (!byKey.contains(key))
                fuzz::fail("key lost by QJsonDocument", where);
            compare(it->value, byKey.value(key), where, depth + 1);
        }
        if (qsizetype(seen.size()) != object.size())
            fuzz::fail("object member count differs", at);
    } else if (r.IsArray()) {
        if (!q.isArray() || q.toArray().size() != qsizetype(r.Size()))
            fuzz::fail("array differs", at);
        const QJsonArray array = q.toArray();
        for (rapidjson::SizeType i = 0; i < r.Size(); ++i)
            compare(r[i], array.at(qsizetype(i)), pathOf(at, QString::number(i)), depth + 1);
    } else if (r.IsString() && q.isDouble()) {
        // A number, kept by RapidJSON as its text and read here correctly rounded: RapidJSON 1.1.0's own
        // full-precision conversion has undefined behaviour on a zero mantissa (DiyFp::Normalize calls
        // __builtin_clzll(0) for "0e-200": found by this target's campaign in session 10). The syntax tells a number
        // from a string for both parsers, so the text is a number exactly when Qt read a double.
        const char* text = r.GetString();
        const char* end = text + r.GetStringLength();
        double value = 0;
        const auto [stop, problem] = std::from_chars(text, end, value);
        if (problem != std::errc() || stop != end || value != q.toDouble())
            fuzz::fail("number differs",
                QStringLiteral("%1: text %2, Qt %3")
                    .arg(at, QString::fromUtf8(text, qsizetype(end - text)))
                    .arg(q.toDouble(), 0, 'g', 17));
    } else if (r.IsString()) {
        if (!q.isString() || q.toString().toUtf8() != QByteArray(r.GetString(), qsizetype(r.GetStringLength())))
            fuzz::fail("string differs", at);
    } else if (r.IsBool()) {
        if (!q.isBool() || q.toBool() != r.GetBool())
            fuzz::fail("boolean differs", at);
    } else if (!q.isNull()) {
        fuzz::fail("null differs", at);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    if (!checkStrictJson(input, QStringLiteral("input.json")).ok())
        return 0;
    rapidjson::Document dom;
    dom.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag>(
        input.constData(), input.size());
    if (dom.HasParseError())
        fuzz::fail("strict check accepts what RapidJSON's DOM parser refuses",
            QString::fromLatin1(rapidjson::GetParseError_En(dom.GetParseError())));
    if (!dom.IsObject() && !dom.IsArray())
        return 0; // QJsonDocument has no scalar documents, and CapAudit reads none
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    if (error.error != QJsonParseError::NoError)
        fuzz::fail("strict check accepts what QJsonDocument refuses", error.errorString());
    const QJsonValue root = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    compare(dom, root, QString(), 1);
    return 0;
}
