// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/capacityplan.h"

#include <QWidget>

class QCustomPlot;

namespace capaudit {

// One provider and resource class: demand history, the forecast mean with its 80 % and 95 % bands, the capacity line
// and the dates demand crosses it (expected: the mean; conservative: the upper 95 % bound).
class CapacityPlot : public QWidget {
    Q_OBJECT
public:
    explicit CapacityPlot(QWidget* parent = nullptr);

    void setPlan(const analytics::ClassPlan& plan, bool conservative);
    void clear();
    QCustomPlot* plot() const
    {
        return m_plot;
    }
    int forecastPointCount() const
    {
        return m_forecastPoints;
    }

private:
    void addExhaustionMarker(qint64 when, const QString& text, const QColor& colour, bool emphasised);

    QCustomPlot* m_plot;
    int m_forecastPoints = 0;
};

} // namespace capaudit
