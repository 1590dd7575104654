// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace capaudit {

class AuditTable;
class CaseSession;
class TrailModel;

// The append-only audit trail with its hash-chain status, re-checked on demand.
class TrailPage : public QWidget {
    Q_OBJECT
public:
    explicit TrailPage(CaseSession* session, QWidget* parent = nullptr);

    TrailModel* model() const
    {
        return m_model;
    }
    QTableView* view() const
    {
        return m_view;
    }
    QLineEdit* filter() const
    {
        return m_filter;
    }
    QString chainStatus() const;

public Q_SLOTS:
    void reload();
    void checkChain();

Q_SIGNALS:
    void chainChecked(bool intact, const QString& status);

private:
    void showDetails();

    CaseSession* m_session;
    TrailModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QLabel* m_status;
    QPlainTextEdit* m_details;
    AuditTable* m_table = nullptr;
};

} // namespace capaudit
