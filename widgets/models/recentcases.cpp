// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/recentcases.h"

#include "analytics/assessment.h"
#include "models/periodtext.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace capaudit {

namespace {

const QString kInfoKey = QStringLiteral("recentCaseInfo");

QString tr(const char* text)
{
    return QCoreApplication::translate("capaudit::RecentCases", text);
}

} // namespace

QString verdictSummary(const analytics::CheckReport& report, int* worstAssessment)
{
    const QList<analytics::ProviderAssessment> rows = analytics::assessProviders(report);
    int failing = 0, unassessed = 0;
    for (const analytics::ProviderAssessment& a : rows) {
        failing += a.assessment == analytics::Assessment::NotCompliant;
        unassessed += a.assessment == analytics::Assessment::NotAssessed;
    }
    analytics::Assessment worst = analytics::Assessment::Compliant;
    QString text;
    if (rows.isEmpty()) {
        worst = analytics::Assessment::NotAssessed;
        text = tr("Not assessed: no evidence");
    } else if (failing > 0) {
        worst = analytics::Assessment::NotCompliant;
        text = tr("Not compliant: %1 of %2 providers").arg(failing).arg(rows.size());
    } else if (unassessed > 0) {
        worst = analytics::Assessment::NotAssessed;
        text = tr("Not assessed: %1 of %2 providers").arg(unassessed).arg(rows.size());
    } else {
        text = report.findings.isEmpty() ? tr("Compliant") : tr("Compliant, with findings");
    }
    if (worstAssessment)
        *worstAssessment = int(worst);
    return text;
}

void rememberCaseSummary(const QString& path, const QString& name, const analytics::CheckReport& report)
{
    QSettings settings;
    QVariantMap all = settings.value(kInfoKey).toMap();
    QStringList providers;
    Period covered; // what the telemetry covers, as the overview's period line says
    for (const analytics::ProviderFacts& p : report.providers) {
        providers << p.provider;
        const Period& t = p.telemetryPeriod;
        if (t.end <= t.start)
            continue;
        covered = covered.end <= covered.start
            ? t
            : Period { std::min(covered.start, t.start), std::max(covered.end, t.end) };
    }
    int worst = -1;
    const QString verdict = verdictSummary(report, &worst);
    all.insert(path,
        QVariantMap { { QStringLiteral("name"), name }, { QStringLiteral("period"), periodText(covered) },
            { QStringLiteral("providers"), providers }, { QStringLiteral("verdict"), verdict },
            { QStringLiteral("assessment"), worst } });
    // Only the cases still in the recent list are worth keeping.
    const QStringList recent = settings.value(QStringLiteral("recentCases")).toStringList();
    for (const QString& key : all.keys())
        if (key != path && !recent.contains(key))
            all.remove(key);
    settings.setValue(kInfoKey, all);
}

QList<RecentCase> recentCases()
{
    QSettings settings;
    const QVariantMap info = settings.value(kInfoKey).toMap();
    QList<RecentCase> out;
    for (const QString& path : settings.value(QStringLiteral("recentCases")).toStringList()) {
        RecentCase c;
        c.path = path;
        c.exists = QFileInfo(path).isFile();
        const QVariantMap m = info.value(path).toMap();
        c.name = m.value(QStringLiteral("name")).toString();
        if (c.name.isEmpty())
            c.name = QFileInfo(path).completeBaseName();
        c.period = m.value(QStringLiteral("period")).toString();
        c.providers = m.value(QStringLiteral("providers")).toStringList();
        c.verdict = m.value(QStringLiteral("verdict")).toString();
        c.assessment = m.value(QStringLiteral("assessment"), -1).toInt();
        out.append(c);
    }
    return out;
}

} // namespace capaudit
