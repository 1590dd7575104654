// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"

#include <QAbstractTableModel>

namespace capaudit {

// The subjects of an in-toto statement: the data files the signature covers, with their digests.
class SubjectModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { NameColumn, AlgorithmColumn, DigestColumn, ColumnCount };
    enum Roles { DigestRole = Qt::UserRole };

    explicit SubjectModel(QObject* parent = nullptr);

    void setSubjects(const QList<Subject>& subjects);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Subject> m_subjects;
};

} // namespace capaudit
