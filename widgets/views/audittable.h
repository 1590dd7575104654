// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariant>

class QAbstractItemModel;
class QAbstractItemView;
class QComboBox;
class QHeaderView;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QWidget;

namespace capaudit {

// What an auditor expects of every table (issue 16), installed on a view rather than copied into each page: a column
// chooser in the header's context menu, "Copy rows" (Ctrl+C) as TSV with a header line, Ctrl+F into the table's
// filter field, and the header (order, widths, hidden columns, sort) with the filter text and combos kept in the
// settings under "tables/<key>/", so a table looks as the auditor left it.
class AuditTable : public QObject {
    Q_OBJECT
public:
    enum Option {
        NoOptions = 0,
        OwnCopy = 1, // the page handles Ctrl+C itself (the evidence viewer copies the cited rows without a selection)
    };
    Q_DECLARE_FLAGS(Options, Option)

    // VIEW (a QTableView or QTreeView with its model set) becomes an audit table whose state is kept under KEY.
    // FILTER, if any, gets Ctrl+F anywhere in FINDSCOPE (default: the filter's parent widget); the innermost scope
    // holding the focus wins when scopes nest. Install after the page has connected the filter and combos: their
    // saved values are restored here and the page must see the change.
    static AuditTable* install(QAbstractItemView* view, const QString& key, QLineEdit* filter = nullptr,
        QWidget* findScope = nullptr, Options options = NoOptions);
    static AuditTable* of(const QAbstractItemView* view);
    ~AuditTable() override;
    // A case-insensitive proxy matching FILTERROLE of any column, for tables whose model has no filter of its own.
    static QSortFilterProxyModel* filterProxy(QAbstractItemModel* source, int filterRole, QObject* parent);

    // The filter field's look (name, placeholder, clear button); with PROXY, its text filters it.
    static void setupFilter(QLineEdit* filter, const QString& objectName, const QString& placeholder,
        QSortFilterProxyModel* proxy = nullptr);
    // FILTER above VIEW in one widget, for a table that shares its page (a tab, a splitter) with others.
    static QWidget* filteredPane(QLineEdit* filter, QWidget* view, QWidget* parent);

    // Puts LOGICAL columns first, in this order, unless the auditor's own order was restored.
    void setDefaultOrder(const QList<int>& logical);
    // Keeps COMBO's choice (by its item data, under its objectName) and restores it now.
    void rememberCombo(QComboBox* combo);
    // Sizes the columns to their contents, none wider than MAXWIDTH (or its entry in WIDER, by logical column), unless
    // the auditor has sized them; false then.
    bool fitColumns(int maxWidth = 320, const QHash<int, int>& wider = {});

    QHeaderView* header() const;
    QLineEdit* filter() const;
    // The selected rows (all rows when none is selected) as TSV: visible columns in visual order, a header line first.
    QString selectedRowsTsv() const;
    // The checkable list of columns the header's context menu shows.
    QMenu* columnMenu(QWidget* parent);

public Q_SLOTS:
    // Writes the remembered state to the settings now (it is otherwise written when changes settle).
    void flush();
    void copySelectedRows();
    void focusFilter();
    void setColumnVisible(int logical, bool visible);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    AuditTable(QAbstractItemView* view, const QString& key, QLineEdit* filter);
    void restore();
    void restoreHeader();
    void saveHeader();
    void remember(const QString& what, const QVariant& value);
    void showContextMenu(const QPoint& pos);
    QString settingsKey(const QString& what) const;

    QPointer<QAbstractItemView> m_view;
    QPointer<QLineEdit> m_filter;
    QString m_key;
    bool m_restoring = false;
    bool m_restoredHeader = false;
    bool m_fitting = false;
    bool m_userSized = false;
    bool m_mouseOnHeader = false;
    QHash<QString, QVariant> m_pending; // settings key -> value not written yet
    QTimer m_flushTimer;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(AuditTable::Options)

} // namespace capaudit
