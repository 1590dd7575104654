// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/periodtext.h"

#include <QCoreApplication>
#include <QDateTime>

namespace capaudit {

QString periodText(const Period& period)
{
    if (period.end <= period.start)
        return QCoreApplication::translate("PeriodText", "no telemetry");
    // Hours only when a bound has them: the status bar must show the very period the checks use.
    const bool wholeDays = period.start % 86400 == 0 && period.end % 86400 == 0;
    const QString format = wholeDays ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("yyyy-MM-dd HH:mm");
    const QString from = QDateTime::fromSecsSinceEpoch(period.start, Qt::UTC).toString(format);
    const QString to = QDateTime::fromSecsSinceEpoch(period.end, Qt::UTC).toString(format);
    const int days = int((period.end - period.start + 86399) / 86400);
    return QCoreApplication::translate("PeriodText", "%1 – %2 (%n day(s))", nullptr, days).arg(from, to);
}

} // namespace capaudit
