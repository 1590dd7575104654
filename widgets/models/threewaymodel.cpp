// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/threewaymodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace capaudit {

using analytics::ThreeWayLine;

ThreeWayModel::ThreeWayModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ThreeWayModel::setLines(const QList<ThreeWayLine>& lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

int ThreeWayModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ThreeWayModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double ThreeWayModel::difference(const ThreeWayLine& line)
{
    if (line.kind == u"idle")
        return line.idleAmount;
    if (line.kind == u"sla-credit")
        return line.creditOwed - line.creditGiven;
    return line.invoicedMinusBilled();
}

// Legs that do not apply to a kind of line stay empty rather than showing a misleading 0.
QVariant ThreeWayModel::number(const ThreeWayLine& l, int column) const
{
    const bool match = l.kind == u"match";
    switch (column) {
    case CommittedColumn:
        return l.kind == u"sla-credit" ? QVariant() : QVariant(l.committedQuantity);
    case ExpectedChargeColumn:
        return match && !isMissing(l.expectedCharge) ? QVariant(l.expectedCharge) : QVariant();
    case DeliveredColumn:
        return match ? QVariant(l.deliveredQuantity) : QVariant();
    case AllocatedColumn:
        return l.kind == u"sla-credit" ? QVariant() : QVariant(l.allocatedQuantity);
    case BilledColumn:
        return match ? QVariant(l.billedAmount) : QVariant();
    case InvoicedColumn:
        return l.kind == u"idle" ? QVariant() : QVariant(l.invoicedAmount);
    case DifferenceColumn:
        return difference(l);
    default:
        return {};
    }
}

QVariant ThreeWayModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ThreeWayLine& l = m_lines.at(index.row());
    const int column = index.column();
    switch (role) {
    case DiffersRole:
        return l.status == u"differs";
    case FindingIdsRole:
        return l.findings;
    case KindRole:
        return l.kind;
    case Qt::BackgroundRole:
        return l.status == u"differs" ? QVariant(QBrush(QColor(0xfb, 0xe3, 0xe3))) : QVariant();
    case Qt::TextAlignmentRole:
        return column >= CommittedColumn && column <= DifferenceColumn
            ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
            : QVariant();
    case Qt::ToolTipRole:
        return l.findings.isEmpty() ? QVariant() : QVariant(l.findings.join(QLatin1Char('\n')));
    case SortRole:
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case ProviderColumn:
        return l.provider;
    case PeriodColumn:
        if (role == SortRole)
            return double(l.period.start);
        return QStringLiteral("%1 – %2").arg(
            QDateTime::fromSecsSinceEpoch(l.period.start, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")),
            QDateTime::fromSecsSinceEpoch(l.period.end, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")));
    case ClassColumn:
        return l.resourceClass;
    case KindColumn:
        if (role == SortRole)
            return l.kind;
        return l.kind == u"idle" ? tr("idle capacity") : l.kind == u"sla-credit" ? tr("SLA credit") : tr("match");
    case StatusColumn:
        return l.status == u"differs" ? tr("differs") : tr("matches");
    default: {
        const QVariant v = number(l, column);
        if (role == SortRole || !v.isValid())
            return v;
        const bool money = column == ExpectedChargeColumn || column == BilledColumn || column == InvoicedColumn
            || column == DifferenceColumn;
        return QLocale().toString(v.toDouble(), 'f', money ? 2 : 1)
            + (money ? QLatin1Char(' ') + l.currency : QString());
    }
    }
}

QVariant ThreeWayModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case PeriodColumn:
        return tr("Period");
    case ClassColumn:
        return tr("Class");
    case KindColumn:
        return tr("Line");
    case CommittedColumn:
        return tr("Committed unit-h");
    case ExpectedChargeColumn:
        return tr("Expected charge");
    case DeliveredColumn:
        return tr("Delivered unit-h");
    case AllocatedColumn:
        return tr("Allocated unit-h");
    case BilledColumn:
        return tr("Billed (FOCUS)");
    case InvoicedColumn:
        return tr("Invoiced");
    case DifferenceColumn:
        return tr("Difference");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace capaudit
