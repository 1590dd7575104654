// SPDX-License-Identifier: GPL-3.0-or-later
// The verdict in the bid comparison: a bidder's findings lower the criterion their rule judges, so a provider with a
// critical sovereignty finding cannot score "delivery 100" on the strength of its own capacity figures.
#include "analytics/comparison.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace capaudit::analytics {

QString criterionOfRule(const QString& ruleId)
{
    // By the rule's family, so rules added later land somewhere: what was delivered and where (capacity, sovereignty,
    // the attested inventory, an independent meter contradicting the provider's delivery), the SLA, the bill, and
    // everything about the evidence itself (integrity, assurance, coverage and time of the telemetry, the attestation's
    // versions) as assurance.
    if (ruleId.startsWith(u"capacity.") || ruleId.startsWith(u"sovereignty.") || ruleId == u"attestation.coverage"
        || ruleId == u"telemetry.meter-agreement")
        return QString::fromLatin1(criteria::kDelivery);
    if (ruleId.startsWith(u"sla."))
        return QString::fromLatin1(criteria::kSla);
    // Invoice accuracy (issue 18) weighs on cost like the bill's: a provider whose invoices claim more than it
    // delivered or billed, or keep an SLA credit, costs more than its prices say.
    if (ruleId.startsWith(u"billing.") || ruleId.startsWith(u"invoice."))
        return QString::fromLatin1(criteria::kCost);
    return QString::fromLatin1(criteria::kAssurance);
}

double severityFactor(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return 0.25;
    case Severity::High:
        return 0.6;
    case Severity::Medium:
        return 0.85;
    case Severity::Low:
        return 0.95;
    case Severity::Info:
        break;
    }
    return 1.0;
}

QJsonObject ScoreAdjustment::toJson() const
{
    return { { QStringLiteral("criterion"), criterion }, { QStringLiteral("rule"), ruleId },
        { QStringLiteral("severity"), severityName(severity) }, { QStringLiteral("count"), count },
        { QStringLiteral("factor"), factor }, { QStringLiteral("points"), points },
        { QStringLiteral("findings"), QJsonArray::fromStringList(findingIds) } };
}

namespace detail {

void applyFindings(const QList<Finding>& findings, BidderScore& score)
{
    for (CriterionScore& c : score.criteria)
        c.unadjusted = c.score;
    // In display order of the criteria, then by rule and severity (highest first).
    QMap<std::tuple<int, QString, int>, ScoreAdjustment> groups;
    const QList<CriterionInfo>& all = comparisonCriteria();
    for (const Finding& f : findings) {
        if (severityFactor(f.severity) >= 1)
            continue;
        const QString criterion = criterionOfRule(f.ruleId);
        const auto position =
            std::find_if(all.begin(), all.end(), [&](const CriterionInfo& c) { return c.id == criterion; });
        ScoreAdjustment& a = groups[{ int(position - all.begin()), f.ruleId, -int(f.severity) }];
        a.criterion = criterion;
        a.ruleId = f.ruleId;
        a.severity = f.severity;
        ++a.count;
        a.factor *= severityFactor(f.severity);
        a.findingIds.append(f.id);
    }
    // Each group's share of a criterion's drop is proportional to log(its factor): the shares add up to the drop
    // whatever the order the factors are applied in.
    QMap<QString, double> logSum;
    for (const ScoreAdjustment& a : std::as_const(groups))
        logSum[a.criterion] += std::log(a.factor);
    for (auto it = logSum.cbegin(); it != logSum.cend(); ++it) {
        CriterionScore& c = score.criteria[it.key()];
        if (c.available)
            c.score = c.unadjusted * std::exp(it.value());
    }
    for (ScoreAdjustment a : std::as_const(groups)) {
        const CriterionScore& c = score.criteria.value(a.criterion);
        const double sum = logSum.value(a.criterion);
        a.points = c.available && sum < 0 ? (c.unadjusted - c.score) * std::log(a.factor) / sum : 0;
        a.findingIds.sort();
        score.adjustments.append(a);
    }
}

QString adjustmentNote(const BidderScore& score, const AdjustmentWords& words)
{
    QStringList parts;
    QString criterion;
    QStringList causes;
    auto flush = [&] {
        if (criterion.isEmpty())
            return;
        const CriterionScore c = score.criteria.value(criterion);
        parts.append(words.part.arg(words.criterion(criterion), QString::number(c.unadjusted, 'f', 1),
            QString::number(c.score, 'f', 1), causes.join(QStringLiteral(", "))));
        causes.clear();
    };
    for (const ScoreAdjustment& a : score.adjustments) {
        if (a.criterion != criterion) {
            flush();
            criterion = a.criterion;
        }
        causes.append(words.cause.arg(a.ruleId, words.severity(a.severity)).arg(a.count).arg(a.points, 0, 'f', 1));
    }
    flush();
    return words.sentence
        .arg(score.provider, parts.join(QStringLiteral("; ")), QString::number(score.unadjustedTotal, 'f', 1),
            QString::number(score.total, 'f', 1))
        .arg(score.rank)
        .arg(score.unadjustedRank);
}

QString adjustmentNote(const BidderScore& score)
{
    // English, as the JSON and the CSV keep it.
    return adjustmentNote(score,
        { QStringLiteral("%1 %2 -> %3 (%4)"), QStringLiteral("%1 %2 x%3: -%4"),
            QStringLiteral("%1: findings lowered %2; total %3 -> %4, rank %5 (%6 without the findings)"),
            [](const QString& id) { return id; }, severityName });
}

} // namespace detail
} // namespace capaudit::analytics
