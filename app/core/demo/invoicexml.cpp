// SPDX-License-Identifier: GPL-3.0-or-later
// The demo invoices as EN 16931 XML (UBL 2.1 and CII, element maps in docs/formats.md) and as a small PDF rendition.
// One VAT category (S, the invoice's rate) over the whole taxable amount, so every EN 16931 arithmetic rule holds.
#include "demo/demoformat.h"
#include "demo/invoicewriter.h"

#include <QDateTime>
#include <QXmlStreamWriter>

#include <cmath>

namespace capaudit::demo {

namespace {

const QString kCac = QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");
const QString kCbc = QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
const QString kRsm = QStringLiteral("urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100");
const QString kRam =
    QStringLiteral("urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
const QString kUdt = QStringLiteral("urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");

QString money(double v)
{
    return QString::number(v, 'f', 2);
}

QString quantity(double v)
{
    return QString::fromLatin1(decimalText(v, 3));
}

QString date(qint64 t, const char* format)
{
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(QLatin1String(format));
}

class Ubl {
public:
    explicit Ubl(QByteArray& out)
        : m_w(&out)
    {
        m_w.setAutoFormatting(true);
    }

    void write(const DemoInvoice& inv)
    {
        m_w.writeStartDocument();
        m_w.writeDefaultNamespace(QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"));
        m_w.writeNamespace(kCac, QStringLiteral("cac"));
        m_w.writeNamespace(kCbc, QStringLiteral("cbc"));
        m_w.writeStartElement(
            QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"), QStringLiteral("Invoice"));
        cbc("CustomizationID", QStringLiteral("urn:cen.eu:en16931:2017"));
        cbc("ID", inv.id);
        cbc("IssueDate", date(inv.issueDate, "yyyy-MM-dd"));
        cbc("InvoiceTypeCode", QStringLiteral("380"));
        cbc("DocumentCurrencyCode", inv.currency);
        period(inv.periodStart, inv.periodEnd);
        party("AccountingSupplierParty", inv.seller, inv.sellerVat, inv.sellerCountry);
        party("AccountingCustomerParty", inv.buyer, QString(), QString());
        if (inv.credit > 0) {
            cac("AllowanceCharge");
            cbc("ChargeIndicator", QStringLiteral("false"));
            cbc("AllowanceChargeReasonCode", QStringLiteral("95"));
            cbc("AllowanceChargeReason", QStringLiteral("SLA credit"));
            amount("Amount", inv.credit, inv.currency);
            taxCategory("TaxCategory", inv.vatPercent);
            m_w.writeEndElement();
        }
        cac("TaxTotal");
        amount("TaxAmount", inv.vat(), inv.currency);
        cac("TaxSubtotal");
        amount("TaxableAmount", inv.taxExclusive(), inv.currency);
        amount("TaxAmount", inv.vat(), inv.currency);
        taxCategory("TaxCategory", inv.vatPercent);
        m_w.writeEndElement();
        m_w.writeEndElement();
        cac("LegalMonetaryTotal");
        amount("LineExtensionAmount", inv.lineTotal(), inv.currency);
        amount("TaxExclusiveAmount", inv.taxExclusive(), inv.currency);
        amount("TaxInclusiveAmount", inv.taxExclusive() + inv.vat(), inv.currency);
        if (inv.credit > 0)
            amount("AllowanceTotalAmount", inv.credit, inv.currency);
        amount("PayableAmount", inv.taxExclusive() + inv.vat(), inv.currency);
        m_w.writeEndElement();
        for (const DemoInvoiceLine& l : inv.lines) {
            cac("InvoiceLine");
            cbc("ID", l.id);
            m_w.writeStartElement(kCbc, QStringLiteral("InvoicedQuantity"));
            m_w.writeAttribute(QStringLiteral("unitCode"), QStringLiteral("HUR"));
            m_w.writeCharacters(quantity(l.quantity));
            m_w.writeEndElement();
            amount("LineExtensionAmount", l.amount, inv.currency);
            period(l.start, l.end);
            cac("Item");
            cbc("Name", l.item);
            taxCategory("ClassifiedTaxCategory", inv.vatPercent);
            cac("AdditionalItemProperty");
            cbc("Name", QStringLiteral("resource-class"));
            cbc("Value", l.resourceClass);
            m_w.writeEndElement();
            m_w.writeEndElement();
            cac("Price");
            amount("PriceAmount", l.price, inv.currency, 4);
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        m_w.writeEndElement();
        m_w.writeEndDocument();
    }

private:
    void cbc(const char* name, const QString& text)
    {
        m_w.writeTextElement(kCbc, QLatin1String(name), text);
    }
    void cac(const char* name)
    {
        m_w.writeStartElement(kCac, QLatin1String(name));
    }
    void amount(const char* name, double v, const QString& currency, int decimals = 2)
    {
        m_w.writeStartElement(kCbc, QLatin1String(name));
        m_w.writeAttribute(QStringLiteral("currencyID"), currency);
        m_w.writeCharacters(decimals == 2 ? money(v) : QString::fromLatin1(decimalText(v, decimals)));
        m_w.writeEndElement();
    }
    void period(qint64 start, qint64 end)
    {
        cac("InvoicePeriod");
        cbc("StartDate", date(start, "yyyy-MM-dd"));
        cbc("EndDate", date(end - 86400, "yyyy-MM-dd")); // EN 16931 end dates are inclusive
        m_w.writeEndElement();
    }
    void party(const char* role, const QString& name, const QString& vat, const QString& country)
    {
        cac(role);
        cac("Party");
        if (!country.isEmpty()) {
            cac("PostalAddress");
            cac("Country");
            cbc("IdentificationCode", country);
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        if (!vat.isEmpty()) {
            cac("PartyTaxScheme");
            cbc("CompanyID", vat);
            cac("TaxScheme");
            cbc("ID", QStringLiteral("VAT"));
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        cac("PartyLegalEntity");
        cbc("RegistrationName", name);
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeEndElement();
    }
    void taxCategory(const char* element, double percent)
    {
        cac(element);
        cbc("ID", QStringLiteral("S"));
        cbc("Percent", QString::fromLatin1(decimalText(percent, 2)));
        cac("TaxScheme");
        cbc("ID", QStringLiteral("VAT"));
        m_w.writeEndElement();
        m_w.writeEndElement();
    }

    QXmlStreamWriter m_w;
};

class Cii {
public:
    explicit Cii(QByteArray& out)
        : m_w(&out)
    {
        m_w.setAutoFormatting(true);
    }

    void write(const DemoInvoice& inv)
    {
        m_w.writeStartDocument();
        m_w.writeNamespace(kRsm, QStringLiteral("rsm"));
        m_w.writeNamespace(kRam, QStringLiteral("ram"));
        m_w.writeNamespace(kUdt, QStringLiteral("udt"));
        m_w.writeStartElement(kRsm, QStringLiteral("CrossIndustryInvoice"));
        m_w.writeStartElement(kRsm, QStringLiteral("ExchangedDocumentContext"));
        open("GuidelineSpecifiedDocumentContextParameter");
        ram("ID", QStringLiteral("urn:cen.eu:en16931:2017"));
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeStartElement(kRsm, QStringLiteral("ExchangedDocument"));
        ram("ID", inv.id);
        ram("TypeCode", QStringLiteral("380"));
        open("IssueDateTime");
        dateTime(inv.issueDate);
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeStartElement(kRsm, QStringLiteral("SupplyChainTradeTransaction"));
        for (const DemoInvoiceLine& l : inv.lines) {
            open("IncludedSupplyChainTradeLineItem");
            open("AssociatedDocumentLineDocument");
            ram("LineID", l.id);
            m_w.writeEndElement();
            open("SpecifiedTradeProduct");
            ram("Name", l.item);
            open("ApplicableProductCharacteristic");
            ram("Description", QStringLiteral("resource-class"));
            ram("Value", l.resourceClass);
            m_w.writeEndElement();
            m_w.writeEndElement();
            open("SpecifiedLineTradeAgreement");
            open("NetPriceProductTradePrice");
            ram("ChargeAmount", QString::fromLatin1(decimalText(l.price, 4)));
            m_w.writeEndElement();
            m_w.writeEndElement();
            open("SpecifiedLineTradeDelivery");
            m_w.writeStartElement(kRam, QStringLiteral("BilledQuantity"));
            m_w.writeAttribute(QStringLiteral("unitCode"), QStringLiteral("HUR"));
            m_w.writeCharacters(quantity(l.quantity));
            m_w.writeEndElement();
            m_w.writeEndElement();
            open("SpecifiedLineTradeSettlement");
            tax(inv.vatPercent, std::nan(""), std::nan(""));
            period(l.start, l.end);
            open("SpecifiedTradeSettlementLineMonetarySummation");
            ram("LineTotalAmount", money(l.amount));
            m_w.writeEndElement();
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        open("ApplicableHeaderTradeAgreement");
        open("SellerTradeParty");
        ram("Name", inv.seller);
        open("PostalTradeAddress");
        ram("CountryID", inv.sellerCountry);
        m_w.writeEndElement();
        open("SpecifiedTaxRegistration");
        ram("ID", inv.sellerVat);
        m_w.writeEndElement();
        m_w.writeEndElement();
        open("BuyerTradeParty");
        ram("Name", inv.buyer);
        m_w.writeEndElement();
        m_w.writeEndElement();
        open("ApplicableHeaderTradeDelivery");
        m_w.writeEndElement();
        open("ApplicableHeaderTradeSettlement");
        ram("InvoiceCurrencyCode", inv.currency);
        tax(inv.vatPercent, inv.taxExclusive(), inv.vat());
        period(inv.periodStart, inv.periodEnd);
        if (inv.credit > 0) {
            open("SpecifiedTradeAllowanceCharge");
            open("ChargeIndicator");
            m_w.writeTextElement(kUdt, QStringLiteral("Indicator"), QStringLiteral("false"));
            m_w.writeEndElement();
            ram("ActualAmount", money(inv.credit));
            ram("ReasonCode", QStringLiteral("95"));
            ram("Reason", QStringLiteral("SLA credit"));
            open("CategoryTradeTax");
            ram("TypeCode", QStringLiteral("VAT"));
            ram("CategoryCode", QStringLiteral("S"));
            ram("RateApplicablePercent", QString::fromLatin1(decimalText(inv.vatPercent, 2)));
            m_w.writeEndElement();
            m_w.writeEndElement();
        }
        open("SpecifiedTradeSettlementHeaderMonetarySummation");
        ram("LineTotalAmount", money(inv.lineTotal()));
        if (inv.credit > 0)
            ram("AllowanceTotalAmount", money(inv.credit));
        ram("TaxBasisTotalAmount", money(inv.taxExclusive()));
        m_w.writeStartElement(kRam, QStringLiteral("TaxTotalAmount"));
        m_w.writeAttribute(QStringLiteral("currencyID"), inv.currency);
        m_w.writeCharacters(money(inv.vat()));
        m_w.writeEndElement();
        ram("GrandTotalAmount", money(inv.taxExclusive() + inv.vat()));
        ram("DuePayableAmount", money(inv.taxExclusive() + inv.vat()));
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeEndElement();
        m_w.writeEndDocument();
    }

private:
    void open(const char* name)
    {
        m_w.writeStartElement(kRam, QLatin1String(name));
    }
    void ram(const char* name, const QString& text)
    {
        m_w.writeTextElement(kRam, QLatin1String(name), text);
    }
    void dateTime(qint64 t)
    {
        m_w.writeStartElement(kUdt, QStringLiteral("DateTimeString"));
        m_w.writeAttribute(QStringLiteral("format"), QStringLiteral("102"));
        m_w.writeCharacters(date(t, "yyyyMMdd"));
        m_w.writeEndElement();
    }
    void period(qint64 start, qint64 end)
    {
        open("BillingSpecifiedPeriod");
        open("StartDateTime");
        dateTime(start);
        m_w.writeEndElement();
        open("EndDateTime");
        dateTime(end - 86400);
        m_w.writeEndElement();
        m_w.writeEndElement();
    }
    void tax(double percent, double basis, double calculated)
    {
        open("ApplicableTradeTax");
        if (!std::isnan(calculated))
            ram("CalculatedAmount", money(calculated));
        ram("TypeCode", QStringLiteral("VAT"));
        if (!std::isnan(basis))
            ram("BasisAmount", money(basis));
        ram("CategoryCode", QStringLiteral("S"));
        ram("RateApplicablePercent", QString::fromLatin1(decimalText(percent, 2)));
        m_w.writeEndElement();
    }

    QXmlStreamWriter m_w;
};

} // namespace

QByteArray invoiceXml(const DemoInvoice& invoice)
{
    QByteArray out;
    if (invoice.syntax == u"cii-d16b")
        Cii(out).write(invoice);
    else
        Ubl(out).write(invoice);
    return out;
}

// PDF 1.4 with one page of Helvetica text: enough for a reader to open, never parsed by CapAudit.
QByteArray invoicePdf(const DemoInvoice& invoice)
{
    QStringList text { QStringLiteral("Invoice %1").arg(invoice.id), invoice.seller,
        QStringLiteral("to %1").arg(invoice.buyer),
        QStringLiteral("Period %1 - %2")
            .arg(date(invoice.periodStart, "yyyy-MM-dd"), date(invoice.periodEnd - 86400, "yyyy-MM-dd")) };
    for (const DemoInvoiceLine& l : invoice.lines)
        text.append(
            QStringLiteral("%1  %2 x %3 = %4 %5")
                .arg(l.item, quantity(l.quantity), QString::number(l.price), money(l.amount), invoice.currency));
    text.append(QStringLiteral("Total due %1 %2").arg(money(invoice.taxExclusive() + invoice.vat()), invoice.currency));
    QByteArray content = "BT /F1 10 Tf 50 800 Td 14 TL\n";
    for (const QString& line : std::as_const(text)) {
        QByteArray t = line.toLatin1();
        t.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        content += "(" + t + ") Tj T*\n";
    }
    content += "ET\n";
    const QList<QByteArray> objects {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
        ">>",
        "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype offset : std::as_const(offsets))
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n"
        + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace capaudit::demo
