// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/jsonreader.h"

#include "ingest/identifiers.h"
#include "util/timeutil.h"

#include <cmath>

namespace capaudit {

JsonObjectReader::JsonObjectReader(const QJsonObject& object, QString fileName, QString pointer)
    : m_object(object)
    , m_fileName(std::move(fileName))
    , m_pointer(std::move(pointer))
    , m_firstError(std::make_shared<std::optional<Error>>())
{
}

JsonObjectReader JsonObjectReader::child(const QJsonObject& object, const QString& pointer) const
{
    JsonObjectReader reader(object, m_fileName, pointer);
    reader.m_firstError = m_firstError;
    return reader;
}

QString JsonObjectReader::pointer(QLatin1StringView key) const
{
    return m_pointer + QLatin1Char('/') + key;
}

void JsonObjectReader::fail(const QString& at, const QString& reason)
{
    if (!m_firstError->has_value())
        *m_firstError = Error(m_fileName, 0, at, reason);
}

bool JsonObjectReader::has(QLatin1StringView key)
{
    return m_object.contains(key);
}

QJsonValue JsonObjectReader::raw(QLatin1StringView key)
{
    m_used.insert(key);
    return m_object.value(key);
}

const QJsonValue* JsonObjectReader::take(QLatin1StringView key, Presence presence, const char* typeName)
{
    m_used.insert(key);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd() || it->isNull()) {
        if (presence == Required)
            fail(pointer(key), QStringLiteral("missing (expected %1)").arg(QLatin1StringView(typeName)));
        return nullptr;
    }
    m_scratch = *it;
    return &m_scratch;
}

QString JsonObjectReader::string(QLatin1StringView key, Presence presence)
{
    const QJsonValue* v = take(key, presence, "a string");
    if (!v)
        return {};
    if (!v->isString()) {
        fail(pointer(key), QStringLiteral("expected a string"));
        return {};
    }
    QString s = v->toString();
    if (presence == Required && s.trimmed().isEmpty())
        fail(pointer(key), QStringLiteral("must not be empty"));
    return s;
}

QString JsonObjectReader::identifier(QLatin1StringView key, Presence presence)
{
    const QString s = string(key, presence);
    if (QString problem = ingest::identifierProblem(QStringView(s)); !problem.isEmpty())
        fail(pointer(key), QStringLiteral("the name ") + problem);
    return s;
}

std::optional<double> JsonObjectReader::number(QLatin1StringView key, Presence presence)
{
    const QJsonValue* v = take(key, presence, "a number");
    if (!v)
        return std::nullopt;
    if (!v->isDouble() || !std::isfinite(v->toDouble())) {
        fail(pointer(key), QStringLiteral("expected a finite number"));
        return std::nullopt;
    }
    return v->toDouble();
}

std::optional<double> JsonObjectReader::quantity(QLatin1StringView key, Presence presence)
{
    const auto n = number(key, presence);
    if (!n)
        return std::nullopt;
    if (QString problem = ingest::quantityProblem(*n); !problem.isEmpty()) {
        fail(pointer(key), QStringLiteral("the quantity ") + problem);
        return std::nullopt;
    }
    return n;
}

std::optional<qint64> JsonObjectReader::integer(QLatin1StringView key, Presence presence)
{
    const auto n = number(key, presence);
    if (!n)
        return std::nullopt;
    if (std::floor(*n) != *n || std::fabs(*n) > 9.0e15) {
        fail(pointer(key), QStringLiteral("expected an integer"));
        return std::nullopt;
    }
    return static_cast<qint64>(*n);
}

std::optional<qint64> JsonObjectReader::timestamp(QLatin1StringView key, Presence presence)
{
    const QString text = string(key, presence);
    if (text.isEmpty())
        return std::nullopt;
    const auto seconds = parseUnixSeconds(text.toLatin1());
    // Date-only values are accepted by parseUnixSeconds for billing exports; predicates state instants.
    if (!seconds || text.size() < 20) {
        fail(pointer(key), QStringLiteral("'%1' is not an RFC 3339 time like 2026-01-01T00:00:00Z").arg(text));
        return std::nullopt;
    }
    return seconds;
}

std::optional<Period> JsonObjectReader::period(QLatin1StringView key, Presence presence)
{
    const auto obj = object(key, presence);
    if (!obj)
        return std::nullopt;
    JsonObjectReader r = child(*obj, pointer(key));
    const auto start = r.timestamp(QLatin1StringView("start"));
    const auto end = r.timestamp(QLatin1StringView("end"));
    if (!r.finish().ok() || !start || !end)
        return std::nullopt;
    if (*end <= *start) {
        r.fail(r.pointer(QLatin1StringView("end")), QStringLiteral("period end must be after its start"));
        return std::nullopt;
    }
    return Period { *start, *end };
}

std::optional<QJsonObject> JsonObjectReader::object(QLatin1StringView key, Presence presence)
{
    const QJsonValue* v = take(key, presence, "an object");
    if (!v)
        return std::nullopt;
    if (!v->isObject()) {
        fail(pointer(key), QStringLiteral("expected an object"));
        return std::nullopt;
    }
    return v->toObject();
}

std::optional<QJsonArray> JsonObjectReader::array(QLatin1StringView key, Presence presence)
{
    const QJsonValue* v = take(key, presence, "an array");
    if (!v)
        return std::nullopt;
    if (!v->isArray()) {
        fail(pointer(key), QStringLiteral("expected an array"));
        return std::nullopt;
    }
    return v->toArray();
}

Status JsonObjectReader::finish()
{
    if (!failed()) {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!m_used.contains(it.key())) {
                fail(m_pointer + QLatin1Char('/') + it.key(), QStringLiteral("unknown key"));
                break;
            }
        }
    }
    if (m_firstError->has_value())
        return **m_firstError;
    return {};
}

std::optional<qint64> parseIsoDuration(QStringView text)
{
    if (text.size() < 3 || text.front() != u'P')
        return std::nullopt;
    qint64 total = 0;
    bool inTime = false;
    bool any = false;
    bool timePart = false; // "P1DT" has a T but no time component
    qint64 value = -1;
    for (qsizetype i = 1; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isDigit()) {
            value = (value < 0 ? 0 : value) * 10 + c.digitValue();
            if (value > 1'000'000'000)
                return std::nullopt;
            continue;
        }
        if (c == u'T') {
            if (inTime || value >= 0)
                return std::nullopt;
            inTime = true;
            continue;
        }
        if (value < 0)
            return std::nullopt;
        qint64 unit = 0;
        if (!inTime && c == u'W')
            unit = 7 * 86400;
        else if (!inTime && c == u'D')
            unit = 86400;
        else if (inTime && c == u'H')
            unit = 3600;
        else if (inTime && c == u'M')
            unit = 60;
        else if (inTime && c == u'S')
            unit = 1;
        else
            return std::nullopt; // Y and date-part M: calendar-dependent; fractions: not needed
        total += value * unit;
        value = -1;
        any = true;
        timePart = timePart || inTime;
    }
    if (!any || value >= 0 || total <= 0 || (inTime && !timePart))
        return std::nullopt;
    return total;
}

} // namespace capaudit
