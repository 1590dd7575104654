// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/evidencerowsmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace capaudit {

EvidenceRowsModel::EvidenceRowsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void EvidenceRowsModel::setRows(const EvidenceRows& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int EvidenceRowsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.rows.size());
}

int EvidenceRowsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rawColumn() + 1;
}

QString EvidenceRowsModel::cell(int row, int column) const
{
    const EvidenceRow& r = m_rows.rows.at(row);
    if (column == LineColumn)
        return QString::number(r.line);
    if (column == rawColumn())
        return r.raw;
    return r.fields.value(column - FirstFieldColumn);
}

QVariant EvidenceRowsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EvidenceRow& r = m_rows.rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return cell(index.row(), index.column());
    case CitedRole:
        return r.cited;
    case LineRole:
        return r.line;
    case SortRole: {
        bool ok = false;
        const double number = cell(index.row(), index.column()).toDouble(&ok);
        return ok ? QVariant(number) : QVariant(cell(index.row(), index.column()));
    }
    case Qt::BackgroundRole:
        return r.cited ? QBrush(QColor(255, 243, 191)) : QVariant();
    case Qt::FontRole:
        if (index.column() == rawColumn()) {
            QFont mono(QStringLiteral("monospace"));
            mono.setStyleHint(QFont::Monospace);
            return mono;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant EvidenceRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section > rawColumn())
        return {};
    if (section == LineColumn)
        return tr("Line");
    if (section == rawColumn())
        return tr("Raw line");
    return m_rows.columns.value(section - FirstFieldColumn);
}

QString EvidenceRowsModel::tsv(const QList<int>& rows) const
{
    // Tabs and line breaks inside a value would shift the columns of a spreadsheet paste.
    auto clean = [](QString s) {
        return s.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < columnCount(); ++c)
        header << clean(headerData(c, Qt::Horizontal).toString());
    lines << header.join(QLatin1Char('\t'));
    for (int row : rows) {
        if (row < 0 || row >= rowCount())
            continue;
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c)
            cells << clean(cell(row, c));
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

FieldStatisticsModel::FieldStatisticsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FieldStatisticsModel::setStatistics(const QList<FieldStatistics>& statistics)
{
    beginResetModel();
    m_statistics = statistics;
    endResetModel();
}

int FieldStatisticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_statistics.size());
}

int FieldStatisticsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldStatisticsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FieldStatistics& s = m_statistics.at(index.row());
    const bool numeric = s.numeric > 0;
    if (role == SortRole) {
        switch (index.column()) {
        case FieldColumn:
            return s.column;
        case CountColumn:
            return s.count;
        case EmptyColumn:
            return s.empty;
        case DistinctColumn:
            return s.distinct;
        case NumericColumn:
            return s.numeric;
        case MinColumn:
            return numeric ? QVariant(s.min) : QVariant(s.minText);
        case MaxColumn:
            return numeric ? QVariant(s.max) : QVariant(s.maxText);
        case SumColumn:
            return numeric ? QVariant(s.sum) : QVariant();
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        // Numbers right, text (the field, a text column's min and max) left.
        const bool text =
            index.column() == FieldColumn || ((index.column() == MinColumn || index.column() == MaxColumn) && !numeric);
        return text ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    auto number = [](double v) { return QString::number(v, 'g', 15); };
    switch (index.column()) {
    case FieldColumn:
        return s.column;
    case CountColumn:
        return QString::number(s.count);
    case EmptyColumn:
        return QString::number(s.empty);
    case DistinctColumn:
        return QString::number(s.distinct);
    case NumericColumn:
        return QString::number(s.numeric);
    case MinColumn:
        return numeric ? number(s.min) : s.minText;
    case MaxColumn:
        return numeric ? number(s.max) : s.maxText;
    case SumColumn:
        return numeric ? number(s.sum) : QString();
    }
    return {};
}

QVariant FieldStatisticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn:
        return tr("Field");
    case CountColumn:
        return tr("Count");
    case EmptyColumn:
        return tr("Empty");
    case DistinctColumn:
        return tr("Distinct");
    case NumericColumn:
        return tr("Numeric");
    case MinColumn:
        return tr("Min");
    case MaxColumn:
        return tr("Max");
    case SumColumn:
        return tr("Sum");
    }
    return {};
}

} // namespace capaudit
