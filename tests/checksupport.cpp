// SPDX-License-Identifier: GPL-3.0-or-later
#include "checksupport.h"

#include "store/casestore.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

namespace capaudit::test {

using namespace capaudit::analytics;

CheckReport check(const QString& casePath, const Policy& policy, Period period, int threads, bool nodeHours)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    if (!store)
        qFatal("%s", qPrintable(store.error().toString()));
    CheckOptions options;
    options.policy = policy;
    options.period = period;
    options.threads = threads;
    options.useNodeHours = nodeHours;
    Result<CheckReport> report = runChecks(**store, options);
    if (!report)
        qFatal("%s", qPrintable(report.error().toString()));
    return *report;
}

QList<Finding> ofRule(const CheckReport& report, const QString& rule)
{
    QList<Finding> out;
    for (const Finding& f : report.findings)
        if (f.ruleId == rule)
            out.append(f);
    return out;
}

Policy policyFrom(const QByteArray& json)
{
    Result<Policy> p = parsePolicy(json, QStringLiteral("test-policy.json"));
    if (!p)
        qFatal("%s", qPrintable(p.error().toString()));
    return *p;
}

qint64 seconds(const QJsonValue& iso)
{
    return parseUnixSeconds(iso.toString().toUtf8()).value_or(-1);
}

demo::DemoConfig bankConfig(const QString& faults, int days)
{
    demo::DemoConfig config;
    config.seed = 11;
    config.days = days;
    config.stepSeconds = 900;
    config.providers = 3;
    config.nodesPerProvider = 8;
    config.faults = *demo::parseFaultList(faults);
    return config;
}

QString dump(const QList<Finding>& findings)
{
    QStringList lines;
    for (const Finding& f : findings)
        lines.append(QString::fromUtf8(canonicalJson(f.toJson())));
    return lines.join(QLatin1Char('\n'));
}

} // namespace capaudit::test
