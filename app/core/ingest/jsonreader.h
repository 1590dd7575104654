// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "util/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <memory>
#include <optional>

namespace capaudit {

// Reads typed fields out of one JSON object and remembers the first problem, so a predicate parser reads as a list
// of fields instead of a ladder of ifs. Errors name the file and a JSON pointer ("/contract/period/start").
// finish() also rejects keys nobody asked for: a misspelt "overcommitLimit" must not silently fall back to a default.
class JsonObjectReader {
public:
    enum Presence { Required, Optional };

    JsonObjectReader(const QJsonObject& object, QString fileName, QString pointer = {});
    // A reader for a nested object; shares the first-error slot with its parent.
    JsonObjectReader child(const QJsonObject& object, const QString& pointer) const;

    bool has(QLatin1StringView key);
    // The value as is (undefined when absent), for fields of several types; marks KEY as known.
    QJsonValue raw(QLatin1StringView key);
    QString string(QLatin1StringView key, Presence presence = Required); // required: non-empty
    // A string naming a node, tenant, provider or resource class: no control, bidi or zero-width characters.
    QString identifier(QLatin1StringView key, Presence presence = Required);
    std::optional<double> number(QLatin1StringView key, Presence presence = Required); // finite
    // A capacity, price or amount: finite and within ingest::kMaxQuantity.
    std::optional<double> quantity(QLatin1StringView key, Presence presence = Required);
    std::optional<qint64> integer(QLatin1StringView key, Presence presence = Required);
    std::optional<qint64> timestamp(QLatin1StringView key, Presence presence = Required); // RFC 3339 -> Unix s
    std::optional<Period> period(QLatin1StringView key, Presence presence = Required); // {"start","end"}, start < end
    std::optional<QJsonObject> object(QLatin1StringView key, Presence presence = Required);
    std::optional<QJsonArray> array(QLatin1StringView key, Presence presence = Required);
    // An array whose elements must all be objects; calls FN(reader, index) for each.
    template <typename Fn> void forEachObject(QLatin1StringView key, Presence presence, Fn fn);

    QString pointer(QLatin1StringView key) const;
    void fail(const QString& pointer, const QString& reason);
    bool failed() const
    {
        return m_firstError->has_value();
    }
    // Checks for unknown keys, then returns the first error seen by this reader or any child.
    Status finish();

private:
    const QJsonValue* take(QLatin1StringView key, Presence presence, const char* typeName);

    QJsonObject m_object;
    QString m_fileName;
    QString m_pointer;
    QSet<QString> m_used;
    std::shared_ptr<std::optional<Error>> m_firstError;
    QJsonValue m_scratch;
};

template <typename Fn> void JsonObjectReader::forEachObject(QLatin1StringView key, Presence presence, Fn fn)
{
    const auto list = array(key, presence);
    if (!list)
        return;
    for (qsizetype i = 0; i < list->size() && !failed(); ++i) {
        const QString at = pointer(key) + QLatin1Char('/') + QString::number(i);
        if (!list->at(i).isObject()) {
            fail(at, QStringLiteral("expected an object"));
            return;
        }
        JsonObjectReader item = child(list->at(i).toObject(), at);
        fn(item, i);
        if (!failed())
            (void)item.finish();
    }
}

// ISO 8601 duration with fixed-length units ("P30D", "PT720H", "P1W", "P1DT12H30M"); months and years are
// rejected because their length depends on the calendar. Returns seconds.
std::optional<qint64> parseIsoDuration(QStringView text);

} // namespace capaudit
