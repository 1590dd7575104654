// SPDX-License-Identifier: GPL-3.0-or-later
// Forecasting and capacity planning: synthetic series with known trend and seasonality, scenarios, determinism,
// and an end-to-end run on a small demo case.
#include "analytics/capacityplan.h"
#include "analytics/forecast.h"
#include "demo/demogenerator.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace capaudit;
using namespace capaudit::analytics;

namespace {

constexpr qint64 kStart = 1788220800; // 2026-09-01T00:00:00Z
constexpr qint64 kHour = 3600;

struct Shape {
    double level = 100;
    double slopePerHour = 0.05;
    double dailyAmplitude = 0;
    double weeklyAmplitude = 0;
    double noise = 1; // standard deviation
    quint64 seed = 7;

    double truth(qsizetype i) const
    {
        const double t = double(i);
        return level + slopePerHour * t + dailyAmplitude * std::sin(2 * std::numbers::pi * t / 24)
            + weeklyAmplitude * std::sin(2 * std::numbers::pi * t / 168);
    }
    RegularSeries series(int days) const
    {
        std::mt19937_64 random(seed);
        std::normal_distribution<double> gauss(0, noise);
        RegularSeries s { kStart, kHour, {} };
        for (qsizetype i = 0; i < qsizetype(days) * 24; ++i)
            s.values.append(truth(i) + (noise > 0 ? gauss(random) : 0));
        return s;
    }
};

// Amplitude of the component with CYCLES cycles per season in the seasonal indices (a discrete Fourier coefficient,
// which averages the noise of the individual indices out).
double fourierAmplitude(const QList<double>& seasonal, int cycles)
{
    double re = 0, im = 0;
    const double m = double(seasonal.size());
    for (qsizetype k = 0; k < seasonal.size(); ++k) {
        re += seasonal[k] * std::cos(2 * std::numbers::pi * cycles * double(k) / m);
        im += seasonal[k] * std::sin(2 * std::numbers::pi * cycles * double(k) / m);
    }
    return 2 * std::hypot(re, im) / m;
}

// First step index at or after FROM where the true demand exceeds CAPACITY.
qsizetype trueCrossing(const Shape& shape, qsizetype from, double capacity)
{
    for (qsizetype i = from; i < from + 100000; ++i)
        if (shape.truth(i) > capacity)
            return i;
    return -1;
}

qint64 timeOf(qsizetype index)
{
    return kStart + qint64(index) * kHour;
}

} // namespace

class TestForecast : public QObject {
    Q_OBJECT

private slots:
    void fillsMissingValues()
    {
        RegularSeries s { 0, 60, { kMissing, 2, kMissing, kMissing, 8, kMissing } };
        int filled = 0;
        const RegularSeries f = fillMissing(s, &filled);
        QCOMPARE(filled, 4);
        QCOMPARE(f.values, (QList<double> { 2, 2, 4, 6, 8, 8 }));
    }

    void linearSeriesChoosesLinear()
    {
        const Shape shape { 50, 0.1, 0, 0, 1, 11 };
        const Forecast f = forecastSeries(shape.series(28), { 24 * 10 });
        QVERIFY(f.valid());
        QCOMPARE(forecastModelName(f.chosen.kind), QStringLiteral("linear"));
        QVERIFY2(std::abs(f.chosen.slope / 0.1 - 1) < 0.05, qPrintable(QString::number(f.chosen.slope)));
        QVERIFY(std::abs(f.chosen.intercept - 50) < 1);
        QCOMPARE(f.candidates.size(), 3);
        // Every seasonal candidate was fitted and evaluated, and lost.
        QVERIFY(f.candidates[1].valid && f.candidates[1].holdoutPoints > 0);
        QVERIFY(f.candidates[2].valid);
        QCOMPARE(f.points.size(), 240);
        QCOMPARE(f.points.first().time, timeOf(28 * 24));
    }

    void dailySeasonRecovered()
    {
        const Shape shape { 100, 0.05, 10, 0, 1, 21 };
        const Forecast f = forecastSeries(shape.series(21), { 24 * 30 });
        QVERIFY(f.valid());
        QCOMPARE(forecastModelName(f.chosen.kind), QStringLiteral("holt-winters-daily"));
        QCOMPARE(f.chosen.seasonPeriod, 24);
        const double amplitude = fourierAmplitude(f.chosen.seasonal, 1);
        QVERIFY2(std::abs(amplitude / 10 - 1) < 0.1, qPrintable(QString::number(amplitude)));
        // The linear candidate misses the daily swing: its holdout error is far larger.
        QVERIFY(f.candidates[0].holdoutRmse > 3 * f.chosen.holdoutRmse);
    }

    void weeklySeasonRecovered()
    {
        const Shape shape { 100, 0.05, 8, 12, 1, 31 };
        const Forecast f = forecastSeries(shape.series(35), { 24 * 30 });
        QVERIFY(f.valid());
        QCOMPARE(forecastModelName(f.chosen.kind), QStringLiteral("holt-winters-weekly"));
        QCOMPARE(f.chosen.seasonPeriod, 168);
        QVERIFY2(std::abs(f.chosen.slope / 0.05 - 1) < 0.05, qPrintable(QString::number(f.chosen.slope)));
        const double weekly = fourierAmplitude(f.chosen.seasonal, 1);
        const double daily = fourierAmplitude(f.chosen.seasonal, 7);
        QVERIFY2(std::abs(weekly / 12 - 1) < 0.15, qPrintable(QString::number(weekly)));
        QVERIFY2(std::abs(daily / 8 - 1) < 0.15, qPrintable(QString::number(daily)));
    }

    void weeklyNeedsTwoSeasons()
    {
        // 14 days: the part before the holdout is shorter than two weeks.
        const Forecast f = forecastSeries(Shape { 100, 0.05, 10, 0, 1, 3 }.series(14), { 24 });
        QVERIFY(!f.candidates[2].valid);
        QVERIFY(!f.candidates[2].note.isEmpty());
        QVERIFY(f.candidates[1].valid);
    }

    void intervalsWidenAndCover()
    {
        const Shape shape { 100, 0.05, 10, 0, 2, 41 };
        const RegularSeries all = shape.series(28);
        const int held = 24 * 5;
        RegularSeries train = all;
        train.values = all.values.mid(0, all.values.size() - held);
        const Forecast f = forecastSeries(train, { held });
        QVERIFY(f.valid());
        double previous = 0;
        for (const ForecastPoint& p : f.points) {
            const double width = p.upper95 - p.lower95;
            QVERIFY(width >= previous - 1e-9);
            QVERIFY(p.upper80 - p.lower80 < width);
            QVERIFY(p.lower95 <= p.mean && p.mean <= p.upper95);
            previous = width;
        }
        QVERIFY(
            f.points.last().upper95 - f.points.last().lower95 > f.points.first().upper95 - f.points.first().lower95);
        // Over 90 days the uncertainty of the fitted trend dominates: (x - mean x)^2 / Sxx = 0.42 at the end.
        const Forecast longer = forecastSeries(train, { 90 * 24 });
        QVERIFY(longer.points.last().upper95 - longer.points.last().lower95
            > 1.15 * (longer.points.first().upper95 - longer.points.first().lower95));
        int inside95 = 0, inside80 = 0;
        for (int h = 0; h < held; ++h) {
            const double actual = all.values[train.values.size() + h];
            inside95 += f.points[h].lower95 <= actual && actual <= f.points[h].upper95;
            inside80 += f.points[h].lower80 <= actual && actual <= f.points[h].upper80;
        }
        QVERIFY2(inside95 >= 0.88 * held, qPrintable(QString::number(inside95)));
        QVERIFY2(inside80 >= 0.65 * held && inside80 < held, qPrintable(QString::number(inside80)));
    }

    void exhaustionMatchesCrossing()
    {
        // Linear: the crossing of a + b t with the capacity, within a few hours.
        {
            const Shape shape { 50, 0.1, 0, 0, 0.5, 51 };
            const RegularSeries s = shape.series(28);
            const double capacity = 150; // crossed at step 1000 (day 41.7), 328 h after the history ends
            PlanOptions options;
            options.horizonDays = 60;
            const ClassPlan plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 140, options);
            QVERIFY(plan.exhaustionExpected);
            const qint64 expected = timeOf(trueCrossing(shape, s.values.size(), capacity));
            QVERIFY2(std::abs(*plan.exhaustionExpected - expected) <= 6 * kHour,
                qPrintable(QString::number((*plan.exhaustionExpected - expected) / 3600.0)));
            QVERIFY(plan.exhaustionConservative && *plan.exhaustionConservative < *plan.exhaustionExpected);
            // Headroom against last week's peak.
            QVERIFY(std::abs(plan.peakDemandLastWeek - shape.truth(s.values.size() - 1)) < 2.5);
            QVERIFY(std::abs(plan.headroom - (capacity - plan.peakDemandLastWeek)) < 1e-9);
            QVERIFY(std::abs(plan.headroomPercent - 100 * plan.headroom / capacity) < 1e-9);
        }
        // Daily season: the first daily peak above the capacity, within a day and a half.
        {
            const Shape shape { 100, 0.05, 10, 0, 1, 21 };
            const RegularSeries s = shape.series(21);
            const double capacity = 160;
            PlanOptions options;
            options.horizonDays = 60;
            const ClassPlan plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 0, options);
            QVERIFY(plan.exhaustionExpected);
            const qint64 expected = timeOf(trueCrossing(shape, s.values.size(), capacity));
            QVERIFY2(std::abs(*plan.exhaustionExpected - expected) <= 36 * kHour,
                qPrintable(QString::number((*plan.exhaustionExpected - expected) / 3600.0)));
        }
        // Never crossed within the horizon.
        {
            PlanOptions options;
            options.horizonDays = 10;
            const ClassPlan plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"),
                Shape { 50, 0.1, 0, 0, 0.5, 5 }.series(28), 1000, 0, options);
            QVERIFY(!plan.exhaustionExpected && !plan.exhaustionConservative);
            QCOMPARE(plan.points.size(), 240);
        }
    }

    void scenariosMoveExhaustion()
    {
        const Shape shape { 50, 0.1, 0, 0, 0.2, 61 };
        const RegularSeries s = shape.series(28); // 672 steps
        const double capacity = 150; // baseline crossing near step 1000
        PlanOptions options;
        options.horizonDays = 60;
        const int horizon = 60 * 24;
        const ClassPlan base = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 0, options);
        QVERIFY(base.exhaustionExpected);

        // +20 units of capacity: 20 / 0.1 = 200 steps later.
        Scenario more;
        more.name = QStringLiteral("more");
        more.capacityChange = 20;
        options.scenario = more;
        ClassPlan plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 0, options);
        QVERIFY(plan.scenarioApplied && plan.exhaustionExpected);
        QCOMPARE(plan.baselineExhaustionExpected, base.exhaustionExpected);
        QVERIFY2(std::abs(*plan.exhaustionExpected - *base.exhaustionExpected - 200 * kHour) <= 3 * kHour,
            qPrintable(QString::number((*plan.exhaustionExpected - *base.exhaustionExpected) / 3600.0)));

        // Capacity removed from a date before the crossing: earlier, at the crossing of the lower line.
        Scenario less;
        less.name = QStringLiteral("less");
        less.capacityChange = -10;
        less.capacityChangeFrom = timeOf(800);
        options.scenario = less;
        plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 0, options);
        QVERIFY2(std::abs(*plan.exhaustionExpected - timeOf(trueCrossing(shape, 800, 140))) <= 3 * kHour,
            qPrintable(QString::number((*plan.exhaustionExpected - timeOf(900)) / 3600.0)));

        // +30 % growth over the horizon, rising linearly: solve (a + b i) (1 + 0.3 (k + 1) / H) = C.
        Scenario growth;
        growth.name = QStringLiteral("growth");
        growth.demandGrowthPercent = 30;
        options.scenario = growth;
        plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 0, options);
        qsizetype k = 0;
        while ((50 + 0.1 * double(672 + k)) * (1 + 0.3 * double(k + 1) / horizon) <= capacity)
            ++k;
        QVERIFY(timeOf(672 + k) < *base.exhaustionExpected - 24 * kHour);
        QVERIFY2(std::abs(*plan.exhaustionExpected - timeOf(672 + k)) <= 3 * kHour,
            qPrintable(QString::number((*plan.exhaustionExpected - timeOf(672 + k)) / 3600.0)));

        // A tenant taking 15 units from step 700: crossing 150 steps earlier; other classes untouched.
        Scenario onboard;
        onboard.name = QStringLiteral("onboard");
        onboard.onboarding.append({ QStringLiteral("t9"), QString(), QStringLiteral("cpu"), 15, timeOf(700) });
        options.scenario = onboard;
        plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 0, options);
        QVERIFY2(std::abs(*base.exhaustionExpected - *plan.exhaustionExpected - 150 * kHour) <= 3 * kHour,
            qPrintable(QString::number((*base.exhaustionExpected - *plan.exhaustionExpected) / 3600.0)));
        plan = planClass(QStringLiteral("p"), QStringLiteral("gpu"), s, capacity, 0, options);
        QCOMPARE(plan.exhaustionExpected, base.exhaustionExpected);

        // Out of scope: nothing applied.
        onboard.provider = QStringLiteral("other");
        options.scenario = onboard;
        plan = planClass(QStringLiteral("p"), QStringLiteral("cpu"), s, capacity, 0, options);
        QVERIFY(!plan.scenarioApplied);
        QCOMPARE(plan.exhaustionExpected, base.exhaustionExpected);
    }

    void scenarioJsonRoundTrip()
    {
        Scenario s;
        s.name = QStringLiteral("winter peak");
        s.description = QStringLiteral("two new labs");
        s.resourceClass = QStringLiteral("gpu");
        s.demandGrowthPercent = 12.5;
        s.capacityChange = -8;
        s.capacityChangeFrom = kStart + 86400 * 40;
        s.onboarding.append({ QStringLiteral("lab-a"), QStringLiteral("acme"), QStringLiteral("gpu"), 4, kStart });
        const QJsonObject json = s.toJson();
        QCOMPARE(json.value(QStringLiteral("capacityChangeFrom")).toString(), QStringLiteral("2026-10-11T00:00:00Z"));
        const Result<Scenario> back = Scenario::fromJson(json, QStringLiteral("s.json"));
        QVERIFY2(back.ok(), qPrintable(back.error().toString()));
        QCOMPARE(canonicalJson(back->toJson()), canonicalJson(json));

        QJsonObject bad = json;
        bad.insert(QStringLiteral("growth"), 3);
        const Result<Scenario> unknown = Scenario::fromJson(bad, QStringLiteral("s.json"));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().field, QStringLiteral("/growth"));
        bad = json;
        bad.insert(QStringLiteral("capacityChangeFrom"), QStringLiteral("next week"));
        QVERIFY(!Scenario::fromJson(bad).ok());
        bad = json;
        bad.remove(QStringLiteral("name"));
        QVERIFY(!Scenario::fromJson(bad).ok());
    }

    void jsonIsDeterministic()
    {
        const Shape shape { 100, 0.05, 10, 0, 1, 21 };
        PlanOptions options;
        options.horizonDays = 20;
        const QByteArray first = canonicalJson(
            planClass(QStringLiteral("p"), QStringLiteral("cpu"), shape.series(21), 160, 150, options).toJson());
        const QByteArray second = canonicalJson(
            planClass(QStringLiteral("p"), QStringLiteral("cpu"), shape.series(21), 160, 150, options).toJson());
        QCOMPARE(first, second);
        QVERIFY(first.contains("\"model\":\"holt-winters-daily\""));
    }

    void demoCaseEndToEnd();
};

void TestForecast::demoCaseEndToEnd()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    demo::DemoConfig config;
    config.seed = 5;
    config.days = 14;
    config.stepSeconds = 900;
    config.providers = 2;
    config.nodesPerProvider = 4;
    config.faults = {};
    const QString dir = tmp.filePath(QStringLiteral("demo"));
    const Result<demo::DemoSummary> summary = demo::generateDemo(config, dir);
    QVERIFY2(summary.ok(), qPrintable(summary.error().toString()));
    const Result<TrustStore> trust = TrustStore::loadDirectory(dir + QStringLiteral("/trust"));
    QVERIFY(trust.ok());
    const QString casePath = tmp.filePath(QStringLiteral("demo.capcase"));
    {
        Result<std::unique_ptr<CaseStore>> store =
            CaseStore::create(casePath, QStringLiteral("demo"), trust->anchors());
        QVERIFY2(store.ok(), qPrintable(store.error().toString()));
        CaseImporter importer(**store);
        const QJsonObject manifest = *parseJsonObject(test::readAll(dir + QStringLiteral("/manifest.json")), {});
        for (const QJsonValue& b : manifest.value(QStringLiteral("bundles")).toArray())
            (void)importer.importBundle(
                dir + QLatin1Char('/') + b.toObject().value(QStringLiteral("path")).toString(), {});
    }
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    QVERIFY(store.ok());
    PlanOptions options;
    options.horizonDays = 30;
    const Result<CapacityPlan> plan = planCapacity(**store, options);
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    QVERIFY(plan->classes.size() >= 2);
    for (const ClassPlan& c : plan->classes) {
        QVERIFY2(c.forecast.valid(), qPrintable(c.provider + QLatin1Char('/') + c.resourceClass));
        QCOMPARE(c.forecast.history.stepSeconds, kHour);
        QVERIFY(c.forecast.history.values.size() >= 13 * 24);
        QVERIFY(c.capacity > 0);
        QVERIFY(c.peakDemandLastWeek > 0 && c.peakDemandLastWeek <= c.capacity * 1.5);
        QCOMPARE(c.points.size(), 30 * 24);
    }

    // Scenario kept in the case, read back, applied.
    Scenario s;
    s.name = QStringLiteral("double");
    s.demandGrowthPercent = 100;
    QVERIFY(saveScenario(**store, s).ok());
    const Result<std::optional<Scenario>> loaded = loadScenario(**store, s.name);
    QVERIFY(loaded.ok() && loaded->has_value());
    QCOMPARE(canonicalJson((*loaded)->toJson()), canonicalJson(s.toJson()));
    QCOMPARE(listScenarios(**store)->size(), 1);
    options.scenario = **loaded;
    const Result<CapacityPlan> grown = planCapacity(**store, options);
    QVERIFY(grown.ok());
    for (qsizetype i = 0; i < grown->classes.size(); ++i) {
        QVERIFY(grown->classes[i].scenarioApplied);
        QVERIFY(grown->classes[i].points.last().mean > 1.9 * plan->classes[i].points.last().mean);
    }

    // The CLI: same bytes on a re-run.
    auto run = [&](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(CAPAUDIT_CLI_PATH), args);
        p.waitForFinished(120000);
        return std::make_pair(p.exitCode(), p.readAllStandardOutput());
    };
    const QStringList args { QStringLiteral("forecast"), casePath, QStringLiteral("--horizon"), QStringLiteral("30"),
        QStringLiteral("--json") };
    const auto a = run(args);
    const auto b = run(args);
    QCOMPARE(a.first, 0);
    QVERIFY(a.second.size() > 100);
    QCOMPARE(a.second, b.second);
    const auto table = run({ QStringLiteral("forecast"), casePath, QStringLiteral("--scenario"), s.name });
    QCOMPARE(table.first, 0);
    QVERIFY(table.second.contains("double"));
    QCOMPARE(
        run({ QStringLiteral("forecast"), casePath, QStringLiteral("--scenario"), QStringLiteral("nope") }).first, 2);
}

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
