// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QVector>

namespace capaudit::reports {

// The dashboard's timeline and the PDF report draw tenants in the same colours, so an auditor who saw a tenant on
// screen finds it again on paper. Light fills: stacked areas stay readable in print and in grey scale.
const QList<QColor>& tenantColors();
inline QColor tenantColor(qsizetype index)
{
    return tenantColors().at(index % tenantColors().size());
}

// Plot keys for sample times: seconds since the epoch (QCPAxisTickerDateTime's unit), as double.
QVector<double> timeKeys(const QList<qint64>& times);

} // namespace capaudit::reports
