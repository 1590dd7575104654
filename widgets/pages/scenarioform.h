// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/capacityplan.h"

#include <QGroupBox>

class QDateEdit;
class QDoubleSpinBox;
class QLineEdit;

namespace capaudit {

// The what-if inputs: demand growth, a capacity change from a date and one tenant onboarding.
class ScenarioForm : public QGroupBox {
    Q_OBJECT
public:
    explicit ScenarioForm(QWidget* parent = nullptr);

    // The scenario as entered, for PROVIDER and RESOURCECLASS.
    analytics::Scenario scenario(const QString& provider, const QString& resourceClass) const;
    void setScenario(const analytics::Scenario& scenario);
    void reset(qint64 defaultDate); // no change; dates at DEFAULTDATE (the end of the history)
    bool isNeutral() const; // nothing entered that would change the forecast
    QString name() const;

    QDoubleSpinBox* growthEdit() const
    {
        return m_growth;
    }
    QDoubleSpinBox* capacityEdit() const
    {
        return m_capacity;
    }
    QDoubleSpinBox* onboardingEdit() const
    {
        return m_quantity;
    }

Q_SIGNALS:
    void changed();

private:
    QLineEdit* m_name;
    QDoubleSpinBox* m_growth;
    QDoubleSpinBox* m_capacity;
    QDateEdit* m_capacityFrom;
    QLineEdit* m_tenant;
    QDoubleSpinBox* m_quantity;
    QDateEdit* m_onboardingFrom;
    bool m_setting = false;
};

} // namespace capaudit
