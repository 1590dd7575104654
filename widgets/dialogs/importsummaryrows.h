// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/batchimport.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace capaudit {

// One line of the import summary: a bundle, or (CHILD) a further failed check or lint finding of the bundle above.
// The dialog shows them and Copy writes them as TSV, so the screen and the clipboard say the same.
struct ImportSummaryRow {
    bool child = false;
    bool ok = false;
    QString bundle; // file name
    QString path;
    QString result;
    QString provider; // "unknown" when neither the bundle nor its statement or signer names one
    QString rows;
    QString check; // the failed check: "Signature matches (signature.valid)"
    QString reason; // in full
    QString hint; // what the auditor can do, as `capaudit-cli verify` prints it
};

class ImportSummaryRows {
    Q_DECLARE_TR_FUNCTIONS(capaudit::ImportSummaryDialog)
public:
    static QList<ImportSummaryRow> rows(const BatchImportResult& batch);
    static QString outcomeText(const ImportResult& result);
    // "3 verified, 1 untrusted, 1 rejected".
    static QString countsText(const QList<ImportResult>& results);
    // What the batch as a whole did: kept, rolled back, cancelled.
    static QString heading(const BatchImportResult& batch);
    // Tab-separated, one header line then one line per row; tabs and line breaks inside a field become spaces.
    static QString tsv(const QList<ImportSummaryRow>& rows);
};

} // namespace capaudit
