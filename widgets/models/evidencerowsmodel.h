// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/evidencerows.h"

#include <QAbstractTableModel>

namespace capaudit {

// The rows a finding cites (store/evidencerows.h), for the evidence viewer: the source line number, the columns the
// importer parses out of it and the raw text, the cited rows marked. Columns beyond LineColumn follow the file: its
// parsed columns (CSV header, or metric/labels/value/timestamp) and then RawColumn().
class EvidenceRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { LineColumn = 0, FirstFieldColumn = 1 };
    enum Roles {
        CitedRole = Qt::UserRole, // bool: inside the finding's line range
        LineRole, // qint64: the line the row starts on
        SortRole, // numbers as double where the cell is a number, else the text
    };

    explicit EvidenceRowsModel(QObject* parent = nullptr);

    void setRows(const EvidenceRows& rows);
    const EvidenceRows& rows() const
    {
        return m_rows;
    }
    int rawColumn() const
    {
        return FirstFieldColumn + int(m_rows.columns.size());
    }
    // Tab-separated text of ROWS (header line first): what Copy puts on the clipboard.
    QString tsv(const QList<int>& rows) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString cell(int row, int column) const;

    EvidenceRows m_rows;
};

// IDEA-style field statistics of the shown rows, one row per column (store/evidencerows.h fieldStatistics).
class FieldStatisticsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        FieldColumn,
        CountColumn,
        EmptyColumn,
        DistinctColumn,
        NumericColumn,
        MinColumn,
        MaxColumn,
        SumColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole };

    explicit FieldStatisticsModel(QObject* parent = nullptr);
    void setStatistics(const QList<FieldStatistics>& statistics);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<FieldStatistics> m_statistics;
};

} // namespace capaudit
