// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli forecast: demand forecast, headroom and exhaustion per provider and resource class; what-if scenarios.
#include "analytics/capacityplan.h"
#include "caseaccess.h"
#include "command.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QFile>

#include <cmath>

namespace capaudit::cli {
namespace {

using namespace capaudit::analytics;

QString day(const std::optional<qint64>& t)
{
    return t ? formatUnixSeconds(*t).left(10) : QStringLiteral("none");
}

QString quantity(double v)
{
    return std::isfinite(v) ? QString::number(v, 'f', 1) : QStringLiteral("-");
}

void printHuman(const CapacityPlan& plan, const QString& caseName)
{
    out() << "case " << caseName << ": forecast over " << plan.horizonDays << " days, headline "
          << (plan.conservative ? "conservative (upper 95% band)" : "expected (mean)");
    if (plan.scenario)
        out() << ", scenario '" << plan.scenario->name << "'";
    out() << "\n\n";
    QStringList header { QStringLiteral("provider"), QStringLiteral("class"), QStringLiteral("model"),
        QStringLiteral("capacity"), QStringLiteral("committed"), QStringLiteral("peak 7d"), QStringLiteral("headroom"),
        QStringLiteral("exhausted (expected)"), QStringLiteral("(conservative)") };
    if (plan.scenario)
        header << QStringLiteral("baseline exp./cons.");
    QList<QStringList> rows { header };
    for (const ClassPlan& c : plan.classes) {
        QStringList row { c.provider, c.resourceClass,
            c.forecast.valid() ? forecastModelName(c.forecast.chosen.kind) : QStringLiteral("(none)"),
            quantity(c.capacity) + (c.unit.isEmpty() ? QString() : QLatin1Char(' ') + c.unit), quantity(c.committed),
            quantity(c.peakDemandLastWeek),
            QStringLiteral("%1 (%2%)").arg(quantity(c.headroom), QString::number(c.headroomPercent, 'f', 1)),
            day(c.exhaustionExpected), day(c.exhaustionConservative) };
        if (plan.scenario)
            row << (c.scenarioApplied
                    ? day(c.baselineExhaustionExpected) + QLatin1Char('/') + day(c.baselineExhaustionConservative)
                    : QStringLiteral("(not in scope)"));
        rows.append(row);
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList& row : rows)
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += row[i].leftJustified(widths[i] + 2);
        out() << line.trimmed() << '\n';
    }
    if (plan.classes.isEmpty())
        out() << "(no telemetry with tenant allocations in the case)\n";
    for (const QString& note : plan.notes)
        out() << "note: " << note << '\n';
    out().flush();
}

int runForecast(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    const QCommandLineOption horizon(
        QStringLiteral("horizon"), QStringLiteral("Forecast horizon in days (default 90)."), QStringLiteral("DAYS"));
    const QCommandLineOption conservative(QStringLiteral("conservative"),
        QStringLiteral("Headline exhaustion from the upper 95% band instead of the mean."));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
        QStringLiteral("Apply the what-if scenario NAME saved in the case."), QStringLiteral("NAME"));
    const QCommandLineOption saveOption(QStringLiteral("save-scenario"),
        QStringLiteral("Save the scenario in FILE (JSON, docs/analytics.md) in the case, then apply it."),
        QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the canonical JSON result."));
    const QCommandLineOption points(
        QStringLiteral("points"), QStringLiteral("With --json: include every forecast point (hourly)."));
    parser.addOptions({ horizon, conservative, scenario, saveOption, json, points });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Forecast demand per provider and resource class, with headroom and the time to "
                           "exhaustion of current capacity. Exit 0: done; 2: usage or I/O error.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("forecast: name exactly one CASE file"));
    PlanOptions options;
    options.conservative = parser.isSet(conservative);
    if (parser.isSet(horizon)) {
        bool ok = false;
        options.horizonDays = parser.value(horizon).toInt(&ok);
        if (!ok || options.horizonDays < 1 || options.horizonDays > 3650)
            return usageError(QStringLiteral("forecast: --horizon must be 1..3650 days"));
    }
    if (parser.isSet(scenario) && parser.isSet(saveOption))
        return usageError(QStringLiteral("forecast: use either --scenario or --save-scenario"));
    std::optional<Scenario> fromFile;
    if (parser.isSet(saveOption)) {
        Result<Scenario> parsed = readJsonFileAs<Scenario>(parser.value(saveOption));
        if (!parsed)
            return usageError(parsed.error().toString());
        fromFile = *parsed;
    }
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    if (fromFile) {
        if (Status saved = analytics::saveScenario(*store, *fromFile); !saved)
            return usageError(saved.error().toString());
        options.scenario = fromFile;
    } else if (parser.isSet(scenario)) {
        Result<std::optional<Scenario>> loaded = loadScenario(*store, parser.value(scenario));
        if (!loaded)
            return usageError(loaded.error().toString());
        if (!loaded->has_value())
            return usageError(QStringLiteral("forecast: the case has no scenario '%1'").arg(parser.value(scenario)));
        options.scenario = **loaded;
    }
    Result<CapacityPlan> plan = planCapacity(*store, options);
    if (!plan)
        return usageError(plan.error().toString());
    if (parser.isSet(json)) {
        out() << QString::fromUtf8(prettyJson(plan->toJson(parser.isSet(points))));
        out().flush();
    } else {
        printHuman(*plan, store->info().name);
    }
    return kExitOk;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND(
    "forecast", "Forecast demand, headroom and capacity exhaustion; what-if scenarios.", capaudit::cli::runForecast);
