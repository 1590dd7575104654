// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's menus, toolbar and actions (kept apart from the window's behaviour in mainwindow.cpp).
#include "jobs/analysiscontroller.h"
#include "jobs/casesession.h"
#include "mainwindow.h"
#include "models/iconprovider.h"
#include "pages/bundledetailwidget.h"
#include "pages/capacitypage.h"
#include "pages/comparisonpage.h"
#include "pages/findingspage.h"
#include "pages/timelinepage.h"
#include "pages/trailpage.h"
#include "timeline/timelineplot.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QToolBar>

namespace capaudit {

QAction* MainWindow::makeAction(
    const QString& name, const QString& text, const QKeySequence& shortcut, const QString& icon)
{
    auto* a = new QAction(text, this);
    a->setObjectName(name);
    a->setShortcut(shortcut);
    if (!icon.isEmpty())
        a->setIcon(IconProvider::icon(icon));
    // Toolbar labels drop the mnemonic: "&New case…" and translations such as "新建案卷(&N)…" both read cleanly.
    a->setIconText(QString(text)
                       .remove(QRegularExpression(QStringLiteral("\\(&\\w\\)")))
                       .remove(QLatin1Char('&'))
                       .remove(QStringLiteral("…")));
    if (!shortcut.isEmpty())
        a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
            shortcut.toString(QKeySequence::NativeText)));
    return a;
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newCase =
        makeAction(QStringLiteral("newCase"), tr("&New case…"), QKeySequence::New, QStringLiteral("case-new"));
    QAction* open =
        makeAction(QStringLiteral("openCase"), tr("&Open case…"), QKeySequence::Open, QStringLiteral("case-open"));
    QAction* close = makeAction(QStringLiteral("closeCase"), tr("&Close case"), QKeySequence(tr("Ctrl+W")));
    // One import for archives, bundle folders and folders of bundles, mixed (ImportDialog).
    QAction* import = makeAction(
        QStringLiteral("importBundles"), tr("&Import…"), QKeySequence(tr("Ctrl+I")), QStringLiteral("import"));
    import->setStatusTip(tr("Verify bundles and import them: archives, bundle folders and folders of bundles"));
    QAction* untrusted = makeAction(
        QStringLiteral("acceptUntrusted"), tr("Accept &untrusted bundles"), QKeySequence(tr("Ctrl+Shift+U")));
    untrusted->setCheckable(true);
    untrusted->setChecked(QSettings().value(QStringLiteral("import/acceptUntrusted"), false).toBool());
    untrusted->setStatusTip(tr("Import bundles whose signer is not a trust anchor, marked untrusted"));
    QAction* exportReport = makeAction(
        QStringLiteral("exportReport"), tr("Export &report…"), QKeySequence(tr("Ctrl+E")), QStringLiteral("report"));
    exportReport->setStatusTip(tr("Write the compliance report as PDF, after a print preview"));
    QAction* quit = makeAction(QStringLiteral("quit"), tr("&Quit"), QKeySequence(tr("Ctrl+Q")));
    file->addAction(newCase);
    file->addAction(open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addAction(close);
    file->addSeparator();
    file->addAction(import);
    file->addAction(untrusted);
    file->addSeparator();
    file->addAction(exportReport);
    file->addSeparator();
    file->addAction(quit);

    QMenu* caseMenu = menuBar()->addMenu(tr("&Case"));
    QAction* trust = makeAction(
        QStringLiteral("trustStore"), tr("&Trust store…"), QKeySequence(tr("Ctrl+T")), QStringLiteral("trust"));
    QAction* chain = makeAction(QStringLiteral("checkChain"), tr("Re-check audit trail &chain"),
        QKeySequence(tr("Ctrl+K")), QStringLiteral("chain"));
    QAction* exportVerdict =
        makeAction(QStringLiteral("exportVerdict"), tr("&Export verdict JSON…"), QKeySequence(tr("Ctrl+Shift+V")));
    QAction* clearPeriod =
        makeAction(QStringLiteral("clearPeriod"), tr("C&lear selected period"), QKeySequence(tr("Ctrl+Shift+L")));
    caseMenu->addAction(trust);
    caseMenu->addAction(chain);
    caseMenu->addAction(exportVerdict);
    caseMenu->addAction(clearPeriod);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    QAction* runChecks = makeAction(
        QStringLiteral("runChecks"), tr("&Run checks"), QKeySequence(tr("Ctrl+R")), QStringLiteral("run-checks"));
    runChecks->setStatusTip(tr("Run the compliance checks over the period selected on the timeline"));
    QAction* cancelChecks =
        makeAction(QStringLiteral("cancelChecks"), tr("&Cancel checks"), QKeySequence(tr("Ctrl+Shift+R")));
    QAction* exportFindings = makeAction(QStringLiteral("exportFindings"), tr("Export &findings…"),
        QKeySequence(tr("Ctrl+Shift+F")), QStringLiteral("export"));
    QAction* saveScenario =
        makeAction(QStringLiteral("saveScenario"), tr("Save &scenario…"), QKeySequence(tr("Ctrl+Shift+S")));
    QAction* saveWeights =
        makeAction(QStringLiteral("saveWeights"), tr("Save comparison &weights"), QKeySequence(tr("Ctrl+Shift+W")));
    analysis->addAction(runChecks);
    analysis->addAction(cancelChecks);
    analysis->addSeparator();
    analysis->addAction(exportFindings);
    analysis->addAction(saveScenario);
    analysis->addAction(saveWeights);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QString, QString>> pages { { QStringLiteral("pageOverview"), tr("&Overview") },
        { QStringLiteral("pageEvidence"), tr("&Evidence") }, { QStringLiteral("pageTimeline"), tr("&Timeline") },
        { QStringLiteral("pageFindings"), tr("&Findings") },
        { QStringLiteral("pageCapacity"), tr("&Capacity planning") },
        { QStringLiteral("pageComparison"), tr("&Bid comparison") },
        { QStringLiteral("pageTrail"), tr("&Audit trail") } };
    for (int i = 0; i < pages.size(); ++i) {
        QAction* a = makeAction(pages[i].first, pages[i].second, QKeySequence(tr("Ctrl+%1").arg(i + 1)));
        connect(a, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
        view->addAction(a);
    }
    view->addSeparator();
    QAction* details = m_detailDock->toggleViewAction();
    details->setObjectName(QStringLiteral("toggleDetails"));
    details->setShortcut(QKeySequence(tr("Ctrl+D")));
    view->addAction(details);
    view->addSeparator();
    QAction* zoomIn = makeAction(QStringLiteral("zoomIn"), tr("Zoom &in"), QKeySequence::ZoomIn);
    QAction* zoomOut = makeAction(QStringLiteral("zoomOut"), tr("Zoom &out"), QKeySequence::ZoomOut);
    QAction* reset = makeAction(
        QStringLiteral("resetView"), tr("&Reset timeline"), QKeySequence(tr("Ctrl+0")), QStringLiteral("zoom-reset"));
    QAction* exportChart = makeAction(QStringLiteral("exportChart"), tr("Export &chart…"),
        QKeySequence(tr("Ctrl+Shift+E")), QStringLiteral("export"));
    QAction* refresh = makeAction(QStringLiteral("refresh"), tr("Re&fresh"), QKeySequence::Refresh);
    view->addAction(zoomIn);
    view->addAction(zoomOut);
    view->addAction(reset);
    view->addAction(exportChart);
    view->addSeparator();
    view->addAction(refresh);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about =
        makeAction(QStringLiteral("about"), tr("&About CapAudit"), QKeySequence(tr("F1")), QStringLiteral("capaudit"));
    help->addAction(about);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(newCase);
    toolbar->addAction(open);
    toolbar->addSeparator();
    toolbar->addAction(import);
    toolbar->addAction(trust);
    toolbar->addAction(chain);
    toolbar->addSeparator();
    toolbar->addAction(runChecks);
    toolbar->addAction(exportReport);

    connect(newCase, &QAction::triggered, this, &MainWindow::newCase);
    connect(open, &QAction::triggered, this, &MainWindow::openCaseInteractive);
    connect(close, &QAction::triggered, this, &MainWindow::closeCase);
    connect(import, &QAction::triggered, this, &MainWindow::importBundlesInteractive);
    connect(untrusted, &QAction::toggled, this,
        [](bool on) { QSettings().setValue(QStringLiteral("import/acceptUntrusted"), on); });
    connect(quit, &QAction::triggered, this, &QWidget::close);
    connect(trust, &QAction::triggered, this, &MainWindow::showTrustStore);
    connect(chain, &QAction::triggered, this, [this] {
        showPage(TrailPageIndex);
        m_trail->checkChain();
    });
    connect(exportVerdict, &QAction::triggered, m_detail, &BundleDetailWidget::exportVerdictInteractive);
    connect(clearPeriod, &QAction::triggered, this, [this] { m_session->setPeriod({}); });
    connect(zoomIn, &QAction::triggered, this, [this] { m_timeline->plot()->zoomBy(0.7); });
    connect(zoomOut, &QAction::triggered, this, [this] { m_timeline->plot()->zoomBy(1.0 / 0.7); });
    connect(reset, &QAction::triggered, m_timeline, &TimelinePage::resetView);
    connect(exportChart, &QAction::triggered, m_timeline, &TimelinePage::exportChart);
    connect(refresh, &QAction::triggered, m_session, &CaseSession::reload);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(exportReport, &QAction::triggered, this, &MainWindow::exportReportInteractive);
    connect(runChecks, &QAction::triggered, this, &MainWindow::runChecks);
    connect(cancelChecks, &QAction::triggered, m_analysis, &AnalysisController::cancel);
    connect(exportFindings, &QAction::triggered, m_findings, &FindingsPage::exportFindings);
    connect(saveScenario, &QAction::triggered, this, [this] {
        showPage(CapacityPageIndex);
        m_capacity->saveScenarioInteractive();
    });
    connect(saveWeights, &QAction::triggered, m_comparison, &ComparisonPage::saveWeights);

    m_caseActions = { close, trust, chain, clearPeriod, zoomIn, zoomOut, reset, exportChart, refresh, exportVerdict,
        exportReport, runChecks, cancelChecks, exportFindings };
    m_writeActions = { import, saveScenario, saveWeights };
}

} // namespace capaudit
