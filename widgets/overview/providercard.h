// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/assessment.h"
#include "models/dashboarddata.h"

#include <QFrame>

class QLabel;

namespace capaudit {

class ClassTrendChart;

// One provider on the overview: the verdict first, then what it rests on (findings by severity, assurance, period,
// availability against the SLA, billed against measured and the money at stake), then one small chart per resource
// class of delivered against committed capacity.
class ProviderCard : public QFrame {
    Q_OBJECT
public:
    ProviderCard(const analytics::ProviderAssessment& assessment, const analytics::ProviderFacts& facts,
        const QList<ClassTrend>& trends, QWidget* parent = nullptr);

    const QString& provider() const
    {
        return m_provider;
    }
    QString verdictText() const;
    QList<ClassTrendChart*> charts() const
    {
        return m_charts;
    }

Q_SIGNALS:
    // The provider's findings at SEVERITY (-1: all) were asked for.
    void findingsRequested(const QString& provider, int severity);

private:
    QWidget* makeCounts(const analytics::ProviderAssessment& a);
    QString availabilityText(const analytics::ProviderAssessment& a) const;
    QString billingText(const analytics::ProviderAssessment& a) const;

    QString m_provider;
    QLabel* m_verdict;
    QList<ClassTrendChart*> m_charts;
};

} // namespace capaudit
