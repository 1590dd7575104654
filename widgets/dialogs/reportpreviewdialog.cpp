// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/reportpreviewdialog.h"

#include "models/iconprovider.h"
#include "reportrenderer.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPageSize>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPushButton>
#include <QToolBar>
#include <QVBoxLayout>

namespace capaudit {

ReportPreviewDialog::ReportPreviewDialog(const reports::ReportData& reportData, reports::Paper paper, QWidget* parent)
    : QDialog(parent)
    , m_data(reportData)
    , m_printer(std::make_unique<QPrinter>(QPrinter::HighResolution))
    , m_preview(nullptr)
    , m_page(new QLabel(this))
{
    setWindowTitle(tr("Report preview — %1").arg(reportData.caseName));
    // PDF output: no print system is involved, and the preview shows exactly what the PDF will hold.
    m_printer->setOutputFormat(QPrinter::PdfFormat);
    m_printer->setPageSize(QPageSize(paper == reports::Paper::Letter ? QPageSize::Letter : QPageSize::A4));
    m_printer->setPageMargins(QMarginsF(0, 0, 0, 0));
    m_preview = new QPrintPreviewWidget(m_printer.get(), this);
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, [this](QPrinter* printer) {
        // Not cancellable here: it fails only when cancelled.
        const Result<int> pages = reports::renderReport(m_data, printer);
        Q_UNUSED(pages);
    });

    auto* bar = new QToolBar(this);
    bar->addAction(tr("Fit width"), m_preview, &QPrintPreviewWidget::fitToWidth);
    bar->addAction(tr("Whole page"), m_preview, &QPrintPreviewWidget::fitInView);
    bar->addAction(tr("Zoom in"), QKeySequence::ZoomIn, m_preview, [this] { m_preview->zoomIn(); });
    bar->addAction(tr("Zoom out"), QKeySequence::ZoomOut, m_preview, [this] { m_preview->zoomOut(); });
    bar->addSeparator();
    bar->addAction(tr("Previous page"), QKeySequence(Qt::Key_PageUp), this,
        [this] { m_preview->setCurrentPage(m_preview->currentPage() - 1); });
    bar->addAction(tr("Next page"), QKeySequence(Qt::Key_PageDown), this,
        [this] { m_preview->setCurrentPage(m_preview->currentPage() + 1); });
    bar->addSeparator();
    bar->addWidget(m_page);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setText(tr("&Save PDF"));
    buttons->button(QDialogButtonBox::Save)->setIcon(IconProvider::icon(QStringLiteral("report")));
    auto* manifest =
        new QLabel(tr("Manifest SHA-256: <code>%1</code>").arg(reportData.manifestDigest.toHtmlEscaped()), this);
    manifest->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(manifest, 1);
    bottom->addWidget(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(m_preview, 1);
    layout->addLayout(bottom);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_preview, &QPrintPreviewWidget::previewChanged, this, &ReportPreviewDialog::updatePageLabel);
    resize(900, 1000);
    m_preview->fitToWidth();
}

ReportPreviewDialog::~ReportPreviewDialog() = default;

int ReportPreviewDialog::pageCount() const
{
    return m_preview->pageCount();
}

void ReportPreviewDialog::updatePageLabel()
{
    m_page->setText(tr("Page %1 of %2").arg(m_preview->currentPage()).arg(m_preview->pageCount()));
}

} // namespace capaudit
