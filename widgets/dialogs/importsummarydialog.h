// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/caseimporter.h"

#include <QDialog>

class QTreeWidget;

namespace capaudit {

// The result of an import: each bundle with its outcome (imported verified / untrusted, already present, rejected,
// refused, failed, cancelled) and the reason.
class ImportSummaryDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportSummaryDialog(const QList<ImportResult>& results, bool cancelled, QWidget* parent = nullptr);

    static QString outcomeText(const ImportResult& result);
    // "3 verified, 1 untrusted, 1 rejected".
    static QString countsText(const QList<ImportResult>& results);

private:
    QTreeWidget* m_list;
};

} // namespace capaudit
