// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "overview/classtrendchart.h"

#include "chartstyle.h"
#include "models/findingmodel.h"

#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace capaudit {

ClassTrendChart::ClassTrendChart(const ClassTrend& trend, double committed, double deliveredMean, QWidget* parent)
    : QWidget(parent)
    , m_trend(trend)
    , m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("classTrend-%1").arg(trend.resourceClass));
    // The figures the checks used, above the chart: the chart shows when, the numbers how much.
    const QString delivered = FindingModel::quantityText(deliveredMean, QString());
    const QString promised = FindingModel::quantityText(committed, trend.unit);
    auto* caption = new QLabel(this);
    caption->setTextFormat(Qt::RichText);
    const bool shortfall = !isMissing(deliveredMean) && committed > 0 && deliveredMean < committed * 0.999;
    caption->setWordWrap(true);
    caption->setText(tr("<b>%1</b><br><span style=\"color:%4\">%2 delivered</span> · %3 committed")
                         .arg(trend.resourceClass.toHtmlEscaped(), delivered.isEmpty() ? tr("—") : delivered,
                             promised.isEmpty() ? tr("nothing") : promised.toHtmlEscaped(),
                             shortfall ? QStringLiteral("#b01c1c") : QStringLiteral("#202020")));
    caption->setToolTip(tr("Mean delivered capacity over the checked period against the sum of the commitments in "
                           "force (as the compliance checks compute them)."));

    m_plot->setBackground(palette().brush(QPalette::Base));
    m_plot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msBottom);
    m_plot->axisRect()->setMargins(QMargins(0, 4, 6, 0));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    m_plot->xAxis->setTickLabelFont(small);
    m_plot->yAxis->setTickLabelFont(small);
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("MM-dd"));
    // Three dates at most: the charts are narrow, and their neighbours share the axis.
    ticker->setTickCount(2);
    ticker->setTickStepStrategy(QCPAxisTicker::tssMeetTickCount);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->ticker()->setTickCount(3);
    const QPen grid(QColor(0xe4, 0xe4, 0xe4), 0, Qt::DotLine);
    m_plot->xAxis->grid()->setPen(grid);
    m_plot->yAxis->grid()->setPen(grid);

    double top = 0;
    for (double v : std::as_const(trend.delivered))
        if (!isMissing(v))
            top = std::max(top, v);
    for (double v : std::as_const(trend.committed))
        top = std::max(top, v);
    QCPGraph* delivery = m_plot->addGraph();
    delivery->setName(tr("Delivered"));
    delivery->setPen(QPen(reports::capacityColor(), 1.4));
    delivery->setData(trend.times, trend.delivered, true);
    if (!trend.committed.isEmpty()) {
        QCPGraph* commitment = m_plot->addGraph();
        commitment->setName(tr("Committed"));
        commitment->setLineStyle(QCPGraph::lsStepLeft);
        commitment->setPen(QPen(reports::commitmentColor(), 1.4, Qt::DashLine));
        commitment->setData(trend.times, trend.committed, true);
    }
    if (!trend.times.isEmpty()) {
        const double step = trend.times.size() > 1 ? trend.times.at(1) - trend.times.at(0) : 86400.0;
        m_plot->xAxis->setRange(trend.times.first(), trend.times.last() + step);
    }
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.15 : 1.0);
    m_plot->setMinimumHeight(96);
    m_plot->setToolTip(tr("%1 · %2: delivered capacity (solid) and committed capacity (dashed)")
                           .arg(trend.provider, trend.resourceClass));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(caption);
    layout->addWidget(m_plot, 1);
}

QSize ClassTrendChart::sizeHint() const
{
    return { 240, 130 };
}

} // namespace capaudit
