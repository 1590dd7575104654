// SPDX-License-Identifier: GPL-3.0-or-later
// The capacity plan and the bid comparison, turned into the report's plain data.
#include "analytics/capacityplan.h"
#include "analytics/comparison.h"
#include "analytics/comparisontext.h"
#include "crypto/digest.h"
#include "reportcomposer.h"
#include "reportformat.h"
#include "reporttext.h"
#include "util/jsonutil.h"

namespace capaudit::reports {

namespace {

QString modelParameters(const analytics::ClassPlan& plan, int horizonDays)
{
    const analytics::ModelFit& m = plan.forecast.chosen;
    const qint64 step = plan.forecast.history.stepSeconds;
    QStringList p;
    if (m.kind == analytics::ForecastModelKind::Linear) {
        p << ReportText::tr("slope %1 %2/day").arg(formatNumber(m.slopePerDay(step), 3), plan.unit);
    } else {
        p << QStringLiteral("alpha=%1, beta=%2, gamma=%3")
                 .arg(formatNumber(m.alpha, 3), formatNumber(m.beta, 3), formatNumber(m.gamma, 3));
        p << ReportText::tr("season %1 steps").arg(m.seasonPeriod);
    }
    p << ReportText::tr("sigma %1").arg(formatNumber(m.sigma, 3));
    p << ReportText::tr("%1 observations of %2 s").arg(m.observations).arg(step);
    if (m.holdoutPoints > 0)
        p << ReportText::tr("holdout RMSE %1 over %2 points").arg(formatNumber(m.holdoutRmse, 3)).arg(m.holdoutPoints);
    if (plan.forecast.filledPoints > 0)
        p << ReportText::tr("%1 missing points interpolated").arg(plan.forecast.filledPoints);
    p << ReportText::tr("horizon %1 days, 95 % band").arg(horizonDays);
    return p.join(QStringLiteral("; "));
}

} // namespace

Status addForecasts(CaseStore& store, const ReportOptions& options, ReportData& data)
{
    analytics::PlanOptions planOptions; // defaults: the same plan `capaudit-cli plan` makes without options
    Result<analytics::CapacityPlan> plan = analytics::planCapacity(store, planOptions);
    if (!plan)
        return plan.error();
    for (const analytics::ClassPlan& c : plan->classes) {
        if (!options.providers.isEmpty() && !options.providers.contains(c.provider))
            continue;
        if (!c.forecast.valid())
            continue;
        ForecastChart f;
        f.provider = c.provider;
        f.resourceClass = c.resourceClass;
        f.unit = c.unit;
        f.model = analytics::forecastModelName(c.forecast.chosen.kind);
        f.parameters = modelParameters(c, plan->horizonDays);
        const analytics::RegularSeries& h = c.forecast.history;
        for (qsizetype i = 0; i < h.values.size(); ++i) {
            f.historyTimes.append(h.timeAt(i));
            f.history.append(h.values.at(i));
        }
        for (const analytics::ForecastPoint& p : c.points) {
            f.forecastTimes.append(p.time);
            f.mean.append(p.mean);
            f.lower.append(p.lower95);
            f.upper.append(p.upper95);
        }
        f.capacity = c.capacity;
        f.exhaustionMean = c.exhaustionExpected.value_or(0);
        f.exhaustionUpper = c.exhaustionConservative.value_or(0);
        data.forecasts.append(f);
    }
    QStringList notes = plan->notes;
    data.forecastNote =
        notes.isEmpty() ? QString() : ReportText::tr("Not forecast: %1").arg(notes.join(QStringLiteral("; ")));
    return {};
}

Status addComparison(CaseStore& store, ReportData& data)
{
    ComparisonData& out = data.comparison;
    if (data.checks.providers.size() < 2) {
        out.available = false;
        out.note = ReportText::tr("A bid comparison needs at least two providers; the report covers %n.", nullptr,
            int(data.checks.providers.size()));
        return {};
    }
    Result<analytics::ComparisonWeights> weights = analytics::loadWeights(store);
    if (!weights)
        return weights.error();
    const analytics::BidComparison cmp = analytics::compareBids(data.checks, *weights);
    out.available = true;
    for (const analytics::BidderScore& b : cmp.bidders) {
        out.providers.append(b.provider);
        out.totals.append(b.total);
    }
    for (const analytics::CriterionInfo& info : analytics::comparisonCriteria()) {
        ComparisonCriterion c;
        c.id = info.id;
        c.title = info.title;
        c.weight = cmp.weights.weights.value(info.id);
        for (const analytics::BidderScore& b : cmp.bidders) {
            const analytics::CriterionScore s = b.criteria.value(info.id);
            c.values.append(s.available ? s.raw : kMissing);
            c.scores.append(s.available ? s.score : kMissing);
        }
        out.criteria.append(c);
    }
    out.ranking = cmp.ranking().join(QStringLiteral(" > "));
    QStringList flips;
    for (const analytics::SensitivityFlip& f : cmp.flips)
        flips << ReportText::tr("%1 weight ×%2 puts %3 above %4")
                     .arg(analytics::localizedCriterionTitle(f.criterion, f.criterion), formatNumber(f.factor, 1),
                         f.below, f.above);
    out.sensitivity = cmp.stable
        ? ReportText::tr("Stable: no change of any weight by ±%1 % changes the ranking (%2).")
              .arg(formatNumber(analytics::kSensitivityStep * 100, 0), analytics::localizedVerdict(cmp))
        : ReportText::tr("Sensitive (%1): %2.").arg(analytics::localizedVerdict(cmp), flips.join(QStringLiteral("; ")));
    out.note = analytics::localizedNotes(cmp).join(QLatin1Char(' '));
    out.weightsDigest = crypto::sha256Hex(canonicalJson(cmp.weights.toJson()));
    return {};
}

} // namespace capaudit::reports
