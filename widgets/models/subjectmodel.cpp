// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/subjectmodel.h"

namespace capaudit {

SubjectModel::SubjectModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SubjectModel::setSubjects(const QList<Subject>& subjects)
{
    beginResetModel();
    m_subjects = subjects;
    endResetModel();
}

int SubjectModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_subjects.size());
}

int SubjectModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubjectModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Subject& s = m_subjects.at(index.row());
    if (role == DigestRole)
        return s.digestHex;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Columns(index.column())) {
    case NameColumn:
        return s.name;
    case AlgorithmColumn:
        return s.algorithm;
    case DigestColumn:
        return s.digestHex;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SubjectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Columns(section)) {
    case NameColumn:
        return tr("File");
    case AlgorithmColumn:
        return tr("Algorithm");
    case DigestColumn:
        return tr("Digest");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
