// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "reportcharts.h"

#include "chartstyle.h"
#include "reporttext.h"

#include <QPaintDevice>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace capaudit::reports {

namespace {

constexpr qreal kPlotDpi = 96.0;

QFont plotFont(const QStringList& families, int pixels, bool bold = false)
{
    QFont f;
    f.setFamilies(families);
    f.setPixelSize(pixels);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    return f;
}

void setupPlot(QCustomPlot& plot, const QStringList& fonts, const QString& yLabel, qint64 span)
{
    plot.setBackground(Qt::white);
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(span > 3 * 86400 ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("MM-dd\nHH:mm"));
    // Date labels are ~10 characters wide: "nice" steps can give 8+ of them on a long forecast axis and they collide,
    // so the tick count is met rather than rounded to a calendar step.
    ticker->setTickStepStrategy(QCPAxisTicker::tssMeetTickCount);
    ticker->setTickCount(5);
    plot.xAxis->setTicker(ticker);
    for (QCPAxis* axis : { plot.xAxis, plot.yAxis }) {
        axis->setTickLabelFont(plotFont(fonts, 10));
        axis->setLabelFont(plotFont(fonts, 10));
        axis->grid()->setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0.6, Qt::DotLine));
    }
    plot.yAxis->setLabel(yLabel);
    plot.legend->setVisible(true);
    plot.legend->setFont(plotFont(fonts, 9));
    plot.legend->setBrush(QBrush(QColor(0xff, 0xff, 0xff))); // opaque: PDF/A-1b allows no transparency
    plot.legend->setBorderPen(QPen(QColor(0xaa, 0xaa, 0xaa), 0.6));
    plot.legend->setRowSpacing(-2);
    // The legend sits right of the chart, never over the data.
    auto* side = new QCPLayoutGrid;
    plot.plotLayout()->addElement(0, 1, side);
    plot.plotLayout()->setColumnStretchFactor(0, 4);
    plot.plotLayout()->setColumnStretchFactor(1, 1);
    side->addElement(0, 0, plot.legend);
    side->addElement(1, 0, new QCPLayoutElement(&plot)); // takes the rest of the height: legend at the top
    side->setRowStretchFactor(0, 0.01);
    side->setMargins(QMargins(0, 8, 0, 0));
    plot.legend->setMargins(QMargins(4, 2, 4, 2));
}

void render(QCustomPlot& plot, QPainter* painter, const QRectF& rect)
{
    auto* p = static_cast<QCPPainter*>(painter);
    const qreal scale = painter->device()->logicalDpiX() / kPlotDpi;
    const int w = int(rect.width() / scale);
    const int h = int(rect.height() / scale);
    p->save();
    p->translate(rect.topLeft());
    p->scale(scale, scale);
    p->setMode(QCPPainter::pmVectorized, true);
    p->setMode(QCPPainter::pmNoCaching, true);
    p->setMode(QCPPainter::pmNonCosmetic, true);
    plot.toPainter(p, w, h);
    p->restore();
}

} // namespace

void ReportPainterDeleter::operator()(QPainter* painter) const
{
    delete static_cast<QCPPainter*>(painter);
}

ReportPainter createReportPainter(QPaintDevice* device)
{
    auto* p = new QCPPainter(device);
    p->setMode(QCPPainter::pmVectorized, true);
    p->setMode(QCPPainter::pmNoCaching, true);
    return ReportPainter(p);
}

void drawAllocationChart(QPainter* painter, const QRectF& rect, const AllocationChart& chart, const QStringList& fonts)
{
    QCustomPlot plot;
    const TimeSeries& s = chart.series;
    const qint64 from = s.times.isEmpty() ? 0 : s.times.first();
    const qint64 to = s.times.isEmpty() ? 1 : s.times.last() + s.stepSeconds;
    setupPlot(plot, fonts, chart.unit.isEmpty() ? chart.resourceClass : chart.unit, to - from);
    double top = addAllocationGraphs(plot, s,
        { ReportText::tr("Allocated: %1"), ReportText::tr("Not attributed to a tenant"), ReportText::tr("Used"),
            ReportText::tr("Node capacity") },
        1.2);
    if (!s.commitments.isEmpty() && !s.times.isEmpty()) {
        const QVector<double> total = committedTotal(s);
        top = std::max(top, *std::max_element(total.begin(), total.end()));
        QCPGraph* g = plot.addGraph();
        g->setName(ReportText::tr("Committed capacity"));
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setPen(QPen(commitmentColor(), 1.4, Qt::DashLine));
        g->setData(timeKeys(s.times), total, true);
    }
    plot.legend->setVisible(true);
    plot.xAxis->setRange(double(from), double(to));
    plot.yAxis->setRange(0, top > 0 ? top * 1.08 : 1.0); // head room for the legend
    render(plot, painter, rect);
}

void drawForecastChart(QPainter* painter, const QRectF& rect, const ForecastChart& chart, const QStringList& fonts)
{
    QCustomPlot plot;
    const qint64 from = !chart.historyTimes.isEmpty()
        ? chart.historyTimes.first()
        : (chart.forecastTimes.isEmpty() ? 0 : chart.forecastTimes.first());
    const qint64 to = !chart.forecastTimes.isEmpty() ? chart.forecastTimes.last()
                                                     : (chart.historyTimes.isEmpty() ? 1 : chart.historyTimes.last());
    setupPlot(plot, fonts, chart.unit.isEmpty() ? chart.resourceClass : chart.unit, to - from);
    double top = 0;
    auto track = [&top](const QList<double>& v) {
        for (double x : v)
            if (!isMissing(x))
                top = std::max(top, x);
    };
    track(chart.history);
    track(chart.upper);
    track(chart.mean);

    const QVector<double> fk = timeKeys(chart.forecastTimes);
    if (!fk.isEmpty() && chart.lower.size() == fk.size() && chart.upper.size() == fk.size()) {
        // The band: upper filled down to lower, in an opaque tint (no transparency for PDF/A-1b).
        QCPGraph* lower = plot.addGraph();
        lower->setData(fk, QVector<double>(chart.lower.begin(), chart.lower.end()), true);
        lower->setPen(QPen(QColor(0x9d, 0xb7, 0xd9), 0.6));
        lower->removeFromLegend();
        QCPGraph* upper = plot.addGraph();
        upper->setName(ReportText::tr("Forecast band"));
        upper->setData(fk, QVector<double>(chart.upper.begin(), chart.upper.end()), true);
        upper->setPen(QPen(QColor(0x9d, 0xb7, 0xd9), 0.6));
        upper->setBrush(QBrush(QColor(0xd6, 0xe2, 0xf2)));
        upper->setChannelFillGraph(lower);
    }
    if (!chart.historyTimes.isEmpty()) {
        QCPGraph* g = plot.addGraph();
        g->setName(ReportText::tr("Observed demand"));
        g->setPen(QPen(QColor(0x20, 0x20, 0x20), 1.0));
        g->setData(timeKeys(chart.historyTimes), QVector<double>(chart.history.begin(), chart.history.end()), true);
    }
    if (!fk.isEmpty() && chart.mean.size() == fk.size()) {
        QCPGraph* g = plot.addGraph();
        g->setName(ReportText::tr("Forecast mean"));
        g->setPen(QPen(QColor(0x1f, 0x5a, 0xb4), 1.4, Qt::DashLine));
        g->setData(fk, QVector<double>(chart.mean.begin(), chart.mean.end()), true);
    }
    if (!isMissing(chart.capacity)) {
        top = std::max(top, chart.capacity);
        QCPGraph* g = plot.addGraph();
        g->setName(ReportText::tr("Usable capacity"));
        g->setPen(QPen(QColor(0xc0, 0x30, 0x30), 1.4));
        g->setData(
            QVector<double> { double(from), double(to) }, QVector<double> { chart.capacity, chart.capacity }, true);
    }
    for (qint64 when : { chart.exhaustionUpper, chart.exhaustionMean }) {
        if (when <= 0)
            continue;
        auto* line = new QCPItemStraightLine(&plot);
        line->point1->setCoords(double(when), 0);
        line->point2->setCoords(double(when), 1);
        line->setPen(QPen(QColor(0xc0, 0x30, 0x30), 1.0, Qt::DotLine));
    }
    plot.xAxis->setRange(double(from), double(to));
    plot.yAxis->setRange(0, top > 0 ? top * 1.08 : 1.0);
    render(plot, painter, rect);
}

} // namespace capaudit::reports
