// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "jobs/jobtracker.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;
class QToolButton;

namespace capaudit {

class AuditTable;
class CaseSession;
class EvidenceViewerDialog;
class FindingDetailWidget;
class FindingFilterModel;
class FindingModel;
class ThreeWayModel;

// The findings of the latest check run: a filterable table, the selected finding in full below it, and the way to
// the timeline and the evidence behind it.
class FindingsPage : public QWidget {
    Q_OBJECT
public:
    explicit FindingsPage(CaseSession* session, QWidget* parent = nullptr);

    FindingModel* model() const
    {
        return m_model;
    }
    FindingFilterModel* proxy() const
    {
        return m_proxy;
    }
    QTableView* view() const
    {
        return m_view;
    }
    FindingDetailWidget* detail() const
    {
        return m_detail;
    }
    // The three-way match of the same run (issue 18), on its own tab beside the finding's details.
    ThreeWayModel* threeWayModel() const
    {
        return m_threeWay;
    }
    QTableView* threeWayView() const
    {
        return m_threeWayView;
    }
    QComboBox* severityFilter() const
    {
        return m_severity;
    }
    QLineEdit* filter() const
    {
        return m_filter;
    }
    // Selects the finding with ID; false when it is not shown.
    bool selectFinding(const QString& id);
    QString summaryText() const;

    // Opens the evidence viewer on the rows REF cites (null when no case is open).
    EvidenceViewerDialog* openEvidenceViewer(const analytics::EvidenceRef& ref);

public Q_SLOTS:
    void setReport(const capaudit::analytics::CheckReport& report);
    void clear();
    void setRunning(bool running);
    void setProgress(double fraction, const QString& message);
    void exportFindings(); // asks for a file name; CSV or JSON by its suffix

Q_SIGNALS:
    void showOnTimeline(const capaudit::analytics::Finding& finding);
    void bundleRequested(const QString& digest);
    void runChecksRequested();

private:
    void onCurrentChanged();
    void updateCount();
    void fillCombo(QComboBox* combo, const QString& allText, const QStringList& values);

    CaseSession* m_session;
    FindingModel* m_model;
    FindingFilterModel* m_proxy;
    QTableView* m_view;
    FindingDetailWidget* m_detail;
    ThreeWayModel* m_threeWay;
    QTableView* m_threeWayView;
    QLineEdit* m_threeWayFilter;
    QLineEdit* m_filter;
    QComboBox* m_severity;
    QComboBox* m_rule;
    QComboBox* m_provider;
    QLabel* m_count;
    QLabel* m_summary;
    QProgressBar* m_progress;
    QToolButton* m_run;
    QToolButton* m_export;
    AuditTable* m_table = nullptr;
    AuditTable* m_threeWayTable = nullptr;
    analytics::CheckReport m_report;
    JobTracker m_exportJob;
};

} // namespace capaudit
