// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/audittable.h"

#include "views/finddispatcher.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace capaudit {

namespace {

// A cell as one TSV field: tabs and line breaks would split the row.
QString tsvField(const QVariant& value)
{
    QString text = value.toString();
    text.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
    return text;
}

} // namespace

AuditTable::AuditTable(QAbstractItemView* view, const QString& key, QLineEdit* filter)
    : QObject(view)
    , m_view(view)
    , m_filter(filter)
    , m_key(key)
{
    setObjectName(QStringLiteral("auditTable"));
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(500);
    connect(&m_flushTimer, &QTimer::timeout, this, &AuditTable::flush);
}

AuditTable* AuditTable::install(
    QAbstractItemView* view, const QString& key, QLineEdit* filter, QWidget* findScope, Options options)
{
    auto* table = new AuditTable(view, key, filter);
    QHeaderView* header = table->header();
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, table,
        [table](const QPoint& pos) { table->columnMenu(table->header())->popup(table->header()->mapToGlobal(pos)); });
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, table, &AuditTable::showContextMenu);
    if (view->selectionMode() == QAbstractItemView::SingleSelection)
        view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    if (!options.testFlag(OwnCopy)) {
        auto* copy = new QAction(tr("&Copy rows"), view);
        copy->setObjectName(QStringLiteral("copyRows"));
        copy->setShortcut(QKeySequence::Copy);
        copy->setShortcutContext(Qt::WidgetShortcut);
        connect(copy, &QAction::triggered, table, &AuditTable::copySelectedRows);
        view->addAction(copy);
    }
    if (filter) {
        if (!findScope)
            findScope = filter->parentWidget();
        FindDispatcher::add(findScope, table);
        filter->setToolTip(
            tr("Filter the table (%1)").arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
        connect(filter, &QLineEdit::textChanged, table,
            [table](const QString& text) { table->remember(QStringLiteral("filter"), text); });
    }
    connect(header, &QHeaderView::sectionMoved, table, &AuditTable::saveHeader);
    // Columns that come with the data (the evidence viewer's) get their saved layout when they arrive.
    connect(header, &QHeaderView::sectionCountChanged, table, &AuditTable::restoreHeader);
    connect(header, &QHeaderView::sortIndicatorChanged, table, &AuditTable::saveHeader);
    // Only a width the auditor sets by hand stops fitColumns(): the stretched last section resizes with the window.
    header->viewport()->installEventFilter(table);
    connect(header, &QHeaderView::sectionResized, table, [table] {
        if (table->m_restoring)
            return;
        if (table->m_mouseOnHeader && !table->m_fitting && !table->m_userSized) {
            table->m_userSized = true;
            table->remember(QStringLiteral("userSized"), true);
        }
        table->saveHeader();
    });
    table->restore();
    return table;
}

bool AuditTable::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick)
        m_mouseOnHeader = true;
    else if (event->type() == QEvent::MouseButtonRelease)
        m_mouseOnHeader = false;
    return QObject::eventFilter(watched, event);
}

AuditTable* AuditTable::of(const QAbstractItemView* view)
{
    return view ? view->findChild<AuditTable*>(QStringLiteral("auditTable"), Qt::FindDirectChildrenOnly) : nullptr;
}

QSortFilterProxyModel* AuditTable::filterProxy(QAbstractItemModel* source, int filterRole, QObject* parent)
{
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(source);
    proxy->setFilterRole(filterRole);
    proxy->setFilterKeyColumn(-1);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    return proxy;
}

void AuditTable::setupFilter(
    QLineEdit* filter, const QString& objectName, const QString& placeholder, QSortFilterProxyModel* proxy)
{
    filter->setObjectName(objectName);
    filter->setPlaceholderText(placeholder);
    filter->setClearButtonEnabled(true);
    if (proxy)
        connect(filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
}

QWidget* AuditTable::filteredPane(QLineEdit* filter, QWidget* view, QWidget* parent)
{
    auto* pane = new QWidget(parent);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter);
    layout->addWidget(view, 1);
    return pane;
}

QLineEdit* AuditTable::filter() const
{
    return m_filter;
}

QHeaderView* AuditTable::header() const
{
    if (auto* table = qobject_cast<QTableView*>(m_view.data()))
        return table->horizontalHeader();
    return static_cast<QTreeView*>(m_view.data())->header();
}

QString AuditTable::settingsKey(const QString& what) const
{
    return QStringLiteral("tables/%1/%2").arg(m_key, what);
}

void AuditTable::restoreHeader()
{
    if (m_restoredHeader || m_restoring || header()->count() == 0)
        return;
    QSettings settings;
    const QByteArray state = settings.value(settingsKey(QStringLiteral("header"))).toByteArray();
    // A header saved for another set of columns (the evidence viewer's depend on the file) would be misapplied.
    const int columns = settings.value(settingsKey(QStringLiteral("columns")), -1).toInt();
    if (!state.isEmpty() && columns == header()->count()) {
        m_restoring = true;
        m_restoredHeader = header()->restoreState(state);
        // The rows follow the restored sort indicator, whichever Qt version emits the signal for it.
        const int column = header()->sortIndicatorSection();
        const Qt::SortOrder order = header()->sortIndicatorOrder();
        if (auto* table = qobject_cast<QTableView*>(m_view.data()); table && table->isSortingEnabled())
            table->sortByColumn(column, order);
        else if (auto* tree = qobject_cast<QTreeView*>(m_view.data()); tree && tree->isSortingEnabled())
            tree->sortByColumn(column, order);
        m_restoring = false;
    }
}

void AuditTable::restore()
{
    QSettings settings;
    m_userSized = settings.value(settingsKey(QStringLiteral("userSized")), false).toBool();
    restoreHeader();
    if (m_filter)
        m_filter->setText(settings.value(settingsKey(QStringLiteral("filter"))).toString());
}

void AuditTable::saveHeader()
{
    if (m_restoring || !m_view)
        return;
    remember(QStringLiteral("header"), header()->saveState());
    remember(QStringLiteral("columns"), header()->count());
}

void AuditTable::remember(const QString& what, const QVariant& value)
{
    // A resize drag or a window resize changes the header many times a second; writing the settings file each time
    // would stall the GUI thread, so changes are kept here and written once things settle (or the table goes).
    m_pending.insert(settingsKey(what), value);
    m_flushTimer.start();
}

void AuditTable::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    QSettings settings;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        settings.setValue(it.key(), it.value());
    m_pending.clear();
}

AuditTable::~AuditTable()
{
    flush();
}

void AuditTable::setDefaultOrder(const QList<int>& logical)
{
    if (m_restoredHeader)
        return;
    m_restoring = true; // the default is not the auditor's choice: nothing to save
    for (int i = 0; i < logical.size(); ++i)
        header()->moveSection(header()->visualIndex(logical.at(i)), i);
    m_restoring = false;
}

void AuditTable::rememberCombo(QComboBox* combo)
{
    const QString key = settingsKey(QStringLiteral("combo/") + combo->objectName());
    const QVariant saved = QSettings().value(key);
    if (saved.isValid())
        if (const int index = combo->findData(saved); index >= 0)
            combo->setCurrentIndex(index);
    connect(combo, &QComboBox::currentIndexChanged, this,
        [this, what = QStringLiteral("combo/") + combo->objectName(), combo] { remember(what, combo->currentData()); });
}

bool AuditTable::fitColumns(int maxWidth, const QHash<int, int>& wider)
{
    if (m_userSized)
        return false;
    m_fitting = true;
    QHeaderView* h = header();
    for (int c = 0; c < h->count(); ++c) {
        if (h->isSectionHidden(c))
            continue;
        if (auto* table = qobject_cast<QTableView*>(m_view.data()))
            table->resizeColumnToContents(c);
        else
            static_cast<QTreeView*>(m_view.data())->resizeColumnToContents(c);
        if (const int cap = wider.value(c, maxWidth); h->sectionSize(c) > cap)
            h->resizeSection(c, cap);
    }
    m_fitting = false;
    saveHeader();
    return true;
}

void AuditTable::setColumnVisible(int logical, bool visible)
{
    // The last visible column stays: a table without columns cannot get them back from its own header.
    if (!visible && header()->count() - header()->hiddenSectionCount() <= 1)
        return;
    header()->setSectionHidden(logical, !visible);
    saveHeader();
}

QMenu* AuditTable::columnMenu(QWidget* parent)
{
    auto* menu = new QMenu(tr("Columns"), parent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QAbstractItemModel* model = m_view->model();
    QHeaderView* h = header();
    for (int visual = 0; visual < h->count(); ++visual) {
        const int logical = h->logicalIndex(visual);
        QAction* action = menu->addAction(model->headerData(logical, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!h->isSectionHidden(logical));
        action->setData(logical);
        connect(action, &QAction::toggled, this, [this, logical](bool on) { setColumnVisible(logical, on); });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Show all columns")), &QAction::triggered, this, [this] {
        for (int c = 0; c < header()->count(); ++c)
            header()->setSectionHidden(c, false);
        saveHeader();
    });
    return menu;
}

void AuditTable::showContextMenu(const QPoint& pos)
{
    QMenu menu(m_view);
    for (QAction* action : m_view->actions())
        if (action->objectName() == u"copyRows")
            menu.addAction(action);
    menu.addMenu(columnMenu(&menu));
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

QString AuditTable::selectedRowsTsv() const
{
    const QAbstractItemModel* model = m_view->model();
    QList<int> rows;
    if (m_view->selectionModel())
        for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes())
            if (!rows.contains(index.row()))
                rows.append(index.row());
    if (rows.isEmpty())
        for (int r = 0; r < model->rowCount(); ++r)
            rows.append(r);
    std::sort(rows.begin(), rows.end());
    QList<int> columns;
    const QHeaderView* h = header();
    for (int visual = 0; visual < h->count(); ++visual)
        if (const int logical = h->logicalIndex(visual); !h->isSectionHidden(logical))
            columns.append(logical);
    QStringList lines;
    QStringList fields;
    for (int c : std::as_const(columns))
        fields.append(tsvField(model->headerData(c, Qt::Horizontal)));
    lines.append(fields.join(u'\t'));
    for (int r : std::as_const(rows)) {
        fields.clear();
        for (int c : std::as_const(columns))
            fields.append(tsvField(model->index(r, c).data()));
        lines.append(fields.join(u'\t'));
    }
    return lines.join(u'\n') + u'\n';
}

void AuditTable::copySelectedRows()
{
    QApplication::clipboard()->setText(selectedRowsTsv());
}

void AuditTable::focusFilter()
{
    if (!m_filter)
        return;
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

} // namespace capaudit
