// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/findingmodel.h"

#include <QBrush>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace capaudit {

using analytics::Finding;
using analytics::Severity;

FindingModel::FindingModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FindingModel::setFindings(const QList<Finding>& findings)
{
    beginResetModel();
    m_rows = findings;
    endResetModel();
}

int FindingModel::rowOf(const QString& findingId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == findingId)
            return row;
    }
    return -1;
}

int FindingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FindingModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingModel::severityText(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return tr("Info");
    case Severity::Low:
        return tr("Low");
    case Severity::Medium:
        return tr("Medium");
    case Severity::High:
        return tr("High");
    case Severity::Critical:
        return tr("Critical");
    }
    return {};
}

QColor FindingModel::severityColor(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QColor(0x8e, 0x10, 0x10);
    case Severity::High:
        return QColor(0xd0, 0x3a, 0x3a);
    case Severity::Medium:
        return QColor(0xe0, 0x8a, 0x24);
    case Severity::Low:
        return QColor(0xc8, 0xb0, 0x20);
    case Severity::Info:
        break;
    }
    return QColor(0x60, 0x80, 0xa0);
}

QString FindingModel::scopeText(const Finding& f)
{
    QStringList parts;
    if (!f.node.isEmpty())
        parts << tr("node %1").arg(f.node);
    if (!f.tenant.isEmpty())
        parts << tr("tenant %1").arg(f.tenant);
    if (!f.resourceClass.isEmpty())
        parts << f.resourceClass;
    if (!f.region.isEmpty())
        parts << tr("region %1").arg(f.region);
    return parts.isEmpty() ? tr("provider-wide") : parts.join(QStringLiteral(" · "));
}

QString FindingModel::rangeText(const Period& period)
{
    if (period.end <= period.start)
        return tr("—");
    const QDateTime from = QDateTime::fromSecsSinceEpoch(period.start, Qt::UTC);
    const QDateTime to = QDateTime::fromSecsSinceEpoch(period.end, Qt::UTC);
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm");
    if (from.date() == to.date())
        return tr("%1 – %2 UTC").arg(from.toString(format), to.toString(QStringLiteral("HH:mm")));
    return tr("%1 – %2 UTC").arg(from.toString(format), to.toString(format));
}

QString FindingModel::quantityText(double value, const QString& unit)
{
    if (isMissing(value))
        return {};
    const QLocale locale;
    const double a = std::abs(value);
    const int decimals = (a >= 100 || value == std::floor(value)) ? 0 : a >= 1 ? 2 : 4;
    return QStringLiteral("%1 %2").arg(locale.toString(value, 'f', decimals), unit).trimmed();
}

QString FindingModel::amountText(double amount, const QString& currency)
{
    if (isMissing(amount))
        return {};
    return QStringLiteral("%1 %2").arg(QLocale().toString(amount, 'f', 2), currency).trimmed();
}

QVariant FindingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Finding& f = m_rows.at(index.row());
    switch (role) {
    case FindingIdRole:
        return f.id;
    case SeverityRole:
        return int(f.severity);
    case RuleRole:
        return f.ruleId;
    case ProviderRole:
        return f.provider;
    case ResourceClassRole:
        return f.resourceClass;
    case RangeStartRole:
        return f.range.start;
    case RangeEndRole:
        return f.range.end;
    case FilterTextRole:
        return QStringList { f.id, f.ruleId, f.provider, f.node, f.tenant, f.resourceClass, f.region, f.title,
            analytics::localizedTitle(f) }
            .join(QLatin1Char(' '));
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn)
            return QBrush(severityColor(f.severity));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == MeasuredColumn || index.column() == ExpectedColumn || index.column() == AmountColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn || index.column() == RuleColumn)
            return QStringLiteral("%1\n%2").arg(f.id, analytics::localizedTitle(f));
        break;
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    const bool sort = role == SortRole;
    switch (Columns(index.column())) {
    case SeverityColumn:
        return sort ? QVariant(int(f.severity)) : QVariant(severityText(f.severity));
    case RuleColumn:
        return f.ruleId;
    case ProviderColumn:
        return f.provider;
    case ScopeColumn:
        return scopeText(f);
    case PeriodColumn:
        return sort ? QVariant(f.range.start) : QVariant(rangeText(f.range));
    case MeasuredColumn:
        return sort ? QVariant(isMissing(f.measured) ? -1e300 : f.measured)
                    : QVariant(quantityText(f.measured, analytics::localizedUnit(f.unit)));
    case ExpectedColumn:
        return sort ? QVariant(isMissing(f.expected) ? -1e300 : f.expected)
                    : QVariant(quantityText(f.expected, analytics::localizedUnit(f.unit)));
    case AmountColumn:
        return sort ? QVariant(isMissing(f.amount) ? -1e300 : f.amount) : QVariant(amountText(f.amount, f.currency));
    case TitleColumn:
        return analytics::localizedTitle(f);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Columns(section)) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case ProviderColumn:
        return tr("Provider");
    case ScopeColumn:
        return tr("Scope");
    case PeriodColumn:
        return tr("Period");
    case MeasuredColumn:
        return tr("Measured");
    case ExpectedColumn:
        return tr("Expected");
    case AmountColumn:
        return tr("Amount");
    case TitleColumn:
        return tr("Finding");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
