// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportformat.h"

#include "reporttext.h"

#include <QDateTime>
#include <QLocale>

namespace capaudit::reports {

namespace {

const QLocale& numberLocale()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

} // namespace

QString formatNumber(double value, int decimals)
{
    if (isMissing(value))
        return QStringLiteral("—");
    return numberLocale().toString(value, 'f', decimals);
}

QString formatMoney(double value, const QString& currency)
{
    if (isMissing(value))
        return QStringLiteral("—");
    return currency.isEmpty() ? formatNumber(value, 2) : formatNumber(value, 2) + QLatin1Char(' ') + currency;
}

QString formatPercent(double fraction, int decimals)
{
    if (isMissing(fraction))
        return QStringLiteral("—");
    return formatNumber(fraction * 100.0, decimals) + QStringLiteral(" %");
}

QString formatDate(qint64 unixSeconds)
{
    if (unixSeconds <= 0)
        return QStringLiteral("—");
    const QDateTime t = QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC);
    if (t.time() == QTime(0, 0))
        return t.toString(QStringLiteral("yyyy-MM-dd"));
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString formatPeriodText(const Period& period)
{
    if (period.start == 0 && period.end == 0)
        return ReportText::tr("whole case");
    return formatDate(period.start) + QStringLiteral(" – ") + formatDate(period.end);
}

QString severityLabel(analytics::Severity severity)
{
    switch (severity) {
    case analytics::Severity::Critical:
        return ReportText::tr("Critical");
    case analytics::Severity::High:
        return ReportText::tr("High");
    case analytics::Severity::Medium:
        return ReportText::tr("Medium");
    case analytics::Severity::Low:
        return ReportText::tr("Low");
    case analytics::Severity::Info:
        return ReportText::tr("Info");
    }
    return {};
}

QString shortDigest(const QString& hex, int chars)
{
    return hex.size() <= chars ? hex : hex.left(chars) + QStringLiteral("…");
}

} // namespace capaudit::reports
