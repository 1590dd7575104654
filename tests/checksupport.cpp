// SPDX-License-Identifier: GPL-3.0-or-later
#include "checksupport.h"

#include "store/casestore.h"
#include "util/timeutil.h"

namespace capaudit::test {

using namespace analytics;

CheckReport runCheck(const QString& casePath, const Policy& policy, Period period)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    if (!store)
        qFatal("%s", qPrintable(store.error().toString()));
    CheckOptions options;
    options.policy = policy;
    options.period = period;
    Result<CheckReport> report = runChecks(**store, options);
    if (!report)
        qFatal("%s", qPrintable(report.error().toString()));
    return *report;
}

QList<Finding> findingsOf(const CheckReport& report, const QString& rule)
{
    QList<Finding> out;
    for (const Finding& f : report.findings)
        if (f.ruleId == rule)
            out.append(f);
    return out;
}

qint64 isoSeconds(const QJsonValue& iso)
{
    return parseUnixSeconds(iso.toString().toUtf8()).value_or(-1);
}

Policy policyFromJson(const QByteArray& json)
{
    Result<Policy> p = parsePolicy(json, QStringLiteral("test-policy.json"));
    if (!p)
        qFatal("%s", qPrintable(p.error().toString()));
    return *p;
}

} // namespace capaudit::test
