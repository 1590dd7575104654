// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace capaudit {

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
    QTableView* m_view;
    QLabel* m_status;
    QPlainTextEdit* m_details;
};

} // namespace capaudit
