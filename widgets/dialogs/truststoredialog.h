// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace capaudit {

class AnchorModel;
class AuditTable;
class CaseSession;

// Lists the case's trust anchors and adds or removes them; every change lands in the audit trail (by the store).
class TrustStoreDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrustStoreDialog(CaseSession* session, QWidget* parent = nullptr);

    AnchorModel* model() const
    {
        return m_model;
    }
    QTableView* view() const
    {
        return m_view;
    }

    // The non-interactive halves of the buttons, also used by the tests.
    Status addAnchorFile(const QString& path, const QString& label, const QString& role, const QString& origin = {},
        const QStringList& providers = {}, bool pinKey = false);
    Status removeAnchor(const QString& fingerprint);

public Q_SLOTS:
    void reload();

private:
    void addInteractive();
    void removeSelected();
    void updateButtons();

    CaseSession* m_session;
    AnchorModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QCheckBox* m_showRemoved;
    QPushButton* m_add;
    QPushButton* m_remove;
    AuditTable* m_table = nullptr;
};

} // namespace capaudit
