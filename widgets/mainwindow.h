// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"
#include "reportoptions.h"
#include "store/caseimporter.h"
#include "util/result.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace capaudit {

class AnalysisController;
class BundleDetailWidget;
class CapacityPage;
class CaseSession;
class ComparisonPage;
class EvidencePage;
class FindingsPage;
class ImportJob;
class OverviewDashboard;
class ReportExportFlow;
class StartPage;
class TimelinePage;
class TrailPage;

// The case workspace: pages in tabs, the bundle detail pane as a dock, menus with shortcuts, import in the background.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page {
        OverviewPageIndex,
        EvidencePageIndex,
        TimelinePageIndex,
        FindingsPageIndex,
        CapacityPageIndex,
        ComparisonPageIndex,
        TrailPageIndex
    };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a case without any dialog; the error is what the user would be told.
    Status openCaseFile(const QString& path);
    // Starts importing PATHS (bundle directories, archives, or folders of bundles, mixed) in the background, all or
    // nothing unless COMMITEACH: the code path of File > Import… and of drag-and-drop. Returns false when no import
    // could start.
    bool importBundles(const QStringList& paths, bool commitEach = false);
    bool isImporting() const;

    CaseSession* session() const
    {
        return m_session;
    }
    OverviewDashboard* overviewPage() const
    {
        return m_overview;
    }
    StartPage* startPage() const
    {
        return m_start;
    }
    // What a drop does: a single case file opens, anything else is imported as bundles (into a new case when none
    // is open). The code path of drag-and-drop onto the window and onto the start page's drop target.
    void openOrImport(const QStringList& paths);
    EvidencePage* evidencePage() const
    {
        return m_evidence;
    }
    TimelinePage* timelinePage() const
    {
        return m_timeline;
    }
    TrailPage* trailPage() const
    {
        return m_trail;
    }
    FindingsPage* findingsPage() const
    {
        return m_findings;
    }
    CapacityPage* capacityPage() const
    {
        return m_capacity;
    }
    ComparisonPage* comparisonPage() const
    {
        return m_comparison;
    }
    AnalysisController* analysis() const
    {
        return m_analysis;
    }
    // Starts writing a report with OPTIONS (after the print preview when PREVIEWFIRST): the code path of
    // File > Export report… once its dialog is accepted. Null when no case is open or an export is running.
    ReportExportFlow* exportReport(const reports::ReportOptions& options, bool previewFirst);
    ReportExportFlow* reportExport() const
    {
        return m_reportFlow;
    }
    BundleDetailWidget* detailWidget() const
    {
        return m_detail;
    }
    void showPage(Page page);
    QAction* action(const QString& objectName) const;

public Q_SLOTS:
    void openCase(const QString& path); // shows a message when it fails
    void newCase();
    void openCaseInteractive();
    void closeCase();
    void importBundlesInteractive();
    void showTrustStore();
    void showAbout();
    void runChecks(); // over the period selected on the timeline, or the whole case
    void exportReportInteractive();
    void showFindingOnTimeline(const capaudit::analytics::Finding& finding);

Q_SIGNALS:
    void importFinished(const QList<capaudit::ImportResult>& results);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void updateCaseState();
    void updateRecentMenu();
    void addRecent(const QString& path);
    void onImportFinished();
    QAction* makeAction(
        const QString& name, const QString& text, const QKeySequence& shortcut, const QString& icon = {});

    void showFindingsOf(const QString& provider, int severity);

    CaseSession* m_session;
    QStackedWidget* m_stack;
    StartPage* m_start;
    QTabWidget* m_pages;
    OverviewDashboard* m_overview = nullptr; // made once the analysis controller it listens to exists
    EvidencePage* m_evidence;
    TimelinePage* m_timeline;
    TrailPage* m_trail;
    FindingsPage* m_findings;
    CapacityPage* m_capacity;
    ComparisonPage* m_comparison;
    AnalysisController* m_analysis;
    ReportExportFlow* m_reportFlow = nullptr;
    BundleDetailWidget* m_detail;
    QDockWidget* m_detailDock;
    QLabel* m_caseLabel;
    QLabel* m_trustLabel;
    QLabel* m_periodLabel;
    QMenu* m_recentMenu = nullptr;
    ImportJob* m_importJob = nullptr;
    bool m_importing = false; // from start until the job's finished signal is handled
    QList<QAction*> m_caseActions; // enabled only with a case open
    QList<QAction*> m_writeActions; // enabled only with a writable case
};

} // namespace capaudit
