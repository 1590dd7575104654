// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "jobs/jobtracker.h"
#include "models/dashboarddata.h"

#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace capaudit {

class AnalysisController;
class CaseSession;
class CoverageModel;
class CoverageStrip;
class PeriodSelector;
class ProviderCard;
class ProviderOverviewModel;

// The Overview page: does the evidence support each provider's claims? One card per provider with the verdict and
// what it rests on, the evidence coverage day by day, and the most serious findings with links to them and to their
// window on the timeline. The verdicts come from the last check run (AnalysisController, which re-runs after an
// import or a period change); the strip and the charts are read from the rollups off the GUI thread.
class OverviewDashboard : public QWidget {
    Q_OBJECT
public:
    OverviewDashboard(CaseSession* session, AnalysisController* analysis, QWidget* parent = nullptr);
    ~OverviewDashboard() override;

    ProviderOverviewModel* model() const
    {
        return m_providers;
    }
    CoverageModel* coverageModel() const
    {
        return m_coverage;
    }
    CoverageStrip* coverageStrip() const
    {
        return m_strip;
    }
    PeriodSelector* periodSelector() const
    {
        return m_period;
    }
    QList<ProviderCard*> cards() const
    {
        return m_cards;
    }
    QList<analytics::Finding> seriousFindings() const
    {
        return m_serious;
    }
    QString headline() const;
    QString statusText() const;
    QPushButton* cancelButton() const
    {
        return m_cancel;
    }
    bool isLoading() const
    {
        return m_loader.isBusy() || m_presetLoader.isBusy();
    }

public Q_SLOTS:
    void reload(); // re-reads the strip and charts off the GUI thread
    void loadPresets();
    // "finding:<id>" opens the finding, "timeline:<id>" shows its window on the timeline.
    void activateLink(const QString& link);

Q_SIGNALS:
    void findingRequested(const QString& findingId);
    void timelineRequested(const capaudit::analytics::Finding& finding);
    void findingsRequested(const QString& provider, int severity);
    void updated(); // the cards, strip or findings were rebuilt

private:
    void onLoaded(const Result<DashboardData>& result);
    void onReport(const analytics::CheckReport& report);
    void onCaseClosed();
    void rebuild();
    void rebuildCards();
    void rebuildFindings();
    void updateHeader();
    void setStatus(const QString& text, bool running, bool canRerun = false);

    CaseSession* m_session;
    AnalysisController* m_analysis;
    ProviderOverviewModel* m_providers;
    CoverageModel* m_coverage;
    QLabel* m_title;
    QLabel* m_subtitle;
    PeriodSelector* m_period;
    QWidget* m_statusBar;
    QLabel* m_status;
    QPushButton* m_cancel;
    QPushButton* m_rerun;
    QLabel* m_headline;
    QWidget* m_cardsHost;
    QGridLayout* m_cardsLayout;
    CoverageStrip* m_strip;
    QLabel* m_coverageNote;
    QWidget* m_findingsHost;
    QVBoxLayout* m_findingsLayout;
    QList<ProviderCard*> m_cards;
    QList<analytics::Finding> m_serious;
    std::optional<analytics::CheckReport> m_report;
    DashboardData m_data;
    JobTracker m_loader;
    JobTracker m_presetLoader; // the period picker's presets
};

} // namespace capaudit
