// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "timeline/timelineplot.h"

#include "chartstyle.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace capaudit {

namespace {

constexpr double kMinSpanSeconds = 3600.0;

} // namespace

TimelinePlot::TimelinePlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(400, 300);

    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    QCPAxisRect* main = m_plot->axisRect();
    main->setRangeDrag(Qt::Horizontal);
    main->setRangeZoom(Qt::Horizontal);
    main->setRangeZoomFactor(0.85);

    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("yyyy-MM-dd\nHH:mm"));
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setLabel(tr("Capacity"));
    m_plot->yAxis->setRange(0, 1);
    m_plot->legend->setVisible(true);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_plot->legend->setFont(legendFont);
    m_plot->legend->setBrush(QBrush(QColor(255, 255, 255, 220)));
    main->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    // The coverage strip shares the time axis; a margin group keeps its left edge aligned with the chart's.
    m_strip = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(1, 0, m_strip);
    m_strip->setMinimumSize(0, 36);
    m_strip->setMaximumSize(QWIDGETSIZE_MAX, 36);
    m_strip->setRangeDrag(Qt::Orientations());
    m_strip->setRangeZoom(Qt::Orientations());
    m_strip->axis(QCPAxis::atBottom)->setTicker(ticker);
    m_strip->axis(QCPAxis::atBottom)->setTickLabels(false);
    m_strip->axis(QCPAxis::atLeft)->setRange(0, 1);
    m_strip->axis(QCPAxis::atLeft)->setTicks(false);
    m_strip->axis(QCPAxis::atLeft)->setTickLabels(false);
    m_strip->axis(QCPAxis::atLeft)->setLabel(tr("Evidence"));
    m_strip->axis(QCPAxis::atLeft)->grid()->setVisible(false);
    auto* margins = new QCPMarginGroup(m_plot);
    main->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_strip->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), m_strip->axis(QCPAxis::atBottom),
        qOverload<const QCPRange&>(&QCPAxis::setRange));
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &TimelinePlot::onRangeChanged);

    // The crosshair is redrawn alone on QCustomPlot's topmost "overlay" layer (buffered), so moving the mouse never
    // replots the data.
    m_plot->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmBuffered);
    m_crosshair = new QCPItemStraightLine(m_plot);
    m_crosshair->setLayer(QStringLiteral("overlay"));
    m_crosshair->setClipAxisRect(main);
    m_crosshair->setPen(QPen(QColor(60, 60, 60, 160), 1, Qt::DashLine));
    m_crosshair->setVisible(false);

    m_periodRect = new QCPItemRect(m_plot);
    m_periodRect->setLayer(QStringLiteral("grid"));
    m_periodRect->setClipAxisRect(main);
    m_periodRect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_periodRect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_periodRect->setPen(QPen(QColor(40, 110, 200, 140)));
    m_periodRect->setBrush(QBrush(QColor(40, 110, 200, 40)));
    m_periodRect->setVisible(false);

    // Finding markers sit above the data (which is opaque where tenants are stacked) and below the crosshair.
    m_plot->addLayer(QStringLiteral("findings"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);

    m_plot->setSelectionRectMode(QCP::srmNone);
    m_plot->selectionRect()->setPen(QPen(QColor(40, 110, 200), 1, Qt::DashLine));
    m_plot->selectionRect()->setBrush(QBrush(QColor(40, 110, 200, 50)));
    connect(m_plot, &QCustomPlot::mousePress, this, &TimelinePlot::onMousePress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimelinePlot::onMouseMove);
    connect(m_plot->selectionRect(), &QCPSelectionRect::accepted, this, &TimelinePlot::onSelectionAccepted);
    m_plot->setMouseTracking(true);
}

TimelinePlot::~TimelinePlot() = default;

QWidget* TimelinePlot::canvas() const
{
    return m_plot;
}

void TimelinePlot::setExtent(qint64 from, qint64 to)
{
    m_extentFrom = from;
    m_extentTo = std::max(to, from + qint64(kMinSpanSeconds));
    resetView();
}

void TimelinePlot::resetView()
{
    setVisibleRange(double(m_extentFrom), double(m_extentTo));
}

QPair<double, double> TimelinePlot::visibleRange() const
{
    return { m_plot->xAxis->range().lower, m_plot->xAxis->range().upper };
}

void TimelinePlot::setVisibleRange(double from, double to)
{
    m_plot->xAxis->setRange(from, to);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelinePlot::zoomBy(double factor)
{
    m_plot->xAxis->scaleRange(factor, m_plot->xAxis->range().center());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelinePlot::onRangeChanged(const QCPRange& range)
{
    if (m_clamping || m_extentTo <= m_extentFrom)
        return;
    // Keep the view on the case's data: never wider than the extent, never narrower than an hour.
    const double extent = double(m_extentTo - m_extentFrom);
    double lower = range.lower;
    double upper = range.upper;
    double span = std::clamp(upper - lower, kMinSpanSeconds, extent);
    if (span != upper - lower) {
        const double centre = (lower + upper) / 2;
        lower = centre - span / 2;
        upper = centre + span / 2;
    }
    if (lower < m_extentFrom) {
        lower = double(m_extentFrom);
        upper = lower + span;
    }
    if (upper > m_extentTo) {
        upper = double(m_extentTo);
        lower = upper - span;
    }
    if (lower != range.lower || upper != range.upper) {
        m_clamping = true;
        m_plot->xAxis->setRange(lower, upper);
        m_clamping = false;
    }
    Q_EMIT visibleRangeChanged(lower, upper);
}

void TimelinePlot::clear()
{
    m_data = {};
    m_plot->clearGraphs();
    m_plot->clearPlottables();
    m_crosshair->setVisible(false);
    m_periodRect->setVisible(false);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelinePlot::setData(const TimelineData& data)
{
    m_data = data;
    rebuildSeries();
    rebuildCoverage();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelinePlot::rebuildSeries()
{
    m_plot->clearGraphs();
    const TimeSeries& s = m_data.series;
    double top = reports::addAllocationGraphs(
        *m_plot, s, { tr("Allocated: %1"), tr("Not attributed to a tenant"), tr("Used"), tr("Node capacity") }, 1.5);
    for (const CommitmentLine& c : s.commitments) {
        QCPGraph* g = m_plot->addGraph();
        g->setName(c.region.isEmpty() ? tr("Commitment") : tr("Commitment (%1)").arg(c.region));
        g->setPen(QPen(QColor(0xc0, 0x30, 0x30), 1.5, Qt::DashLine));
        const double from = double(std::max(c.period.start, m_extentFrom));
        const double to = double(c.period.end > 0 ? std::min(c.period.end, m_extentTo) : m_extentTo);
        g->setData(QVector<double> { from, to }, QVector<double> { c.quantity, c.quantity }, true);
        top = std::max(top, c.quantity);
    }
    if (s.commitments.size() > 1 && !s.times.isEmpty()) {
        const QVector<double> total = reports::committedTotal(s);
        top = std::max(top, *std::max_element(total.begin(), total.end()));
        QCPGraph* g = m_plot->addGraph();
        g->setName(tr("Commitment (total)"));
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setPen(QPen(QColor(0xc0, 0x30, 0x30), 2.5));
        g->setData(reports::timeKeys(s.times), total, true);
    }
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.12 : 1.0);
    // Many tenants would bury the chart under the legend; their names stay in the crosshair tooltip.
    m_plot->legend->setVisible(m_plot->graphCount() > 0 && s.tenants.size() <= 8);
}

void TimelinePlot::rebuildCoverage()
{
    // Remove the strip's bars only (graphs live on the main rect).
    for (int i = m_plot->plottableCount() - 1; i >= 0; --i) {
        if (auto* bars = qobject_cast<QCPBars*>(m_plot->plottable(i)))
            m_plot->removePlottable(bars);
    }
    if (m_data.coverage.isEmpty())
        return;
    const double width = m_data.coverageLevel == SeriesLevel::Daily ? 86400.0 : 3600.0;
    struct Kind {
        CoverageBucket::Status status;
        QColor colour;
        QString name;
    };
    const QList<Kind> kinds { { CoverageBucket::Status::Verified, QColor(0x3c, 0xa0, 0x4c), tr("Verified") },
        { CoverageBucket::Status::Partial, QColor(0xe0, 0xc0, 0x30), tr("Partial") },
        { CoverageBucket::Status::Untrusted, QColor(0xf0, 0x8a, 0x24), tr("Untrusted") },
        { CoverageBucket::Status::Missing, QColor(0xd0, 0x3a, 0x3a), tr("Missing") } };
    for (const Kind& kind : kinds) {
        QVector<double> keys, values;
        for (const CoverageBucket& b : std::as_const(m_data.coverage)) {
            if (b.status == kind.status) {
                keys.append(double(b.start) + width / 2);
                values.append(1.0);
            }
        }
        if (keys.isEmpty())
            continue;
        auto* bars = new QCPBars(m_strip->axis(QCPAxis::atBottom), m_strip->axis(QCPAxis::atLeft));
        bars->setName(tr("Evidence: %1").arg(kind.name));
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(width);
        bars->setPen(Qt::NoPen);
        bars->setBrush(kind.colour);
        bars->setData(keys, values, true);
        bars->removeFromLegend();
    }
}

void TimelinePlot::setPeriodHighlight(const Period& period)
{
    const bool on = period.end > period.start;
    m_periodRect->setVisible(on);
    if (on) {
        m_periodRect->topLeft->setCoords(double(period.start), 0);
        m_periodRect->bottomRight->setCoords(double(period.end), 1);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QStringList TimelinePlot::graphNames() const
{
    QStringList names;
    for (int g = 0; g < m_plot->graphCount(); ++g)
        names.append(m_plot->graph(g)->name());
    return names;
}

void TimelinePlot::setMarkers(const QList<TimelineMarker>& markers)
{
    for (QCPAbstractItem* item : std::as_const(m_markerItems))
        m_plot->removeItem(item);
    m_markerItems.clear();
    m_markers = markers;
    // Every finding is a bar in a band of lanes along the top; overlapping findings take separate lanes, so twenty
    // findings over the whole period stay twenty thin bars instead of tinting the chart solid. Only the focused one
    // is tinted over the whole height and labelled: the data under it must stay readable.
    constexpr double kLaneHeight = 0.018;
    constexpr int kMaxLanes = 8;
    QList<qint64> laneEnds;
    QList<int> order(markers.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&](int a, int b) { return markers.at(a).range.start < markers.at(b).range.start; });
    for (int index : std::as_const(order)) {
        const TimelineMarker& m = markers.at(index);
        if (m.range.end <= m.range.start)
            continue;
        int lane = 0;
        while (lane < laneEnds.size() && laneEnds.at(lane) > m.range.start)
            ++lane;
        if (lane == laneEnds.size() && lane < kMaxLanes)
            laneEnds.append(m.range.end);
        lane = std::min(lane, kMaxLanes - 1);
        laneEnds[lane] = std::max(laneEnds.at(lane), m.range.end);
        QColor edge = m.colour;
        edge.setAlpha(m.focused ? 230 : 170);
        m_markerItems.append(addSpan(m.range, lane * kLaneHeight, (lane + 1) * kLaneHeight - 0.003, edge, Qt::NoPen));
        if (!m.focused)
            continue;
        QColor fill = m.colour;
        fill.setAlpha(40);
        m_markerItems.append(addSpan(m.range, 0, 1, fill, QPen(edge, 1.5)));
        if (!m.label.isEmpty()) {
            auto* label = new QCPItemText(m_plot);
            label->setLayer(QStringLiteral("findings"));
            label->setClipAxisRect(m_plot->axisRect());
            label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            label->position->setCoords(double(m.range.start), kMaxLanes * kLaneHeight + 0.01);
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            label->setPadding(QMargins(3, 1, 3, 1));
            label->setBrush(QColor(255, 255, 255, 220));
            label->setText(m.label);
            label->setColor(m.colour.darker(130));
            label->setSelectable(false);
            m_markerItems.append(label);
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QCPItemRect* TimelinePlot::addSpan(const Period& range, double top, double bottom, const QColor& fill, const QPen& pen)
{
    auto* span = new QCPItemRect(m_plot);
    span->setLayer(QStringLiteral("findings"));
    span->setClipAxisRect(m_plot->axisRect());
    span->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    span->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    span->topLeft->setCoords(double(range.start), top);
    span->bottomRight->setCoords(double(range.end), bottom);
    span->setPen(pen);
    span->setBrush(fill);
    span->setSelectable(false);
    return span;
}

Status TimelinePlot::exportTo(const QString& path, int width, int height)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    m_crosshair->setVisible(false);
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = m_plot->savePng(path, width, height);
    } else if (suffix == QLatin1String("pdf")) {
        ok = m_plot->savePdf(
            path, width, height, QCP::epNoCosmetic, QStringLiteral("CapAudit"), tr("Allocation timeline"));
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(width, height));
        generator.setViewBox(QRect(0, 0, width, height));
        generator.setTitle(tr("Allocation timeline"));
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            m_plot->toPainter(&painter, width, height);
            ok = painter.end();
        }
    } else {
        return Error(path, tr("unknown chart format '%1' (use .png, .svg or .pdf)").arg(suffix));
    }
    if (!ok)
        return Error(path, tr("could not write the chart"));
    return {};
}

void TimelinePlot::onMousePress(QMouseEvent* event)
{
    // Decided per press: QCustomPlot starts a selection rectangle instead of a drag while the mode is set.
    m_plot->setSelectionRectMode(event->modifiers().testFlag(Qt::ShiftModifier) ? QCP::srmCustom : QCP::srmNone);
}

void TimelinePlot::onSelectionAccepted(const QRect& rect, QMouseEvent*)
{
    m_plot->setSelectionRectMode(QCP::srmNone);
    double from = m_plot->xAxis->pixelToCoord(rect.left());
    double to = m_plot->xAxis->pixelToCoord(rect.right());
    if (from > to)
        std::swap(from, to);
    if (to - from < 60)
        return;
    const Period period { qint64(std::floor(from)), qint64(std::ceil(to)) };
    setPeriodHighlight(period);
    Q_EMIT periodSelected(period.start, period.end);
}

void TimelinePlot::onMouseMove(QMouseEvent* event)
{
    QCPAxisRect* main = m_plot->axisRect();
    const QPointF pos = event->position();
    if (!main->rect().contains(pos.toPoint()) || m_data.series.times.isEmpty()) {
        if (m_crosshair->visible()) {
            m_crosshair->setVisible(false);
            m_plot->layer(QStringLiteral("overlay"))->replot();
        }
        return;
    }
    const double key = m_plot->xAxis->pixelToCoord(pos.x());
    m_crosshair->setVisible(true);
    m_crosshair->point1->setCoords(key, 0);
    m_crosshair->point2->setCoords(key, 1);
    m_plot->layer(QStringLiteral("overlay"))->replot();
    QToolTip::showText(event->globalPosition().toPoint(), valuesAt(key), m_plot);
}

QString TimelinePlot::valuesAt(double key) const
{
    const TimeSeries& s = m_data.series;
    if (s.times.isEmpty())
        return {};
    auto it = std::upper_bound(s.times.begin(), s.times.end(), qint64(key));
    if (it == s.times.begin())
        return {};
    const qsizetype i = std::distance(s.times.begin(), it) - 1;
    const QLocale locale;
    auto number = [&](double v) { return isMissing(v) ? tr("–") : locale.toString(v, 'f', 1); };
    QStringList lines;
    lines << tr("<b>%1 UTC</b> (%2)")
                 .arg(
                     QDateTime::fromSecsSinceEpoch(s.times.at(i), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                     seriesLevelName(s.level));
    double used = kMissing;
    double allocated = 0;
    for (const TenantSeries& t : s.tenants) {
        const double a = i < t.allocated.size() ? t.allocated.at(i) : kMissing;
        const double u = i < t.used.size() ? t.used.at(i) : kMissing;
        if (!isMissing(a))
            allocated += a;
        if (!isMissing(u))
            used = (isMissing(used) ? 0.0 : used) + u;
        lines << tr("%1: allocated %2, used %3").arg(t.tenant.toHtmlEscaped(), number(a), number(u));
    }
    lines << tr("Allocated total: %1").arg(number(allocated)) << tr("Used total: %1").arg(number(used));
    if (i < s.capacity.size())
        lines << tr("Node capacity: %1").arg(number(s.capacity.at(i)));
    for (const CommitmentLine& c : s.commitments) {
        if (s.times.at(i) >= c.period.start && (c.period.end == 0 || s.times.at(i) < c.period.end))
            lines << tr("Committed: %1 %2").arg(number(c.quantity), c.unit.toHtmlEscaped());
    }
    for (const TimelineMarker& m : m_markers) {
        if (key >= double(m.range.start) && key < double(m.range.end))
            lines << QStringLiteral("<span style='color:%1'>%2</span>").arg(m.colour.name(), m.text.toHtmlEscaped());
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace capaudit
