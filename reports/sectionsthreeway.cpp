// SPDX-License-Identifier: GPL-3.0-or-later
// The report's "Three-way match" (issue 18): contract, delivery, FOCUS billing and invoices side by side, then the
// idle capacity and the SLA credits. Part of the reconciliation chapter, after the billing table.
#include "reportformat.h"
#include "reportsections.h"
#include "reporttext.h"

namespace capaudit::reports {

namespace {

QString periodText(const Period& p)
{
    return formatDate(p.start) + QStringLiteral(" – ") + formatDate(p.end);
}

} // namespace

void writeThreeWayMatch(SectionContext& c)
{
    const QList<analytics::ThreeWayLine>& lines = c.data.checks.threeWay;
    c.pw.heading(2, ReportText::tr("Three-way match"));
    c.pw.text(ReportText::tr(
        "Per provider, invoice period and resource class: the committed capacity at the contracted price (the "
        "expected charge), the capacity delivered and allocated to tenants as the provider's own telemetry shows it, "
        "the FOCUS billing and the EN 16931 invoices (credit notes subtracted). Unit-hours for quantities, the "
        "contract currency for money. A line marked NO has a finding (rules invoice.*); the difference is the invoice "
        "net amount less the FOCUS billed cost, lines invoiced twice counted once."));
    if (lines.isEmpty()) {
        c.pw.text(ReportText::tr("The case holds no invoice evidence for the selected providers and period."));
        return;
    }
    QList<PageWriter::Row> match, idle, credits;
    for (const analytics::ThreeWayLine& l : lines) {
        const bool differs = l.status == u"differs";
        if (l.kind == u"match") {
            PageWriter::Row row(
                QStringList { l.provider, periodText(l.period), l.resourceClass, formatNumber(l.committedQuantity, 1),
                    formatMoney(l.expectedCharge, l.currency), formatNumber(l.deliveredQuantity, 1),
                    formatNumber(l.allocatedQuantity, 1), formatMoney(l.billedAmount, l.currency),
                    formatMoney(l.invoicedAmount, l.currency), formatMoney(l.invoicedMinusBilled(), l.currency),
                    differs ? ReportText::tr("NO") : ReportText::tr("yes") });
            if (differs)
                row.background = QColor(0xfb, 0xe3, 0xe3);
            match.append(row);
        } else if (l.kind == u"idle") {
            idle.append(PageWriter::Row(QStringList { l.provider, periodText(l.period), l.resourceClass,
                formatNumber(l.committedQuantity, 1), formatNumber(l.allocatedQuantity, 1),
                formatNumber(l.idleQuantity, 1), formatMoney(l.idleAmount, l.currency) }));
        } else {
            PageWriter::Row row(QStringList { l.provider, periodText(l.period),
                formatMoney(l.invoicedAmount, l.currency), formatMoney(l.creditOwed, l.currency),
                formatMoney(l.creditGiven, l.currency), differs ? ReportText::tr("NO") : ReportText::tr("yes") });
            if (differs)
                row.background = QColor(0xfb, 0xe3, 0xe3);
            credits.append(row);
        }
    }
    const Qt::Alignment right = Qt::AlignRight;
    c.pw.table({ { ReportText::tr("Provider"), 1.5 }, { ReportText::tr("Period"), 1.9 },
                   { ReportText::tr("Class"), 0.9 }, { ReportText::tr("Committed unit-h"), 1.3, false, right },
                   { ReportText::tr("Expected"), 1.4, false, right },
                   { ReportText::tr("Delivered unit-h"), 1.3, false, right },
                   { ReportText::tr("Allocated unit-h"), 1.3, false, right },
                   { ReportText::tr("Billed"), 1.4, false, right }, { ReportText::tr("Invoiced"), 1.4, false, right },
                   { ReportText::tr("Invoiced − billed"), 1.4, false, right }, { ReportText::tr("Match"), 0.8 } },
        match);
    if (!idle.isEmpty()) {
        c.pw.heading(2, ReportText::tr("Idle and unallocated capacity"));
        c.pw.text(ReportText::tr("Committed capacity no tenant was allocated, priced at the contract: what "
                                 "over-commitment costs the buyer."));
        c.pw.table({ { ReportText::tr("Provider"), 1.6 }, { ReportText::tr("Period"), 2 },
                       { ReportText::tr("Class"), 1 }, { ReportText::tr("Committed unit-h"), 1.4, false, right },
                       { ReportText::tr("Allocated unit-h"), 1.4, false, right },
                       { ReportText::tr("Idle unit-h"), 1.4, false, right },
                       { ReportText::tr("Idle amount"), 1.6, false, right } },
            idle);
    }
    if (!credits.isEmpty()) {
        c.pw.heading(2, ReportText::tr("SLA credits"));
        c.pw.table({ { ReportText::tr("Provider"), 1.6 }, { ReportText::tr("Period"), 2 },
                       { ReportText::tr("Invoiced in breach"), 1.6, false, right },
                       { ReportText::tr("Credit owed"), 1.5, false, right },
                       { ReportText::tr("Credit given"), 1.5, false, right }, { ReportText::tr("Credited"), 0.9 } },
            credits);
    }
}

} // namespace capaudit::reports
