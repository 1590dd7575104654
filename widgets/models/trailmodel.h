// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/audittrail.h"

#include <QAbstractTableModel>

namespace capaudit {

// The audit trail, oldest entry first. Entries from the first broken one on are marked.
class TrailModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { SeqColumn, TimeColumn, UserColumn, ActionColumn, DetailsColumn, ColumnCount };
    enum Roles {
        SeqRole = Qt::UserRole,
        HashRole,
        DetailsJsonRole, // the details as indented JSON
        BrokenRole, // bool: at or after the first broken entry
    };

    explicit TrailModel(QObject* parent = nullptr);

    void setEntries(const QList<TrailEntry>& entries);
    void setFirstBrokenSeq(qint64 seq); // 0: intact
    const TrailEntry& entry(int row) const
    {
        return m_entries.at(row);
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A one-line human summary of an entry's details ("provider-a-root.pem (provider)").
    static QString summarize(const TrailEntry& entry);

private:
    QList<TrailEntry> m_entries;
    qint64 m_firstBroken = 0;
};

} // namespace capaudit
