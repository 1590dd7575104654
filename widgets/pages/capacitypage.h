// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/capacityplan.h"
#include "jobs/jobtracker.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace capaudit {

class CapacityPlot;
class CaseSession;
class ScenarioForm;

// Capacity planning per provider and resource class: the demand forecast with its bands, capacity and exhaustion
// dates, the model that was chosen and how well it forecast held-out history, and what-if scenarios kept in the case.
class CapacityPage : public QWidget {
    Q_OBJECT
public:
    explicit CapacityPage(CaseSession* session, QWidget* parent = nullptr);
    ~CapacityPage() override;

    bool isLoading() const;
    CapacityPlot* plot() const
    {
        return m_plot;
    }
    ScenarioForm* form() const
    {
        return m_form;
    }
    QComboBox* providerBox() const
    {
        return m_provider;
    }
    QComboBox* classBox() const
    {
        return m_class;
    }
    QCheckBox* conservativeBox() const
    {
        return m_conservative;
    }
    // The plan shown (scenario applied), if any.
    const std::optional<analytics::ClassPlan>& currentPlan() const
    {
        return m_shown;
    }
    QString summaryText() const;
    QStringList savedScenarioNames() const;

public Q_SLOTS:
    void reload(); // recomputes the plan off the GUI thread
    void select(const QString& provider, const QString& resourceClass);
    // Stores the what-if form as a scenario in the case; NAME overrides the form's name (tests, scripts).
    bool saveScenario(const QString& name = {});
    void saveScenarioInteractive();

Q_SIGNALS:
    void planLoaded();

private:
    void onLoaded(const Result<analytics::CapacityPlan>& result);
    void onSelectionChanged();
    void fillClasses();
    void applyForm();
    void updateSummary();
    void loadScenarioList();

    CaseSession* m_session;
    CapacityPlot* m_plot;
    ScenarioForm* m_form;
    QComboBox* m_provider;
    QComboBox* m_class;
    QCheckBox* m_conservative;
    QLabel* m_summary;
    QLabel* m_status;
    QListWidget* m_scenarios;
    QPushButton* m_save;
    QPushButton* m_clear;
    std::optional<analytics::CapacityPlan> m_plan;
    std::optional<analytics::ClassPlan> m_shown;
    JobTracker m_loader;
};

} // namespace capaudit
