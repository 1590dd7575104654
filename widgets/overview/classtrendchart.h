// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/dashboarddata.h"

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace capaudit {

// One small multiple of the overview: a resource class's delivered capacity against the commitments in force, in
// the palette of the timeline and the report. Every chart of a card shares the time axis so they read side by side.
class ClassTrendChart : public QWidget {
    Q_OBJECT
public:
    ClassTrendChart(const ClassTrend& trend, double committed, double deliveredMean, QWidget* parent = nullptr);

    QCustomPlot* plot() const
    {
        return m_plot;
    }
    const ClassTrend& trend() const
    {
        return m_trend;
    }
    QSize sizeHint() const override;

private:
    ClassTrend m_trend;
    QCustomPlot* m_plot;
};

} // namespace capaudit
