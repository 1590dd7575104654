// SPDX-License-Identifier: GPL-3.0-or-later
// invoice.duplicate: the same usage claimed twice, within one invoice or across invoices (a week repeated on next
// month's invoice, a line pasted twice). Like billing.overlap for FOCUS rows, but over invoice lines.
#include "analytics/invoicedata.h"
#include "analytics/rulecatalog.h"

#include <QJsonArray>

#include <algorithm>

namespace capaudit::analytics::detail {

namespace {

// Seconds of PERIOD already covered by COVERED (disjoint, sorted intervals).
qint64 coveredSeconds(const QList<Period>& covered, const Period& period)
{
    qint64 sum = 0;
    for (const Period& p : covered)
        sum += overlapSeconds(period, p);
    return sum;
}

void addCovered(QList<Period>& covered, Period period)
{
    QList<Period> out;
    for (const Period& p : std::as_const(covered)) {
        if (p.end < period.start || p.start > period.end) {
            out.append(p);
        } else {
            period.start = qMin(period.start, p.start);
            period.end = qMax(period.end, p.end);
        }
    }
    out.append(period);
    std::sort(out.begin(), out.end(), [](const Period& a, const Period& b) { return a.start < b.start; });
    covered = out;
}

} // namespace

QList<DuplicatePart> runDuplicateRule(CheckContext& c, const InvoiceData& data)
{
    const double minAmount =
        c.options.policy.threshold(QLatin1String(rules::kInvoiceDuplicate), QStringLiteral("minAmount"));
    // Order-independent: by the claimed period's start, then the invoices' own order (signing time, digest, payload),
    // then document order; the later of two claims is the duplicate.
    QList<qsizetype> order;
    for (qsizetype i = 0; i < data.lines.size(); ++i)
        if (!data.lines[i].invoice->doc.creditNote && data.lines[i].period.end > data.lines[i].period.start)
            order.append(i);
    std::stable_sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return data.lines[a].period.start < data.lines[b].period.start; });

    QMap<QStringList, QList<Period>> covered; // (provider, class, tenant) -> claimed so far
    QMap<QStringList, QList<DuplicatePart>> parts;
    for (qsizetype i : order) {
        const ClaimedLine& l = data.lines[i];
        const QStringList key { l.invoice->provider, l.line->resourceClass, l.line->tenant };
        QList<Period>& seen = covered[key];
        const qint64 twice = coveredSeconds(seen, l.period);
        if (twice > 0) {
            const double share = double(twice) / double(l.period.end - l.period.start);
            Period overlap { l.period.end, l.period.start };
            for (const Period& p : std::as_const(seen))
                if (overlapSeconds(l.period, p) > 0) {
                    overlap.start = qMin(overlap.start, qMax(p.start, l.period.start));
                    overlap.end = qMax(overlap.end, qMin(p.end, l.period.end));
                }
            parts[key].append({ &l, overlap, l.quantity * share, l.amount * share });
        }
        addCovered(seen, l.period);
    }

    QList<DuplicatePart> all;
    for (auto it = parts.cbegin(); it != parts.cend(); ++it) {
        double amount = 0, quantity = 0;
        Period range { it->first().overlap.start, it->first().overlap.end };
        QList<EvidenceRef> evidence;
        QStringList invoices;
        for (const DuplicatePart& p : *it) {
            amount += p.amount;
            quantity += p.quantity;
            range.start = qMin(range.start, p.overlap.start);
            range.end = qMax(range.end, p.overlap.end);
            evidence.append(invoiceEvidence(*p.line->invoice, { p.line->line },
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "line claiming usage again"))));
            if (!invoices.contains(p.line->invoice->doc.id))
                invoices.append(p.line->invoice->doc.id);
            all.append(p);
        }
        if (amount < minAmount)
            continue;
        const QStringList& key = it.key();
        Finding f;
        f.ruleId = QLatin1String(rules::kInvoiceDuplicate);
        f.provider = key[0];
        f.resourceClass = key[1];
        f.tenant = key[2];
        f.range = clipToChecked(range, c.options.period);
        f.measured = quantity;
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "unit-hours"));
        f.amount = amount;
        const ProviderAttestation* a = c.attestationAt(f.provider, range.start);
        f.currency = a && !a->currency.isEmpty() ? a->currency : it->first().line->invoice->doc.currency;
        f.say("invoice.duplicate",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage", "%1 invoiced %2 unit-hours of %3 twice (%4 %5)"),
            { marg(f.provider), marg(QString::number(quantity, 'f', 2)),
                f.resourceClass.isEmpty() ? word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "unclassified items"))
                                          : marg(f.resourceClass),
                marg(QString::number(amount, 'f', 2)), marg(f.currency) });
        f.evidence = evidence;
        f.details.insert(QStringLiteral("invoices"), QJsonArray::fromStringList(invoices));
        f.details.insert(QStringLiteral("lines"), qint64(it->size()));
        c.add(f);
    }
    return all;
}

} // namespace capaudit::analytics::detail
