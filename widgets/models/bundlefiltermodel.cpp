// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/bundlefiltermodel.h"

#include "models/bundlemodel.h"

namespace capaudit {

BundleFilterModel::BundleFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BundleModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void BundleFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void BundleFilterModel::setKind(int kind)
{
    m_kind = kind;
    invalidateRowsFilter();
}

void BundleFilterModel::setVerdict(int verdict)
{
    m_verdict = verdict;
    invalidateRowsFilter();
}

bool BundleFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_kind >= 0 && index.data(BundleModel::KindRole).toInt() != m_kind)
        return false;
    if (m_verdict >= 0 && index.data(BundleModel::VerdictRole).toInt() != m_verdict)
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(BundleModel::FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace capaudit
