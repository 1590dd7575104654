// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/assessment.h"
#include "analytics/policyselection.h"
#include "demo/democonfig.h"
#include "evidence/truststore.h"
#include "guidrop.h"
#include "guitestcase.h"
#include "jobs/analysiscontroller.h"
#include "jobs/casesession.h"
#include "jobs/checkjob.h"
#include "jobs/demobankjob.h"
#include "mainwindow.h"
#include "models/coveragemodel.h"
#include "models/provideroverviewmodel.h"
#include "models/recentcasesmodel.h"
#include "overview/coveragestrip.h"
#include "overview/overviewdashboard.h"
#include "overview/providercard.h"
#include "overview/startpage.h"
#include "pages/periodselector.h"
#include "pages/timelinepage.h"
#include "reportcomposer.h"
#include "store/caseimporter.h"
#include "store/casestore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace capaudit;
using analytics::Assessment;
using analytics::Severity;

// The overview and the start page (issue 16), driven through the real window offscreen on generated demo banks
// whose faults.json is the ground truth.
class TestOverview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void assessmentClassifies();
    void modelsPassTheTester();
    void overviewMatchesGroundTruth();
    void overviewAgreesWithReportSummary();
    void coverageStripShowsGapsAndRefusals();
    void findingLinksOpenFindingAndTimeline();
    void startPageWhenNoCase();
    void emptyCaseIsNotACleanResult();
    void dropCaseOnStartPage();
    void dropBundleImportsAndChecksRun();
    void checksCanBeCancelled();
    void periodSelectorDrivesChecks();
    void demoBankFromStartPage();

private:
    bool openFaults(); // the case with every fault, checks finished
    QJsonArray faults() const;

    QTemporaryDir m_dir;
    test::DemoCase m_faults;
    test::DemoCase m_small; // a small case with one telemetry bundle held back, for import tests
    std::unique_ptr<MainWindow> m_window;
};

void TestOverview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CapAuditTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_overview"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    demo::DemoConfig config;
    config.seed = 11;
    config.days = 14;
    config.stepSeconds = 3600;
    config.providers = 3;
    config.nodesPerProvider = 6;
    config.faults = demo::allFaultKinds();
    const QString faultsRoot = m_dir.filePath(QStringLiteral("faults"));
    QVERIFY(QDir().mkpath(faultsRoot));
    Result<test::DemoCase> faults = test::makeDemoCase(faultsRoot, config);
    QVERIFY2(faults.ok(), qPrintable(faults.error().toString()));
    m_faults = *faults;
    const QString smallRoot = m_dir.filePath(QStringLiteral("small"));
    QVERIFY(QDir().mkpath(smallRoot));
    Result<test::DemoCase> small = test::makeDemoCase(smallRoot, 1);
    QVERIFY2(small.ok(), qPrintable(small.error().toString()));
    m_small = *small;
}

void TestOverview::init()
{
    // The tables remember their filters and layout (views/audittable.h): each test starts from the defaults.
    QSettings().remove(QStringLiteral("tables"));
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestOverview::cleanup()
{
    if (m_window) {
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->analysis()->isRunning(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->overviewPage()->isLoading(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->startPage()->demoJob()->isRunning(), 120000);
    }
    m_window.reset();
}

bool TestOverview::openFaults()
{
    if (Status s = m_window->openCaseFile(m_faults.casePath); !s) {
        qWarning("%s", qPrintable(s.error().toString()));
        return false;
    }
    OverviewDashboard* page = m_window->overviewPage();
    return QTest::qWaitFor(
        [&] {
            return m_window->analysis()->hasReport() && !m_window->analysis()->isRunning() && !page->isLoading()
                && !page->cards().isEmpty();
        },
        60000);
}

QJsonArray TestOverview::faults() const
{
    QFile file(QDir(m_faults.demoDir).filePath(QStringLiteral("faults.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("faults")).toArray();
}

// The classification the report and the overview share, on a hand-made report.
void TestOverview::assessmentClassifies()
{
    analytics::CheckReport r;
    r.failingSeverity = Severity::High;
    const Period measured { 1000, 2000 };
    auto provider = [&](const QString& name, bool telemetry) {
        analytics::ProviderFacts p;
        p.provider = name;
        p.currency = QStringLiteral("EUR");
        if (telemetry)
            p.telemetryPeriod = measured;
        r.providers.append(p);
    };
    auto finding = [&](const QString& name, Severity s, double amount = kMissing) {
        analytics::Finding f;
        f.provider = name;
        f.severity = s;
        f.amount = amount;
        f.currency = QStringLiteral("EUR");
        r.findings.append(f);
    };
    provider(QStringLiteral("A"), true);
    provider(QStringLiteral("B"), true);
    provider(QStringLiteral("C"), true);
    provider(QStringLiteral("D"), false);
    provider(QStringLiteral("E"), false);
    finding(QStringLiteral("B"), Severity::Low);
    finding(QStringLiteral("C"), Severity::High, 100.0);
    finding(QStringLiteral("C"), Severity::Medium, 20.5);
    finding(QStringLiteral("C"), Severity::Low, -7.0); // under-billed: not at stake
    finding(QStringLiteral("E"), Severity::Critical);
    analytics::ReconciliationLine line;
    line.provider = QStringLiteral("C");
    line.currency = QStringLiteral("EUR");
    line.billedQuantity = 110;
    line.measuredQuantity = 100;
    r.reconciliation.append(line);
    line.status = QStringLiteral("unreconciled"); // not part of billed vs measured
    r.reconciliation.append(line);

    const QList<analytics::ProviderAssessment> a = analytics::assessProviders(r);
    QCOMPARE(a.size(), 5);
    QCOMPARE(a.at(0).assessment, Assessment::Compliant);
    QCOMPARE(a.at(1).assessment, Assessment::CompliantWithFindings);
    QCOMPARE(a.at(2).assessment, Assessment::NotCompliant);
    QCOMPARE(a.at(2).worst, Severity::High);
    QCOMPARE(a.at(2).total, 3);
    QCOMPARE(a.at(3).assessment, Assessment::NotAssessed);
    QCOMPARE(a.at(4).assessment, Assessment::NotCompliant); // a failing finding decides without telemetry too
    QCOMPARE(a.at(2).billing.size(), 1);
    QCOMPARE(a.at(2).billing.first().billedQuantity, 110.0);
    QCOMPARE(a.at(2).billing.first().measuredQuantity, 100.0);
    QCOMPARE(a.at(2).billing.first().amountAtStake, 120.5);
    QCOMPARE(analytics::assessmentId(Assessment::NotAssessed), QStringLiteral("not-assessed"));
    QCOMPARE(analytics::mostSeriousFindings(r, 2, QStringLiteral("C")).size(), 2);

    ProviderOverviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(r);
    QVERIFY(model.index(3, ProviderOverviewModel::VerdictColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Not assessed")));
    QCOMPARE(
        model.index(2, ProviderOverviewModel::AmountAtStakeColumn).data().toString(), QStringLiteral("120.50 EUR"));
}

void TestOverview::modelsPassTheTester()
{
    QVERIFY(openFaults());
    const analytics::CheckReport& report = m_window->analysis()->report();

    ProviderOverviewModel providers;
    QAbstractItemModelTester providerTester(&providers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    providers.setReport(report);
    QCOMPARE(providers.rowCount(), int(report.providers.size()));
    QCOMPARE(providers.columnCount(), int(ProviderOverviewModel::ColumnCount));
    providers.clear();
    QCOMPARE(providers.rowCount(), 0);

    CoverageModel coverage;
    QAbstractItemModelTester coverageTester(&coverage, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store.ok());
    Result<DashboardData> data = loadDashboard(**store, {});
    QVERIFY2(data.ok(), qPrintable(data.error().toString()));
    coverage.setData(*data);
    QCOMPARE(coverage.rowCount(), 3 * 3); // three providers x telemetry, billing, attestation
    QCOMPARE(coverage.columnCount(), 14);
    coverage.clear();
    QCOMPARE(coverage.columnCount(), 0);

    RecentCasesModel recent;
    QAbstractItemModelTester recentTester(&recent, QAbstractItemModelTester::FailureReportingMode::QtTest);
    recent.setCases({ { m_faults.casePath, QStringLiteral("A"), QStringLiteral("p"), { QStringLiteral("x") },
                          QStringLiteral("Compliant"), int(Assessment::Compliant), true },
        { QStringLiteral("/nonexistent.capcase"), QStringLiteral("B"), {}, {}, {}, -1, false } });
    QCOMPARE(recent.rowCount(), 2);
    QCOMPARE(recent.index(1, RecentCasesModel::VerdictColumn).data().toString(), QStringLiteral("File missing"));
    recent.reload();
}

void TestOverview::overviewMatchesGroundTruth()
{
    QVERIFY(openFaults());
    OverviewDashboard* page = m_window->overviewPage();
    ProviderOverviewModel* model = page->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(page->cards().size(), 3);
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store.ok());
    Result<analytics::Policy> policy = analytics::selectPolicy(**store, QString());
    QVERIFY(policy.ok());

    QMap<QString, int> row;
    for (int r = 0; r < model->rowCount(); ++r)
        row.insert(model->index(r, ProviderOverviewModel::ProviderColumn).data().toString(), r);
    const analytics::CheckReport& report = m_window->analysis()->report();
    QMap<QString, double> overBilled;
    for (const QJsonValue& v : faults()) {
        const QJsonObject f = v.toObject();
        const QString provider = f.value(QStringLiteral("provider")).toString();
        QVERIFY2(row.contains(provider), qPrintable(provider));
        const int r = row.value(provider);
        // Every injected fault gives its provider findings; one the policy fails on makes it not compliant.
        int total = 0;
        for (int c = ProviderOverviewModel::CriticalColumn; c <= ProviderOverviewModel::InfoColumn; ++c)
            total += model->index(r, c).data(ProviderOverviewModel::NumberRole).toInt();
        QVERIFY(total > 0);
        if (policy->severity(f.value(QStringLiteral("rule")).toString()) >= policy->failingSeverity) {
            QCOMPARE(Assessment(model->index(r, 0).data(ProviderOverviewModel::AssessmentRole).toInt()),
                Assessment::NotCompliant);
            QVERIFY(model->index(r, ProviderOverviewModel::VerdictColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("Not compliant")));
        }
        if (f.value(QStringLiteral("fault")).toString() == u"over-billing")
            overBilled[provider] +=
                f.value(QStringLiteral("expected")).toObject().value(QStringLiteral("overBilledAmount")).toDouble();
    }
    // The counts by severity are the check run's, provider by provider.
    for (auto it = row.cbegin(); it != row.cend(); ++it) {
        const QMap<Severity, int> counts = report.countBySeverity(it.key());
        QCOMPARE(model->index(it.value(), ProviderOverviewModel::CriticalColumn).data().toInt(),
            counts.value(Severity::Critical));
        QCOMPARE(
            model->index(it.value(), ProviderOverviewModel::HighColumn).data().toInt(), counts.value(Severity::High));
        QCOMPARE(
            model->index(it.value(), ProviderOverviewModel::InfoColumn).data().toInt(), counts.value(Severity::Info));
    }
    // The over-billed money of faults.json is part of the amount at stake of its provider.
    QVERIFY(!overBilled.isEmpty());
    for (auto it = overBilled.cbegin(); it != overBilled.cend(); ++it) {
        const double atStake = model->index(row.value(it.key()), ProviderOverviewModel::AmountAtStakeColumn)
                                   .data(ProviderOverviewModel::NumberRole)
                                   .toDouble();
        QVERIFY2(atStake >= 0.99 * it.value(), qPrintable(QStringLiteral("%1 < %2").arg(atStake).arg(it.value())));
        QVERIFY(
            model->index(row.value(it.key()), ProviderOverviewModel::AmountAtStakeColumn)
                .data()
                .toString()
                .contains(model->index(row.value(it.key()), 0).data(ProviderOverviewModel::CurrencyRole).toString()));
    }
    // Availability and assurance are the provider facts of the run.
    for (const analytics::ProviderFacts& p : report.providers) {
        const int r = row.value(p.provider);
        QCOMPARE(model->index(r, ProviderOverviewModel::AssuranceColumn).data().toString(),
            ProviderOverviewModel::assuranceText(p.independentlyMetered));
        if (!isMissing(p.availability))
            QCOMPARE(model->index(r, ProviderOverviewModel::AvailabilityColumn)
                         .data(ProviderOverviewModel::NumberRole)
                         .toDouble(),
                p.availability);
    }
    // The headline answers the audit question; each card carries small multiples per resource class.
    QVERIFY2(page->headline().contains(QStringLiteral("does not support")), qPrintable(page->headline()));
    QVERIFY2(page->headline().contains(QStringLiteral("3 of 3")), qPrintable(page->headline()));
    for (ProviderCard* card : page->cards()) {
        QVERIFY(!card->charts().isEmpty());
        QVERIFY(card->verdictText().startsWith(QStringLiteral("Not compliant")));
    }
    // The most serious findings are the report's first ones.
    QStringList shown, reported;
    for (const analytics::Finding& f : page->seriousFindings())
        shown << f.id;
    for (const analytics::Finding& f : analytics::mostSeriousFindings(report, 8))
        reported << f.id;
    QCOMPARE(shown, reported);
    QCOMPARE(page->seriousFindings().first().severity, Severity::Critical);
}

void TestOverview::overviewAgreesWithReportSummary()
{
    QVERIFY(openFaults());
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store.ok());
    reports::ReportOptions options;
    options.sections = { reports::Section::Summary };
    Result<reports::ReportData> data = reports::composeReport(**store, options);
    QVERIFY2(data.ok(), qPrintable(data.error().toString()));
    ProviderOverviewModel* model = m_window->overviewPage()->model();
    QCOMPARE(model->rowCount(), int(data->verdicts.size()));
    for (int r = 0; r < model->rowCount(); ++r) {
        const reports::ProviderVerdict& v = data->verdicts.at(r);
        QCOMPARE(model->index(r, 0).data().toString(), v.provider);
        QCOMPARE(
            analytics::assessmentId(Assessment(model->index(r, 0).data(ProviderOverviewModel::AssessmentRole).toInt())),
            v.verdict);
        QCOMPARE(model->index(r, ProviderOverviewModel::MediumColumn).data().toInt(), v.counts.value(Severity::Medium));
    }
}

void TestOverview::coverageStripShowsGapsAndRefusals()
{
    QVERIFY(openFaults());
    CoverageModel* coverage = m_window->overviewPage()->coverageModel();
    QCOMPARE(coverage->rowCount(), 9);
    int refused = 0;
    for (const QJsonValue& v : faults()) {
        const QString kind = v.toObject().value(QStringLiteral("fault")).toString();
        refused += kind == u"tampered-payload" || kind == u"expired-certificate";
    }
    QVERIFY(refused > 0);
    // The days the refused bundles claimed are marked, on the row of their provider and kind.
    int attempted = 0;
    for (int r = 0; r < coverage->rowCount(); ++r)
        for (int c = 0; c < coverage->columnCount(); ++c)
            attempted += coverage->index(r, c).data(CoverageModel::AttemptedRole).toBool();
    QVERIFY(attempted > 0);
    // Every row is about one provider and kind; every day of the strip is reachable with the mouse.
    CoverageStrip* strip = m_window->overviewPage()->coverageStrip();
    // The strip grows when its model resets; the layout applies that on a later event-loop turn.
    QTRY_VERIFY(strip->height() > 100);
    bool hit = false;
    for (int y = 0; y < strip->height() && !hit; y += 3)
        hit = strip->indexAt(QPoint(strip->width() - 8, y)).isValid();
    QVERIFY(hit);
}

void TestOverview::findingLinksOpenFindingAndTimeline()
{
    QVERIFY(openFaults());
    OverviewDashboard* page = m_window->overviewPage();
    QVERIFY(!page->seriousFindings().isEmpty());
    analytics::Finding withRange;
    for (const analytics::Finding& f : page->seriousFindings())
        if (f.range.end > f.range.start && withRange.id.isEmpty())
            withRange = f;
    QVERIFY(!withRange.id.isEmpty());
    QSignalSpy finding(page, &OverviewDashboard::findingRequested);
    QSignalSpy timeline(page, &OverviewDashboard::timelineRequested);
    page->activateLink(QStringLiteral("finding:") + withRange.id);
    QCOMPARE(finding.count(), 1);
    QCOMPARE(finding.first().first().toString(), withRange.id);
    page->activateLink(QStringLiteral("timeline:") + withRange.id);
    QCOMPARE(timeline.count(), 1);
    QTRY_COMPARE(m_window->findChild<QTabWidget*>()->currentIndex(), int(MainWindow::TimelinePageIndex));
}

// A new case without evidence: the checks run and find nothing, which must not read as a clean result.
void TestOverview::emptyCaseIsNotACleanResult()
{
    const QString path = m_dir.filePath(QStringLiteral("empty.capcase"));
    QVERIFY(m_window->session()->create(
        path, QStringLiteral("empty"), QDir(m_faults.demoDir).filePath(QStringLiteral("trust"))));
    QSignalSpy report(m_window->analysis(), &AnalysisController::reportChanged);
    m_window->analysis()->runChecks({});
    QTRY_VERIFY_WITH_TIMEOUT(report.count() >= 1 && !m_window->analysis()->isRunning(), 60000);
    QVERIFY(m_window->analysis()->report().findings.isEmpty());
    const QString status = m_window->statusBar()->currentMessage();
    QVERIFY2(status.startsWith(QLatin1String("Nothing to check yet")), qPrintable(status));
    QTRY_VERIFY(m_window->overviewPage()->headline().startsWith(QLatin1String("Nothing to assess yet")));
    QVERIFY2(!m_window->overviewPage()->headline().contains(QLatin1String("supports")),
        qPrintable(m_window->overviewPage()->headline()));
}

void TestOverview::startPageWhenNoCase()
{
    auto* stack = qobject_cast<QStackedWidget*>(m_window->centralWidget());
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget(), m_window->startPage());
    QVERIFY(m_window->startPage()->findChild<QPushButton*>(QStringLiteral("startNewCase")));
    QVERIFY(m_window->startPage()->findChild<QPushButton*>(QStringLiteral("startOpenCase")));
    QVERIFY(m_window->startPage()->findChild<QPushButton*>(QStringLiteral("startOpenDemo")));
    QVERIFY(m_window->startPage()->dropZone()->isVisible());

    // After a case was opened and checked, the start page lists it with its name, period, providers and verdict.
    QVERIFY(openFaults());
    QVERIFY(stack->currentWidget() != m_window->startPage());
    m_window->closeCase();
    QCOMPARE(stack->currentWidget(), m_window->startPage());
    RecentCasesModel* recent = m_window->startPage()->recentModel();
    QVERIFY(recent->rowCount() >= 1);
    const QString path = QFileInfo(m_faults.casePath).absoluteFilePath();
    QCOMPARE(recent->index(0, 0).data(RecentCasesModel::PathRole).toString(), path);
    QCOMPARE(recent->index(0, RecentCasesModel::NameColumn).data().toString(), QStringLiteral("GUI test case"));
    QCOMPARE(recent->cases().first().providers.size(), 3);
    QVERIFY(recent->index(0, RecentCasesModel::VerdictColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Not compliant: 3 of 3")));
    QVERIFY(!recent->index(0, RecentCasesModel::PeriodColumn).data().toString().isEmpty());
    // Activating the row opens the case again.
    Q_EMIT m_window->startPage()->recentView()->activated(recent->index(0, 0));
    QVERIFY(m_window->session()->isOpen());
    QCOMPARE(m_window->session()->path(), path);
}

void TestOverview::dropCaseOnStartPage()
{
    StartPage* start = m_window->startPage();
    QCOMPARE(test::dropPaths(start, { m_small.casePath }), QString());
    QVERIFY(m_window->session()->isOpen());
    QCOMPARE(m_window->session()->path(), QFileInfo(m_small.casePath).absoluteFilePath());
    QVERIFY(!start->isDropHighlighted());
}

void TestOverview::dropBundleImportsAndChecksRun()
{
    // A case of the small bank without one of the provider's own telemetry bundles: a gap of a few days.
    const QString copy = m_dir.filePath(QStringLiteral("drop.capcase"));
    QFile::remove(copy);
    QString withheld;
    {
        Result<TrustStore> trust = TrustStore::loadDirectory(m_small.demoDir + QStringLiteral("/trust"));
        QVERIFY(trust.ok());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::create(copy, QStringLiteral("Drop"), trust->anchors());
        QVERIFY(store.ok());
        CaseImporter importer(**store);
        const QDir bundles(m_small.demoDir + QStringLiteral("/bundles"));
        for (const QString& name : bundles.entryList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
            if (withheld.isEmpty() && name.startsWith(QLatin1String("provider-")) && name.contains(u"-telemetry-")) {
                withheld = bundles.filePath(name);
                continue;
            }
            importer.importBundle(bundles.filePath(name));
        }
    }
    QVERIFY(!withheld.isEmpty());
    QVERIFY(m_window->openCaseFile(copy).ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->analysis()->hasReport() && !m_window->analysis()->isRunning(), 60000);
    const int bundlesBefore = int(m_window->analysis()->report().bundleDigests.size());
    // The held-back telemetry bundle is a gap the strip shows before any table does.
    CoverageModel* coverage = m_window->overviewPage()->coverageModel();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overviewPage()->isLoading() && coverage->rowCount() > 0, 20000);
    auto unverifiedTelemetryDays = [&] {
        int n = 0;
        for (int r = 0; r < coverage->rowCount(); ++r) {
            if (BundleKind(coverage->index(r, 0).data(CoverageModel::KindRole).toInt()) != BundleKind::Telemetry)
                continue;
            for (int c = 0; c < coverage->columnCount(); ++c) {
                const auto state = CoverageState(coverage->index(r, c).data(CoverageModel::StateRole).toInt());
                // In this bank a tampered copy claims the withheld week: its days read "rejected", not "missing".
                n += state != CoverageState::Verified && state != CoverageState::Partial;
            }
        }
        return n;
    };
    const int gapBefore = unverifiedTelemetryDays();
    QVERIFY(gapBefore > 0);
    QSignalSpy started(m_window->analysis(), &AnalysisController::started);
    QSignalSpy imported(m_window.get(), &MainWindow::importFinished);
    QSignalSpy updated(m_window->overviewPage(), &OverviewDashboard::updated);
    QCOMPARE(test::dropPaths(m_window.get(), { withheld }), QString());
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);
    // No manual refresh: the checks start by themselves and the overview follows.
    QTRY_VERIFY_WITH_TIMEOUT(started.count() >= 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->analysis()->isRunning()
            && int(m_window->analysis()->report().bundleDigests.size()) == bundlesBefore + 1,
        60000);
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1 && !m_window->overviewPage()->isLoading(), 20000);
    QCOMPARE(m_window->overviewPage()->model()->rowCount(), int(m_window->analysis()->report().providers.size()));
    QVERIFY2(unverifiedTelemetryDays() < gapBefore,
        qPrintable(QStringLiteral("%1 -> %2").arg(gapBefore).arg(unverifiedTelemetryDays())));
}

void TestOverview::checksCanBeCancelled()
{
    QVERIFY(openFaults());
    OverviewDashboard* page = m_window->overviewPage();
    m_window->analysis()->runChecks({});
    QVERIFY(m_window->analysis()->isRunning());
    QVERIFY(page->cancelButton()->isVisibleTo(page));
    page->cancelButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->analysis()->isRunning(), 60000);
    // A run that finished before the cancel reached it is fine too; a cancelled one says so and keeps the verdicts.
    if (m_window->analysis()->job()->wasCancelled()) {
        QVERIFY2(page->statusText().contains(QStringLiteral("cancelled")), qPrintable(page->statusText()));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
    }
    QCOMPARE(page->cards().size(), 3);
    QVERIFY(!page->cancelButton()->isVisibleTo(page));
}

void TestOverview::periodSelectorDrivesChecks()
{
    QVERIFY(openFaults());
    PeriodSelector* selector = m_window->overviewPage()->periodSelector();
    // The presets are the core's: the whole case, every attested contract period, every billing period.
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store);
    Result<QList<analytics::PeriodPreset>> presets = analytics::periodPresets(**store);
    QVERIFY(presets);
    QTRY_COMPARE(selector->count(), int(presets->size())); // "Whole case" stands for the core's whole-case preset
    int billing = -1;
    int contracts = 0;
    for (int i = 1; i < selector->count(); ++i) {
        const QString label = selector->presetBox()->itemText(i);
        contracts += label.startsWith(QLatin1String("Contract: "));
        if (billing < 0 && label.startsWith(QLatin1String("Billing: ")))
            billing = i;
        QCOMPARE(selector->periodAt(i).start, presets->at(i).period.start);
    }
    QVERIFY(contracts > 0);
    QVERIFY(billing > 0);
    const Period month = selector->periodAt(billing);
    QVERIFY(month.end > month.start);
    QSignalSpy report(m_window->analysis(), &AnalysisController::reportChanged);
    selector->presetBox()->setCurrentIndex(billing);
    Q_EMIT selector->presetBox()->activated(billing);
    QCOMPARE(m_window->session()->period().start, month.start);
    QCOMPARE(m_window->session()->period().end, month.end);
    QCOMPARE(selector->shownPeriod().start, month.start);
    QTRY_VERIFY_WITH_TIMEOUT(report.count() >= 1 && !m_window->analysis()->isRunning(), 60000);
    QCOMPARE(m_window->analysis()->report().period.start, month.start);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overviewPage()->isLoading(), 20000);
    QCOMPARE(m_window->overviewPage()->coverageModel()->firstDay(), month.start);
    QCOMPARE(selector->presetBox()->currentIndex(), billing);
    // The timeline's picker shows the same period.
    QCOMPARE(m_window->timelinePage()->periodSelector()->presetBox()->currentIndex(), billing);

    // Typed dates are a proposal too: applied, they are widened to the charge periods they cut.
    auto* from = selector->findChild<QDateTimeEdit*>(QStringLiteral("periodFrom"));
    auto* to = selector->findChild<QDateTimeEdit*>(QStringLiteral("periodTo"));
    QVERIFY(from && to);
    from->setDateTime(QDateTime::fromSecsSinceEpoch(month.start + 86400 + 5 * 3600 + 17 * 60, Qt::UTC));
    to->setDateTime(QDateTime::fromSecsSinceEpoch(month.start + 3 * 86400 + 7 * 3600, Qt::UTC));
    QVERIFY(selector->hasProposal());
    QCOMPARE(m_window->session()->period().start, month.start); // nothing applied yet
    selector->apply();
    const Period typed = m_window->session()->period();
    const Result<analytics::SnappedPeriod> expected = analytics::snapToChargePeriods(
        **store, { month.start + 86400 + 5 * 3600 + 17 * 60, month.start + 3 * 86400 + 7 * 3600 });
    QVERIFY(expected);
    QVERIFY(expected->moved());
    QCOMPARE(typed.start, expected->period.start);
    QCOMPARE(typed.end, expected->period.end);
    QVERIFY2(selector->note().startsWith(QLatin1String("Widened")), qPrintable(selector->note()));
    QVERIFY(selector->presetBox()->currentText().startsWith(QLatin1String("Chosen: ")));
}

void TestOverview::demoBankFromStartPage()
{
    demo::DemoConfig config;
    config.seed = 5;
    config.days = 7;
    config.stepSeconds = 3600;
    config.providers = 2;
    config.nodesPerProvider = 3;
    const QString dir = m_dir.filePath(QStringLiteral("demo-bank"));
    StartPage* start = m_window->startPage();
    QSignalSpy progress(start->demoJob(), &DemoBankJob::progress);
    QSignalSpy ready(start, &StartPage::demoReady);
    start->openDemoBank(dir, config);
    QVERIFY(start->demoJob()->isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 120000);
    QVERIFY(progress.count() > 3);
    QVERIFY(m_window->session()->isOpen());
    QCOMPARE(m_window->session()->path(), DemoBankJob::casePathIn(dir));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->overviewPage()->model()->rowCount() == 2, 60000);
    // A second time it opens the bank made before.
    m_window->closeCase();
    start->openDemoBank(dir, config);
    QVERIFY(!start->demoJob()->isRunning());
    QCOMPARE(ready.count(), 2);
}

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
