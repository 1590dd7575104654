// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QWidget;

namespace capaudit {

class AuditTable;

// One Ctrl+F per scope widget: two QShortcuts with the same key in nested scopes would be ambiguous and neither
// would fire, so the filters of a scope (and of the scopes inside it) share this one and the focus picks the
// innermost scope that holds it.
class FindDispatcher : public QObject {
public:
    static void add(QWidget* scope, AuditTable* table);

private:
    explicit FindDispatcher(QWidget* scope);
    void activate();

    struct Entry {
        QPointer<QWidget> scope;
        QPointer<AuditTable> table;
    };
    QList<Entry> m_entries;
};

} // namespace capaudit
