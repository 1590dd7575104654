// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"

#include <QAbstractTableModel>
#include <QColor>

namespace capaudit {

// The findings of a check run, one row each, in the run's order (highest severity first).
class FindingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        SeverityColumn,
        RuleColumn,
        ProviderColumn,
        ScopeColumn,
        PeriodColumn,
        MeasuredColumn,
        ExpectedColumn,
        AmountColumn,
        TitleColumn,
        ColumnCount
    };
    enum Roles {
        FindingIdRole = Qt::UserRole,
        SeverityRole, // int(analytics::Severity): higher is worse
        RuleRole,
        ProviderRole,
        ResourceClassRole,
        RangeStartRole, // Unix seconds
        RangeEndRole,
        SortRole, // numbers as numbers
        FilterTextRole, // everything a free-text filter matches
    };

    explicit FindingModel(QObject* parent = nullptr);

    void setFindings(const QList<analytics::Finding>& findings);
    const QList<analytics::Finding>& findings() const
    {
        return m_rows;
    }
    const analytics::Finding& finding(int row) const
    {
        return m_rows.at(row);
    }
    int rowOf(const QString& findingId) const; // -1 when absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString severityText(analytics::Severity severity); // translated
    static QColor severityColor(analytics::Severity severity);
    static QString scopeText(const analytics::Finding& finding); // "node n3 · tenant acme · gpu-h100"
    static QString rangeText(const Period& period); // "2026-09-03 04:00 – 2026-09-03 09:00 UTC"
    static QString quantityText(double value, const QString& unit);
    static QString amountText(double amount, const QString& currency);

private:
    QList<analytics::Finding> m_rows;
};

} // namespace capaudit
