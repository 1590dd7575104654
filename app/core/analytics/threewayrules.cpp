// SPDX-License-Identifier: GPL-3.0-or-later
// The three-way table and the findings of a leg that disagrees: invoiced but not billed in FOCUS, invoiced but not
// delivered, delivered below commitment but invoiced in full, SLA credit owed but not given; and the idle capacity
// line (committed, allocated to no tenant).
#include "analytics/rulecatalog.h"
#include "analytics/threewaymatch.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace capaudit::analytics::detail {

namespace {

class ThreeWayRules {
public:
    ThreeWayRules(CheckContext& c, const BillingData& billing, const QList<DuplicatePart>& dups)
        : m_c(c)
        , m_legs(c, billing)
        , m_dups(dups)
    {
    }

    void run(const ThreeWayGroup& g)
    {
        QStringList classes;
        for (const ClaimedLine* l : g.lines)
            if (!classes.contains(l->line->resourceClass))
                classes.append(l->line->resourceClass);
        if (g.attestation)
            for (const CommitmentLine& m : g.attestation->commitments)
                if (!classes.contains(m.resourceClass)
                    && m_legs.committed(*g.attestation, m.resourceClass, g.period) > 0)
                    classes.append(m.resourceClass);
        std::sort(classes.begin(), classes.end());
        for (const QString& cls : std::as_const(classes))
            matchLine(g, cls);
        slaCredit(g);
    }

private:
    double threshold(const char* rule, const char* key) const
    {
        return m_c.options.policy.threshold(QLatin1String(rule), QLatin1String(key));
    }

    ThreeWayLine lineOf(const ThreeWayGroup& g, const QString& cls, const QString& kind) const
    {
        ThreeWayLine line;
        line.kind = kind;
        line.provider = g.provider;
        line.resourceClass = cls;
        line.period = g.period;
        line.currency = g.attestation ? g.attestation->currency : QString();
        for (const InvoiceDocument* inv : g.invoices)
            if (!line.invoices.contains(inv->doc.id))
                line.invoices.append(inv->doc.id);
        std::sort(line.invoices.begin(), line.invoices.end());
        if (line.currency.isEmpty() && !g.invoices.isEmpty())
            line.currency = g.invoices.first()->doc.currency;
        return line;
    }

    Finding base(const char* rule, const ThreeWayLine& line, const char* messageId, const char* templateText,
        QList<MessageArg> args) const
    {
        Finding f;
        f.ruleId = QLatin1String(rule);
        f.provider = line.provider;
        f.resourceClass = line.resourceClass;
        f.range = line.period;
        f.currency = line.currency;
        f.say(messageId, templateText, std::move(args));
        f.details.insert(QStringLiteral("invoices"), QJsonArray::fromStringList(line.invoices));
        return f;
    }

    void add(Finding f, ThreeWayLine& line, const QList<EvidenceRef>& evidence)
    {
        f.evidence = evidence;
        // FOCUS references come in bundle-id (import) order; the finding must not.
        std::stable_sort(f.evidence.begin(), f.evidence.end(), [](const EvidenceRef& a, const EvidenceRef& b) {
            return std::tie(a.bundleDigest, a.file, a.firstLine) < std::tie(b.bundleDigest, b.file, b.firstLine);
        });
        f.assignId();
        // A disabled rule's findings are dropped at the end of the run; its lines must not cite them.
        if (m_c.options.policy.enabled(f.ruleId)) {
            line.findings.append(f.id);
            line.status = QStringLiteral("differs");
        }
        m_c.add(f);
    }

    void matchLine(const ThreeWayGroup& g, const QString& cls)
    {
        ThreeWayLine line = lineOf(g, cls, QStringLiteral("match"));
        QList<EvidenceRef> invoiceRefs;
        for (const InvoiceDocument* inv : g.invoices) {
            QList<const InvoiceLineItem*> items;
            for (const ClaimedLine* l : g.lines)
                if (l->invoice == inv && l->line->resourceClass == cls) {
                    const double share = claimedShare(*l, g.period);
                    line.invoicedQuantity += l->quantity * share;
                    line.invoicedAmount += l->amount * share;
                    items.append(l->line);
                    for (const DuplicatePart& d : m_dups)
                        if (d.line == l) {
                            line.duplicateQuantity += d.quantity * share;
                            line.duplicateAmount += d.amount * share;
                        }
                }
            if (!items.isEmpty())
                invoiceRefs.append(invoiceEvidence(
                    *inv, items, QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "invoice lines"))));
        }
        if (g.attestation) {
            line.committedQuantity = m_legs.committed(*g.attestation, cls, g.period);
            line.contractedPrice = g.attestation->prices.value(cls, kMissing);
            if (!isMissing(line.contractedPrice))
                line.expectedCharge = line.committedQuantity * line.contractedPrice;
        }
        line.deliveredQuantity = m_legs.delivered(g.provider, cls, g.period);
        line.allocatedQuantity = m_legs.allocated(g.provider, cls, g.period);
        const QList<const BillingRow*> rows =
            m_legs.billed(g.provider, cls, g.period, line.billedQuantity, line.billedAmount);
        QList<EvidenceRef> focusRefs =
            rowEvidence(m_c, rows, QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "FOCUS Usage rows")));
        if (!cls.isEmpty()) {
            notBilled(line, invoiceRefs + focusRefs);
            notDelivered(line, invoiceRefs);
            commitmentShortfall(line, invoiceRefs);
        }
        m_c.report.threeWay.append(line);
        if (line.committedQuantity > 0 && !isMissing(line.contractedPrice)) {
            ThreeWayLine idle = lineOf(g, cls, QStringLiteral("idle"));
            idle.committedQuantity = line.committedQuantity;
            idle.allocatedQuantity = line.allocatedQuantity;
            idle.contractedPrice = line.contractedPrice;
            idle.idleQuantity = m_legs.idle(*g.attestation, cls, g.period);
            idle.idleAmount = idle.idleQuantity * line.contractedPrice;
            m_c.report.threeWay.append(idle);
        }
    }

    void notBilled(ThreeWayLine& line, const QList<EvidenceRef>& evidence)
    {
        const double diff = line.invoicedMinusBilled();
        if (diff <= threshold(rules::kInvoiceNotBilled, "minAmount")
            || diff <= threshold(rules::kInvoiceNotBilled, "relativeTolerance") * std::abs(line.billedAmount))
            return;
        Finding f = base(rules::kInvoiceNotBilled, line, "invoice.not-billed",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "%1 invoiced %2 %3 for %4 where its FOCUS data bills %5: %6 invoiced but not billed"),
            { marg(line.provider), marg(QString::number(line.invoicedAmount - line.duplicateAmount, 'f', 2)),
                marg(line.currency), marg(line.resourceClass), marg(QString::number(line.billedAmount, 'f', 2)),
                marg(QString::number(diff, 'f', 2)) });
        f.measured = line.invoicedAmount - line.duplicateAmount;
        f.expected = line.billedAmount;
        f.unit = line.currency;
        f.amount = diff;
        add(f, line, evidence);
    }

    void notDelivered(ThreeWayLine& line, const QList<EvidenceRef>& evidence)
    {
        const double excess = line.invoicedMinusAllocated();
        if (excess <= threshold(rules::kInvoiceNotDelivered, "absoluteTolerance")
            || excess <= threshold(rules::kInvoiceNotDelivered, "relativeTolerance") * line.allocatedQuantity)
            return;
        const double claimed = line.invoicedQuantity - line.duplicateQuantity;
        const double price = !isMissing(line.contractedPrice)
            ? line.contractedPrice
            : (claimed != 0 ? (line.invoicedAmount - line.duplicateAmount) / claimed : 0);
        const double amount = excess * price;
        if (amount < threshold(rules::kInvoiceNotDelivered, "minAmount"))
            return;
        Finding f = base(rules::kInvoiceNotDelivered, line, "invoice.not-delivered",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "%1 invoiced %2 unit-hours of %3 where its telemetry measured %4 allocated: %5 %6 not delivered"),
            { marg(line.provider), marg(QString::number(claimed, 'f', 2)), marg(line.resourceClass),
                marg(QString::number(line.allocatedQuantity, 'f', 2)), marg(QString::number(amount, 'f', 2)),
                marg(line.currency) });
        f.measured = claimed;
        f.expected = line.allocatedQuantity;
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "unit-hours"));
        f.amount = amount;
        f.details.insert(QStringLiteral("excessUnitHours"), excess);
        add(f, line, evidence);
    }

    void commitmentShortfall(ThreeWayLine& line, const QList<EvidenceRef>& evidence)
    {
        if (line.committedQuantity <= 0 || isMissing(line.expectedCharge))
            return;
        const double tolerance = threshold(rules::kInvoiceCommitment, "relativeTolerance");
        const double invoiced = line.invoicedAmount - line.duplicateAmount;
        if (line.deliveredQuantity >= line.committedQuantity * (1 - tolerance)
            || invoiced < line.expectedCharge * (1 - tolerance))
            return;
        const double missing = 1 - line.deliveredQuantity / line.committedQuantity;
        Finding f = base(rules::kInvoiceCommitment, line, "invoice.commitment-shortfall",
            QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                "%1 delivered %2 of %3 committed unit-hours of %4 but invoiced %5 %6, the full committed charge"),
            { marg(line.provider), marg(QString::number(line.deliveredQuantity, 'f', 2)),
                marg(QString::number(line.committedQuantity, 'f', 2)), marg(line.resourceClass),
                marg(QString::number(invoiced, 'f', 2)), marg(line.currency) });
        f.measured = line.deliveredQuantity;
        f.expected = line.committedQuantity;
        f.unit = QStringLiteral(QT_TRANSLATE_NOOP("capaudit::FindingUnit", "unit-hours"));
        f.amount = line.expectedCharge * missing;
        add(f, line, evidence);
    }

    void slaCredit(const ThreeWayGroup& g)
    {
        const ProviderAttestation* a = g.attestation;
        ThreeWayLine line = lineOf(g, QString(), QStringLiteral("sla-credit"));
        QList<EvidenceRef> evidence;
        for (const InvoiceDocument* inv : g.invoices) {
            if (inv->doc.creditNote) {
                line.creditGiven += inv->doc.totals.taxExclusive;
                evidence.append(invoiceEvidence(
                    *inv, {}, QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "credit note"))));
                continue;
            }
            for (const InvoiceAllowanceCharge& ac : inv->doc.allowanceCharges)
                if (!ac.charge && !isMissing(ac.amount))
                    line.creditGiven += ac.amount;
        }
        QStringList windows;
        if (a && a->creditPercent > 0) {
            // The provider-wide verdict of sla.availability per measurement window (rule enabled or not: the credit
            // is owed by the contract).
            for (const Finding& w : std::as_const(m_c.report.findings)) {
                if (w.ruleId != QLatin1String(rules::kSlaAvailability) || !w.node.isEmpty() || w.provider != g.provider
                    || overlapSeconds(w.range, g.period) <= 0)
                    continue;
                windows.append(formatPeriod(w.range));
                for (const ClaimedLine* l : g.lines) {
                    if (l->invoice->doc.creditNote || l->amount <= 0)
                        continue;
                    const Period inside { qMax(g.period.start, w.range.start), qMin(g.period.end, w.range.end) };
                    line.invoicedAmount += l->amount * claimedShare(*l, inside);
                }
            }
            line.creditOwed = line.invoicedAmount * a->creditPercent / 100.0;
        }
        if (line.creditOwed <= 0 && line.creditGiven <= 0)
            return;
        const double missing = line.creditOwed - line.creditGiven;
        if (missing > threshold(rules::kInvoiceSlaCredit, "minAmount")
            && missing > threshold(rules::kInvoiceSlaCredit, "relativeTolerance") * line.creditOwed) {
            for (const InvoiceDocument* inv : g.invoices)
                if (!inv->doc.creditNote)
                    evidence.append(invoiceEvidence(
                        *inv, {}, QStringLiteral(QT_TRANSLATE_NOOP("capaudit::EvidenceNote", "invoice"))));
            Finding f = base(rules::kInvoiceSlaCredit, line, "invoice.sla-credit",
                QT_TRANSLATE_NOOP("capaudit::FindingMessage",
                    "%1 owes an SLA credit of %2 %3 (%4 % of %5 invoiced while below its availability target) and "
                    "credited %6"),
                { marg(g.provider), marg(QString::number(line.creditOwed, 'f', 2)), marg(line.currency),
                    marg(QString::number(a->creditPercent)), marg(QString::number(line.invoicedAmount, 'f', 2)),
                    marg(QString::number(line.creditGiven, 'f', 2)) });
            f.measured = line.creditGiven;
            f.expected = line.creditOwed;
            f.unit = line.currency;
            f.amount = missing;
            f.details.insert(QStringLiteral("windows"), QJsonArray::fromStringList(windows));
            f.details.insert(QStringLiteral("creditPercent"), a->creditPercent);
            add(f, line, evidence);
        }
        m_c.report.threeWay.append(line);
    }

    CheckContext& m_c;
    ThreeWayLegs m_legs;
    const QList<DuplicatePart>& m_dups;
};

} // namespace

void runThreeWayMatch(
    CheckContext& c, const BillingData& billing, const InvoiceData& invoices, const QList<DuplicatePart>& dups)
{
    ThreeWayRules rules(c, billing, dups);
    for (const ThreeWayGroup& g : groupInvoices(c, invoices))
        rules.run(g);
    std::sort(c.report.threeWay.begin(), c.report.threeWay.end(), [](const ThreeWayLine& a, const ThreeWayLine& b) {
        return std::tie(a.provider, a.period.start, a.period.end, a.resourceClass, a.kind)
            < std::tie(b.provider, b.period.start, b.period.end, b.resourceClass, b.kind);
    });
}

} // namespace capaudit::analytics::detail
