// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/recentcasesmodel.h"

#include "analytics/assessment.h"
#include "models/provideroverviewmodel.h"

#include <QDir>
#include <QFont>

namespace capaudit {

RecentCasesModel::RecentCasesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RecentCasesModel::reload()
{
    setCases(recentCases());
}

void RecentCasesModel::setCases(const QList<RecentCase>& cases)
{
    beginResetModel();
    m_rows = cases;
    endResetModel();
}

int RecentCasesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecentCasesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecentCasesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecentCase& c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return c.name;
        case PeriodColumn:
            return c.period.isEmpty() ? tr("—") : c.period;
        case ProvidersColumn:
            return c.providers.isEmpty() ? tr("—") : c.providers.join(QStringLiteral(", "));
        case VerdictColumn:
            if (!c.exists)
                return tr("File missing");
            return c.verdict.isEmpty() ? tr("Not checked yet") : c.verdict;
        case PathColumn:
            return QDir::toNativeSeparators(c.path);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return QDir::toNativeSeparators(c.path);
    case Qt::ForegroundRole:
        if (!c.exists)
            return QColor(0x8a, 0x8a, 0x8a);
        if (index.column() == VerdictColumn && c.assessment >= 0)
            return ProviderOverviewModel::verdictColor(analytics::Assessment(c.assessment));
        return {};
    case Qt::FontRole:
        if (index.column() == NameColumn || index.column() == VerdictColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case PathRole:
        return c.path;
    case ExistsRole:
        return c.exists;
    case AssessmentRole:
        return c.assessment;
    default:
        break;
    }
    return {};
}

QVariant RecentCasesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Case");
    case PeriodColumn:
        return tr("Period");
    case ProvidersColumn:
        return tr("Providers");
    case VerdictColumn:
        return tr("Last verdict");
    case PathColumn:
        return tr("File");
    default:
        break;
    }
    return {};
}

} // namespace capaudit
