// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/importsummaryrows.h"

#include "store/bundlelint.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace capaudit {

namespace {

QString checkText(const Check& check)
{
    return check.title.isEmpty() ? check.id : QStringLiteral("%1 (%2)").arg(check.title, check.id);
}

QString field(QString text)
{
    static const QRegularExpression breaks(QStringLiteral("[\\t\\r\\n]+"));
    return text.replace(breaks, QStringLiteral(" "));
}

} // namespace

QString ImportSummaryRows::outcomeText(const ImportResult& r)
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
    case ImportOutcome::RolledBack:
        return r.verdict.verdict == VerdictKind::Rejected && !r.verdict.checks.isEmpty()
            ? tr("Rejected, then rolled back")
            : tr("Rolled back");
    }
    return {};
}

QString ImportSummaryRows::countsText(const QList<ImportResult>& results)
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
        text += tr(", %1 failed, cancelled or rolled back").arg(other);
    return text;
}

QString ImportSummaryRows::heading(const BatchImportResult& batch)
{
    const QString counts = countsText(batch.results);
    if (batch.rolledBack && batch.cancelled)
        return tr("Import cancelled and rolled back: the case is exactly as it was before. %1").arg(counts);
    if (batch.rolledBack)
        return tr("Import rolled back, the case is exactly as it was before: %1. %2")
            .arg(batch.error.toString(), counts);
    if (batch.cancelled)
        return tr("Import cancelled. The bundle being imported was rolled back; bundles finished before the cancel "
                  "stay in the case. %1")
            .arg(counts);
    return counts;
}

QList<ImportSummaryRow> ImportSummaryRows::rows(const BatchImportResult& batch)
{
    QList<ImportSummaryRow> out;
    for (const ImportResult& r : batch.results) {
        ImportSummaryRow row;
        row.ok = r.ok();
        row.path = r.path;
        row.bundle = QFileInfo(r.path).fileName();
        row.result = outcomeText(r);
        // A refused bundle's provider is what its statement says, which no trusted signature vouches for: say so.
        const bool vouched = r.outcome != ImportOutcome::Rejected && r.outcome != ImportOutcome::UntrustedRefused;
        row.provider = r.provider.isEmpty() ? tr("unknown")
            : vouched                       ? r.provider
                                            : tr("%1 (claimed, not verified)").arg(r.provider);
        row.rows = r.ok() ? QString::number(r.rows) : QString();
        QList<const Check*> failed;
        for (const Check& c : r.verdict.checks)
            if (c.status == CheckStatus::Fail)
                failed.append(&c);
        if (r.ok()) {
            row.reason = r.logWarnings.join(QLatin1Char(' '));
        } else if (!failed.isEmpty()) {
            row.check = checkText(*failed.first());
            row.reason = failed.first()->reason;
            row.hint = failed.first()->hint;
            // Rolled back or cancelled after verification: say so before what verification found.
            if (r.outcome != ImportOutcome::Rejected && r.outcome != ImportOutcome::UntrustedRefused)
                row.reason = QStringLiteral("%1 — %2").arg(r.error.reason, row.reason);
        } else {
            row.check = r.error.field;
            row.reason = r.error.toString();
        }
        out.append(row);
        auto childOf = [&row] {
            ImportSummaryRow child;
            child.child = true;
            child.bundle = row.bundle;
            child.path = row.path;
            child.provider = row.provider;
            return child;
        };
        for (qsizetype i = 1; i < failed.size(); ++i) {
            ImportSummaryRow child = childOf();
            child.check = checkText(*failed.at(i));
            child.reason = failed.at(i)->reason;
            child.hint = failed.at(i)->hint;
            out.append(child);
        }
        // A failed import stops at its first error; the lint pass lists every problem of the bundle at once (the
        // same list as `capaudit-cli lint`).
        if (r.outcome == ImportOutcome::Failed && looksLikeBundle(r.path))
            for (const QString& line : lintBundle(r.path).lines()) {
                ImportSummaryRow child = childOf();
                child.reason = line;
                out.append(child);
            }
    }
    return out;
}

QString ImportSummaryRows::tsv(const QList<ImportSummaryRow>& rows)
{
    QStringList lines { QStringList {
        tr("Bundle"), tr("Path"), tr("Result"), tr("Provider"), tr("Rows"), tr("Check"), tr("Reason"), tr("Hint") }
                            .join(QLatin1Char('\t')) };
    for (const ImportSummaryRow& r : rows)
        lines.append(QStringList { field(r.bundle), field(r.path), field(r.result), field(r.provider), field(r.rows),
            field(r.check), field(r.reason), field(r.hint) }
                         .join(QLatin1Char('\t')));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace capaudit
