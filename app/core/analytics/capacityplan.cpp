// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity planning over a case: demand history per provider and resource class, forecast, headroom, exhaustion.
#include "analytics/capacityplan.h"

#include "store/casestore.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <cmath>

namespace capaudit::analytics {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonValue timeValue(const std::optional<qint64>& t)
{
    return t ? QJsonValue(formatUnixSeconds(*t)) : QJsonValue();
}

QJsonObject exhaustionJson(const std::optional<qint64>& expected, const std::optional<qint64>& conservative)
{
    return { { QStringLiteral("expected"), timeValue(expected) },
        { QStringLiteral("conservative"), timeValue(conservative) } };
}

// Mean of the finite values of VALUES at indices [from, size).
double tailMean(const QList<double>& values, qsizetype from)
{
    double sum = 0;
    int count = 0;
    for (qsizetype i = std::max<qsizetype>(0, from); i < values.size(); ++i)
        if (std::isfinite(values[i])) {
            sum += values[i];
            ++count;
        }
    return count ? sum / count : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

ClassPlan planClass(const QString& provider, const QString& resourceClass, const RegularSeries& demand, double capacity,
    double committed, const PlanOptions& options)
{
    ClassPlan plan;
    plan.provider = provider;
    plan.resourceClass = resourceClass;
    plan.capacity = capacity;
    plan.committed = committed;
    const qint64 step = std::max<qint64>(1, demand.stepSeconds);
    ForecastOptions forecastOptions = options.forecast;
    forecastOptions.horizonSteps = int(qint64(options.horizonDays) * 86400 / step);
    plan.forecast = forecastSeries(demand, forecastOptions);

    const QList<double>& history = plan.forecast.history.values;
    const qsizetype weekSteps = std::max<qint64>(1, 7 * 86400 / step);
    double peak = 0;
    for (qsizetype i = std::max<qsizetype>(0, history.size() - weekSteps); i < history.size(); ++i)
        if (std::isfinite(history[i]))
            peak = std::max(peak, history[i]);
    plan.peakDemandLastWeek = peak;
    plan.headroom = capacity - peak;
    plan.headroomPercent = capacity > 0 ? 100.0 * plan.headroom / capacity : 0;

    plan.points = plan.forecast.points;
    plan.capacityLine.fill(capacity, plan.points.size());
    plan.exhaustionExpected = firstExceedance(plan.points, plan.capacityLine, false);
    plan.exhaustionConservative = firstExceedance(plan.points, plan.capacityLine, true);
    if (options.scenario && options.scenario->appliesTo(provider, resourceClass))
        applyScenario(plan, *options.scenario, forecastOptions.horizonSteps);
    return plan;
}

QJsonObject ClassPlan::toJson(bool includePoints) const
{
    QJsonObject forecastJson = forecast.toJson();
    forecastJson.remove(QStringLiteral("points"));
    forecastJson.remove(QStringLiteral("pointColumns"));
    QJsonObject json { { QStringLiteral("provider"), provider }, { QStringLiteral("resourceClass"), resourceClass },
        { QStringLiteral("unit"), unit }, { QStringLiteral("capacity"), number(capacity) },
        { QStringLiteral("committed"), number(committed) },
        { QStringLiteral("peakDemandLastWeek"), number(peakDemandLastWeek) },
        { QStringLiteral("headroom"), number(headroom) },
        { QStringLiteral("headroomPercent"), number(headroomPercent) },
        { QStringLiteral("exhaustion"), exhaustionJson(exhaustionExpected, exhaustionConservative) },
        { QStringLiteral("scenarioApplied"), scenarioApplied }, { QStringLiteral("forecast"), forecastJson } };
    if (scenarioApplied)
        json.insert(QStringLiteral("baselineExhaustion"),
            exhaustionJson(baselineExhaustionExpected, baselineExhaustionConservative));
    if (includePoints) {
        QJsonArray list;
        for (qsizetype i = 0; i < points.size(); ++i) {
            const ForecastPoint& p = points[i];
            list.append(QJsonArray { formatUnixSeconds(p.time), number(p.mean), number(p.lower80), number(p.upper80),
                number(p.lower95), number(p.upper95), number(capacityLine.value(i)) });
        }
        json.insert(QStringLiteral("pointColumns"),
            QJsonArray { QStringLiteral("time"), QStringLiteral("mean"), QStringLiteral("lower80"),
                QStringLiteral("upper80"), QStringLiteral("lower95"), QStringLiteral("upper95"),
                QStringLiteral("capacity") });
        json.insert(QStringLiteral("points"), list);
    }
    return json;
}

QJsonObject CapacityPlan::toJson(bool includePoints) const
{
    QJsonArray list;
    for (const ClassPlan& c : classes)
        list.append(c.toJson(includePoints));
    return { { QStringLiteral("caseId"), caseId }, { QStringLiteral("horizonDays"), horizonDays },
        { QStringLiteral("mode"), conservative ? QStringLiteral("conservative") : QStringLiteral("expected") },
        { QStringLiteral("scenario"), scenario ? QJsonValue(scenario->toJson()) : QJsonValue() },
        { QStringLiteral("classes"), list }, { QStringLiteral("notes"), QJsonArray::fromStringList(notes) } };
}

Result<CapacityPlan> planCapacity(CaseStore& store, const PlanOptions& options)
{
    CapacityPlan plan;
    plan.caseId = store.info().id;
    plan.horizonDays = options.horizonDays;
    plan.conservative = options.conservative;
    plan.scenario = options.scenario;
    Result<QStringList> providers = store.providers();
    if (!providers)
        return providers.error();
    Result<QStringList> classes = store.resourceClasses();
    if (!classes)
        return classes.error();
    for (const QString& provider : *providers) {
        Result<Period> covered = store.periodCovered(provider);
        if (!covered)
            return covered.error();
        if (covered->end <= covered->start)
            continue; // no telemetry: nothing to forecast
        qint64 from = covered->start - ((covered->start % 3600) + 3600) % 3600;
        if (options.maxHistoryDays > 0)
            from = std::max(from, covered->end - qint64(options.maxHistoryDays) * 86400);
        for (const QString& resourceClass : *classes) {
            SeriesQuery query;
            query.provider = provider;
            query.resourceClass = resourceClass;
            query.from = from;
            query.to = covered->end;
            // Just enough points for the hourly level: raw samples are finer than a forecast needs.
            query.maxPoints = int((query.to - query.from) / 3600 + 1);
            Result<TimeSeries> series = store.series(query);
            if (!series)
                return series.error();
            if (series->times.isEmpty())
                continue;
            const qint64 step = series->stepSeconds;
            const qint64 start = series->times.first();
            RegularSeries demand { start, step, {} };
            QList<double> capacity;
            const qsizetype n = qsizetype((series->times.last() - start) / step + 1);
            demand.values.fill(std::numeric_limits<double>::quiet_NaN(), n);
            capacity.fill(std::numeric_limits<double>::quiet_NaN(), n);
            bool anyDemand = false;
            for (qsizetype i = 0; i < series->times.size(); ++i) {
                const qsizetype at = qsizetype((series->times[i] - start) / step);
                capacity[at] = series->capacity[i];
                double sum = 0;
                bool any = false;
                for (const TenantSeries& t : series->tenants) {
                    if (t.tenant.isEmpty() || !std::isfinite(t.allocated[i]))
                        continue; // node-level rows carry no tenant's allocation
                    sum += t.allocated[i];
                    any = true;
                }
                if (any) {
                    demand.values[at] = sum;
                    anyDemand = true;
                }
            }
            if (!anyDemand) {
                plan.notes.append(
                    QStringLiteral("%1/%2: no tenant allocation in the telemetry").arg(provider, resourceClass));
                continue;
            }
            const double lastDay = tailMean(capacity, n - std::max<qint64>(1, 86400 / step));
            const qint64 end = demand.end();
            double committed = 0;
            QString unit;
            for (const CommitmentLine& c : series->commitments) {
                if (c.period.start < end && (c.period.end == 0 || c.period.end >= end)) {
                    committed += c.quantity;
                    unit = c.unit;
                }
            }
            ClassPlan classPlan =
                planClass(provider, resourceClass, demand, std::isfinite(lastDay) ? lastDay : 0, committed, options);
            classPlan.unit = unit;
            if (!classPlan.forecast.note.isEmpty())
                plan.notes.append(QStringLiteral("%1/%2: %3").arg(provider, resourceClass, classPlan.forecast.note));
            plan.classes.append(classPlan);
        }
    }
    return plan;
}

} // namespace capaudit::analytics
