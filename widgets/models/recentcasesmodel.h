// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/recentcases.h"

#include <QAbstractTableModel>

namespace capaudit {

// The start page's list of recent cases: name, period, providers and the verdict of the last check run.
class RecentCasesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The verdict next to the name: at 1280 px the last columns scroll out of sight.
    enum Columns { NameColumn, VerdictColumn, PeriodColumn, ProvidersColumn, PathColumn, ColumnCount };
    enum Roles {
        PathRole = Qt::UserRole,
        ExistsRole, // bool: the file is still there
        AssessmentRole, // int(analytics::Assessment) of the worst provider; -1: never checked
    };

    explicit RecentCasesModel(QObject* parent = nullptr);

    void reload(); // from the settings
    void setCases(const QList<RecentCase>& cases);
    const QList<RecentCase>& cases() const
    {
        return m_rows;
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RecentCase> m_rows;
};

} // namespace capaudit
