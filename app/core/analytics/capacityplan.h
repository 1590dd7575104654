// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/forecast.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace capaudit {
class CaseStore;
}

namespace capaudit::analytics {

// A tenant expected to start using QUANTITY units of RESOURCECLASS from START.
struct TenantOnboarding {
    QString tenant;
    QString provider; // "" = every provider in the scenario's scope
    QString resourceClass;
    double quantity = 0;
    qint64 start = 0; // Unix seconds; 0 = from the start of the horizon
};

// What-if scenario (docs/analytics.md). Applied to every forecast in its scope (provider, resource class; "" = all).
struct Scenario {
    QString name;
    QString description;
    QString provider;
    QString resourceClass;
    double demandGrowthPercent = 0; // extra growth reached at the end of the horizon, rising linearly from 0
    double capacityChange = 0; // units added (+) or removed (-) ...
    qint64 capacityChangeFrom = 0; // ... from this time (0 = from the start of the horizon)
    QList<TenantOnboarding> onboarding;

    bool appliesTo(const QString& provider, const QString& resourceClass) const;
    QJsonObject toJson() const;
    // Times in JSON are ISO 8601 UTC strings ("2026-10-01T00:00:00Z"); unknown keys are errors naming FILENAME.
    static Result<Scenario> fromJson(const QJsonObject& json, const QString& fileName = {});
};

struct PlanOptions {
    int horizonDays = 90;
    bool conservative = false; // headline exhaustion from the upper 95% band instead of the mean
    std::optional<Scenario> scenario;
    ForecastOptions forecast; // horizonSteps is set from horizonDays and the series step
    int maxHistoryDays = 0; // 0: all the history in the case; else only the last N days
};

// The plan for one provider and resource class.
struct ClassPlan {
    QString provider;
    QString resourceClass;
    QString unit; // from the commitments, "" if none
    Forecast forecast; // of demand (sum of tenant allocations), before any scenario
    QList<ForecastPoint> points; // forecast.points with the scenario applied (equal to them without one)
    QList<double> capacityLine; // capacity at each of points, with the scenario's change
    double capacity = 0; // mean total node capacity over the last day of history
    double committed = 0; // attested commitments in force at the end of the history (all regions)
    double peakDemandLastWeek = 0;
    double headroom = 0; // capacity - peakDemandLastWeek
    double headroomPercent = 0; // headroom / capacity * 100 (0 when capacity is 0)
    std::optional<qint64> exhaustionExpected; // first point whose mean exceeds the capacity line
    std::optional<qint64> exhaustionConservative; // first point whose upper 95% bound exceeds it
    // Without the scenario (only set when a scenario applies), so the effect is visible.
    std::optional<qint64> baselineExhaustionExpected;
    std::optional<qint64> baselineExhaustionConservative;
    bool scenarioApplied = false;

    std::optional<qint64> exhaustion(bool conservative) const
    {
        return conservative ? exhaustionConservative : exhaustionExpected;
    }
    QJsonObject toJson(bool includePoints = true) const;
};

struct CapacityPlan {
    QString caseId;
    int horizonDays = 90;
    bool conservative = false;
    std::optional<Scenario> scenario;
    QList<ClassPlan> classes; // by provider, then resource class
    QStringList notes; // provider/class pairs skipped and why

    QJsonObject toJson(bool includePoints = true) const; // canonical: byte-identical on re-run
};

// Pure part, testable without a case: forecasts DEMAND and computes headroom and exhaustion against CAPACITY.
ClassPlan planClass(const QString& provider, const QString& resourceClass, const RegularSeries& demand, double capacity,
    double committed, const PlanOptions& options);
// Applies SCENARIO to PLAN's forecast (recomputing points, capacityLine and exhaustion, keeping the baseline ones).
void applyScenario(ClassPlan& plan, const Scenario& scenario, int horizonSteps);
// First time in POINTS where the mean (or the upper 95% bound) exceeds CAPACITYLINE.
std::optional<qint64> firstExceedance(
    const QList<ForecastPoint>& points, const QList<double>& capacityLine, bool upperBand);

// Every provider and resource class with telemetry in the case; history at the hourly level.
Result<CapacityPlan> planCapacity(CaseStore& store, const PlanOptions& options);

// Scenarios kept in the case (documents of kind "scenario", named by the scenario's name).
Status saveScenario(CaseStore& store, const Scenario& scenario);
Result<std::optional<Scenario>> loadScenario(CaseStore& store, const QString& name);
Result<QList<Scenario>> listScenarios(CaseStore& store);

} // namespace capaudit::analytics
