// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"
#include "jobs/jobtracker.h"
#include "timeline/timelinedata.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTimer;

namespace capaudit {

class CaseSession;
class PeriodSelector;
class TimelinePlot;

// Chooses provider, resource class and meter, and keeps the plot fed: every view change asks the store, off the GUI
// thread, for the level of detail that fits the visible range.
class TimelinePage : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePage(CaseSession* session, QWidget* parent = nullptr);
    ~TimelinePage() override;

    PeriodSelector* periodSelector() const
    {
        return m_period;
    }
    TimelinePlot* plot() const
    {
        return m_plot;
    }
    // True while a load is running or queued.
    bool isLoading() const;
    QString levelText() const;
    QString provider() const;
    QString resourceClass() const;

public Q_SLOTS:
    void resetView();
    void exportChart(); // asks for a file name
    void reload(); // provider / class lists and the data
    // Shows PROVIDER and RESOURCECLASS ("" keeps the current class) zoomed to RANGE with a margin ({0,0}: all).
    void showRange(const QString& provider, const QString& resourceClass, const capaudit::Period& range);
    void showFinding(const capaudit::analytics::Finding& finding);
    // The findings to mark; those of the provider and class shown are drawn.
    void setFindings(const QList<capaudit::analytics::Finding>& findings);

Q_SIGNALS:
    void dataLoaded(); // a load finished and the plot shows its data

private:
    void onCaseOpened();
    void onSelectionChanged();
    void requestLoad();
    void onLoaded(const Result<TimelineData>& result);
    void updateMarkers();

    CaseSession* m_session;
    TimelinePlot* m_plot;
    QComboBox* m_provider;
    QComboBox* m_resourceClass;
    QComboBox* m_meter;
    QLabel* m_level;
    PeriodSelector* m_period;
    QTimer* m_debounce;
    QList<analytics::Finding> m_findings;
    QString m_focused; // the finding shown with "Show on timeline": tinted and labelled
    JobTracker m_loader;
};

} // namespace capaudit
