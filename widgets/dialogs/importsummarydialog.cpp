// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/importsummarydialog.h"

#include "models/iconprovider.h"
#include "store/bundlelint.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace capaudit {

ImportSummaryDialog::ImportSummaryDialog(const QList<ImportResult>& results, bool cancelled, QWidget* parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setWindowTitle(tr("Import finished"));
    resize(900, 380);
    QString heading = countsText(results);
    if (cancelled)
        heading = tr("Import cancelled. The bundle being imported was rolled back; bundles finished before the cancel "
                     "stay in the case. %1")
                      .arg(heading);
    auto* label = new QLabel(heading, this);
    label->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("importResults"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({ tr("Bundle"), tr("Result"), tr("Provider"), tr("Rows"), tr("Reason") });
    for (const ImportResult& r : results) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, QFileInfo(r.path).fileName());
        item->setToolTip(0, r.path);
        item->setText(1, outcomeText(r));
        item->setText(2, r.provider);
        item->setText(3, r.ok() ? QString::number(r.rows) : QString());
        QString reason;
        if (!r.ok()) {
            const Check* failed = r.verdict.firstFailure();
            reason = failed ? QStringLiteral("%1: %2").arg(failed->title, failed->reason) : r.error.toString();
        }
        item->setText(4, reason);
        item->setToolTip(4, reason);
        const bool good = r.ok() && r.verdict.verdict == VerdictKind::Verified;
        item->setIcon(1,
            r.ok() ? IconProvider::verdictIcon(r.verdict.verdict)
                   : IconProvider::checkIcon(good ? CheckStatus::Pass : CheckStatus::Fail));
        // A failed import stops at its first error; the lint pass lists every problem of the bundle at once
        // (the same list as `capaudit-cli lint`).
        if (r.outcome == ImportOutcome::Failed && looksLikeBundle(r.path)) {
            for (const QString& line : lintBundle(r.path).lines()) {
                auto* child = new QTreeWidgetItem(item);
                child->setText(4, line);
                child->setToolTip(4, line);
            }
            item->setExpanded(true);
            m_list->setRootIsDecorated(true);
        }
    }
    for (int c = 0; c < 4; ++c)
        m_list->resizeColumnToContents(c);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
}

QString ImportSummaryDialog::outcomeText(const ImportResult& r)
{
    switch (r.outcome) {
    case ImportOutcome::Imported:
        return r.verdict.verdict == VerdictKind::Untrusted ? tr("Imported (untrusted)") : tr("Imported (verified)");
    case ImportOutcome::AlreadyPresent:
        return tr("Already in the case");
    case ImportOutcome::Rejected:
        return tr("Rejected");
    case ImportOutcome::UntrustedRefused:
        return tr("Refused: signer not trusted");
    case ImportOutcome::Failed:
        return tr("Failed");
    case ImportOutcome::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString ImportSummaryDialog::countsText(const QList<ImportResult>& results)
{
    int verified = 0, untrusted = 0, rejected = 0, other = 0;
    for (const ImportResult& r : results) {
        if (r.outcome == ImportOutcome::Imported || r.outcome == ImportOutcome::AlreadyPresent)
            (r.verdict.verdict == VerdictKind::Untrusted ? untrusted : verified) += 1;
        else if (r.outcome == ImportOutcome::UntrustedRefused)
            untrusted += 1; // not imported, but the auditor reads it as an untrusted signer
        else if (r.outcome == ImportOutcome::Rejected)
            rejected += 1;
        else
            other += 1;
    }
    QString text = tr("%1 verified, %2 untrusted, %3 rejected").arg(verified).arg(untrusted).arg(rejected);
    if (other > 0)
        text += tr(", %1 failed or cancelled").arg(other);
    return text;
}

} // namespace capaudit
