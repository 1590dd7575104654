// SPDX-License-Identifier: GPL-3.0-or-later
#include "providersummarymodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace capaudit {

ProviderSummaryModel::ProviderSummaryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProviderSummaryModel::setSummaries(const QList<ProviderSummary>& summaries)
{
    beginResetModel();
    m_rows = summaries;
    endResetModel();
}

int ProviderSummaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderSummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ProviderSummaryModel::periodText(const Period& period)
{
    if (period.end <= period.start)
        return tr("no telemetry");
    const QDateTime from = QDateTime::fromSecsSinceEpoch(period.start, Qt::UTC);
    const QDateTime to = QDateTime::fromSecsSinceEpoch(period.end, Qt::UTC);
    const int days = int((period.end - period.start + 86399) / 86400);
    const QString a = from.toString(QStringLiteral("yyyy-MM-dd"));
    const QString b = to.toString(QStringLiteral("yyyy-MM-dd"));
    return days == 1 ? tr("%1 – %2 (1 day)").arg(a, b) : tr("%1 – %2 (%3 days)").arg(a, b, QString::number(days));
}

QString ProviderSummaryModel::capacityText(const ProviderSummary& summary)
{
    QStringList parts;
    const QLocale locale;
    for (const CapacityFigure& f : summary.capacity) {
        parts.append(tr("%1: %2 delivered / %3 committed %4")
                         .arg(f.resourceClass, locale.toString(f.delivered, 'f', 1),
                             locale.toString(f.committed, 'f', 0), f.unit)
                         .trimmed());
    }
    return parts.join(QStringLiteral("; "));
}

double ProviderSummaryModel::deliveredRatio(const ProviderSummary& summary)
{
    double lowest = -1;
    for (const CapacityFigure& f : summary.capacity) {
        if (f.committed <= 0)
            continue;
        const double r = f.delivered / f.committed;
        if (lowest < 0 || r < lowest)
            lowest = r;
    }
    return lowest;
}

QVariant ProviderSummaryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProviderSummary& s = m_rows.at(index.row());
    if (role == DeliveredRatioRole)
        return deliveredRatio(s);
    if (role == Qt::ForegroundRole) {
        if (index.column() == RejectedColumn && s.rejected > 0)
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        if (index.column() == UntrustedColumn && s.untrusted > 0)
            return QBrush(QColor(0xb3, 0x5c, 0x00));
        if (index.column() == CapacityColumn) {
            const double r = deliveredRatio(s);
            if (r >= 0 && r < 1.0)
                return QBrush(QColor(0xb0, 0x1c, 0x1c));
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case VerifiedColumn:
        case UntrustedColumn:
        case RejectedColumn:
        case NodesColumn:
        case TenantsColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    if (s.provider.isEmpty() && role == Qt::DisplayRole) {
        // Rejected attempts whose provider is unknown: only the rejected count means anything on this row.
        switch (Columns(index.column())) {
        case ProviderColumn:
            return tr("(provider not established)");
        case RejectedColumn:
            return s.rejected;
        default:
            return index.column() == VerifiedColumn || index.column() == UntrustedColumn ? QVariant(0)
                                                                                         : QVariant(tr("—"));
        }
    }
    if (s.provider.isEmpty() && role == Qt::ToolTipRole)
        return tr("Bundles rejected by verification: their statements are not trusted, so they are not attributed "
                  "to a provider. See the audit trail for the reasons.");
    switch (Columns(index.column())) {
    case ProviderColumn:
        return s.provider;
    case VerifiedColumn:
        return s.verified;
    case UntrustedColumn:
        return s.untrusted;
    case RejectedColumn:
        return s.rejected;
    case PeriodColumn:
        return role == SortRole ? QVariant(s.period.start) : QVariant(periodText(s.period));
    case NodesColumn:
        return s.nodes;
    case TenantsColumn:
        return s.tenants;
    case CapacityColumn:
        return role == SortRole ? QVariant(deliveredRatio(s)) : QVariant(capacityText(s));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ProviderSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Columns(section)) {
    case ProviderColumn:
        return tr("Provider");
    case VerifiedColumn:
        return tr("Verified");
    case UntrustedColumn:
        return tr("Untrusted");
    case RejectedColumn:
        return tr("Rejected");
    case PeriodColumn:
        return tr("Period covered");
    case NodesColumn:
        return tr("Nodes");
    case TenantsColumn:
        return tr("Tenants");
    case CapacityColumn:
        return tr("Capacity (delivered / committed)");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
