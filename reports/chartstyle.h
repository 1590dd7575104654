// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QColor>
#include <QList>
#include <QVector>

class QCustomPlot;

namespace capaudit::reports {

// The dashboard's timeline and the PDF report draw tenants in the same colours, so an auditor who saw a tenant on
// screen finds it again on paper. Light fills: stacked areas stay readable in print and in grey scale.
const QList<QColor>& tenantColors();
inline QColor tenantColor(qsizetype index)
{
    return tenantColors().at(index % tenantColors().size());
}

// Node capacity (delivered) and the committed capacity, as the timeline, the report and the overview draw them.
inline QColor capacityColor()
{
    return QColor(0x20, 0x20, 0x20);
}
inline QColor commitmentColor()
{
    return QColor(0xc0, 0x30, 0x30);
}

// Plot keys for sample times: seconds since the epoch (QCPAxisTickerDateTime's unit), as double.
QVector<double> timeKeys(const QList<qint64>& times);

// The allocation chart both draw: tenants stacked (each line the running sum of allocations), used and capacity.
struct AllocationLabels {
    QString allocated; // with %1 for the tenant
    QString unattributed; // use no tenant label claims (a GPU's utilisation without a pod label)
    QString used;
    QString capacity;
};
// Adds the stacked tenants, used and capacity graphs for S; returns the highest value drawn (for the y range).
double addAllocationGraphs(QCustomPlot& plot, const TimeSeries& s, const AllocationLabels& labels, qreal lineWidth);
// Per step, the sum of the commitments in force: capacity and allocation are totals across regions, so this is the
// line to compare them with.
QVector<double> committedTotal(const TimeSeries& s);

} // namespace capaudit::reports
