// SPDX-License-Identifier: GPL-3.0-or-later
// Which element path is which EN 16931 business term, in UBL 2.1 and in CII (paths relative to the document, a line,
// an allowance/charge or a VAT breakdown; keys are namespace-resolved, see einvoicexml.cpp).
#include "ingest/einvoicereader.h"

namespace capaudit {

namespace detail {

bool isCreditNoteType(const QString& code)
{
    static const QSet<QString> codes { QStringLiteral("81"), QStringLiteral("83"), QStringLiteral("261"),
        QStringLiteral("262"), QStringLiteral("296"), QStringLiteral("308"), QStringLiteral("381"),
        QStringLiteral("396"), QStringLiteral("420"), QStringLiteral("458"), QStringLiteral("532") };
    return codes.contains(code);
}

void Reader::document(const QString& r, const Frame& f)
{
    const QString text = f.text.trimmed();
    InvoiceTotals& t = m_inv.totals;
    static const QString kUblSeller = QStringLiteral("cac:AccountingSupplierParty/cac:Party/");
    static const QString kUblBuyer = QStringLiteral("cac:AccountingCustomerParty/cac:Party/");
    static const QString kCiiAgreement =
        QStringLiteral("rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/");
    static const QString kCiiSettlement =
        QStringLiteral("rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/");
    static const QString kCiiSums =
        kCiiSettlement + QStringLiteral("ram:SpecifiedTradeSettlementHeaderMonetarySummation/");
    if (r == u"cbc:ID" || r == u"rsm:ExchangedDocument/ram:ID") {
        m_inv.id = text;
    } else if (r == u"cbc:IssueDate" || r == u"rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") {
        m_inv.issueDate = date(f, false);
    } else if (r == u"cbc:InvoiceTypeCode" || r == u"cbc:CreditNoteTypeCode"
        || r == u"rsm:ExchangedDocument/ram:TypeCode") {
        m_inv.typeCode = text;
        if (isCreditNoteType(text))
            m_inv.creditNote = true;
    } else if (r == u"cbc:DocumentCurrencyCode"
        || r == QString(kCiiSettlement + QStringLiteral("ram:InvoiceCurrencyCode"))) {
        m_inv.currency = text;
    } else if (r == u"cac:InvoicePeriod/cbc:StartDate"
        || r
            == QString(
                kCiiSettlement + QStringLiteral("ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString"))) {
        m_inv.period.start = date(f, false);
    } else if (r == u"cac:InvoicePeriod/cbc:EndDate"
        || r
            == QString(
                kCiiSettlement + QStringLiteral("ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString"))) {
        m_inv.period.end = date(f, true);
    } else if (r == u"cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
        || r == QString(kCiiSettlement + QStringLiteral("ram:InvoiceReferencedDocument/ram:IssuerAssignedID"))) {
        m_inv.precedingInvoices.append(text);
    } else if (r.startsWith(kUblSeller)) {
        party(m_inv.seller, r.mid(kUblSeller.size()), text);
    } else if (r.startsWith(kUblBuyer)) {
        party(m_inv.buyer, r.mid(kUblBuyer.size()), text);
    } else if (r.startsWith(kCiiAgreement + QStringLiteral("ram:SellerTradeParty/"))) {
        party(m_inv.seller, r.mid(kCiiAgreement.size() + 21), text);
    } else if (r.startsWith(kCiiAgreement + QStringLiteral("ram:BuyerTradeParty/"))) {
        party(m_inv.buyer, r.mid(kCiiAgreement.size() + 20), text);
    } else if (r == u"cac:TaxTotal/cbc:TaxAmount" || r == QString(kCiiSums + QStringLiteral("ram:TaxTotalAmount"))) {
        // A second VAT total in the tax currency (BT-111) is not the document's BT-110.
        if (f.currencyId.isEmpty() || m_inv.currency.isEmpty() || f.currencyId == m_inv.currency)
            t.taxTotal = amount(f);
    } else if (r.startsWith(u"cac:LegalMonetaryTotal/") || r.startsWith(kCiiSums)) {
        const QString name = r.section(QLatin1Char('/'), -1);
        static const QMap<QString, double InvoiceTotals::*> kTerms {
            { QStringLiteral("cbc:LineExtensionAmount"), &InvoiceTotals::lineExtension },
            { QStringLiteral("cbc:TaxExclusiveAmount"), &InvoiceTotals::taxExclusive },
            { QStringLiteral("cbc:TaxInclusiveAmount"), &InvoiceTotals::taxInclusive },
            { QStringLiteral("cbc:AllowanceTotalAmount"), &InvoiceTotals::allowanceTotal },
            { QStringLiteral("cbc:ChargeTotalAmount"), &InvoiceTotals::chargeTotal },
            { QStringLiteral("cbc:PrepaidAmount"), &InvoiceTotals::prepaid },
            { QStringLiteral("cbc:PayableRoundingAmount"), &InvoiceTotals::rounding },
            { QStringLiteral("cbc:PayableAmount"), &InvoiceTotals::payable },
            { QStringLiteral("ram:LineTotalAmount"), &InvoiceTotals::lineExtension },
            { QStringLiteral("ram:TaxBasisTotalAmount"), &InvoiceTotals::taxExclusive },
            { QStringLiteral("ram:GrandTotalAmount"), &InvoiceTotals::taxInclusive },
            { QStringLiteral("ram:AllowanceTotalAmount"), &InvoiceTotals::allowanceTotal },
            { QStringLiteral("ram:ChargeTotalAmount"), &InvoiceTotals::chargeTotal },
            { QStringLiteral("ram:TotalPrepaidAmount"), &InvoiceTotals::prepaid },
            { QStringLiteral("ram:RoundingAmount"), &InvoiceTotals::rounding },
            { QStringLiteral("ram:DuePayableAmount"), &InvoiceTotals::payable },
        };
        if (const auto it = kTerms.constFind(name); it != kTerms.constEnd())
            t.*(*it) = amount(f);
    }
}

void Reader::lineValue(const QString& r, const Frame& f)
{
    InvoiceLineItem& line = m_inv.lines.last();
    const QString text = f.text.trimmed();
    if (r == u"cbc:ID" || r == u"ram:AssociatedDocumentLineDocument/ram:LineID") {
        line.id = text;
    } else if (r == u"cbc:InvoicedQuantity" || r == u"cbc:CreditedQuantity"
        || r == u"ram:SpecifiedLineTradeDelivery/ram:BilledQuantity") {
        line.quantity = number(f);
        line.unitCode = f.unitCode;
    } else if (r == u"cbc:LineExtensionAmount"
        || r
            == u"ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/"
               u"ram:LineTotalAmount") {
        line.lineAmount = amount(f);
    } else if (r == u"cac:InvoicePeriod/cbc:StartDate"
        || r == u"ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString") {
        line.period.start = date(f, false);
    } else if (r == u"cac:InvoicePeriod/cbc:EndDate"
        || r == u"ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString") {
        line.period.end = date(f, true);
    } else if (r == u"cac:Item/cbc:Name" || r == u"ram:SpecifiedTradeProduct/ram:Name") {
        line.item = text;
    } else if (r == u"cac:Item/cac:SellersItemIdentification/cbc:ID"
        || r == u"ram:SpecifiedTradeProduct/ram:SellerAssignedID") {
        line.sellerItemId = text;
    } else if (r == u"cac:Item/cac:ClassifiedTaxCategory/cbc:ID"
        || r == u"ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode") {
        line.taxCategory = text;
    } else if (r == u"cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"
        || r == u"ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent") {
        line.taxPercent = number(f);
    } else if (r == u"cac:Price/cbc:PriceAmount"
        || r == u"ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount") {
        line.price = amount(f);
    } else if (r == u"cac:Price/cbc:BaseQuantity"
        || r == u"ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:BasisQuantity") {
        line.baseQuantity = number(f);
    }
}

void Reader::allowanceValue(const QString& r, const Frame& f)
{
    const QString text = f.text.trimmed();
    if (r == u"cbc:ChargeIndicator" || r == u"ram:ChargeIndicator/udt:Indicator") {
        if (text != u"true" && text != u"false")
            fail(QStringLiteral("'%1' is not true or false").arg(text.left(20)));
        m_ac.charge = text == u"true";
    } else if (r == u"cbc:Amount" || r == u"ram:ActualAmount") {
        m_ac.amount = amount(f);
    } else if (r == u"cbc:BaseAmount" || r == u"ram:BasisAmount") {
        m_ac.baseAmount = amount(f);
    } else if (r == u"cbc:MultiplierFactorNumeric" || r == u"ram:CalculationPercent") {
        m_ac.percent = number(f);
    } else if (r == u"cbc:AllowanceChargeReason" || r == u"ram:Reason") {
        m_ac.reason = text;
    } else if (r == u"cbc:AllowanceChargeReasonCode" || r == u"ram:ReasonCode") {
        m_ac.reasonCode = text;
    } else if (r == u"cac:TaxCategory/cbc:ID" || r == u"ram:CategoryTradeTax/ram:CategoryCode") {
        m_ac.taxCategory = text;
    } else if (r == u"cac:TaxCategory/cbc:Percent" || r == u"ram:CategoryTradeTax/ram:RateApplicablePercent") {
        m_ac.taxPercent = number(f);
    }
}

void Reader::subtotalValue(const QString& r, const Frame& f)
{
    if (r == u"cbc:TaxableAmount" || r == u"ram:BasisAmount")
        m_sub.taxableAmount = amount(f);
    else if (r == u"cbc:TaxAmount" || r == u"ram:CalculatedAmount")
        m_sub.taxAmount = amount(f);
    else if (r == u"cac:TaxCategory/cbc:ID" || r == u"ram:CategoryCode")
        m_sub.category = f.text.trimmed();
    else if (r == u"cac:TaxCategory/cbc:Percent" || r == u"ram:RateApplicablePercent")
        m_sub.percent = number(f);
}

// The business terms an audit cannot do without; everything else may be absent.
Status Reader::complete()
{
    const bool ubl = m_inv.syntax == u"ubl-2.1";
    auto missing = [&](const QString& element, const char* term, qint64 line = 0) {
        return Error(m_file, line, element, QStringLiteral("missing %1").arg(QLatin1String(term)));
    };
    if (m_inv.id.isEmpty())
        return missing(ubl ? QStringLiteral("cbc:ID") : QStringLiteral("rsm:ExchangedDocument/ram:ID"),
            "the invoice number (BT-1)");
    if (m_inv.issueDate == 0)
        return missing(
            ubl ? QStringLiteral("cbc:IssueDate") : QStringLiteral("ram:IssueDateTime"), "the issue date (BT-2)");
    if (m_inv.currency.isEmpty())
        return missing(ubl ? QStringLiteral("cbc:DocumentCurrencyCode") : QStringLiteral("ram:InvoiceCurrencyCode"),
            "the invoice currency (BT-5)");
    if (m_inv.lines.isEmpty())
        return missing(ubl ? QStringLiteral("cac:InvoiceLine") : QStringLiteral("ram:IncludedSupplyChainTradeLineItem"),
            "invoice lines (BG-25)");
    if ((m_inv.period.start == 0) != (m_inv.period.end == 0) || m_inv.period.end < m_inv.period.start)
        return Error(
            m_file, 0, QStringLiteral("invoice period"), QStringLiteral("needs a start and an end date, in order"));
    for (InvoiceLineItem& line : m_inv.lines) {
        const QString where = QStringLiteral("invoice line %1").arg(line.id);
        if (isMissing(line.quantity))
            return missing(where, "the invoiced quantity (BT-129)", line.sourceLine);
        if (isMissing(line.lineAmount))
            return missing(where, "the line net amount (BT-131)", line.sourceLine);
        if (isMissing(line.price))
            return missing(where, "the item net price (BT-146)", line.sourceLine);
        if (line.period.end < line.period.start)
            return Error(m_file, line.sourceLine, where, QStringLiteral("the line period ends before it starts"));
        if (line.resourceClass.isEmpty())
            line.resourceClass = line.sellerItemId;
    }
    for (const InvoiceAllowanceCharge& ac : std::as_const(m_inv.allowanceCharges))
        if (isMissing(ac.amount))
            return missing(QStringLiteral("allowance or charge"), "its amount (BT-92 / BT-99)");
    const InvoiceTotals& t = m_inv.totals;
    if (isMissing(t.lineExtension) || isMissing(t.taxExclusive) || isMissing(t.taxInclusive) || isMissing(t.payable))
        return missing(ubl ? QStringLiteral("cac:LegalMonetaryTotal")
                           : QStringLiteral("ram:SpecifiedTradeSettlementHeaderMonetarySummation"),
            "a document total (BT-106, BT-109, BT-112 and BT-115 are required)");
    for (const QString& c : std::as_const(m_amountCurrencies))
        if (c != m_inv.currency)
            m_inv.foreignAmountCurrencies.append(c);
    std::sort(m_inv.foreignAmountCurrencies.begin(), m_inv.foreignAmountCurrencies.end());
    return {};
}

} // namespace detail

Result<EInvoice> parseEInvoice(const QByteArray& xml, const QString& fileName, const EInvoiceLimits& limits)
{
    if (xml.size() > limits.maxBytes)
        return Error(fileName, 0, QString(),
            QStringLiteral("%1 bytes: an invoice larger than %2 bytes is refused")
                .arg(xml.size())
                .arg(limits.maxBytes));
    detail::Reader reader(xml, fileName, limits);
    return reader.run();
}

} // namespace capaudit
