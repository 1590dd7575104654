// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/checkmodel.h"

#include "models/iconprovider.h"

namespace capaudit {

CheckModel::CheckModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CheckModel::setChecks(const QList<Check>& checks)
{
    beginResetModel();
    m_checks = checks;
    endResetModel();
}

int CheckModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size());
}

int CheckModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CheckModel::statusText(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return tr("Pass");
    case CheckStatus::Fail:
        return tr("Fail");
    case CheckStatus::Skipped:
        return tr("Skipped");
    }
    return {};
}

QVariant CheckModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Check& c = m_checks.at(index.row());
    switch (role) {
    case CheckIdRole:
        return c.id;
    case StatusRole:
        return int(c.status);
    case HintRole:
        return c.hint;
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(IconProvider::checkIcon(c.status)) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = c.id + QLatin1Char('\n') + c.reason;
        if (!c.hint.isEmpty())
            tip += QLatin1Char('\n') + tr("What to do: %1").arg(c.hint);
        return tip;
    }
    case Qt::DisplayRole:
        switch (Columns(index.column())) {
        case StatusColumn:
            return statusText(c.status);
        case TitleColumn:
            return c.title.isEmpty() ? c.id : c.title;
        case ReasonColumn:
            return c.hint.isEmpty() || c.status != CheckStatus::Fail ? c.reason : tr("%1 — %2").arg(c.reason, c.hint);
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant CheckModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Columns(section)) {
    case StatusColumn:
        return tr("Result");
    case TitleColumn:
        return tr("Check");
    case ReasonColumn:
        return tr("Reason");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
