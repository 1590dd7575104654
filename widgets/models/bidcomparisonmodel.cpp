// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/bidcomparisonmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace capaudit {

using analytics::BidderScore;
using analytics::CriterionScore;

BidComparisonModel::BidComparisonModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BidComparisonModel::setComparison(const analytics::BidComparison& comparison)
{
    // Same bidders in the same order: only the numbers moved (a weight changed), keep the view's selection.
    if (comparison.ranking() == m_comparison.ranking() && !m_comparison.bidders.isEmpty()) {
        m_comparison = comparison;
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_comparison = comparison;
    endResetModel();
}

QString BidComparisonModel::criterionOf(int column)
{
    switch (Columns(column)) {
    case DeliveryColumn:
        return QString::fromLatin1(analytics::criteria::kDelivery);
    case SlaColumn:
        return QString::fromLatin1(analytics::criteria::kSla);
    case CostColumn:
        return QString::fromLatin1(analytics::criteria::kCost);
    case FindingsColumn:
        return QString::fromLatin1(analytics::criteria::kFindings);
    case AssuranceColumn:
        return QString::fromLatin1(analytics::criteria::kAssurance);
    default:
        return {};
    }
}

int BidComparisonModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_comparison.bidders.size());
}

int BidComparisonModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BidComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BidderScore& b = m_comparison.bidders.at(index.row());
    const QString criterion = criterionOf(index.column());
    const CriterionScore score = criterion.isEmpty() ? CriterionScore() : b.criteria.value(criterion);
    const QLocale locale;
    switch (role) {
    case ProviderRole:
        return b.provider;
    case ScoreRole:
        if (index.column() == TotalColumn)
            return b.total;
        return criterion.isEmpty() ? QVariant() : QVariant(score.score);
    case RawRole:
        return criterion.isEmpty() ? QVariant() : QVariant(score.raw);
    case AvailableRole:
        return criterion.isEmpty() || score.available;
    case Qt::TextAlignmentRole:
        return index.column() == ProviderColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (!criterion.isEmpty() && !score.available)
            return QBrush(QColor(0x88, 0x88, 0x88));
        return {};
    case Qt::ToolTipRole:
        if (!criterion.isEmpty())
            return tr("Measured: %1\n%2").arg(locale.toString(score.raw, 'g', 6), score.note);
        if (index.column() == TotalColumn)
            return tr("Weighted score: sum of the criterion scores times their normalised weights");
        return {};
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    const bool sort = role == SortRole;
    switch (Columns(index.column())) {
    case RankColumn:
        return b.rank;
    case ProviderColumn:
        return b.provider;
    case TotalColumn:
        return sort ? QVariant(b.total) : QVariant(locale.toString(b.total, 'f', 1));
    case ColumnCount:
        return {};
    default:
        if (sort)
            return score.score;
        return score.available ? locale.toString(score.score, 'f', 1) : tr("n/a");
    }
}

QVariant BidComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString criterion = criterionOf(section);
    if (role == Qt::ToolTipRole && !criterion.isEmpty()) {
        for (const analytics::CriterionInfo& info : analytics::comparisonCriteria()) {
            if (info.id == criterion)
                return analytics::localizedMethod(info);
        }
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Columns(section)) {
    case RankColumn:
        return tr("Rank");
    case ProviderColumn:
        return tr("Bidder");
    case DeliveryColumn:
        return tr("Delivery");
    case SlaColumn:
        return tr("SLA");
    case CostColumn:
        return tr("Cost");
    case FindingsColumn:
        return tr("Findings");
    case AssuranceColumn:
        return tr("Assurance");
    case TotalColumn:
        return tr("Weighted score");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
