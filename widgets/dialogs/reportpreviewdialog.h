// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportdata.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPrintPreviewWidget;
class QPrinter;

namespace capaudit {

// The report laid out on paper before it is saved: the same renderer as the PDF, drawn onto a QPrinter.
// Accepting ("Save PDF") means: write it.
class ReportPreviewDialog : public QDialog {
    Q_OBJECT
public:
    ReportPreviewDialog(const reports::ReportData& reportData, reports::Paper paper, QWidget* parent = nullptr);
    ~ReportPreviewDialog() override;

    int pageCount() const;
    QPrintPreviewWidget* preview() const
    {
        return m_preview;
    }

private:
    void updatePageLabel();

    reports::ReportData m_data;
    std::unique_ptr<QPrinter> m_printer;
    QPrintPreviewWidget* m_preview;
    QLabel* m_page;
};

} // namespace capaudit
