// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/threewayline.h"

#include <QAbstractTableModel>

namespace capaudit {

// The three-way match of the latest check run (analytics/threewayline.h): one row per provider, invoice period,
// resource class and kind (match, idle capacity, SLA credit), every leg in its own column.
class ThreeWayModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        ProviderColumn,
        PeriodColumn,
        ClassColumn,
        KindColumn,
        CommittedColumn, // unit-hours
        ExpectedChargeColumn,
        DeliveredColumn, // unit-hours
        AllocatedColumn, // unit-hours
        BilledColumn, // FOCUS amount
        InvoicedColumn, // invoice amount
        DifferenceColumn, // invoiced - billed (match), idle amount (idle), owed - given (SLA credit)
        StatusColumn,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole, // numbers as double, text as text
        DiffersRole, // bool: some leg disagrees beyond the policy's tolerance
        FindingIdsRole, // QStringList of the findings raised on the line
        KindRole, // "match" | "idle" | "sla-credit"
    };

    explicit ThreeWayModel(QObject* parent = nullptr);

    void setLines(const QList<analytics::ThreeWayLine>& lines);
    const QList<analytics::ThreeWayLine>& lines() const
    {
        return m_lines;
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static double difference(const analytics::ThreeWayLine& line);

private:
    QVariant number(const analytics::ThreeWayLine& line, int column) const;

    QList<analytics::ThreeWayLine> m_lines;
};

} // namespace capaudit
