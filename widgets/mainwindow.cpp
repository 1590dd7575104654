// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "dialogs/aboutdialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/importprogressdialog.h"
#include "dialogs/importsummarydialog.h"
#include "dialogs/newcasedialog.h"
#include "dialogs/reportexportdialog.h"
#include "dialogs/reportexportflow.h"
#include "dialogs/truststoredialog.h"
#include "jobs/analysiscontroller.h"
#include "jobs/casesession.h"
#include "jobs/checkjob.h"
#include "jobs/importjob.h"
#include "models/iconprovider.h"
#include "models/periodtext.h"
#include "models/recentcases.h"
#include "overview/overviewdashboard.h"
#include "overview/startpage.h"
#include "pages/bundledetailwidget.h"
#include "pages/capacitypage.h"
#include "pages/comparisonpage.h"
#include "pages/evidencepage.h"
#include "pages/findingspage.h"
#include "pages/timelinepage.h"
#include "pages/trailpage.h"
#include "timeline/timelineplot.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

namespace capaudit {

namespace {

constexpr int kMaxRecent = 8;

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new CaseSession(this))
    , m_stack(new QStackedWidget(this))
    , m_start(new StartPage(this))
    , m_pages(new QTabWidget(this))
    , m_evidence(new EvidencePage(m_session, this))
    , m_timeline(new TimelinePage(m_session, this))
    , m_trail(new TrailPage(m_session, this))
    , m_findings(new FindingsPage(m_session, this))
    , m_capacity(new CapacityPage(m_session, this))
    , m_comparison(new ComparisonPage(m_session, this))
    , m_analysis(new AnalysisController(m_session, this))
    , m_detail(new BundleDetailWidget(this))
    , m_detailDock(new QDockWidget(tr("Bundle details"), this))
    , m_caseLabel(new QLabel(this))
    , m_trustLabel(new QLabel(this))
    , m_periodLabel(new QLabel(this))
{
    setWindowIcon(IconProvider::icon(QStringLiteral("capaudit")));
    setAcceptDrops(true);
    m_overview = new OverviewDashboard(m_session, m_analysis, this);
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_overview, IconProvider::icon(QStringLiteral("overview")), tr("Overview"));
    m_pages->addTab(m_evidence, IconProvider::icon(QStringLiteral("evidence")), tr("Evidence"));
    m_pages->addTab(m_timeline, IconProvider::icon(QStringLiteral("timeline")), tr("Timeline"));
    m_pages->addTab(m_findings, IconProvider::icon(QStringLiteral("findings")), tr("Findings"));
    m_pages->addTab(m_capacity, IconProvider::icon(QStringLiteral("capacity")), tr("Capacity planning"));
    m_pages->addTab(m_comparison, IconProvider::icon(QStringLiteral("comparison")), tr("Bid comparison"));
    m_pages->addTab(m_trail, IconProvider::icon(QStringLiteral("chain")), tr("Audit trail"));
    m_stack->addWidget(m_start);
    m_stack->addWidget(m_pages);
    setCentralWidget(m_stack);

    m_detailDock->setObjectName(QStringLiteral("bundleDetailsDock"));
    m_detailDock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);

    statusBar()->addWidget(m_caseLabel);
    statusBar()->addWidget(m_trustLabel, 1);
    m_periodLabel->setObjectName(QStringLiteral("statusPeriod"));
    statusBar()->addPermanentWidget(m_periodLabel);

    connect(m_evidence, &EvidencePage::bundleSelected, this, [this](const StoredBundle& bundle) {
        m_detail->setBundle(bundle);
        m_detailDock->show();
    });
    connect(m_evidence, &EvidencePage::selectionCleared, m_detail, &BundleDetailWidget::clear);
    // The detail pane belongs to the Evidence page; on the others it would only take width from the chart and tables.
    connect(m_pages, &QTabWidget::currentChanged, this,
        [this](int index) { m_detailDock->setVisible(index == EvidencePageIndex); });
    connect(m_session, &CaseSession::caseOpened, this, &MainWindow::updateCaseState);
    connect(m_session, &CaseSession::caseClosed, this, &MainWindow::updateCaseState);
    connect(m_session, &CaseSession::bundlesChanged, this, &MainWindow::updateCaseState);
    connect(m_session, &CaseSession::anchorsChanged, this, &MainWindow::updateCaseState);
    connect(m_session, &CaseSession::periodChanged, this, &MainWindow::updateCaseState);
    connect(m_trail, &TrailPage::chainChecked, this, [this](bool intact, const QString& text) {
        if (!intact)
            statusBar()->showMessage(text);
    });

    connect(m_analysis, &AnalysisController::started, this, [this] {
        m_findings->setRunning(true);
        statusBar()->showMessage(tr("Running the compliance checks…"));
    });
    connect(m_analysis, &AnalysisController::progress, m_findings, &FindingsPage::setProgress);
    connect(m_analysis, &AnalysisController::reportChanged, this, [this](const analytics::CheckReport& report) {
        m_findings->setRunning(false);
        m_findings->setReport(report);
        m_timeline->setFindings(report.findings);
        m_comparison->setReport(report);
        // "0 findings" on a case without evidence would read as a clean result.
        statusBar()->showMessage(report.bundleDigests.isEmpty()
                ? tr("Nothing to check yet: the case holds no evidence bundles. Import some first.")
                : tr("Checks finished: %n finding(s)", nullptr, int(report.findings.size())),
            10000);
        // The start page lists the verdict of each recent case; only a whole-case run speaks for the case.
        if (report.period.end <= report.period.start)
            rememberCaseSummary(m_session->path(), m_session->name(), report);
    });
    // A cancelled run (Analysis > Cancel checks, or the Overview's button) ends without a report: say so, and take
    // the Findings page out of its running state.
    connect(m_analysis->job(), &CheckJob::finished, this, [this] {
        if (!m_analysis->job()->wasCancelled())
            return;
        m_findings->setRunning(false);
        statusBar()->showMessage(tr("Checks cancelled; the findings shown are from the previous run."), 10000);
    });
    connect(m_analysis, &AnalysisController::failed, this, [this](const QString& message) {
        m_findings->setRunning(false);
        statusBar()->showMessage(tr("The checks could not run: %1").arg(message), 15000);
    });
    connect(m_analysis, &AnalysisController::cleared, this, [this] {
        m_findings->setRunning(false);
        m_findings->clear();
        m_timeline->setFindings({});
        m_comparison->clear();
    });
    connect(m_findings, &FindingsPage::showOnTimeline, this, &MainWindow::showFindingOnTimeline);
    connect(m_overview, &OverviewDashboard::timelineRequested, this, &MainWindow::showFindingOnTimeline);
    connect(m_overview, &OverviewDashboard::findingRequested, this, [this](const QString& id) {
        showPage(FindingsPageIndex);
        m_findings->selectFinding(id);
    });
    connect(m_overview, &OverviewDashboard::findingsRequested, this, &MainWindow::showFindingsOf);
    connect(m_start, &StartPage::newCaseRequested, this, &MainWindow::newCase);
    connect(m_start, &StartPage::openCaseRequested, this, &MainWindow::openCaseInteractive);
    connect(m_start, &StartPage::recentCaseRequested, this, &MainWindow::openCase);
    connect(m_start, &StartPage::demoReady, this, [this](const QString& path) {
        openCase(path);
        showPage(OverviewPageIndex);
    });
    connect(m_start, &StartPage::demoFailed, this, [this](const QString& message) {
        QMessageBox::warning(this, tr("Demo bank"), tr("The demo bank could not be made.\n\n%1").arg(message));
    });
    connect(m_start, &StartPage::pathsDropped, this, &MainWindow::openOrImport);
    connect(m_findings, &FindingsPage::runChecksRequested, this, &MainWindow::runChecks);
    connect(m_findings, &FindingsPage::bundleRequested, this, [this](const QString& digest) {
        showPage(EvidencePageIndex);
        if (!m_evidence->selectBundle(digest))
            statusBar()->showMessage(
                tr("Bundle %1 is not in the case (rejected on import?).").arg(digest.left(16)), 8000);
    });

    createActions();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1440, 900);
    if (!settings.contains(QStringLiteral("window/state")))
        resizeDocks({ m_detailDock }, { 420 }, Qt::Horizontal); // room for the check reasons
    updateRecentMenu();
    updateCaseState();
    m_detailDock->setVisible(m_pages->currentIndex() == EvidencePageIndex);
}

MainWindow::~MainWindow() = default;

void MainWindow::showPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
}

void MainWindow::updateCaseState()
{
    const bool open = m_session->isOpen();
    m_stack->setCurrentWidget(open ? static_cast<QWidget*>(m_pages) : m_start);
    for (QAction* a : std::as_const(m_caseActions))
        a->setEnabled(open);
    for (QAction* a : std::as_const(m_writeActions))
        a->setEnabled(open && !m_session->isReadOnly() && !isImporting());
    if (!open) {
        setWindowTitle(tr("CapAudit"));
        m_caseLabel->setText(tr("No case open"));
        m_trustLabel->clear();
        m_periodLabel->clear();
        return;
    }
    const QString readOnly = m_session->isReadOnly() ? tr(" [read-only]") : QString();
    setWindowTitle(tr("%1%2 — %3 — CapAudit").arg(m_session->name(), readOnly, m_session->trustStatus()));
    m_caseLabel->setText(QStringLiteral("<b>%1</b>%2").arg(m_session->name().toHtmlEscaped(), readOnly));
    m_caseLabel->setToolTip(m_session->path());
    m_trustLabel->setText(m_session->trustStatus());
    const Period p = m_session->period();
    m_periodLabel->setText(p.end > p.start ? tr("Period: %1").arg(periodText(p)) : tr("Period: whole case"));
}

Status MainWindow::openCaseFile(const QString& path)
{
    if (isImporting())
        return Error(path, tr("An import is running; wait for it to finish before opening another case."));
    const QString absolute = QFileInfo(path).absoluteFilePath();
    Status s = m_session->open(absolute);
    if (!s)
        return s;
    addRecent(absolute);
    QSettings().setValue(QStringLiteral("paths/cases"), QFileInfo(absolute).absolutePath());
    if (m_session->isReadOnly())
        statusBar()->showMessage(tr("The case file is read-only: you can look at it, but not import or change the "
                                    "trust store."),
            10000);
    return {};
}

void MainWindow::openCase(const QString& path)
{
    if (Status s = openCaseFile(path); !s)
        QMessageBox::warning(this, tr("Open case"),
            tr("Could not open the case %1.\n\n%2").arg(QDir::toNativeSeparators(path), s.error().reason));
}

void MainWindow::openCaseInteractive()
{
    const QString dir = QSettings().value(QStringLiteral("paths/cases")).toString();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open case"), dir, tr("CapAudit cases (*.capcase);;All files (*)"));
    if (!path.isEmpty())
        openCase(path);
}

void MainWindow::newCase()
{
    NewCaseDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (Status s = m_session->create(dialog.casePath(), dialog.caseName(), dialog.trustDirectory()); !s) {
        QMessageBox::warning(this, tr("New case"), tr("Could not create the case.\n\n%1").arg(s.error().toString()));
        return;
    }
    addRecent(dialog.casePath());
}

void MainWindow::closeCase()
{
    if (isImporting())
        return;
    m_session->close();
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentCases")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentCases"), recent);
    updateRecentMenu();
    m_start->reload();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentCases")).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent.at(i);
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        a->setToolTip(path);
        a->setShortcut(QKeySequence(tr("Ctrl+Alt+%1").arg(i + 1)));
        connect(a, &QAction::triggered, this, [this, path] { openCase(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::importBundlesInteractive()
{
    if (!m_session->isOpen() || isImporting())
        return;
    QSettings settings;
    ImportDialog dialog(this);
    dialog.setObjectName(QStringLiteral("importDialog"));
    dialog.setDirectory(settings.value(QStringLiteral("paths/bundles")).toString());
    QAction* untrusted = action(QStringLiteral("acceptUntrusted"));
    dialog.setAllowUntrusted(untrusted->isChecked());
    if (dialog.exec() != QDialog::Accepted || dialog.paths().isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/bundles"), dialog.directory());
    untrusted->setChecked(dialog.allowUntrusted());
    importBundles(dialog.paths(), dialog.commitEach());
}

bool MainWindow::isImporting() const
{
    return m_importing;
}

bool MainWindow::importBundles(const QStringList& paths, bool commitEach)
{
    if (!m_session->isOpen()) {
        statusBar()->showMessage(tr("Open or create a case before importing bundles."), 8000);
        return false;
    }
    if (m_session->isReadOnly()) {
        QMessageBox::information(
            this, tr("Import bundles"), tr("The case file is read-only; nothing can be imported."));
        return false;
    }
    if (isImporting() || paths.isEmpty())
        return false;
    delete m_importJob;
    m_importJob = new ImportJob(this);
    connect(m_importJob, &ImportJob::finished, this, &MainWindow::onImportFinished);
    auto* progress = new ImportProgressDialog(m_importJob, this);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setObjectName(QStringLiteral("importProgress"));
    m_importing = true;
    m_importJob->start(m_session->path(), paths, action(QStringLiteral("acceptUntrusted"))->isChecked(), commitEach);
    progress->open();
    updateCaseState();
    return true;
}

void MainWindow::onImportFinished()
{
    const QList<ImportResult> results = m_importJob->results();
    m_importing = false;
    m_session->reload();
    updateCaseState();
    auto* summary = new ImportSummaryDialog(m_importJob->batch(), this);
    summary->setObjectName(QStringLiteral("importSummary"));
    summary->setAttribute(Qt::WA_DeleteOnClose);
    summary->show();
    statusBar()->showMessage(tr("Import finished: %1").arg(ImportSummaryDialog::countsText(results)), 10000);
    Q_EMIT importFinished(results);
}

void MainWindow::showTrustStore()
{
    if (!m_session->isOpen())
        return;
    TrustStoreDialog dialog(m_session, this);
    dialog.exec();
}

void MainWindow::runChecks()
{
    m_analysis->runChecks(m_session->period());
}

void MainWindow::showFindingOnTimeline(const analytics::Finding& finding)
{
    showPage(TimelinePageIndex);
    m_timeline->showFinding(finding);
}

void MainWindow::exportReportInteractive()
{
    if (!m_session->isOpen() || m_reportFlow)
        return;
    QStringList providers;
    if (Result<QStringList> list = m_session->store()->providers())
        providers = *list;
    Period casePeriod; // every provider's telemetry, in one query
    if (Result<Period> covered = m_session->store()->periodCovered(); covered && covered->end > covered->start)
        casePeriod = *covered;
    ReportExportDialog dialog(m_session->period(), casePeriod, providers, m_session->name(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    exportReport(dialog.options(), dialog.previewFirst());
}

ReportExportFlow* MainWindow::exportReport(const reports::ReportOptions& options, bool previewFirst)
{
    if (!m_session->isOpen() || m_reportFlow)
        return nullptr;
    m_reportFlow = new ReportExportFlow(m_session->path(), options, this);
    connect(m_reportFlow, &ReportExportFlow::finished, this, [this](bool written) {
        m_reportFlow->deleteLater();
        m_reportFlow = nullptr;
        if (written)
            m_session->noteTrailWritten(); // the export is recorded in the audit trail
    });
    m_reportFlow->start(previewFirst);
    return m_reportFlow;
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (isImporting()) {
        const auto answer = QMessageBox::question(this, tr("Import running"),
            tr("An import is running. Cancel it and quit? The bundle being imported is rolled back."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_importJob->cancel();
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openOrImport(paths);
}

void MainWindow::openOrImport(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    // A dropped case opens; anything else is taken for bundles.
    if (paths.size() == 1 && paths.first().endsWith(QLatin1String(".capcase"), Qt::CaseInsensitive)) {
        openCase(paths.first());
        return;
    }
    if (!m_session->isOpen()) {
        // Bundles need a case to go into: make one first, then import.
        newCase();
        if (!m_session->isOpen())
            return;
    }
    importBundles(paths);
}

void MainWindow::showFindingsOf(const QString& provider, int severity)
{
    showPage(FindingsPageIndex);
    if (!m_analysis->hasReport())
        return;
    for (const analytics::Finding& f : m_analysis->report().findings) {
        if (f.provider == provider && (severity < 0 || int(f.severity) == severity)) {
            m_findings->selectFinding(f.id);
            return;
        }
    }
}

} // namespace capaudit
