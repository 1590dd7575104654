// SPDX-License-Identifier: GPL-3.0-or-later
// QCustomPlot's header uses foreach: the macro must be allowed before the first Qt header is read.
#undef QT_NO_FOREACH
#include "chartstyle.h"

#include <qcustomplot.h>

#include <algorithm>

namespace capaudit::reports {

const QList<QColor>& tenantColors()
{
    static const QList<QColor> colors { QColor(0x9e, 0xc5, 0xe8), QColor(0xf6, 0xc1, 0x8f), QColor(0xa8, 0xd8, 0xa0),
        QColor(0xe8, 0xa5, 0xa5), QColor(0xc9, 0xb4, 0xe0), QColor(0xd9, 0xc2, 0x9e), QColor(0xf0, 0xb8, 0xd8),
        QColor(0xc4, 0xc4, 0xc4), QColor(0xd6, 0xd9, 0x8c), QColor(0x96, 0xd8, 0xd8) };
    return colors;
}

QVector<double> timeKeys(const QList<qint64>& times)
{
    QVector<double> keys;
    keys.reserve(times.size());
    for (qint64 t : times)
        keys.append(double(t));
    return keys;
}

double addAllocationGraphs(QCustomPlot& plot, const TimeSeries& s, const AllocationLabels& labels, qreal lineWidth)
{
    const QVector<double> keys = timeKeys(s.times);
    const qsizetype n = keys.size();
    double top = 0;
    QList<TenantSeries> tenants = s.tenants;
    std::sort(tenants.begin(), tenants.end(),
        [](const TenantSeries& a, const TenantSeries& b) { return a.tenant < b.tenant; });
    QVector<double> cumulative(n, 0.0);
    QVector<double> used(n, kMissing);
    QCPGraph* below = nullptr;
    for (int t = 0; t < tenants.size(); ++t) {
        const TenantSeries& ts = tenants.at(t);
        for (qsizetype i = 0; i < n; ++i) {
            const double a = ts.allocated.value(i, kMissing);
            if (!isMissing(a))
                cumulative[i] += a;
            const double u = ts.used.value(i, kMissing);
            if (!isMissing(u))
                used[i] = (isMissing(used[i]) ? 0.0 : used[i]) + u;
            top = std::max(top, cumulative[i]);
        }
        // Each graph fills down to the one below it: the areas stack.
        QCPGraph* g = plot.addGraph();
        const QColor colour = tenantColor(t);
        g->setName(ts.tenant.isEmpty() ? labels.unattributed : labels.allocated.arg(ts.tenant));
        g->setPen(QPen(colour.darker(125), lineWidth * 2 / 3));
        g->setBrush(QBrush(colour));
        g->setChannelFillGraph(below);
        g->setData(keys, cumulative, true);
        below = g;
    }
    if (!tenants.isEmpty()) {
        QCPGraph* g = plot.addGraph();
        g->setName(labels.used);
        g->setPen(QPen(QColor(0x1f, 0x3a, 0x93), lineWidth));
        g->setData(keys, used, true);
    }
    if (!s.capacity.isEmpty()) {
        QVector<double> capacity(s.capacity.begin(), s.capacity.end());
        for (double c : capacity)
            if (!isMissing(c))
                top = std::max(top, c);
        QCPGraph* g = plot.addGraph();
        g->setName(labels.capacity);
        g->setPen(QPen(capacityColor(), lineWidth));
        g->setData(keys, capacity, true);
    }
    return top;
}

QVector<double> committedTotal(const TimeSeries& s)
{
    QVector<double> total(s.times.size(), 0.0);
    for (qsizetype i = 0; i < s.times.size(); ++i)
        for (const CommitmentLine& c : s.commitments)
            if (s.times.at(i) >= c.period.start && (c.period.end == 0 || s.times.at(i) < c.period.end))
                total[i] += c.quantity;
    return total;
}

} // namespace capaudit::reports
