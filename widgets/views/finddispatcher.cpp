// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/finddispatcher.h"

#include "views/audittable.h"

#include <QApplication>
#include <QLineEdit>
#include <QShortcut>

namespace capaudit {

namespace {

// Found by name: without Q_OBJECT, findChild<FindDispatcher*> would take any QObject.
constexpr auto kName = "auditFindDispatcher";

int depth(const QWidget* w)
{
    int d = 0;
    for (; w; w = w->parentWidget())
        ++d;
    return d;
}

} // namespace

void FindDispatcher::add(QWidget* scope, AuditTable* table)
{
    // Reuse the dispatcher of this scope or an enclosing one in the same window, so nested tables never get a
    // second shortcut (a dialog's filters are its own: a shortcut does not reach into another window).
    FindDispatcher* dispatcher = nullptr;
    for (QWidget* w = scope; w && !dispatcher; w = w->isWindow() ? nullptr : w->parentWidget())
        dispatcher =
            static_cast<FindDispatcher*>(w->findChild<QObject*>(QLatin1String(kName), Qt::FindDirectChildrenOnly));
    if (!dispatcher)
        dispatcher = new FindDispatcher(scope);
    dispatcher->m_entries.append({ QPointer<QWidget>(scope), QPointer<AuditTable>(table) });
}

FindDispatcher::FindDispatcher(QWidget* scope)
    : QObject(scope)
{
    setObjectName(QLatin1String(kName));
    auto* shortcut = new QShortcut(QKeySequence::Find, scope);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &FindDispatcher::activate);
}

void FindDispatcher::activate()
{
    const QWidget* focus = QApplication::focusWidget();
    AuditTable* best = nullptr;
    int bestDepth = -1;
    for (const Entry& e : std::as_const(m_entries)) {
        if (!e.scope || !e.table || !e.table->filter() || !e.table->filter()->isVisibleTo(e.scope))
            continue;
        const bool holdsFocus = focus && (focus == e.scope || e.scope->isAncestorOf(focus));
        const int d = holdsFocus ? depth(e.scope) : 0;
        if (d > bestDepth) {
            best = e.table;
            bestDepth = d;
        }
    }
    if (best)
        best->focusFilter();
}

} // namespace capaudit
