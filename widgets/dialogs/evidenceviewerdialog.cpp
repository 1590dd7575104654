// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/evidenceviewerdialog.h"

#include "jobs/casereader.h"
#include "models/evidencerowsmodel.h"
#include "util/csvcell.h"
#include "views/audittable.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace capaudit {

EvidenceViewerDialog::EvidenceViewerDialog(const QString& casePath, const analytics::EvidenceRef& ref, QWidget* parent)
    : QDialog(parent)
    , m_ref(ref)
    , m_rows(new EvidenceRowsModel(this))
    , m_statistics(new FieldStatisticsModel(this))
    , m_table(new QTableView(this))
    , m_statisticsView(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_citedOnly(new QCheckBox(tr("Statistics of the cited rows only"), this))
    , m_header(new QLabel(this))
    , m_jobs(this, CaseReader::pool())
{
    setWindowTitle(tr("Evidence: %1").arg(ref.file.isEmpty() ? ref.bundleDigest.left(12) : ref.file));
    resize(1100, 700);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setText(tr("Reading the cited rows from the case…"));

    auto* sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_rows);
    sorted->setSortRole(EvidenceRowsModel::SortRole);
    m_table->setModel(sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EvidenceRowsModel::LineColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setObjectName(QStringLiteral("evidenceRows"));
    sorted->setFilterKeyColumn(-1);
    sorted->setFilterCaseSensitivity(Qt::CaseInsensitive);
    AuditTable::setupFilter(m_filter, QStringLiteral("evidenceFilter"), tr("Filter the rows…"), sorted);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();

    auto* sortedStatistics = new QSortFilterProxyModel(this);
    sortedStatistics->setSourceModel(m_statistics);
    sortedStatistics->setSortRole(FieldStatisticsModel::SortRole);
    m_statisticsView->setModel(sortedStatistics);
    m_statisticsView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the file's column order first
    m_statisticsView->setSortingEnabled(true);
    m_statisticsView->verticalHeader()->hide();
    m_statisticsView->horizontalHeader()->setStretchLastSection(true);
    m_citedOnly->setChecked(true);
    connect(m_citedOnly, &QCheckBox::toggled, this, &EvidenceViewerDialog::updateStatistics);

    auto* statisticsBox = new QWidget(this);
    auto* statisticsLayout = new QVBoxLayout(statisticsBox);
    statisticsLayout->setContentsMargins(0, 0, 0, 0);
    statisticsLayout->addWidget(m_citedOnly);
    statisticsLayout->addWidget(m_statisticsView);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(AuditTable::filteredPane(m_filter, m_table, this));
    splitter->addWidget(statisticsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy rows"), QDialogButtonBox::ActionRole);
    QPushButton* exportButton = buttons->addButton(tr("&Export CSV…"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this, &EvidenceViewerDialog::copySelection);
    // The rows' own Ctrl+C, not the window's: the statistics table copies its own rows (views/audittable.h).
    auto* copyShortcut = new QShortcut(QKeySequence::Copy, m_table);
    copyShortcut->setContext(Qt::WidgetShortcut);
    connect(copyShortcut, &QShortcut::activated, this, &EvidenceViewerDialog::copySelection);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the rows"),
            QFileInfo(m_ref.file).completeBaseName() + QStringLiteral("-rows.csv"), tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export the rows"), error);
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    // Ctrl+C stays the viewer's own: without a selection it copies the cited rows.
    m_rowsTable = AuditTable::install(m_table, QStringLiteral("evidenceRows"), m_filter, this, AuditTable::OwnCopy);
    m_statisticsTable = AuditTable::install(m_statisticsView, QStringLiteral("evidenceStatistics"));

    EvidenceRowsQuery query;
    query.bundleDigest = ref.bundleDigest;
    query.file = ref.file;
    query.firstLine = ref.firstLine;
    query.lastLine = ref.lastLine;
    m_jobs.start(CaseReader::reading(casePath, [query](CaseStore& store) { return readEvidenceRows(store, query); }),
        [this](const Result<EvidenceRows>& rows) {
            if (rows) {
                showRows(*rows);
            } else {
                m_error = rows.error().toString();
                m_header->setText(
                    QStringLiteral("<b>%1</b><br>%2")
                        .arg(tr("The cited rows cannot be shown.").toHtmlEscaped(), m_error.toHtmlEscaped()));
            }
            m_loaded = true;
            Q_EMIT loaded();
        });
}

void EvidenceViewerDialog::showRows(const EvidenceRows& rows)
{
    m_rows->setRows(rows);
    const qint64 cited =
        std::count_if(rows.rows.begin(), rows.rows.end(), [](const EvidenceRow& r) { return r.cited; });
    const QString lines = m_ref.firstLine <= 0 ? tr("the first rows")
        : m_ref.lastLine > m_ref.firstLine     ? tr("lines %1–%2").arg(m_ref.firstLine).arg(m_ref.lastLine)
                                               : tr("line %1").arg(m_ref.firstLine);
    QString text =
        tr("<b>%1</b>, %2 of bundle <code>%3</code> (%4 lines; %5). %n row(s) cited, marked in yellow.", "", int(cited))
            .arg(rows.file.toHtmlEscaped(), lines, rows.bundleDigest.left(16), QString::number(rows.fileLines),
                rows.format.isEmpty() ? tr("no declared format") : rows.format.toHtmlEscaped());
    text += QStringLiteral("<br><small>%1</small>")
                .arg(tr("Read from the case's stored copy; its SHA-256 %1 matches the digest the bundle recorded.")
                         .arg(rows.sha256.left(16) + QStringLiteral("…")));
    if (rows.truncated)
        text += QStringLiteral("<br><b>%1</b>").arg(tr("Only the first %1 rows are shown.").arg(rows.rows.size()));
    m_header->setText(text);
    // The raw line last and whole; the parsed fields no wider than a JSON cell allows.
    m_rowsTable->fitColumns(320, { { m_rows->rawColumn(), QWIDGETSIZE_MAX } });
    updateStatistics();
    // The first cited row in view.
    for (int r = 0; r < m_table->model()->rowCount(); ++r)
        if (m_table->model()->index(r, 0).data(EvidenceRowsModel::CitedRole).toBool()) {
            m_table->scrollTo(m_table->model()->index(r, 0), QAbstractItemView::PositionAtTop);
            break;
        }
}

void EvidenceViewerDialog::updateStatistics()
{
    m_statistics->setStatistics(fieldStatistics(m_rows->rows(), m_citedOnly->isChecked()));
    // A JSON cell (FOCUS Tags) must not push the numbers out of sight.
    m_statisticsTable->fitColumns(320);
}

void EvidenceViewerDialog::copySelection()
{
    // The selected rows in line order, or the cited rows when nothing is selected.
    const auto* proxy = static_cast<const QSortFilterProxyModel*>(m_table->model());
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows.append(proxy->mapToSource(index).row());
    if (rows.isEmpty())
        for (int r = 0; r < m_rows->rowCount(); ++r)
            if (m_rows->index(r, 0).data(EvidenceRowsModel::CitedRole).toBool())
                rows.append(r);
    std::sort(rows.begin(), rows.end());
    QApplication::clipboard()->setText(m_rows->tsv(rows));
}

bool EvidenceViewerDialog::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray out = "cited";
    for (int c = 0; c < m_rows->columnCount(); ++c)
        out += ',' + csvCell(m_rows->headerData(c, Qt::Horizontal).toString());
    out += '\n';
    for (int r = 0; r < m_rows->rowCount(); ++r) {
        out += m_rows->index(r, 0).data(EvidenceRowsModel::CitedRole).toBool() ? "1" : "0";
        for (int c = 0; c < m_rows->columnCount(); ++c)
            out += ','
                + csvCell(m_rows->index(r, c).data().toString(),
                    c == EvidenceRowsModel::LineColumn ? CsvCell::Number : CsvCell::Text);
        out += '\n';
    }
    file.write(out);
    if (!file.commit()) {
        if (error)
            *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace capaudit
