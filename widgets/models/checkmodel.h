// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"

#include <QAbstractTableModel>

namespace capaudit {

// The verification checks of one verdict, in the order the verifier ran them.
class CheckModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { StatusColumn, TitleColumn, ReasonColumn, ColumnCount };
    enum Roles {
        CheckIdRole = Qt::UserRole,
        StatusRole, // int(CheckStatus)
        HintRole,
    };

    explicit CheckModel(QObject* parent = nullptr);

    void setChecks(const QList<Check>& checks);
    const QList<Check>& checks() const
    {
        return m_checks;
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(CheckStatus status);

private:
    QList<Check> m_checks;
};

} // namespace capaudit
