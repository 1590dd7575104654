// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/finding.h"

#include "crypto/digest.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <algorithm>
#include <array>

namespace capaudit::analytics {
namespace {

constexpr std::array<const char*, 5> kSeverityNames = { "info", "low", "medium", "high", "critical" };

void insertNumber(QJsonObject& json, const char* key, double value)
{
    if (!isMissing(value))
        json.insert(QLatin1String(key), value);
}

void insertText(QJsonObject& json, const char* key, const QString& value)
{
    if (!value.isEmpty())
        json.insert(QLatin1String(key), value);
}

double numberOr(const QJsonObject& json, const char* key)
{
    const QJsonValue v = json.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : kMissing;
}

} // namespace

QString severityName(Severity severity)
{
    return QString::fromLatin1(kSeverityNames.at(static_cast<size_t>(severity)));
}

std::optional<Severity> severityFromName(QStringView name)
{
    for (size_t i = 0; i < kSeverityNames.size(); ++i)
        if (name == QLatin1String(kSeverityNames[i]))
            return static_cast<Severity>(i);
    return std::nullopt;
}

QJsonObject EvidenceRef::toJson() const
{
    QJsonObject json { { QStringLiteral("bundle"), bundleDigest } };
    insertText(json, "file", file);
    if (firstLine > 0) {
        json.insert(QStringLiteral("firstLine"), firstLine);
        json.insert(QStringLiteral("lastLine"), qMax(firstLine, lastLine));
    }
    insertText(json, "note", note);
    return json;
}

EvidenceRef EvidenceRef::fromJson(const QJsonObject& json)
{
    EvidenceRef ref;
    ref.bundleDigest = json.value(QStringLiteral("bundle")).toString();
    ref.file = json.value(QStringLiteral("file")).toString();
    ref.firstLine = json.value(QStringLiteral("firstLine")).toInteger();
    ref.lastLine = json.value(QStringLiteral("lastLine")).toInteger();
    ref.note = json.value(QStringLiteral("note")).toString();
    return ref;
}

void Finding::assignId()
{
    const QJsonObject scope { { QStringLiteral("rule"), ruleId }, { QStringLiteral("provider"), provider },
        { QStringLiteral("node"), node }, { QStringLiteral("tenant"), tenant },
        { QStringLiteral("resourceClass"), resourceClass }, { QStringLiteral("region"), region },
        { QStringLiteral("start"), range.start }, { QStringLiteral("end"), range.end },
        { QStringLiteral("subject"), details.value(QStringLiteral("subject")) } };
    id = ruleId + QLatin1Char('/') + crypto::sha256Hex(canonicalJson(scope)).left(10);
}

QJsonObject Finding::toJson() const
{
    QJsonObject json { { QStringLiteral("id"), id }, { QStringLiteral("rule"), ruleId },
        { QStringLiteral("severity"), severityName(severity) }, { QStringLiteral("title"), title } };
    insertText(json, "provider", provider);
    insertText(json, "node", node);
    insertText(json, "tenant", tenant);
    insertText(json, "resourceClass", resourceClass);
    insertText(json, "region", region);
    if (range.end > range.start) {
        json.insert(QStringLiteral("start"), formatUnixSeconds(range.start));
        json.insert(QStringLiteral("end"), formatUnixSeconds(range.end));
    }
    insertNumber(json, "measured", measured);
    insertNumber(json, "expected", expected);
    insertText(json, "unit", unit);
    insertNumber(json, "amount", amount);
    insertText(json, "currency", currency);
    QJsonArray refs;
    for (const EvidenceRef& ref : evidence)
        refs.append(ref.toJson());
    json.insert(QStringLiteral("evidence"), refs);
    if (!details.isEmpty())
        json.insert(QStringLiteral("details"), details);
    if (!message.isEmpty())
        json.insert(QStringLiteral("message"), message.toJson());
    return json;
}

void Finding::say(const char* messageId, const char* templateText, QList<MessageArg> args)
{
    message = { QString::fromLatin1(messageId), QString::fromUtf8(templateText), std::move(args) };
    title = message.english();
}

QString localizedTitle(const Finding& finding)
{
    return finding.message.isEmpty() ? finding.title : finding.message.localized();
}

Result<Finding> Finding::fromJson(const QJsonObject& json)
{
    Finding f;
    f.id = json.value(QStringLiteral("id")).toString();
    f.ruleId = json.value(QStringLiteral("rule")).toString();
    const std::optional<Severity> severity = severityFromName(json.value(QStringLiteral("severity")).toString());
    if (f.id.isEmpty() || f.ruleId.isEmpty() || !severity)
        return Error(QString(), 0, QStringLiteral("finding"), QStringLiteral("id, rule or severity missing"));
    f.severity = *severity;
    f.title = json.value(QStringLiteral("title")).toString();
    f.provider = json.value(QStringLiteral("provider")).toString();
    f.node = json.value(QStringLiteral("node")).toString();
    f.tenant = json.value(QStringLiteral("tenant")).toString();
    f.resourceClass = json.value(QStringLiteral("resourceClass")).toString();
    f.region = json.value(QStringLiteral("region")).toString();
    if (json.contains(QStringLiteral("start"))) {
        const std::optional<qint64> start = parseUnixSeconds(json.value(QStringLiteral("start")).toString().toUtf8());
        const std::optional<qint64> end = parseUnixSeconds(json.value(QStringLiteral("end")).toString().toUtf8());
        if (!start || !end)
            return Error(QString(), 0, QStringLiteral("start/end"), QStringLiteral("not ISO 8601 UTC"));
        f.range = { *start, *end };
    }
    f.measured = numberOr(json, "measured");
    f.expected = numberOr(json, "expected");
    f.unit = json.value(QStringLiteral("unit")).toString();
    f.amount = numberOr(json, "amount");
    f.currency = json.value(QStringLiteral("currency")).toString();
    const QJsonArray refs = json.value(QStringLiteral("evidence")).toArray();
    for (const QJsonValue& ref : refs)
        f.evidence.append(EvidenceRef::fromJson(ref.toObject()));
    f.details = json.value(QStringLiteral("details")).toObject();
    f.message = FindingMessage::fromJson(json.value(QStringLiteral("message")).toObject());
    return f;
}

void sortFindings(QList<Finding>& findings)
{
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return std::tie(a.ruleId, a.provider, a.node, a.tenant, a.resourceClass, a.range.start, a.id)
            < std::tie(b.ruleId, b.provider, b.node, b.tenant, b.resourceClass, b.range.start, b.id);
    });
}

} // namespace capaudit::analytics
