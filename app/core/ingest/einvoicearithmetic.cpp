// SPDX-License-Identifier: GPL-3.0-or-later
// The EN 16931 arithmetic an auditor relies on when adding invoices up: the CEN schematron's BR-CO-10 ... BR-CO-17 and
// BR-27 (all fatal there), and Peppol's line net amount (PEPPOL-EN16931-R120, +/- 0.02), which the CEN rules leave
// unchecked although a line's amount is what the totals are built from.
#include "ingest/einvoice.h"

#include <algorithm>
#include <cmath>

namespace capaudit {

double roundCents(double value)
{
    // XPath round(): halves toward +infinity. The epsilon keeps 0.125 stored as 0.12499999... from rounding down.
    return std::floor(value * 100.0 + 0.5 + 1e-9) / 100.0;
}

namespace {

// Equal to the cent, as the bindings compare after rounding to two decimals.
bool sameCents(double stated, double computed)
{
    return std::abs(stated - roundCents(computed)) < 0.005;
}

double orZero(double v)
{
    return isMissing(v) ? 0.0 : v;
}

class Checker {
public:
    explicit Checker(const EInvoice& invoice)
        : m_inv(invoice)
    {
    }

    QList<ArithmeticBreach> run()
    {
        lines();
        totals();
        vat();
        return m_out;
    }

private:
    void breach(const char* rule, const QString& subject, double stated, double computed, const char* statement)
    {
        m_out.append({ QLatin1String(rule), subject, stated, computed, QLatin1String(statement) });
    }

    void lines()
    {
        for (const InvoiceLineItem& line : m_inv.lines) {
            const QString subject = QStringLiteral("line %1").arg(line.id);
            if (line.price < 0)
                breach("BR-27", subject, line.price, 0, "the item net price (BT-146) shall not be negative");
            const double base = isMissing(line.baseQuantity) || line.baseQuantity == 0 ? 1.0 : line.baseQuantity;
            double charges = 0, allowances = 0;
            for (const InvoiceAllowanceCharge& ac : line.allowanceCharges)
                (ac.charge ? charges : allowances) += orZero(ac.amount);
            const double computed = line.quantity * (line.price / base) + roundCents(charges) - roundCents(allowances);
            if (std::abs(line.lineAmount - computed) > 0.02 + 1e-9)
                breach("PEPPOL-EN16931-R120", subject, line.lineAmount, computed,
                    "the line net amount (BT-131) equals quantity x (net price / base quantity) + line charges - "
                    "line allowances, within 0.02");
        }
    }

    void totals()
    {
        const InvoiceTotals& t = m_inv.totals;
        double lineSum = 0, allowances = 0, charges = 0;
        for (const InvoiceLineItem& line : m_inv.lines)
            lineSum += line.lineAmount;
        for (const InvoiceAllowanceCharge& ac : m_inv.allowanceCharges)
            (ac.charge ? charges : allowances) += orZero(ac.amount);
        const QString doc = QStringLiteral("document");
        if (!sameCents(t.lineExtension, lineSum))
            breach("BR-CO-10", doc, t.lineExtension, roundCents(lineSum),
                "the sum of invoice line net amounts (BT-106) equals the sum of the line net amounts (BT-131)");
        const bool hasAllowances = std::any_of(m_inv.allowanceCharges.cbegin(), m_inv.allowanceCharges.cend(),
            [](const InvoiceAllowanceCharge& ac) { return !ac.charge; });
        const bool hasCharges = std::any_of(m_inv.allowanceCharges.cbegin(), m_inv.allowanceCharges.cend(),
            [](const InvoiceAllowanceCharge& ac) { return ac.charge; });
        if ((hasAllowances || !isMissing(t.allowanceTotal)) && !sameCents(orZero(t.allowanceTotal), allowances))
            breach("BR-CO-11", doc, orZero(t.allowanceTotal), roundCents(allowances),
                "the sum of allowances on document level (BT-107) equals the sum of the document allowances (BT-92)");
        if ((hasCharges || !isMissing(t.chargeTotal)) && !sameCents(orZero(t.chargeTotal), charges))
            breach("BR-CO-12", doc, orZero(t.chargeTotal), roundCents(charges),
                "the sum of charges on document level (BT-108) equals the sum of the document charges (BT-99)");
        const double exclusive = t.lineExtension - orZero(t.allowanceTotal) + orZero(t.chargeTotal);
        if (!sameCents(t.taxExclusive, exclusive))
            breach("BR-CO-13", doc, t.taxExclusive, roundCents(exclusive),
                "the total without VAT (BT-109) equals BT-106 - BT-107 + BT-108");
        const double inclusive = t.taxExclusive + orZero(t.taxTotal);
        if (!sameCents(t.taxInclusive, inclusive))
            breach("BR-CO-15", doc, t.taxInclusive, roundCents(inclusive),
                "the total with VAT (BT-112) equals BT-109 + BT-110");
        const double payable = t.taxInclusive - orZero(t.prepaid) + orZero(t.rounding);
        if (!sameCents(t.payable, payable))
            breach("BR-CO-16", doc, t.payable, roundCents(payable),
                "the amount due (BT-115) equals BT-112 - BT-113 + BT-114");
    }

    void vat()
    {
        if (m_inv.taxSubtotals.isEmpty() && isMissing(m_inv.totals.taxTotal))
            return;
        double sum = 0;
        for (const InvoiceTaxSubtotal& s : m_inv.taxSubtotals) {
            sum += orZero(s.taxAmount);
            const QString subject =
                QStringLiteral("VAT subtotal %1 %2").arg(s.category, QString::number(orZero(s.percent)));
            const double computed = orZero(s.taxableAmount) * orZero(s.percent) / 100.0;
            if (!sameCents(orZero(s.taxAmount), computed))
                breach("BR-CO-17", subject, orZero(s.taxAmount), roundCents(computed),
                    "the VAT category tax amount (BT-117) equals the taxable amount (BT-116) x the rate (BT-119) / "
                    "100, rounded to two decimals");
        }
        if (!sameCents(orZero(m_inv.totals.taxTotal), sum))
            breach("BR-CO-14", QStringLiteral("document"), orZero(m_inv.totals.taxTotal), roundCents(sum),
                "the invoice total VAT amount (BT-110) equals the sum of the VAT category tax amounts (BT-117)");
    }

    const EInvoice& m_inv;
    QList<ArithmeticBreach> m_out;
};

} // namespace

QList<ArithmeticBreach> checkEn16931Arithmetic(const EInvoice& invoice)
{
    return Checker(invoice).run();
}

} // namespace capaudit
