// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "analytics/comparison.h"

#include <QMap>
#include <QWidget>

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace capaudit {

class AuditTable;
class BidComparisonModel;
class CaseSession;

// Every provider as a bidder: the score matrix, the reviewer's criteria weights (kept in the case), the weighted
// scores as a chart and whether the ranking survives a ±10 % change of any weight.
class ComparisonPage : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonPage(CaseSession* session, QWidget* parent = nullptr);

    BidComparisonModel* model() const
    {
        return m_model;
    }
    QDoubleSpinBox* weightEditor(const QString& criterion) const
    {
        return m_weights.value(criterion);
    }
    analytics::ComparisonWeights weights() const; // as edited
    QString verdictText() const;
    QCustomPlot* chart() const
    {
        return m_chart;
    }

public Q_SLOTS:
    void setReport(const capaudit::analytics::CheckReport& report);
    void clear();
    void saveWeights();
    void resetWeights();

private:
    void loadWeights();
    void recompute();
    void updateChart();
    void setDirty(bool dirty);

    CaseSession* m_session;
    BidComparisonModel* m_model;
    QTableView* m_view;
    QLineEdit* m_filter;
    QCustomPlot* m_chart;
    QLabel* m_verdict;
    QLabel* m_status;
    QPushButton* m_save;
    QPushButton* m_reset;
    QMap<QString, QDoubleSpinBox*> m_weights;
    analytics::CheckReport m_report;
    bool m_hasReport = false;
    bool m_loading = false;
    AuditTable* m_table = nullptr;
};

} // namespace capaudit
