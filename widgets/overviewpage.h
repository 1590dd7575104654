// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/checkrunner.h"
#include "overviewdata.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QTableView;

namespace capaudit {

class CaseSession;
class ProviderSummaryModel;

// Key figures of the case at a glance: totals on top, one row per provider below.
class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(CaseSession* session, QWidget* parent = nullptr);
    ~OverviewPage() override;

    ProviderSummaryModel* model() const
    {
        return m_model;
    }
    // The committed capacity no tenant was allocated, priced at the contract, from the latest check run's three-way
    // match (issue 18); "–" until checks ran.
    QLabel* idleFigure() const
    {
        return m_idle;
    }

public Q_SLOTS:
    void reload();
    void setCheckReport(const capaudit::analytics::CheckReport& report);

Q_SIGNALS:
    void loaded();

private:
    void onLoaded();
    void updateHeader();
    QLabel* addFigure(const QString& caption);

    CaseSession* m_session;
    ProviderSummaryModel* m_model;
    QTableView* m_view;
    QLabel* m_title;
    QLabel* m_subtitle;
    QLabel* m_verified = nullptr;
    QLabel* m_untrusted = nullptr;
    QLabel* m_rejected = nullptr;
    QLabel* m_providers = nullptr;
    QLabel* m_period = nullptr;
    QLabel* m_idle = nullptr;
    QWidget* m_figures;
    QFutureWatcher<Result<QList<ProviderSummary>>> m_watcher;
    bool m_reloadPending = false;
};

} // namespace capaudit
