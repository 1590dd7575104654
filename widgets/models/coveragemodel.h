// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/dashboarddata.h"

#include <QAbstractTableModel>
#include <QColor>

namespace capaudit {

// The evidence coverage strip as a table: one row per provider and kind of evidence, one column per UTC day. The
// strip paints it; the model keeps it testable and readable by accessibility tools.
class CoverageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles {
        StateRole = Qt::UserRole, // int(CoverageState)
        AttemptedRole, // bool: a refused or unreadable bundle claimed the day
        DayStartRole, // Unix seconds of the column's UTC midnight
        ProviderRole,
        KindRole, // int(BundleKind)
    };

    explicit CoverageModel(QObject* parent = nullptr);

    void setData(const DashboardData& data);
    void clear();
    qint64 firstDay() const
    {
        return m_firstDay;
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(CoverageState state); // translated
    static QColor stateColor(CoverageState state); // the timeline's evidence strip colours, extended
    static QString kindText(BundleKind kind);

private:
    QList<EvidenceDays> m_rows;
    qint64 m_firstDay = 0;
    int m_days = 0;
};

} // namespace capaudit
