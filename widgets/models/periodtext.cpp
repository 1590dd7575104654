// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/periodtext.h"

#include <QCoreApplication>
#include <QDateTime>

namespace capaudit {

QString periodText(const Period& period)
{
    if (period.end <= period.start)
        return QCoreApplication::translate("PeriodText", "no telemetry");
    const QString from = QDateTime::fromSecsSinceEpoch(period.start, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
    const QString to = QDateTime::fromSecsSinceEpoch(period.end, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
    const int days = int((period.end - period.start + 86399) / 86400);
    return QCoreApplication::translate("PeriodText", "%1 – %2 (%n day(s))", nullptr, days).arg(from, to);
}

} // namespace capaudit
