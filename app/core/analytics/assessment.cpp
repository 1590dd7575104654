// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/assessment.h"

namespace capaudit::analytics {

QString assessmentId(Assessment assessment)
{
    switch (assessment) {
    case Assessment::Compliant:
        return QStringLiteral("compliant");
    case Assessment::CompliantWithFindings:
        return QStringLiteral("findings");
    case Assessment::NotCompliant:
        return QStringLiteral("non-compliant");
    case Assessment::NotAssessed:
        break;
    }
    return QStringLiteral("not-assessed");
}

namespace {

BillingExposure& exposureFor(QList<BillingExposure>& list, const QString& currency)
{
    for (BillingExposure& e : list)
        if (e.currency == currency)
            return e;
    list.append(BillingExposure { currency });
    return list.last();
}

} // namespace

QList<ProviderAssessment> assessProviders(const CheckReport& report)
{
    QList<ProviderAssessment> out;
    for (const ProviderFacts& p : report.providers) {
        ProviderAssessment a;
        a.provider = p.provider;
        a.failingSeverity = report.failingSeverity;
        a.counts = report.countBySeverity(p.provider);
        for (auto it = a.counts.cbegin(); it != a.counts.cend(); ++it) {
            a.total += it.value();
            if (it.value() > 0 && it.key() > a.worst)
                a.worst = it.key();
        }
        a.independentlyMetered = p.independentlyMetered;
        a.telemetryPeriod = p.telemetryPeriod;
        a.availability = p.availability;
        a.availabilityTarget = p.availabilityTarget;
        const bool measured = p.telemetryPeriod.end > p.telemetryPeriod.start;
        // A failing finding decides on its own (a rejected bundle fails even without telemetry); a clean result
        // without measurements would be a silent pass, so it is "not assessed" instead.
        if (a.total > 0 && a.worst >= report.failingSeverity)
            a.assessment = Assessment::NotCompliant;
        else if (!measured)
            a.assessment = Assessment::NotAssessed;
        else
            a.assessment = a.total > 0 ? Assessment::CompliantWithFindings : Assessment::Compliant;

        for (const ReconciliationLine& l : report.reconciliation) {
            if (l.provider != p.provider || l.status != QLatin1String("reconciled"))
                continue;
            BillingExposure& e = exposureFor(a.billing, l.currency);
            e.measuredQuantity += l.measuredQuantity;
            e.billedQuantity += l.billedQuantity;
            e.billedCost += l.billedCost;
        }
        for (const ThreeWayLine& l : report.threeWay)
            if (l.provider == p.provider && l.kind == u"idle" && l.idleAmount > 0 && !l.currency.isEmpty())
                exposureFor(a.billing, l.currency).idleAmount += l.idleAmount;
        for (const Finding& f : report.findings) {
            if (f.provider != p.provider || isMissing(f.amount) || f.amount <= 0 || f.currency.isEmpty())
                continue;
            BillingExposure& e = exposureFor(a.billing, f.currency);
            e.amountAtStake += f.amount;
            ++e.findingsWithAmount;
        }
        out.append(a);
    }
    return out;
}

QList<Finding> mostSeriousFindings(const CheckReport& report, int limit, const QString& provider)
{
    QList<Finding> out;
    for (const Finding& f : report.findings) {
        if (out.size() >= limit)
            break;
        if (provider.isEmpty() || f.provider == provider)
            out.append(f);
    }
    return out;
}

} // namespace capaudit::analytics
