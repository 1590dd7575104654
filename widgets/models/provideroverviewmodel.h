// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/assessment.h"

#include <QAbstractTableModel>
#include <QColor>

namespace capaudit {

// One row per provider of the last check run: the verdict and what it rests on. The overview's provider cards read
// it; the numbers come from analytics::assessProviders, the same the report's executive summary prints.
class ProviderOverviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        ProviderColumn,
        VerdictColumn,
        CriticalColumn,
        HighColumn,
        MediumColumn,
        LowColumn,
        InfoColumn,
        AssuranceColumn,
        PeriodColumn,
        AvailabilityColumn,
        AvailabilityTargetColumn,
        BilledColumn, // unit-hours on the invoices
        MeasuredColumn, // unit-hours the telemetry measured for the same charge periods
        AmountAtStakeColumn,
        ColumnCount
    };
    enum Roles {
        AssessmentRole = Qt::UserRole, // int(analytics::Assessment)
        WorstSeverityRole, // int(analytics::Severity); -1 without findings
        NumberRole, // counts, fractions and amounts as numbers (NaN where there is none)
        CurrencyRole, // billing columns
        ProviderRole,
    };

    explicit ProviderOverviewModel(QObject* parent = nullptr);

    void setReport(const analytics::CheckReport& report);
    void clear();
    const QList<analytics::ProviderAssessment>& assessments() const
    {
        return m_rows;
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Not compliant (fails at high)" and the like; translated.
    static QString verdictText(const analytics::ProviderAssessment& a);
    static QColor verdictColor(analytics::Assessment assessment);
    static QString assuranceText(bool independentlyMetered);
    static QString percentText(double fraction); // "99.2 %"; "—" when missing

private:
    QVariant display(const analytics::ProviderAssessment& a, int column) const;
    QVariant number(const analytics::ProviderAssessment& a, int column) const;

    QList<analytics::ProviderAssessment> m_rows;
};

} // namespace capaudit
