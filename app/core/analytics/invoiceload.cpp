// SPDX-License-Identifier: GPL-3.0-or-later
// The invoices of the case, rebuilt from invoices.document_json (the parsed document, covered by the rows digest),
// and the two rules that judge one document on its own: its EN 16931 arithmetic and whether its currency and period
// fit the contract.
#include "analytics/invoicedata.h"
#include "analytics/rulecatalog.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <algorithm>

namespace capaudit::analytics::detail {

namespace {

bool meets(const Period& period, const Period& checked)
{
    return checked.end <= checked.start || (period.end > checked.start && period.start < checked.end);
}

Period claimedPeriod(const InvoiceDocument& inv, const StoredBundle* bundle)
{
    if (inv.doc.period.end > inv.doc.period.start)
        return inv.doc.period;
    Period span { 0, 0 };
    for (const InvoiceLineItem& l : inv.doc.lines) {
        if (l.period.end <= l.period.start)
            continue;
        span.start = span.end > 0 ? qMin(span.start, l.period.start) : l.period.start;
        span.end = qMax(span.end, l.period.end);
    }
    if (span.end > 0)
        return span;
    if (bundle && bundle->period.end > bundle->period.start)
        return bundle->period;
    return { inv.doc.issueDate, inv.doc.issueDate + 86400 };
}

} // namespace

qint64 overlapSeconds(const Period& period, const Period& within)
{
    return qMax<qint64>(0, qMin(period.end, within.end) - qMax(period.start, within.start));
}

EvidenceRef invoiceEvidence(const InvoiceDocument& inv, const QList<const InvoiceLineItem*>& lines, const QString& note)
{
    EvidenceRef ref { inv.bundleDigest, inv.path, 0, 0, note };
    for (const InvoiceLineItem* l : lines) {
        ref.firstLine = ref.firstLine ? qMin(ref.firstLine, l->sourceLine) : l->sourceLine;
        ref.lastLine = qMax(ref.lastLine, l->sourceLine);
    }
    return ref;
}

Status loadInvoices(CheckContext& c, InvoiceData& data)
{
    sql::Database& db = c.store.database();
    sql::Statement* select =
        db.prepare("SELECT bundle, seq, provider, path, document_json FROM invoices ORDER BY bundle, seq");
    if (!select)
        return db.lastError();
    while (select->next()) {
        const StoredBundle* bundle = c.bundle(select->int64(0));
        if (!bundle)
            continue;
        Result<QJsonObject> json = parseJsonObject(select->text(4).toUtf8(), QStringLiteral("invoices.document_json"));
        if (!json)
            return json.error();
        InvoiceDocument inv;
        inv.bundleId = bundle->id;
        inv.payload = int(select->int64(1));
        inv.bundleDigest = bundle->digest;
        inv.provider = c.providerNames.value(select->int64(2));
        inv.path = select->text(3);
        const std::optional<QDateTime> signedAt = parseTimestamp(bundle->signingTime);
        inv.signedAt = signedAt ? signedAt->toSecsSinceEpoch() : 0;
        inv.doc = einvoiceFromJson(*json);
        inv.period = claimedPeriod(inv, bundle);
        if (meets(inv.period, c.options.period))
            data.invoices.append(inv);
    }
    if (select->failed())
        return select->error();
    std::sort(data.invoices.begin(), data.invoices.end(), [](const InvoiceDocument& a, const InvoiceDocument& b) {
        return std::tie(a.signedAt, a.bundleDigest, a.payload) < std::tie(b.signedAt, b.bundleDigest, b.payload);
    });
    for (const InvoiceDocument& inv : std::as_const(data.invoices))
        for (const InvoiceLineItem& l : inv.doc.lines) {
            const Period period = l.period.end > l.period.start ? l.period : inv.period;
            // Only hours (UN/ECE Rec 20 HUR, or no unit) are unit-hours of the class; a line in pieces (a credit of
            // "1 C62") still counts in money, not as delivered quantity.
            const bool hours = l.unitCode.isEmpty() || l.unitCode == u"HUR";
            data.lines.append(
                { &inv, &l, period, hours ? inv.doc.sign() * l.quantity : 0.0, inv.doc.sign() * l.lineAmount });
        }
    return Status::success();
}

void runInvoiceDocumentRules(CheckContext& c, const InvoiceData& data)
{
    for (const InvoiceDocument& inv : data.invoices) {
        auto base = [&](const char* rule, const QString& subject, const char* messageId, const char* templateText,
                        QList<MessageArg> args) {
            Finding f;
            f.ruleId = QLatin1String(rule);
            f.provider = inv.provider;
            f.range = clipToChecked(inv.period, c.options.period);
            f.say(messageId, templateText, std::move(args));
            f.details.insert(QStringLiteral("subject"), subject);
            f.details.insert(QStringLiteral("invoice"), inv.doc.id);
            f.currency = inv.doc.currency;
            return f;
        };
        for (const ArithmeticBreach& b : checkEn16931Arithmetic(inv.doc)) {
            Finding f = base(rules::kInvoiceArithmetic, QStringLiteral("%1/%2/%3").arg(inv.doc.id, b.rule, b.subject),
                "invoice.arithmetic",
                QT_TRANSLATE_NOOP(
                    "capaudit::FindingMessage", "%1 %2 %3 breaks %4 (%5): states %6, the document adds up to %7"),
                { marg(inv.provider),
                    inv.doc.creditNote ? word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "credit note"))
                                       : word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "invoice")),
                    marg(inv.doc.id), marg(b.rule), marg(b.subject), marg(QString::number(b.stated, 'f', 2)),
                    marg(QString::number(b.computed, 'f', 2)) });
            f.measured = b.stated;
            f.expected = b.computed;
            f.amount = b.stated - b.computed;
            f.details.insert(QStringLiteral("rule"), b.rule);
            f.details.insert(QStringLiteral("statement"), b.statement);
            f.details.insert(QStringLiteral("where"), b.subject);
            QList<const InvoiceLineItem*> lines;
            for (const InvoiceLineItem& l : inv.doc.lines)
                if (b.subject == QStringLiteral("line %1").arg(l.id))
                    lines.append(&l);
            f.evidence.append(invoiceEvidence(
                inv, lines, QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "EN 16931 invoice"))));
            c.add(f);
        }
        const ProviderAttestation* a = c.attestationAt(inv.provider, inv.period.start);
        QStringList currencies = inv.doc.foreignAmountCurrencies;
        if (a && !a->currency.isEmpty() && inv.doc.currency != a->currency)
            currencies.prepend(inv.doc.currency);
        if (!currencies.isEmpty()) {
            Finding f = base(rules::kInvoiceMismatch, QStringLiteral("currency/%1").arg(inv.doc.id), "invoice.currency",
                QT_TRANSLATE_NOOP(
                    "capaudit::FindingMessage", "%1 invoice %2 charges in %3 where the contract is in %4"),
                { marg(inv.provider), marg(inv.doc.id), marg(currencies.join(QStringLiteral(", "))),
                    a ? marg(a->currency) : word(QT_TRANSLATE_NOOP("capaudit::FindingWord", "its own currency")) });
            f.amount = inv.doc.sign() * inv.doc.totals.taxExclusive;
            f.details.insert(QStringLiteral("mismatch"), QStringLiteral("currency"));
            f.details.insert(QStringLiteral("currencies"), QJsonArray::fromStringList(currencies));
            f.evidence.append(invoiceEvidence(
                inv, {}, QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "EN 16931 invoice"))));
            c.add(f);
        }
        // Time claimed outside the contract or outside the invoice's own period.
        double outside = 0;
        QList<const InvoiceLineItem*> lines;
        for (const InvoiceLineItem& l : inv.doc.lines) {
            const Period p = l.period.end > l.period.start ? l.period : inv.period;
            const qint64 seconds = qMax<qint64>(1, p.end - p.start);
            qint64 out = p.end - p.start - (a ? overlapSeconds(p, a->period) : p.end - p.start);
            if (inv.doc.period.end > inv.doc.period.start)
                out = qMax(out, p.end - p.start - overlapSeconds(p, inv.doc.period));
            if (a && out > 0) {
                outside += inv.doc.sign() * l.lineAmount * double(out) / double(seconds);
                lines.append(&l);
            }
        }
        if (!lines.isEmpty()) {
            Finding f =
                base(rules::kInvoiceMismatch, QStringLiteral("period/%1").arg(inv.doc.id), "invoice.outside-period",
                    QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                        "%1 invoice %2 claims %3 %4 for time outside the contract period or its own invoice period"),
                    { marg(inv.provider), marg(inv.doc.id), marg(QString::number(outside, 'f', 2)),
                        marg(inv.doc.currency) });
            f.amount = outside;
            f.details.insert(QStringLiteral("mismatch"), QStringLiteral("period"));
            f.details.insert(QStringLiteral("contractPeriod"), formatPeriod(a->period));
            f.evidence.append(invoiceEvidence(inv, lines,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "invoice lines outside the period"))));
            c.add(f);
        }
    }
}

} // namespace capaudit::analytics::detail
