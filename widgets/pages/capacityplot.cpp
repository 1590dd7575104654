// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "pages/capacityplot.h"

#include "model/records.h"

#include <QDateTime>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace capaudit {

using analytics::ClassPlan;
using analytics::ForecastPoint;

CapacityPlot::CapacityPlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(400, 280);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("yyyy-MM-dd"));
    m_plot->xAxis->setTicker(ticker);
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(QBrush(QColor(255, 255, 255, 220)));
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_plot->legend->setFont(legendFont);

    // The legend in its own row under the chart, so it never hides data or markers.
    auto* legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, legendRow);
    legendRow->setMargins(QMargins(5, 0, 5, 5));
    legendRow->addElement(0, 0, m_plot->legend);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
}

void CapacityPlot::clear()
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_forecastPoints = 0;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CapacityPlot::addExhaustionMarker(qint64 when, const QString& text, const QColor& colour, bool emphasised)
{
    auto* line = new QCPItemStraightLine(m_plot);
    line->point1->setCoords(double(when), 0);
    line->point2->setCoords(double(when), 1);
    line->setPen(QPen(colour, emphasised ? 2.0 : 1.2, emphasised ? Qt::SolidLine : Qt::DashLine));
    auto* label = new QCPItemText(m_plot);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(double(when), emphasised ? 0.04 : 0.12);
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    label->setPadding(QMargins(4, 2, 4, 2));
    label->setText(text);
    label->setColor(colour.darker(120));
    label->setBrush(QBrush(QColor(255, 255, 255, 210)));
    QFont f = font();
    f.setBold(emphasised);
    label->setFont(f);
}

void CapacityPlot::setPlan(const ClassPlan& plan, bool conservative)
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    const analytics::RegularSeries& h = plan.forecast.history;
    QVector<double> hk, hv;
    double top = 0;
    for (qsizetype i = 0; i < h.values.size(); ++i) {
        hk.append(double(h.timeAt(i)));
        hv.append(h.values.at(i));
        if (!isMissing(h.values.at(i)))
            top = std::max(top, h.values.at(i));
    }
    QVector<double> fk, mean, lo80, hi80, lo95, hi95, cap;
    for (qsizetype k = 0; k < plan.points.size(); ++k) {
        const ForecastPoint& p = plan.points.at(k);
        fk.append(double(p.time));
        mean.append(p.mean);
        lo80.append(p.lower80);
        hi80.append(p.upper80);
        lo95.append(p.lower95);
        hi95.append(p.upper95);
        cap.append(k < plan.capacityLine.size() ? plan.capacityLine.at(k) : plan.capacity);
        top = std::max({ top, p.upper95, cap.last() });
    }
    m_forecastPoints = int(plan.points.size());

    // Bands: the upper bound fills down to the lower one (a channel fill), 95 % lightest under 80 %.
    auto band = [&](const QVector<double>& lower, const QVector<double>& upper, const QColor& fill,
                    const QString& name) {
        QCPGraph* low = m_plot->addGraph();
        low->setPen(Qt::NoPen);
        low->removeFromLegend();
        low->setData(fk, lower, true);
        QCPGraph* high = m_plot->addGraph();
        high->setPen(Qt::NoPen);
        high->setBrush(fill);
        high->setChannelFillGraph(low);
        high->setName(name);
        high->setData(fk, upper, true);
    };
    band(lo95, hi95, QColor(0x9e, 0xc5, 0xe8, 110), tr("95 % prediction interval"));
    band(lo80, hi80, QColor(0x5b, 0x9b, 0xd5, 130), tr("80 % prediction interval"));

    QCPGraph* history = m_plot->addGraph();
    history->setName(tr("Demand (allocated)"));
    history->setPen(QPen(QColor(0x1f, 0x3a, 0x93), 1.4));
    history->setData(hk, hv, true);
    QCPGraph* forecast = m_plot->addGraph();
    forecast->setName(tr("Forecast (%1)").arg(analytics::forecastModelName(plan.forecast.chosen.kind)));
    forecast->setPen(QPen(QColor(0x1f, 0x3a, 0x93), 1.6, Qt::DashLine));
    forecast->setData(fk, mean, true);
    if (plan.capacity > 0) {
        QVector<double> ck = hk + fk;
        QVector<double> cv(hk.size(), plan.capacity);
        cv += cap;
        QCPGraph* capacity = m_plot->addGraph();
        capacity->setName(tr("Capacity"));
        capacity->setLineStyle(QCPGraph::lsStepLeft);
        capacity->setPen(QPen(QColor(0xc0, 0x30, 0x30), 2));
        capacity->setData(ck, cv, true);
    }
    if (plan.committed > 0) {
        QCPGraph* committed = m_plot->addGraph();
        committed->setName(tr("Committed"));
        committed->setPen(QPen(QColor(0xc0, 0x30, 0x30), 1.2, Qt::DotLine));
        const double from = hk.isEmpty() ? (fk.isEmpty() ? 0 : fk.first()) : hk.first();
        const double to = fk.isEmpty() ? (hk.isEmpty() ? 1 : hk.last()) : fk.last();
        committed->setData(QVector<double> { from, to }, QVector<double> { plan.committed, plan.committed }, true);
        top = std::max(top, plan.committed);
    }
    const QString format = QStringLiteral("yyyy-MM-dd");
    if (plan.exhaustionExpected)
        addExhaustionMarker(*plan.exhaustionExpected,
            tr("Expected exhaustion %1")
                .arg(QDateTime::fromSecsSinceEpoch(*plan.exhaustionExpected, Qt::UTC).toString(format)),
            QColor(0xb0, 0x1c, 0x1c), !conservative);
    if (plan.exhaustionConservative)
        addExhaustionMarker(*plan.exhaustionConservative,
            tr("Conservative exhaustion %1")
                .arg(QDateTime::fromSecsSinceEpoch(*plan.exhaustionConservative, Qt::UTC).toString(format)),
            QColor(0xd0, 0x70, 0x10), conservative);

    m_plot->yAxis->setLabel(plan.unit.isEmpty() ? plan.resourceClass : plan.unit);
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
    const double from = hk.isEmpty() ? (fk.isEmpty() ? 0 : fk.first()) : hk.first();
    const double to = fk.isEmpty() ? (hk.isEmpty() ? 1 : hk.last()) : fk.last();
    m_plot->xAxis->setRange(from, std::max(to, from + 3600));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace capaudit
