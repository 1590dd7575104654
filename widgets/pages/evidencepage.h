// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace capaudit {

class AuditTable;
class BundleFilterModel;
class BundleModel;
class CaseSession;

// The inventory of bundles in the case: sortable, filterable; the selection drives the detail pane.
class EvidencePage : public QWidget {
    Q_OBJECT
public:
    explicit EvidencePage(CaseSession* session, QWidget* parent = nullptr);

    BundleModel* model() const
    {
        return m_model;
    }
    BundleFilterModel* proxy() const
    {
        return m_proxy;
    }
    QTableView* view() const
    {
        return m_view;
    }
    QLineEdit* filterEdit() const
    {
        return m_filter;
    }
    // Selects the bundle with DIGEST (a prefix is enough); false when it is not shown.
    bool selectBundle(const QString& digest);

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void bundleSelected(const capaudit::StoredBundle& bundle);
    void selectionCleared();

private:
    void onCurrentChanged();
    void updateCount();

    CaseSession* m_session;
    BundleModel* m_model;
    BundleFilterModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QComboBox* m_kind;
    QComboBox* m_verdict;
    QLabel* m_count;
    AuditTable* m_table = nullptr;
};

} // namespace capaudit
