// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/timelinedata.h"

#include <QColor>
#include <QWidget>

class QCustomPlot;
class QCPAxisRect;
class QCPItemRect;
class QCPItemText;
class QCPItemStraightLine;
class QCPAbstractItem;
class QCPRange;
class QMouseEvent;
class QPen;

namespace capaudit {

// A shaded span on the chart for one finding (the page decides which findings belong to the provider/class shown).
struct TimelineMarker {
    Period range;
    QColor colour;
    QString label; // short, drawn at the top of the span ("sla.availability")
    QString text; // one line for the crosshair tooltip
    bool focused = false; // the finding the auditor asked to see: tinted over the whole height and labelled
};

// The allocation chart: allocated capacity stacked by tenant, used as a line, node capacity and commitments as lines,
// and an evidence-coverage strip below. Wheel zooms, drag pans, Shift+drag selects a period.
class TimelinePlot : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePlot(QWidget* parent = nullptr);
    ~TimelinePlot() override;

    // The whole extent the view may show (the period covered by the case); also resets the view to it.
    void setExtent(qint64 from, qint64 to);
    // Draws DATA without moving the view.
    void setData(const TimelineData& data);
    void clear();

    QPair<double, double> visibleRange() const;
    void setVisibleRange(double from, double to);
    void zoomBy(double factor); // < 1 zooms in, around the centre
    void resetView();
    void setPeriodHighlight(const Period& period);
    // Replaces the finding markers (drawn above the data, translucent).
    void setMarkers(const QList<TimelineMarker>& markers);
    const QList<TimelineMarker>& markers() const
    {
        return m_markers;
    }

    // Writes the chart as PNG, SVG or PDF, chosen by PATH's suffix.
    Status exportTo(const QString& path, int width = 1600, int height = 900);

    QCustomPlot* plot() const
    {
        return m_plot;
    }
    QWidget* canvas() const; // the QCustomPlot as a plain widget (tests send it events)
    const TimelineData& data() const
    {
        return m_data;
    }
    // The names of the graphs drawn, as the legend shows them.
    QStringList graphNames() const;
    // The values under the crosshair at KEY, as shown in its tooltip.
    QString valuesAt(double key) const;

Q_SIGNALS:
    void visibleRangeChanged(double from, double to);
    void periodSelected(qint64 from, qint64 to);

private:
    QCPItemRect* addSpan(const Period& range, double top, double bottom, const QColor& fill, const QPen& pen);
    void onRangeChanged(const QCPRange& range);
    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onSelectionAccepted(const QRect& rect, QMouseEvent* event);
    void rebuildSeries();
    void rebuildCoverage();

    QCustomPlot* m_plot = nullptr;
    QCPAxisRect* m_strip = nullptr;
    QCPItemStraightLine* m_crosshair = nullptr;
    QCPItemRect* m_periodRect = nullptr;
    TimelineData m_data;
    QList<TimelineMarker> m_markers;
    QList<QCPAbstractItem*> m_markerItems;
    qint64 m_extentFrom = 0;
    qint64 m_extentTo = 0;
    bool m_clamping = false;
};

} // namespace capaudit
