// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "overviewdata.h"

#include <QAbstractTableModel>

namespace capaudit {

// One row per provider with the key figures of the Overview page.
class ProviderSummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        ProviderColumn,
        VerifiedColumn,
        UntrustedColumn,
        RejectedColumn,
        PeriodColumn,
        NodesColumn,
        TenantsColumn,
        CapacityColumn,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole,
        DeliveredRatioRole, // lowest delivered / committed over the resource classes, or -1
    };

    explicit ProviderSummaryModel(QObject* parent = nullptr);

    void setSummaries(const QList<ProviderSummary>& summaries);
    const QList<ProviderSummary>& summaries() const
    {
        return m_rows;
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString periodText(const Period& period);
    static QString capacityText(const ProviderSummary& summary);
    static double deliveredRatio(const ProviderSummary& summary);

private:
    QList<ProviderSummary> m_rows;
};

} // namespace capaudit
