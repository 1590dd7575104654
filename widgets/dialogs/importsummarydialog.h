// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/importsummaryrows.h"

#include <QDialog>

class QLabel;
class QTextBrowser;
class QTreeWidget;

namespace capaudit {

// The result of an import: each bundle with its outcome (imported verified / untrusted, already present, rejected,
// refused, failed, cancelled, rolled back), its provider, the failed check with its full reason and hint, and the
// selected bundle's details below. Text can be selected; Ctrl+C copies the selected rows and Copy the whole summary,
// as TSV.
class ImportSummaryDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportSummaryDialog(const BatchImportResult& batch, QWidget* parent = nullptr);

    static QString outcomeText(const ImportResult& result)
    {
        return ImportSummaryRows::outcomeText(result);
    }
    static QString countsText(const QList<ImportResult>& results)
    {
        return ImportSummaryRows::countsText(results);
    }
    // The whole summary as TSV (what Copy puts on the clipboard).
    QString reportText() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void copySelection() const;
    void showDetails();

    QList<ImportSummaryRow> m_rows;
    QString m_heading;
    QTreeWidget* m_list;
    QTextBrowser* m_details;
};

} // namespace capaudit
