// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"

#include <QComboBox>

namespace capaudit {

// The overview's period: the whole case, each calendar month the evidence touches, or the period selected on the
// timeline. Choosing one sets the session's period, which every page, the checks and the report follow.
class PeriodSelector : public QComboBox {
    Q_OBJECT
public:
    explicit PeriodSelector(QWidget* parent = nullptr);

    // Rebuilds the presets for a case whose telemetry covers CASEPERIOD, with CURRENT selected.
    void setPeriods(const Period& casePeriod, const Period& current);
    Period periodAt(int index) const;

Q_SIGNALS:
    void periodChosen(capaudit::Period period);

private:
    bool m_filling = false;
};

} // namespace capaudit
