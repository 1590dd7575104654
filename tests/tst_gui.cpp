// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/capacityplan.h"
#include "analytics/comparison.h"
#include "analytics/policyselection.h"
#include "demo/democonfig.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/addanchordialog.h"
#include "dialogs/evidenceviewerdialog.h"
#include "dialogs/importsummarydialog.h"
#include "dialogs/reportexportflow.h"
#include "dialogs/reportpreviewdialog.h"
#include "dialogs/truststoredialog.h"
#include "evidence/bundlewriter.h"
#include "guitestcase.h"
#include "jobs/analysiscontroller.h"
#include "jobs/casesession.h"
#include "jobs/importjob.h"
#include "jobs/reportjob.h"
#include "mainwindow.h"
#include "models/anchormodel.h"
#include "models/bidcomparisonmodel.h"
#include "models/bundlefiltermodel.h"
#include "models/bundlemodel.h"
#include "models/checkmodel.h"
#include "models/evidencerowsmodel.h"
#include "models/findingfiltermodel.h"
#include "models/findingmodel.h"
#include "models/provideroverviewmodel.h"
#include "models/threewaymodel.h"
#include "models/trailmodel.h"
#include "overview/overviewdashboard.h"
#include "overview/providercard.h"
#include "pages/bundledetailwidget.h"
#include "pages/capacitypage.h"
#include "pages/capacityplot.h"
#include "pages/comparisonpage.h"
#include "pages/evidencepage.h"
#include "pages/findingdetailwidget.h"
#include "pages/findingspage.h"
#include "pages/periodselector.h"
#include "pages/scenarioform.h"
#include "pages/timelinepage.h"
#include "pages/trailpage.h"
#include "store/sqlitedb.h"
#include "testpki.h"
#include "timeline/timelineplot.h"
#include "util/jsonutil.h"
#include "views/audittable.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMutex>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QWheelEvent>

using namespace capaudit;

// Drives the real window offscreen: open, import, inspect, zoom, change the trust store.
class TestGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void openCase();
    void refusesMissingAndForeignFiles_data();
    void refusesMissingAndForeignFiles();
    void importBundle();
    void cancelledBatchLeavesCaseUnchanged();
    void selectBundleShowsChecks();
    void timelineZoomChangesRange();
    void timelineLegendNamesEveryAllocation();
    void timelineShiftDragSelectsPeriod();
    void shiftDragGivesTheFindingsOfTheEquivalentCheck();
    void timelineExport_data();
    void timelineExport();
    void trustAnchorAddRemoveInTrail();
    void chainCheck();
    void aboutVersions();
    void findingsListEveryFault();
    void findingShownOnTimeline();
    void findingSeverityFilter();
    void evidenceViewerShowsTheCitedRows();
    void capacityForecastAndScenario();
    void comparisonWeightChangesScores();
    void exportReportWritesPdf();
    void reportWriteCancelledWhileRendering();
    void failedImportListsEveryProblem();
    void ctrlFInTheWindow();

private:
    bool waitForTimeline();
    bool openAnalysisCase(); // the case with every fault, checks finished

    int trailCount(const QString& action) const;

    QTemporaryDir m_dir;
    test::DemoCase m_case;
    test::DemoCase m_faults; // every fault class injected, for the analysis pages
    demo::DemoConfig m_faultConfig;
    std::unique_ptr<MainWindow> m_window;
};

void TestGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("CapAuditTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gui"));
    QVERIFY(m_dir.isValid());
    Result<test::DemoCase> demo = test::makeDemoCase(m_dir.path(), 1);
    QVERIFY2(demo.ok(), qPrintable(demo.error().toString()));
    m_case = *demo;
    QCOMPARE(m_case.heldBack.size(), 1);

    m_faultConfig.seed = 11;
    m_faultConfig.days = 14;
    m_faultConfig.stepSeconds = 3600;
    m_faultConfig.providers = 3;
    m_faultConfig.nodesPerProvider = 6;
    m_faultConfig.faults = demo::allFaultKinds();
    const QString faultsRoot = m_dir.filePath(QStringLiteral("faults"));
    QVERIFY(QDir().mkpath(faultsRoot));
    Result<test::DemoCase> faults = test::makeDemoCase(faultsRoot, m_faultConfig);
    QVERIFY2(faults.ok(), qPrintable(faults.error().toString()));
    m_faults = *faults;
}

void TestGui::init()
{
    // The tables remember their filters and layout (views/audittable.h): each test starts from the defaults.
    QSettings().remove(QStringLiteral("tables"));
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    const Status s = m_window->openCaseFile(m_case.casePath);
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
}

void TestGui::cleanup()
{
    // Let background loads finish before the window (and its watchers) go away.
    if (m_window) {
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->timelinePage()->isLoading(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->analysis()->isRunning(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->capacityPage()->isLoading(), 60000);
    }
    m_window.reset();
}

int TestGui::trailCount(const QString& action) const
{
    int n = 0;
    const TrailModel* model = m_window->trailPage()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        n += model->index(row, TrailModel::ActionColumn).data().toString() == action;
    return n;
}

void TestGui::openCase()
{
    QVERIFY(m_window->session()->isOpen());
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("GUI test case")));
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("trust anchor")));
    QCOMPARE(m_window->evidencePage()->model()->rowCount(), m_case.verifiedInCase);
    QVERIFY(m_window->trailPage()->model()->rowCount() > m_case.verifiedInCase);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->overviewPage()->model()->rowCount() >= 2, 20000);
    // Every page shows real data.
    QVERIFY(waitForTimeline());
    QVERIFY(!m_window->timelinePage()->plot()->data().series.times.isEmpty());
}

void TestGui::refusesMissingAndForeignFiles_data()
{
    QTest::addColumn<QString>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << QString() << QStringLiteral("does not exist");
    QTest::newRow("text file") << QStringLiteral("hello") << QStringLiteral("not a CapAudit case");
    QTest::newRow("other sqlite") << QStringLiteral("@sqlite") << QStringLiteral("not a CapAudit case");
}

void TestGui::refusesMissingAndForeignFiles()
{
    QFETCH(QString, content);
    QFETCH(QString, expected);
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("foreign-%1.capcase").arg(QTest::currentDataTag()));
    if (content == QLatin1String("@sqlite")) {
        // A real SQLite database of another application (application_id 0).
        sql::Database db;
        QVERIFY(db.open(path, sql::Database::Mode::Create).ok());
        QVERIFY(
            db.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES('x')").ok());
        db.close();
    } else if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content.toUtf8());
    }
    const Status s = m_window->openCaseFile(path);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().reason.contains(expected) || s.error().toString().contains(expected),
        qPrintable(s.error().toString()));
    // The case that was open stays open.
    QVERIFY(m_window->session()->isOpen());
    QCOMPARE(m_window->session()->path(), QFileInfo(m_case.casePath).absoluteFilePath());
}

void TestGui::importBundle()
{
    const int before = m_window->evidencePage()->model()->rowCount();
    const int importsBefore = trailCount(QStringLiteral("import"));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->importBundles(m_case.heldBack));
    QVERIFY(m_window->isImporting());
    QVERIFY(finished.wait(60000));
    const auto results = finished.first().first().value<QList<ImportResult>>();
    QCOMPARE(results.size(), 1);
    QVERIFY2(results.first().outcome == ImportOutcome::Imported, qPrintable(results.first().error.toString()));
    QCOMPARE(m_window->evidencePage()->model()->rowCount(), before + 1);
    QCOMPARE(trailCount(QStringLiteral("import")), importsBefore + 1);
    auto* summary = m_window->findChild<ImportSummaryDialog*>(QStringLiteral("importSummary"));
    QVERIFY(summary);
    QVERIFY(summary->isVisible());
    // Importing the same bundle again changes nothing.
    QVERIFY(m_window->importBundles(m_case.heldBack));
    QVERIFY(finished.wait(60000));
    const auto again = finished.last().first().value<QList<ImportResult>>();
    QCOMPARE(again.first().outcome, ImportOutcome::AlreadyPresent);
    QCOMPARE(m_window->evidencePage()->model()->rowCount(), before + 1);
}

void TestGui::cancelledBatchLeavesCaseUnchanged()
{
    // The menu's import path (ImportJob) on a fresh case: cancel as soon as the first bundle is done.
    Result<TrustStore> trust = TrustStore::loadDirectory(m_case.demoDir + QStringLiteral("/trust"));
    QVERIFY(trust);
    const QString path = m_dir.filePath(QStringLiteral("cancelled-batch.capcase"));
    Result<std::unique_ptr<CaseStore>> store = CaseStore::create(path, QStringLiteral("batch"), trust->anchors());
    QVERIFY(store);
    const qsizetype trailBefore = (*store)->trail()->size();
    QStringList bundles;
    const QDir dir(m_case.demoDir + QStringLiteral("/bundles"));
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name))
        bundles.append(dir.filePath(name));
    QVERIFY(bundles.size() > 3);

    ImportJob job;
    QSignalSpy finished(&job, &ImportJob::finished);
    connect(&job, &ImportJob::bundleFinished, &job, [&job](int, const ImportResult&) { job.cancel(); });
    job.start(path, bundles, false);
    QVERIFY(finished.wait(120000));
    QVERIFY(job.batch().rolledBack);
    QVERIFY(job.batch().cancelled);
    QCOMPARE(job.results().size(), bundles.size());
    // The bundle done before the cancel is rolled back with the rest; the others never started or were cancelled.
    QCOMPARE(job.results().first().outcome, ImportOutcome::RolledBack);
    for (const ImportResult& r : job.results())
        QVERIFY2(r.outcome == ImportOutcome::RolledBack || r.outcome == ImportOutcome::Cancelled, qPrintable(r.path));
    QCOMPARE((*store)->bundles()->size(), 0);
    QCOMPARE((*store)->trail()->size(), trailBefore);
}

void TestGui::selectBundleShowsChecks()
{
    m_window->showPage(MainWindow::EvidencePageIndex);
    EvidencePage* page = m_window->evidencePage();
    QVERIFY(page->model()->rowCount() > 0);
    const StoredBundle& bundle = page->model()->bundle(0);
    // Click the row, as a user would.
    const QModelIndex proxyIndex = page->proxy()->mapFromSource(page->model()->index(0, BundleModel::ProviderColumn));
    const QRect rect = page->view()->visualRect(proxyIndex);
    QVERIFY(rect.isValid());
    QTest::mouseClick(page->view()->viewport(), Qt::LeftButton, {}, rect.center());
    BundleDetailWidget* detail = m_window->detailWidget();
    QVERIFY(detail->hasBundle());
    QCOMPARE(detail->bundle().digest, bundle.digest);
    const CheckModel* checks = detail->checkModel();
    QCOMPARE(checks->rowCount(), bundle.details.checks.size());
    bool signature = false;
    for (int row = 0; row < checks->rowCount(); ++row) {
        if (checks->index(row, 0).data(CheckModel::CheckIdRole).toString() == QLatin1String(checks::kSignature)) {
            signature = true;
            QCOMPARE(checks->index(row, CheckModel::StatusColumn).data().toString(),
                CheckModel::statusText(CheckStatus::Pass));
        }
    }
    QVERIFY(signature);
    QVERIFY(detail->predicateText().contains(bundle.provider));
    // The verdict exports as JSON with the same digest.
    const QString out = QDir(m_dir.path()).filePath(QStringLiteral("verdict.json"));
    QVERIFY(detail->exportVerdict(out).ok());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(bundle.digest.toUtf8()));

    // Filtering hides rows that do not match and keeps the selection logic working.
    page->filterEdit()->setText(QStringLiteral("no-such-bundle-zzz"));
    QCOMPARE(page->proxy()->rowCount(), 0);
    page->filterEdit()->clear();
    QCOMPARE(page->proxy()->rowCount(), page->model()->rowCount());
}

bool TestGui::waitForTimeline()
{
    TimelinePage* page = m_window->timelinePage();
    QTest::qWait(0);
    return QTest::qWaitFor([&] { return !page->isLoading() && !page->plot()->data().series.times.isEmpty(); }, 20000);
}

// Use no tenant label claims (a GPU's utilisation without a pod label) is named as such, never "Allocated:".
void TestGui::timelineLegendNamesEveryAllocation()
{
    QVERIFY(openAnalysisCase());
    m_window->showPage(MainWindow::TimelinePageIndex);
    QVERIFY(waitForTimeline());
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store);
    Result<QStringList> providers = (*store)->providers();
    Result<QStringList> classes = (*store)->resourceClasses();
    QVERIFY(providers && classes);
    int unattributed = 0;
    for (const QString& provider : *providers) {
        for (const QString& resourceClass : *classes) {
            m_window->timelinePage()->showRange(provider, resourceClass, {});
            if (!waitForTimeline())
                continue; // no telemetry for this pair
            for (const QString& name : m_window->timelinePage()->plot()->graphNames()) {
                QVERIFY2(!name.trimmed().endsWith(QLatin1Char(':')), qPrintable(provider + u'/' + resourceClass));
                unattributed += name == u"Not attributed to a tenant";
            }
        }
    }
    QVERIFY(unattributed > 0); // the demo's GPU nodes report utilisation without a pod label
}

void TestGui::timelineZoomChangesRange()
{
    m_window->showPage(MainWindow::TimelinePageIndex);
    QVERIFY(waitForTimeline());
    TimelinePlot* plot = m_window->timelinePage()->plot();
    const auto [from0, to0] = plot->visibleRange();
    QVERIFY(to0 > from0);

    // Mouse wheel over the chart, as a user zooms in.
    QWidget* target = plot->canvas();
    const QPointF centre(target->width() / 2.0, target->height() / 3.0);
    for (int i = 0; i < 5; ++i) {
        QWheelEvent wheel(centre, target->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(target, &wheel);
    }
    const auto [from1, to1] = plot->visibleRange();
    QVERIFY2(
        to1 - from1 < (to0 - from0) * 0.7, qPrintable(QStringLiteral("%1 -> %2").arg(to0 - from0).arg(to1 - from1)));
    QVERIFY(from1 >= from0 && to1 <= to0);
    // The data is reloaded for the new range (level of detail), off the GUI thread.
    QVERIFY(m_window->timelinePage()->isLoading());
    QVERIFY(waitForTimeline());
    const TimelineData& data = plot->data();
    QVERIFY(data.request.to - data.request.from < qint64((to0 - from0) * 1.5));
    QVERIFY(!plot->valuesAt((from1 + to1) / 2).isEmpty());

    m_window->timelinePage()->resetView();
    const auto [from2, to2] = plot->visibleRange();
    QCOMPARE(from2, from0);
    QCOMPARE(to2, to0);
}

namespace {
// Qt and QCustomPlot messages seen while a test drives the chart (QCustomPlot reports refused calls as qDebug).
// Only QCustomPlot's own: the checks started by the new period run meanwhile on other threads.
QMutex g_messagesMutex;
QStringList g_messages;
void collectMessages(QtMsgType, const QMessageLogContext&, const QString& message)
{
    if (!message.contains(QLatin1String("QCustomPlot")) && !message.contains(QLatin1String("QCP")))
        return;
    const QMutexLocker lock(&g_messagesMutex);
    g_messages.append(message);
}
} // namespace

void TestGui::timelineShiftDragSelectsPeriod()
{
    m_window->showPage(MainWindow::TimelinePageIndex);
    QVERIFY(waitForTimeline());
    TimelinePlot* plot = m_window->timelinePage()->plot();
    QWidget* target = plot->canvas();
    QSignalSpy selected(plot, &TimelinePlot::periodSelected);
    g_messages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collectMessages);
    // Twice: the second drag is where a layer added per drag would be refused.
    for (int drag = 0; drag < 2; ++drag) {
        const QPointF start(target->width() * (0.3 + 0.1 * drag), target->height() / 2.0);
        const QPointF end(target->width() * (0.6 + 0.1 * drag), target->height() / 2.0);
        QMouseEvent press(QEvent::MouseButtonPress, start, target->mapToGlobal(start), Qt::LeftButton, Qt::LeftButton,
            Qt::ShiftModifier);
        QApplication::sendEvent(target, &press);
        QMouseEvent move(
            QEvent::MouseMove, end, target->mapToGlobal(end), Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
        QApplication::sendEvent(target, &move);
        QMouseEvent release(
            QEvent::MouseButtonRelease, end, target->mapToGlobal(end), Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
        QApplication::sendEvent(target, &release);
    }
    qInstallMessageHandler(previous);
    QCOMPARE(selected.count(), 2);
    const qint64 from = selected.last().at(0).toLongLong();
    const qint64 to = selected.last().at(1).toLongLong();
    QVERIFY(to > from);
    // The drag is a proposal: the picker shows it widened to whole hours and whole charge periods; applied, it is
    // the session's period.
    PeriodSelector* picker = m_window->timelinePage()->periodSelector();
    QVERIFY(picker->hasProposal());
    QCOMPARE(m_window->session()->period().end, qint64(0));
    picker->apply();
    const Period period = m_window->session()->period();
    QCOMPARE(period.start, picker->shownPeriod().start);
    QVERIFY(period.start <= from && period.end >= to);
    QCOMPARE(period.start % 3600, 0);
    QCOMPARE(period.end % 3600, 0);
    QVERIFY2(g_messages.isEmpty(), qPrintable(g_messages.join(QLatin1Char('\n'))));
}

// Issue 16: a Shift+drag period gives exactly the findings of `check --period` over the whole charge periods it
// touches (the demo bills by day), not the invented over-billing of charge periods cut mid-way.
void TestGui::shiftDragGivesTheFindingsOfTheEquivalentCheck()
{
    QVERIFY(openAnalysisCase());
    const qint64 day = 86400;
    const qint64 start = m_faultConfig.startSeconds();
    // What a drag delivers: seconds inside two days.
    Q_EMIT m_window->timelinePage()->plot()->periodSelected(
        start + day + 19 * 3600 + 16 * 60 + 19, start + 3 * day + 15 * 3600 + 28 * 60 + 42);
    // The drag proposes the period, widened to whole daily charge periods, in the picker; nothing changes yet.
    PeriodSelector* picker = m_window->timelinePage()->periodSelector();
    QCOMPARE(m_window->session()->period().end, qint64(0));
    QVERIFY(picker->hasProposal());
    QCOMPARE(picker->shownPeriod().start, start + day);
    QCOMPARE(picker->shownPeriod().end, start + 4 * day);
    QVERIFY2(picker->note().contains(QLatin1String("widened")), qPrintable(picker->note()));
    QTest::mouseClick(picker->findChild<QPushButton*>(QStringLiteral("periodApply")), Qt::LeftButton);
    QVERIFY(!picker->hasProposal());
    const Period period = m_window->session()->period();
    QCOMPARE(period.start, start + day);
    QCOMPARE(period.end, start + 4 * day);
    // The status bar shows the very period the checks run on.
    const QString status = m_window->findChild<QLabel*>(QStringLiteral("statusPeriod"))->text();
    QVERIFY2(
        status.contains(QDateTime::fromSecsSinceEpoch(period.start, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")))
            && status.contains(
                QDateTime::fromSecsSinceEpoch(period.end, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"))),
        qPrintable(status));
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_window->analysis()->isRunning() && m_window->analysis()->report().period.start == period.start, 60000);
    const analytics::CheckReport& shown = m_window->analysis()->report();
    QCOMPARE(shown.period.end, period.end);
    // capaudit-cli check --period 2026-…..2026-… on the same case and policy.
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store);
    analytics::CheckOptions options;
    Result<analytics::Policy> policy = analytics::selectPolicy(**store, {});
    QVERIFY(policy);
    options.policy = *policy;
    options.period = *analytics::parsePeriod(analytics::formatPeriod(period));
    Result<analytics::CheckReport> cli = analytics::runChecks(**store, options);
    QVERIFY(cli);
    QStringList a, b;
    for (const analytics::Finding& f : shown.findings)
        a << f.id + QLatin1Char(' ') + f.title;
    for (const analytics::Finding& f : cli->findings)
        b << f.id + QLatin1Char(' ') + f.title;
    QCOMPARE(a, b);
    m_window->session()->setPeriod({});
}

void TestGui::timelineExport_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("png") << QStringLiteral("png") << QByteArray("\x89PNG");
    QTest::newRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
    QTest::newRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
}

void TestGui::timelineExport()
{
    QFETCH(QString, suffix);
    QFETCH(QByteArray, magic);
    m_window->showPage(MainWindow::TimelinePageIndex);
    QVERIFY(waitForTimeline());
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("chart.") + suffix);
    const Status s = m_window->timelinePage()->plot()->exportTo(path, 800, 500);
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.size() > 1000);
    QVERIFY(file.read(magic.size()) == magic);
}

void TestGui::trustAnchorAddRemoveInTrail()
{
    const QString storeDir = QDir(m_dir.path()).filePath(QStringLiteral("extra-trust"));
    const test::TestPki pki = test::TestPki::create(QStringLiteral("Extra Auditor"));
    pki.writeTrustStore(storeDir);
    const QString anchorFile = QDir(storeDir).filePath(QStringLiteral("root.pem"));

    TrustStoreDialog dialog(m_window->session(), m_window.get());
    const int anchors = dialog.model()->rowCount();
    const int added = trailCount(QStringLiteral("trust-anchor-added"));
    const int removed = trailCount(QStringLiteral("trust-anchor-removed"));

    // The add dialog carries role and scope into the anchor.
    AddAnchorDialog details(anchorFile);
    details.setProviders({ QStringLiteral("Extra Provider"), QString(), QStringLiteral("Extra Provider") });
    Result<TrustAnchor> fromDialog = details.anchor();
    QVERIFY2(fromDialog, qPrintable(fromDialog ? QString() : fromDialog.error().toString()));
    QCOMPARE(fromDialog->role, QStringLiteral("provider"));
    QCOMPARE(fromDialog->providers, QStringList { QStringLiteral("Extra Provider") });

    Status s = dialog.addAnchorFile(anchorFile, QStringLiteral("Extra auditor root"), QStringLiteral("auditor"), {},
        { QStringLiteral("Extra Provider") });
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
    QCOMPARE(dialog.model()->rowCount(), anchors + 1);
    bool scoped = false;
    for (int row = 0; row < dialog.model()->rowCount(); ++row)
        scoped = scoped
            || (dialog.model()->index(row, AnchorModel::LabelColumn).data().toString() == u"Extra auditor root"
                && dialog.model()->index(row, AnchorModel::ScopeColumn).data().toString() == u"Extra Provider");
    QVERIFY(scoped);
    QCOMPARE(trailCount(QStringLiteral("trust-anchor-added")), added + 1);
    const TrailModel* trail = m_window->trailPage()->model();
    const QModelIndex last = trail->index(trail->rowCount() - 1, TrailModel::DetailsColumn);
    QVERIFY(last.data().toString().contains(QStringLiteral("Extra auditor root")));

    QString fingerprint;
    for (int row = 0; row < dialog.model()->rowCount(); ++row) {
        if (dialog.model()->index(row, AnchorModel::LabelColumn).data().toString()
            == QLatin1String("Extra auditor root"))
            fingerprint = dialog.model()->index(row, 0).data(AnchorModel::FingerprintRole).toString();
    }
    QVERIFY(!fingerprint.isEmpty());
    s = dialog.removeAnchor(fingerprint);
    QVERIFY2(s.ok(), qPrintable(s.error().toString()));
    QCOMPARE(dialog.model()->rowCount(), anchors);
    QCOMPARE(trailCount(QStringLiteral("trust-anchor-removed")), removed + 1);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("%1 trust anchor").arg(anchors)));
}

void TestGui::chainCheck()
{
    QSignalSpy checked(m_window->trailPage(), &TrailPage::chainChecked);
    m_window->action(QStringLiteral("checkChain"))->trigger();
    QCOMPARE(checked.size(), 1);
    QVERIFY(checked.first().first().toBool());
    QVERIFY(m_window->trailPage()->chainStatus().contains(QStringLiteral("intact")));
}

void TestGui::aboutVersions()
{
    const QString text = AboutDialog::libraryVersions().join(QLatin1Char('\n'));
    QVERIFY(text.contains(QStringLiteral("Qt ")));
    QVERIFY(text.contains(QStringLiteral("OpenSSL 3")));
    QVERIFY(text.contains(QStringLiteral("SQLite 3")));
    QVERIFY(text.contains(QStringLiteral("QCustomPlot 2")));
}

bool TestGui::openAnalysisCase()
{
    const Status s = m_window->openCaseFile(m_faults.casePath);
    if (!s) {
        qWarning("%s", qPrintable(s.error().toString()));
        return false;
    }
    // Opening a case runs the checks in the background.
    return QTest::qWaitFor(
        [&] { return m_window->analysis()->hasReport() && !m_window->analysis()->isRunning(); }, 60000);
}

void TestGui::findingsListEveryFault()
{
    QVERIFY(openAnalysisCase());
    m_window->showPage(MainWindow::FindingsPageIndex);
    FindingsPage* page = m_window->findingsPage();
    const FindingModel* model = page->model();
    QCOMPARE(model->rowCount(), m_window->analysis()->report().findings.size());
    QSet<QString> rules;
    for (int row = 0; row < model->rowCount(); ++row)
        rules.insert(model->index(row, FindingModel::RuleColumn).data().toString());
    // The demo's ground truth names the rule that must report each injected fault.
    for (demo::FaultKind kind : std::as_const(m_faultConfig.faults))
        QVERIFY2(rules.contains(demo::faultRuleId(kind)),
            qPrintable(QStringLiteral("%1 (%2) not listed; rules: %3")
                           .arg(demo::faultKindName(kind), demo::faultRuleId(kind),
                               QStringList(rules.begin(), rules.end()).join(QLatin1Char(' ')))));
    QVERIFY(page->summaryText().contains(QStringLiteral("Fails the policy")));
    // Issue 18: the same run's three-way match on its tab, and its idle capacity on the overview.
    QVERIFY(page->threeWayModel()->rowCount() > 0);
    QCOMPARE(page->threeWayModel()->rowCount(), int(m_window->analysis()->report().threeWay.size()));
    auto idleShown = [this] {
        for (const ProviderCard* card : m_window->overviewPage()->cards())
            for (const QLabel* label : card->findChildren<QLabel*>())
                if (label->text().contains(QStringLiteral("idle committed capacity"))
                    && label->text().contains(QStringLiteral("EUR")))
                    return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(idleShown(), 20000);
}

void TestGui::findingShownOnTimeline()
{
    QVERIFY(openAnalysisCase());
    QVERIFY(waitForTimeline());
    const qint64 caseSpan = m_faultConfig.endSeconds() - m_faultConfig.startSeconds();
    // A finding about a few hours of one provider's telemetry (a gap or an outage), well inside the case.
    const analytics::Finding* target = nullptr;
    for (const analytics::Finding& f : m_window->analysis()->report().findings) {
        if (!f.provider.isEmpty() && f.range.end > f.range.start && f.range.end - f.range.start < caseSpan / 4
            && !f.evidence.isEmpty()
            && (f.ruleId.startsWith(QLatin1String("telemetry.")) || f.ruleId.startsWith(QLatin1String("sla.")))) {
            target = &f;
            break;
        }
    }
    QVERIFY2(target, "no short telemetry/SLA finding in the fault case");
    const analytics::Finding finding = *target;

    m_window->showPage(MainWindow::FindingsPageIndex);
    FindingsPage* page = m_window->findingsPage();
    QVERIFY(page->selectFinding(finding.id));
    FindingDetailWidget* detail = page->detail();
    const QString text = detail->text();
    QVERIFY(text.contains(finding.id));
    QVERIFY(text.contains(finding.evidence.first().bundleDigest));
    if (!finding.evidence.first().file.isEmpty())
        QVERIFY(text.contains(finding.evidence.first().file));
    QVERIFY(detail->timelineButton()->isEnabled());

    QTest::mouseClick(detail->timelineButton(), Qt::LeftButton);
    TimelinePage* timeline = m_window->timelinePage();
    QVERIFY(timeline->isVisible());
    QCOMPARE(timeline->provider(), finding.provider);
    if (!finding.resourceClass.isEmpty())
        QCOMPARE(timeline->resourceClass(), finding.resourceClass);
    const auto [from, to] = timeline->plot()->visibleRange();
    QVERIFY2(from <= double(finding.range.start) && to >= double(finding.range.end),
        qPrintable(QStringLiteral("view %1..%2, finding %3..%4")
                       .arg(from, 0, 'f', 0)
                       .arg(to, 0, 'f', 0)
                       .arg(finding.range.start)
                       .arg(finding.range.end)));
    QVERIFY2(to - from < double(caseSpan) / 2, "the view should zoom in on the finding");
    // The finding is marked on the chart.
    // The finding is marked on the chart, and it alone is focused (tinted and labelled): the others stay thin bars.
    int focused = 0;
    bool marked = false;
    for (const TimelineMarker& m : timeline->plot()->markers()) {
        focused += m.focused;
        marked |= m.focused && m.range.start == finding.range.start && m.range.end == finding.range.end;
    }
    QVERIFY(marked);
    QCOMPARE(focused, 1);
    QVERIFY(waitForTimeline());
    QVERIFY(timeline->plot()
                ->valuesAt((double(finding.range.start) + double(finding.range.end)) / 2)
                .contains(finding.title.toHtmlEscaped()));
}

void TestGui::findingSeverityFilter()
{
    QVERIFY(openAnalysisCase());
    FindingsPage* page = m_window->findingsPage();
    const QList<analytics::Finding>& findings = m_window->analysis()->report().findings;
    int high = 0;
    for (const analytics::Finding& f : findings)
        high += f.severity >= analytics::Severity::High;
    QVERIFY(high > 0 && high < findings.size());
    page->severityFilter()->setCurrentIndex(page->severityFilter()->findData(int(analytics::Severity::High)));
    QCOMPARE(page->proxy()->rowCount(), high);
    for (int row = 0; row < page->proxy()->rowCount(); ++row)
        QVERIFY(
            page->proxy()->index(row, 0).data(FindingModel::SeverityRole).toInt() >= int(analytics::Severity::High));
    page->severityFilter()->setCurrentIndex(0);
    QCOMPARE(page->proxy()->rowCount(), findings.size());
}

// Issue 16: a finding's file reference opens the cited rows, from the case's stored copy, parsed, marked and counted.
void TestGui::evidenceViewerShowsTheCitedRows()
{
    QVERIFY(openAnalysisCase());
    m_window->showPage(MainWindow::FindingsPageIndex);
    FindingsPage* page = m_window->findingsPage();
    std::optional<analytics::EvidenceRef> ref;
    QString findingId;
    for (const analytics::Finding& f : m_window->analysis()->report().findings)
        for (const analytics::EvidenceRef& e : f.evidence)
            if (!ref && e.file == u"data/focus.csv" && e.lastLine > e.firstLine) {
                ref = e;
                findingId = f.id;
            }
    QVERIFY2(ref, "a finding citing FOCUS rows");
    QVERIFY(page->selectFinding(findingId));
    // The detail's file link asks for the rows of that reference.
    auto* detail = page->findChild<FindingDetailWidget*>();
    QVERIFY(detail);
    QSignalSpy asked(detail, &FindingDetailWidget::evidenceRowsRequested);
    auto* browser = detail->findChild<QTextBrowser*>();
    QVERIFY(browser && browser->toHtml().contains(QStringLiteral("rows:")));
    int index = -1;
    for (int i = 0; i < 8 && index < 0; ++i)
        if (browser->toHtml().contains(QStringLiteral("rows:%1").arg(i)))
            index = i;
    QVERIFY(index >= 0);
    Q_EMIT browser->anchorClicked(QUrl(QStringLiteral("rows:%1").arg(index)));
    QCOMPARE(asked.count(), 1);

    EvidenceViewerDialog* viewer = page->openEvidenceViewer(*ref);
    QVERIFY(viewer);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->isLoaded(), 20000);
    QVERIFY2(viewer->errorText().isEmpty(), qPrintable(viewer->errorText()));
    const EvidenceRowsModel* model = viewer->rowsModel();
    int cited = 0;
    qint64 firstCited = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(EvidenceRowsModel::CitedRole).toBool()) {
            firstCited = firstCited ? firstCited : model->index(row, 0).data(EvidenceRowsModel::LineRole).toLongLong();
            ++cited;
        }
    QCOMPARE(cited, int(ref->lastLine - ref->firstLine + 1));
    QCOMPARE(firstCited, ref->firstLine);
    QCOMPARE(model->headerData(EvidenceRowsModel::FirstFieldColumn, Qt::Horizontal).toString(),
        QStringLiteral("BilledCost"));
    // Copy puts the cited rows on the clipboard as TSV, header first.
    viewer->copySelection();
    const QStringList lines = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), cited + 1);
    QVERIFY(lines.first().startsWith(QStringLiteral("Line\tBilledCost")));
    QVERIFY(lines.at(1).startsWith(QString::number(ref->firstLine) + QLatin1Char('\t')));
    // Ctrl+C on the rows stays the viewer's (the cited rows without a selection); the statistics copy their own rows.
    auto* rowsView = viewer->findChild<QTableView*>(QStringLiteral("evidenceRows"));
    QVERIFY(rowsView);
    QVERIFY(!rowsView->findChild<QAction*>(QStringLiteral("copyRows")));
    QVERIFY(AuditTable::of(rowsView));
    QVERIFY(viewer->findChild<QLineEdit*>(QStringLiteral("evidenceFilter")));
    const QString csv = m_dir.filePath(QStringLiteral("rows.csv"));
    QString error;
    QVERIFY2(viewer->exportCsv(csv, &error), qPrintable(error));
    QFile exported(csv);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll().count('\n'), model->rowCount() + 1);
    viewer->close();
}

void TestGui::capacityForecastAndScenario()
{
    QVERIFY(openAnalysisCase());
    m_window->showPage(MainWindow::CapacityPageIndex);
    CapacityPage* page = m_window->capacityPage();
    QVERIFY(QTest::qWaitFor([&] { return !page->isLoading() && page->currentPlan().has_value(); }, 60000));
    const analytics::ClassPlan baseline = *page->currentPlan();
    QVERIFY2(baseline.forecast.valid(), qPrintable(baseline.forecast.note));
    QCOMPARE(baseline.provider, page->providerBox()->currentText());
    QVERIFY(page->plot()->forecastPointCount() > 0);
    QCOMPARE(page->plot()->forecastPointCount(), int(baseline.points.size()));
    QVERIFY(page->summaryText().contains(analytics::forecastModelName(baseline.forecast.chosen.kind)));

    // What if demand grows 50 % by the end of the horizon: the last forecast point is 1.5 times the baseline's.
    page->form()->growthEdit()->setValue(50);
    const analytics::ClassPlan grown = *page->currentPlan();
    QVERIFY(grown.scenarioApplied);
    QCOMPARE(grown.points.size(), baseline.points.size());
    QVERIFY(qAbs(grown.points.last().mean - 1.5 * baseline.points.last().mean)
        < 1e-6 * qAbs(baseline.points.last().mean) + 1e-9);
    QVERIFY(page->summaryText().contains(QStringLiteral("Without the scenario")));

    // Saved in the case, visible to another connection.
    QVERIFY(page->saveScenario(QStringLiteral("growth-50")));
    QVERIFY(page->savedScenarioNames().contains(QStringLiteral("growth-50")));
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store.ok());
    Result<std::optional<analytics::Scenario>> saved = analytics::loadScenario(**store, QStringLiteral("growth-50"));
    QVERIFY(saved.ok() && saved->has_value());
    QCOMPARE((*saved)->demandGrowthPercent, 50.0);
    QCOMPARE((*saved)->provider, baseline.provider);
    QCOMPARE((*saved)->resourceClass, baseline.resourceClass);
}

void TestGui::comparisonWeightChangesScores()
{
    QVERIFY(openAnalysisCase());
    m_window->showPage(MainWindow::ComparisonPageIndex);
    ComparisonPage* page = m_window->comparisonPage();
    const BidComparisonModel* model = page->model();
    QCOMPARE(model->rowCount(), m_window->analysis()->report().providers.size());
    auto totals = [&] {
        QMap<QString, double> out;
        for (int row = 0; row < model->rowCount(); ++row)
            out.insert(model->index(row, 0).data(BidComparisonModel::ProviderRole).toString(),
                model->index(row, BidComparisonModel::TotalColumn).data(BidComparisonModel::ScoreRole).toDouble());
        return out;
    };
    const QMap<QString, double> before = totals();
    QDoubleSpinBox* cost = page->weightEditor(QString::fromLatin1(analytics::criteria::kCost));
    QVERIFY(cost);
    cost->setValue(cost->value() * 10);
    const QMap<QString, double> after = totals();
    QVERIFY(before != after);
    // Each total is the weighted mean of that row's criterion scores under the edited weights.
    const analytics::ComparisonWeights w = page->weights().normalized();
    for (int row = 0; row < model->rowCount(); ++row) {
        double expected = 0;
        for (int c = BidComparisonModel::DeliveryColumn; c <= BidComparisonModel::AssuranceColumn; ++c)
            expected += w.weights.value(BidComparisonModel::criterionOf(c))
                * model->index(row, c).data(BidComparisonModel::ScoreRole).toDouble();
        QVERIFY(qAbs(expected
                    - model->index(row, BidComparisonModel::TotalColumn).data(BidComparisonModel::ScoreRole).toDouble())
            < 1e-6);
    }
    QVERIFY(!page->verdictText().isEmpty());

    page->saveWeights();
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faults.casePath);
    QVERIFY(store.ok());
    Result<analytics::ComparisonWeights> saved = analytics::loadWeights(**store);
    QVERIFY(saved.ok());
    const analytics::ComparisonWeights n = saved->normalized();
    QVERIFY(qAbs(n.weights.value(QString::fromLatin1(analytics::criteria::kCost))
                    / n.weights.value(QString::fromLatin1(analytics::criteria::kSla))
                - 10.0)
        < 1e-9);
}

void TestGui::exportReportWritesPdf()
{
    QVERIFY(openAnalysisCase());
    reports::ReportOptions options;
    options.outputPath = m_dir.filePath(QStringLiteral("gui-report.pdf"));
    options.reviewer = QStringLiteral("GUI Test");
    ReportExportFlow* flow = m_window->exportReport(options, true);
    QVERIFY(flow);
    QVERIFY(!m_window->exportReport(options, true)); // one export at a time
    std::optional<reports::ReportResult> result;
    bool done = false;
    connect(flow, &ReportExportFlow::finished, this, [&, flow](bool) {
        result = flow->result();
        done = true;
    });
    // The print preview comes first, laid out by the report renderer.
    QVERIFY(QTest::qWaitFor([&] { return flow->previewDialog() != nullptr || done; }, 120000));
    QVERIFY2(!done, qPrintable(flow->errorText()));
    ReportPreviewDialog* preview = flow->previewDialog();
    QVERIFY(QTest::qWaitFor([&] { return preview->pageCount() > 1; }, 30000));
    QVERIFY(!QFileInfo::exists(options.outputPath)); // nothing is written before the preview is accepted
    preview->accept();
    QVERIFY(QTest::qWaitFor([&] { return done; }, 120000));
    QVERIFY(result.has_value());
    QFile pdf(options.outputPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    QVERIFY(bytes.startsWith("%PDF"));
    QCOMPARE(
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()), result->pdfSha256);
    // The manifest beside the PDF is the one whose digest is announced (SHA-256 of its canonical JSON).
    QFile manifest(result->manifestPath);
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    Result<QJsonObject> manifestJson = parseJsonObject(manifest.readAll(), result->manifestPath);
    QVERIFY(manifestJson.ok());
    QCOMPARE(
        QString::fromLatin1(QCryptographicHash::hash(canonicalJson(*manifestJson), QCryptographicHash::Sha256).toHex()),
        result->manifestDigest);
    // The message names the manifest digest.
    auto* box = m_window->findChild<QMessageBox*>(QStringLiteral("reportWritten"));
    QVERIFY(box);
    QVERIFY(box->text().contains(result->manifestDigest));
    box->close();
}

// Writing renders the charts on the GUI thread after composing on a worker: a cancel during rendering still stops it
// and leaves no file.
void TestGui::reportWriteCancelledWhileRendering()
{
    ReportJob job;
    reports::ReportOptions options;
    options.outputPath = m_dir.filePath(QStringLiteral("cancelled-report.pdf"));
    QSignalSpy finished(&job, &ReportJob::finished);
    bool renderingOnGuiThread = false;
    connect(&job, &ReportJob::progress, &job, [&](double fraction, const QString&) {
        if (fraction > 0.65 && !job.wasCancelled()) {
            renderingOnGuiThread = QThread::currentThread() == QCoreApplication::instance()->thread();
            job.cancel();
        }
    });
    job.start(ReportJob::Mode::Write, m_case.casePath, options);
    QVERIFY(finished.wait(120000));
    QVERIFY(renderingOnGuiThread);
    QVERIFY(job.wasCancelled());
    QVERIFY(job.written().has_value() && !job.written()->ok());
    QVERIFY(!QFileInfo::exists(options.outputPath));
}

// A bundle whose import fails stops at its first error; the summary lists every problem of it (the lint pass).
// In the whole window (menus, other pages' shortcuts) Ctrl+F still reaches the shown page's filter.
void TestGui::ctrlFInTheWindow()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->showPage(MainWindow::EvidencePageIndex);
    m_window->evidencePage()->view()->setFocus();
    QTRY_VERIFY(m_window->evidencePage()->view()->hasFocus());
    QTest::keySequence(m_window->evidencePage()->view(), QKeySequence::Find);
    QTRY_VERIFY(m_window->evidencePage()->filterEdit()->hasFocus());

    m_window->showPage(MainWindow::TrailPageIndex);
    m_window->trailPage()->view()->setFocus();
    QTRY_VERIFY(m_window->trailPage()->view()->hasFocus());
    QTest::keySequence(m_window->trailPage()->view(), QKeySequence::Find);
    QTRY_VERIFY(m_window->trailPage()->filter()->hasFocus());
}

void TestGui::failedImportListsEveryProblem()
{
    const test::TestPki pki = test::TestPki::create(QStringLiteral("Invoice Issuer"));
    const QByteArray header = "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,"
                              "BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,"
                              "ChargePeriodStart,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,"
                              "PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName\n";
    auto row = [](const QByteArray& cost, const QByteArray& category) {
        return cost + ",ba-1,NULL,EUR,2026-02-01T00:00:00Z,2026-01-01T00:00:00Z," + category
            + ",NULL,x,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,1,1,P,1,1,h,P,P,Compute,S\n";
    };
    BundleSpec spec;
    spec.kind = BundleKind::Billing;
    spec.predicate = { { QStringLiteral("provider"), QStringLiteral("P") },
        { QStringLiteral("period"),
            QJsonObject { { QStringLiteral("start"), QStringLiteral("2026-01-01T00:00:00Z") },
                { QStringLiteral("end"), QStringLiteral("2026-02-01T00:00:00Z") } } },
        { QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/focus.csv") },
                { QStringLiteral("format"), QStringLiteral("focus-csv") } } } } };
    // Line 2: a bad decimal, line 3: an unknown category (both quarantined), line 4: an unclosed quote (fatal).
    spec.files = { { QStringLiteral("focus.csv"), header + row("1O", "Usage") + row("1", "Discount") + "\"1,ba-1\n" } };
    spec.key = pki.signerKey;
    spec.chain = { pki.signer, pki.intermediate };
    const QString bundle = m_dir.filePath(QStringLiteral("failing-invoice"));
    QVERIFY(writeBundle(spec, bundle).ok());
    ImportResult failed;
    failed.path = bundle;
    failed.outcome = ImportOutcome::Failed;
    failed.error = Error(QStringLiteral("data/focus.csv"), 4, {}, QStringLiteral("quoted field never closed"));
    BatchImportResult batch;
    batch.results = { failed };
    ImportSummaryDialog dialog(batch);
    auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("importResults"));
    QVERIFY(list);
    QTreeWidgetItem* item = list->topLevelItem(0);
    QStringList lines;
    for (int i = 0; i < item->childCount(); ++i)
        lines.append(item->child(i)->text(5));
    QCOMPARE(lines.size(), 3);
    QVERIFY2(
        lines.join(QLatin1Char('\n')).contains(QStringLiteral("BilledCost/decimal")), qPrintable(lines.join(u'\n')));
    QVERIFY(lines.join(QLatin1Char('\n')).contains(QStringLiteral("ChargeCategory/allowed-values")));
    QVERIFY(lines.join(QLatin1Char('\n')).contains(QStringLiteral("never closed")));
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
