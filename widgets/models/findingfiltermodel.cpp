// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/findingfiltermodel.h"

#include "models/findingmodel.h"

namespace capaudit {

FindingFilterModel::FindingFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FindingModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FindingFilterModel::setMinimumSeverity(int severity)
{
    m_minimumSeverity = severity;
    invalidateRowsFilter();
}

void FindingFilterModel::setRule(const QString& ruleId)
{
    m_rule = ruleId;
    invalidateRowsFilter();
}

void FindingFilterModel::setProvider(const QString& provider)
{
    m_provider = provider;
    invalidateRowsFilter();
}

void FindingFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

bool FindingFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(FindingModel::SeverityRole).toInt() < m_minimumSeverity)
        return false;
    if (!m_rule.isEmpty() && index.data(FindingModel::RuleRole).toString() != m_rule)
        return false;
    if (!m_provider.isEmpty() && index.data(FindingModel::ProviderRole).toString() != m_provider)
        return false;
    return m_text.isEmpty()
        || index.data(FindingModel::FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace capaudit
