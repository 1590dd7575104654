// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/comparisontext.h"

#include <QCoreApplication>

namespace capaudit::analytics {

namespace {

QString severityWord(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QCoreApplication::translate("capaudit::ComparisonText", "critical");
    case Severity::High:
        return QCoreApplication::translate("capaudit::ComparisonText", "high");
    case Severity::Medium:
        return QCoreApplication::translate("capaudit::ComparisonText", "medium");
    case Severity::Low:
        return QCoreApplication::translate("capaudit::ComparisonText", "low");
    case Severity::Info:
        break;
    }
    return QCoreApplication::translate("capaudit::ComparisonText", "info");
}

} // namespace

QString localizedAdjustmentNote(const BidderScore& score)
{
    return detail::adjustmentNote(score,
        { QCoreApplication::translate("capaudit::ComparisonText", "%1 %2 → %3 (%4)"),
            QCoreApplication::translate("capaudit::ComparisonText", "%1 %2 ×%3: −%4"),
            QCoreApplication::translate("capaudit::ComparisonText",
                "%1: findings lowered %2; total %3 → %4, rank %5 (%6 without the findings)."),
            [](const QString& id) { return localizedCriterionTitle(id, id); }, severityWord });
}

QStringList localizedNotes(const BidComparison& comparison)
{
    QStringList out;
    for (const QString& note : comparison.notes) {
        QString said = note;
        for (const BidderScore& b : comparison.bidders)
            if (!b.adjustments.isEmpty() && detail::adjustmentNote(b) == note)
                said = localizedAdjustmentNote(b);
        out.append(said);
    }
    return out;
}

QString localizedVerdict(const BidComparison& comparison)
{
    if (comparison.stable)
        return QCoreApplication::translate("capaudit::ComparisonText", "ranking stable");
    QStringList sensitive;
    for (const SensitivityFlip& flip : comparison.flips) {
        const QString title = localizedCriterionTitle(flip.criterion, flip.criterion);
        if (!sensitive.contains(title))
            sensitive.append(title);
    }
    return QCoreApplication::translate("capaudit::ComparisonText", "ranking sensitive to %1")
        .arg(sensitive.join(QStringLiteral(", ")));
}

} // namespace capaudit::analytics
