// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace capaudit {

// Filters the findings by lowest severity, rule, provider and free text; sorts on FindingModel::SortRole.
class FindingFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit FindingFilterModel(QObject* parent = nullptr);

    void setMinimumSeverity(int severity); // int(analytics::Severity); 0 shows all
    void setRule(const QString& ruleId); // "" for all
    void setProvider(const QString& provider); // "" for all
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_minimumSeverity = 0;
    QString m_rule;
    QString m_provider;
    QString m_text;
};

} // namespace capaudit
