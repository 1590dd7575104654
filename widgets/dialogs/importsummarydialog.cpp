// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/importsummarydialog.h"

#include "models/iconprovider.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace capaudit {

namespace {

enum Column { BundleColumn, ResultColumn, ProviderColumn, RowsColumn, CheckColumn, ReasonColumn, HintColumn };
constexpr int RowIndexRole = Qt::UserRole;

// QTreeView sizes rows without the column width, so wrapped text would be cut to one line: give the delegate the width
// of the columns that wrap (the others keep one line and size to their contents).
class WrappingDelegate : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView* view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {
    }
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        if (index.column() != ReasonColumn && index.column() != HintColumn)
            return QStyledItemDelegate::sizeHint(option, index);
        QStyleOptionViewItem wrapped(option);
        // The style wraps only within a valid rectangle; its height does not matter here.
        wrapped.rect = QRect(0, 0, m_view->columnWidth(index.column()), 1);
        return QStyledItemDelegate::sizeHint(wrapped, index);
    }

private:
    QTreeView* m_view;
};

} // namespace

ImportSummaryDialog::ImportSummaryDialog(const BatchImportResult& batch, QWidget* parent)
    : QDialog(parent)
    , m_rows(ImportSummaryRows::rows(batch))
    , m_heading(ImportSummaryRows::heading(batch))
    , m_list(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
{
    setWindowTitle(tr("Import finished"));
    setSizeGripEnabled(true);
    resize(1100, 560);
    auto* label = new QLabel(m_heading, this);
    label->setObjectName(QStringLiteral("importHeading"));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_list->setObjectName(QStringLiteral("importResults"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Reasons and hints are read in full: wrapped, never elided.
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setUniformRowHeights(false);
    m_list->setItemDelegate(new WrappingDelegate(m_list));
    m_list->setHeaderLabels(
        { tr("Bundle"), tr("Result"), tr("Provider"), tr("Rows"), tr("Check"), tr("Reason"), tr("Hint") });
    QTreeWidgetItem* parentItem = nullptr;
    for (int i = 0; i < m_rows.size(); ++i) {
        const ImportSummaryRow& r = m_rows.at(i);
        auto* item = r.child && parentItem ? new QTreeWidgetItem(parentItem) : new QTreeWidgetItem(m_list);
        if (!r.child) {
            parentItem = item;
            item->setText(BundleColumn, r.bundle);
            item->setToolTip(BundleColumn, r.path);
            item->setText(ResultColumn, r.result);
            item->setText(ProviderColumn, r.provider);
            item->setText(RowsColumn, r.rows);
            item->setIcon(ResultColumn, IconProvider::checkIcon(r.ok ? CheckStatus::Pass : CheckStatus::Fail));
        } else {
            parentItem->setExpanded(true);
            m_list->setRootIsDecorated(true);
        }
        item->setText(CheckColumn, r.check);
        item->setText(ReasonColumn, r.reason);
        item->setText(HintColumn, r.hint);
        item->setToolTip(ReasonColumn, r.reason); // a digest has no space to wrap at
        item->setToolTip(HintColumn, r.hint);
        item->setData(BundleColumn, RowIndexRole, i);
    }
    m_list->expandAll();
    QHeaderView* header = m_list->header();
    header->setStretchLastSection(false);
    for (int c : { BundleColumn, ResultColumn, ProviderColumn, RowsColumn, CheckColumn })
        m_list->resizeColumnToContents(c);
    header->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HintColumn, QHeaderView::Stretch);
    // A wider or narrower column wraps into other row heights.
    auto* relayout = new QTimer(this); // once per burst of resized sections
    relayout->setSingleShot(true);
    relayout->setInterval(0);
    connect(relayout, &QTimer::timeout, m_list, [this] { m_list->doItemsLayout(); });
    connect(header, &QHeaderView::sectionResized, relayout, qOverload<>(&QTimer::start));

    m_details->setObjectName(QStringLiteral("importDetails"));
    m_details->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    // Ctrl+C copies whole rows (the view alone would copy one cell).
    m_list->installEventFilter(this);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &ImportSummaryDialog::showDetails);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copySummary"));
    copy->setToolTip(tr("Copy the whole summary as tab-separated text"));
    connect(copy, &QPushButton::clicked, this,
        [this] { QApplication::clipboard()->setText(m_heading + QLatin1Char('\n') + reportText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
}

bool ImportSummaryDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
        copySelection();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

QString ImportSummaryDialog::reportText() const
{
    return ImportSummaryRows::tsv(m_rows);
}

void ImportSummaryDialog::copySelection() const
{
    QList<ImportSummaryRow> selected;
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    for (int i = 0; i < m_rows.size(); ++i)
        for (const QTreeWidgetItem* item : items)
            if (item->data(BundleColumn, RowIndexRole).toInt() == i)
                selected.append(m_rows.at(i));
    QApplication::clipboard()->setText(ImportSummaryRows::tsv(selected.isEmpty() ? m_rows : selected));
}

void ImportSummaryDialog::showDetails()
{
    QTreeWidgetItem* item = m_list->currentItem();
    if (!item) {
        m_details->clear();
        return;
    }
    const ImportSummaryRow& r = m_rows.at(item->data(BundleColumn, RowIndexRole).toInt());
    QString html =
        QStringLiteral("<p><b>%1</b><br>%2</p><table>").arg(r.bundle.toHtmlEscaped(), r.path.toHtmlEscaped());
    auto line = [&html](const QString& name, const QString& value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td valign=\"top\"><b>%1</b>&nbsp;</td><td>%2</td></tr>")
                        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    line(tr("Result"), r.result);
    line(tr("Provider"), r.provider);
    line(tr("Check"), r.check);
    line(tr("Reason"), r.reason);
    line(tr("Hint"), r.hint);
    m_details->setHtml(html + QStringLiteral("</table>"));
}

} // namespace capaudit
