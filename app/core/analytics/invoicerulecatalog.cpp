// SPDX-License-Identifier: GPL-3.0-or-later
// The rules of invoice evidence and the three-way match (issue 18), in report order after the others.
#include "analytics/rulecatalog.h"

namespace capaudit::analytics {

void appendInvoiceRules(QList<RuleInfo>& list)
{
    const ThresholdInfo minAmount { QStringLiteral("minAmount"), 1.0, 0, 1e9,
        QStringLiteral(
            QT_TRANSLATE_NOOP("capaudit::PolicyText", "smallest difference reported, in the contract currency")) };
    const ThresholdInfo relative { QStringLiteral("relativeTolerance"), 0.01, 0, 1,
        QStringLiteral(
            QT_TRANSLATE_NOOP("capaudit::PolicyText", "difference tolerated, relative to the leg compared with")) };
    list.append({ QLatin1String(rules::kInvoiceArithmetic),
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Invoice arithmetic (EN 16931)")), Severity::High,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
            "Every EN 16931 invoice and credit note is re-added: the line net amounts against quantity x "
            "net price / base quantity + line charges - line allowances (within 0.02), the sum of lines "
            "(BR-CO-10), document allowances and charges (BR-CO-11, 12), the total without VAT (BR-CO-13), "
            "the VAT total against its breakdown (BR-CO-14) and each category's VAT against taxable "
            "amount x rate (BR-CO-17), the total with VAT (BR-CO-15), the amount due (BR-CO-16) and "
            "non-negative net prices (BR-27), each compared to the cent after rounding as the CEN "
            "schematron does. One finding per invoice and breached rule.")),
        {} });
    list.append({ QLatin1String(rules::kInvoiceMismatch),
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Invoice currency or period mismatch")),
        Severity::High,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
            "An invoice in another currency than the contract in force at its period's start, with amounts "
            "in another currency than its own, or claiming for time outside the contract period or outside "
            "its own invoice period (a line period beyond the header's): one finding per invoice and kind "
            "of mismatch with the amount concerned.")),
        {} });
    list.append({ QLatin1String(rules::kInvoiceNotBilled),
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Invoiced but not billed in FOCUS")), Severity::High,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
            "Per provider, invoice period and resource class: the invoice lines' net amount (credit notes "
            "subtracted, lines invoiced twice counted once) against the FOCUS Usage rows' BilledCost over "
            "the same period. Claimed above billed by more than relativeTolerance x billed and minAmount is "
            "a finding with the difference.")),
        { relative, minAmount } });
    list.append({ QLatin1String(rules::kInvoiceNotDelivered),
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Invoiced but not delivered")), Severity::High,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
            "Per provider, invoice period and resource class: the invoiced quantity (unit-hours, credit "
            "notes subtracted, lines invoiced twice counted once) against the provider-metered allocation "
            "to tenants over exactly that period. Invoiced above allocated by more than absoluteTolerance "
            "unit-hours and relativeTolerance x allocated is a finding; the amount prices the excess at the "
            "contracted unit price and is reported when at least minAmount.")),
        { relative,
            { QStringLiteral("absoluteTolerance"), 0.5, 0, 1e9,
                QStringLiteral(QT_TRANSLATE_NOOP("capaudit::PolicyText", "unit-hours tolerated")) },
            minAmount } });
    list.append({ QLatin1String(rules::kInvoiceCommitment),
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Delivered below commitment, invoiced in full")),
        Severity::High,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
            "Per provider, invoice period and committed resource class: delivered capacity (attested nodes "
            "reported up, unit-hours) below the committed unit-hours by more than relativeTolerance while "
            "the invoice claims at least the committed charge (committed x contracted price, less the "
            "same tolerance). The amount is the committed charge's share that was not delivered.")),
        { relative } });
    list.append({ QLatin1String(rules::kInvoiceSlaCredit),
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "SLA credit not given")), Severity::High,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
            "Per provider and invoice period: for every SLA measurement window in which sla.availability "
            "finds the provider below its target, the credit owed is the attested creditPercent of the "
            "invoiced line amounts for time inside that window. Credit given is every document-level "
            "allowance of the period's invoices and every credit note for the period. Owed above given by "
            "more than relativeTolerance x owed and minAmount is a finding with the missing credit.")),
        { relative, minAmount } });
    list.append({ QLatin1String(rules::kInvoiceDuplicate),
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog", "Usage invoiced twice")), Severity::High,
        QStringLiteral(QT_TRANSLATE_NOOP("capaudit::RuleCatalog",
            "Invoice lines of one provider, resource class and tenant over all invoices, in order of their "
            "period's start (then signing time, bundle digest, line): the part of a line's period that an "
            "earlier line already claims is invoiced twice. Amount = line amount x overlapped seconds / "
            "the line's seconds; one finding per provider, class and tenant spanning the overlap when at "
            "least minAmount. Credit notes are not claims.")),
        { minAmount } });
}

} // namespace capaudit::analytics
