// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/policy.h"

#include "analytics/rulecatalog.h"
#include "crypto/digest.h"
#include "util/jsonutil.h"

#include <QFile>

namespace capaudit::analytics {
namespace {

const QStringList kTopLevelKeys = { QStringLiteral("name"), QStringLiteral("description"),
    QStringLiteral("failingSeverity"), QStringLiteral("rules"), QStringLiteral("billing") };
const QStringList kRuleKeys = { QStringLiteral("enabled"), QStringLiteral("severity"), QStringLiteral("thresholds") };

Error fieldError(const QString& file, const QString& pointer, const QString& reason)
{
    return Error(file, 0, pointer, reason);
}

Result<Severity> readSeverity(const QJsonValue& value, const QString& file, const QString& pointer)
{
    const std::optional<Severity> severity = severityFromName(value.toString());
    if (!value.isString() || !severity)
        return fieldError(file, pointer, QStringLiteral("expected one of info, low, medium, high, critical"));
    return *severity;
}

Status readRule(const QString& id, const QJsonValue& value, const QString& file, RulePolicy& rule)
{
    const RuleInfo* info = findRule(id);
    const QString base = QStringLiteral("/rules/") + id;
    if (!info)
        return fieldError(file, base, QStringLiteral("unknown rule id (docs/analytics.md lists the rules)"));
    if (!value.isObject())
        return fieldError(file, base, QStringLiteral("expected an object"));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!kRuleKeys.contains(it.key()))
            return fieldError(file, base + QLatin1Char('/') + it.key(), QStringLiteral("unknown key"));
    if (object.contains(QStringLiteral("enabled"))) {
        if (!object.value(QStringLiteral("enabled")).isBool())
            return fieldError(file, base + QStringLiteral("/enabled"), QStringLiteral("expected true or false"));
        rule.enabled = object.value(QStringLiteral("enabled")).toBool();
    }
    if (object.contains(QStringLiteral("severity"))) {
        Result<Severity> severity =
            readSeverity(object.value(QStringLiteral("severity")), file, base + QStringLiteral("/severity"));
        if (!severity)
            return severity.error();
        rule.severity = *severity;
    }
    const QJsonValue thresholds = object.value(QStringLiteral("thresholds"));
    if (!thresholds.isUndefined() && !thresholds.isObject())
        return fieldError(file, base + QStringLiteral("/thresholds"), QStringLiteral("expected an object"));
    const QJsonObject given = thresholds.toObject();
    for (auto it = given.begin(); it != given.end(); ++it) {
        const QString pointer = base + QStringLiteral("/thresholds/") + it.key();
        const auto known = std::find_if(info->thresholds.begin(), info->thresholds.end(),
            [&](const ThresholdInfo& t) { return t.key == it.key(); });
        if (known == info->thresholds.end())
            return fieldError(file, pointer, QStringLiteral("unknown threshold for this rule"));
        if (!it.value().isDouble())
            return fieldError(file, pointer, QStringLiteral("expected a number"));
        const double v = it.value().toDouble();
        if (v < known->minimum || v > known->maximum)
            return fieldError(
                file, pointer, QStringLiteral("%1 is outside %2..%3").arg(v).arg(known->minimum).arg(known->maximum));
        rule.thresholds.insert(it.key(), v);
    }
    return Status::success();
}

RulePolicy defaultsFor(const RuleInfo& info)
{
    RulePolicy rule;
    rule.severity = info.defaultSeverity;
    for (const ThresholdInfo& t : info.thresholds)
        rule.thresholds.insert(t.key, t.defaultValue);
    return rule;
}

} // namespace

double Policy::threshold(const QString& ruleId, const QString& key) const
{
    const QJsonValue v = rules.value(ruleId).thresholds.value(key);
    if (v.isDouble())
        return v.toDouble();
    if (const RuleInfo* info = findRule(ruleId))
        for (const ThresholdInfo& t : info->thresholds)
            if (t.key == key)
                return t.defaultValue;
    return 0;
}

bool Policy::enabled(const QString& ruleId) const
{
    return rules.contains(ruleId) && rules.value(ruleId).enabled;
}

Severity Policy::severity(const QString& ruleId) const
{
    return rules.value(ruleId).severity;
}

QJsonObject Policy::toJson() const
{
    QJsonObject ruleJson;
    for (auto it = rules.begin(); it != rules.end(); ++it)
        ruleJson.insert(it.key(),
            QJsonObject { { QStringLiteral("enabled"), it->enabled },
                { QStringLiteral("severity"), severityName(it->severity) },
                { QStringLiteral("thresholds"), it->thresholds } });
    return { { QStringLiteral("name"), name }, { QStringLiteral("description"), description },
        { QStringLiteral("failingSeverity"), severityName(failingSeverity) }, { QStringLiteral("rules"), ruleJson },
        { QStringLiteral("billing"), QJsonObject { { QStringLiteral("nonConformantRows"), nonConformantRows } } } };
}

QByteArray Policy::canonicalBytes() const
{
    return canonicalJson(toJson());
}

QString Policy::digest() const
{
    return crypto::sha256Hex(canonicalBytes());
}

Result<Policy> parsePolicy(const QByteArray& bytes, const QString& fileName)
{
    Result<QJsonObject> json = parseJsonObject(bytes, fileName);
    if (!json)
        return json.error();
    for (auto it = json->begin(); it != json->end(); ++it)
        if (!kTopLevelKeys.contains(it.key()))
            return fieldError(fileName, QLatin1Char('/') + it.key(), QStringLiteral("unknown key"));
    Policy policy;
    policy.name = json->value(QStringLiteral("name")).toString();
    if (policy.name.isEmpty())
        return fieldError(fileName, QStringLiteral("/name"), QStringLiteral("a policy needs a name"));
    policy.description = json->value(QStringLiteral("description")).toString();
    if (json->contains(QStringLiteral("failingSeverity"))) {
        Result<Severity> failing =
            readSeverity(json->value(QStringLiteral("failingSeverity")), fileName, QStringLiteral("/failingSeverity"));
        if (!failing)
            return failing.error();
        policy.failingSeverity = *failing;
    }
    if (const QJsonValue billing = json->value(QStringLiteral("billing")); !billing.isUndefined()) {
        if (!billing.isObject())
            return fieldError(fileName, QStringLiteral("/billing"), QStringLiteral("expected an object"));
        const QJsonObject object = billing.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            if (it.key() != QLatin1String("nonConformantRows"))
                return fieldError(fileName, QStringLiteral("/billing/") + it.key(), QStringLiteral("unknown key"));
        if (object.contains(QStringLiteral("nonConformantRows"))) {
            const QString mode = object.value(QStringLiteral("nonConformantRows")).toString();
            if (mode != QLatin1String("quarantine") && mode != QLatin1String("reject"))
                return fieldError(fileName, QStringLiteral("/billing/nonConformantRows"),
                    QStringLiteral("expected \"quarantine\" or \"reject\""));
            policy.nonConformantRows = mode;
        }
    }
    // Rules the file does not mention run with their catalog defaults, so a policy written for an older CapAudit
    // still checks everything; the stored (complete) form shows exactly what ran.
    for (const RuleInfo& info : ruleCatalog())
        policy.rules.insert(info.id, defaultsFor(info));
    const QJsonValue rules = json->value(QStringLiteral("rules"));
    if (!rules.isUndefined() && !rules.isObject())
        return fieldError(fileName, QStringLiteral("/rules"), QStringLiteral("expected an object keyed by rule id"));
    const QJsonObject ruleObject = rules.toObject();
    for (auto it = ruleObject.begin(); it != ruleObject.end(); ++it) {
        RulePolicy rule = policy.rules.value(it.key());
        if (Status s = readRule(it.key(), it.value(), fileName, rule); !s)
            return s.error();
        policy.rules.insert(it.key(), rule);
    }
    return policy;
}

Result<Policy> loadPolicyFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, QStringLiteral("cannot read policy: %1").arg(file.errorString()));
    return parsePolicy(file.readAll(), path);
}

QByteArray defaultPolicyBytes()
{
    QFile file(QStringLiteral(":/capaudit/policies/default-policy.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("default policy resource missing from the build");
    return file.readAll();
}

Policy defaultPolicy()
{
    Result<Policy> policy = parsePolicy(defaultPolicyBytes(), QStringLiteral("default-policy.json"));
    if (!policy)
        qFatal("built-in default policy is invalid: %s", qPrintable(policy.error().toString()));
    return *policy;
}

} // namespace capaudit::analytics
