// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/comparison.h"

#include <QAbstractTableModel>

namespace capaudit {

// The bid comparison matrix: one row per bidder in rank order, a column per criterion score and the weighted total.
class BidComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        RankColumn,
        ProviderColumn,
        DeliveryColumn,
        SlaColumn,
        CostColumn,
        FindingsColumn,
        AssuranceColumn,
        TotalColumn,
        ColumnCount
    };
    enum Roles {
        ProviderRole = Qt::UserRole,
        ScoreRole, // 0..100 (criterion columns and the total), as a double
        RawRole, // the measured value behind a criterion score
        AvailableRole, // false when a criterion had no evidence
        SortRole,
    };

    explicit BidComparisonModel(QObject* parent = nullptr);

    void setComparison(const analytics::BidComparison& comparison);
    const analytics::BidComparison& comparison() const
    {
        return m_comparison;
    }
    static QString criterionOf(int column); // criterion id, "" for the other columns

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    analytics::BidComparison m_comparison;
};

} // namespace capaudit
