// SPDX-License-Identifier: GPL-3.0-or-later
// EN 16931 invoices in UBL 2.1 and UN/CEFACT CII XML, read with QXmlStreamReader in one pass. Elements are keyed by
// namespace URI and local name ("cac:InvoiceLine" whatever prefix the file uses); values are picked by their path
// below the document, a line, an allowance/charge, a VAT breakdown or an item property (element maps in
// docs/formats.md and ../shared/reference/wave2-formats.md section 7).
#include "ingest/einvoicereader.h"
#include "util/timeutil.h"

#include <QDateTime>
#include <QRegularExpression>

#include <cmath>

namespace capaudit {

namespace {

QString prefixOf(QStringView uri)
{
    static const QList<QPair<QString, QString>> known {
        { QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"), QStringLiteral("inv") },
        { QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"), QStringLiteral("cn") },
        { QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"),
            QStringLiteral("cac") },
        { QStringLiteral("urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"),
            QStringLiteral("cbc") },
        { QStringLiteral("urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"), QStringLiteral("rsm") },
        { QStringLiteral("urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"),
            QStringLiteral("ram") },
        { QStringLiteral("urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"), QStringLiteral("udt") },
        { QStringLiteral("urn:un:unece:uncefact:data:standard:QualifiedDataType:100"), QStringLiteral("qdt") },
    };
    for (const auto& [u, p] : known)
        if (uri == u)
            return p;
    return QStringLiteral("?");
}

} // namespace

namespace detail {

Result<EInvoice> Reader::run()
{
    while (!m_xml.atEnd() && !m_error) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::DTD:
            fail(QStringLiteral("a DTD is refused: entity declarations could expand or fetch content"));
            break;
        case QXmlStreamReader::EntityReference:
            fail(QStringLiteral("entity reference '&%1;' refused").arg(m_xml.name()));
            break;
        case QXmlStreamReader::StartElement:
            start();
            break;
        case QXmlStreamReader::EndElement:
            end();
            break;
        case QXmlStreamReader::Characters:
            if (!m_stack.isEmpty()) {
                Frame& f = m_stack.last();
                if (f.text.size() + m_xml.text().size() > m_limits.maxTextLength)
                    fail(QStringLiteral("text longer than %1 characters").arg(m_limits.maxTextLength));
                else
                    f.text += m_xml.text();
            }
            break;
        default:
            break;
        }
    }
    if (m_error)
        return *m_error;
    if (m_xml.hasError())
        return error(QStringLiteral("not well-formed XML: %1").arg(m_xml.errorString()));
    if (Status s = complete(); !s)
        return s.error();
    return m_inv;
}

void Reader::start()
{
    if (++m_elements > m_limits.maxElements) {
        fail(QStringLiteral("more than %1 elements").arg(m_limits.maxElements));
        return;
    }
    if (m_stack.size() >= m_limits.maxDepth) {
        fail(QStringLiteral("elements nested deeper than %1").arg(m_limits.maxDepth));
        return;
    }
    Frame f;
    f.key = prefixOf(m_xml.namespaceUri()) + QLatin1Char(':') + m_xml.name().toString();
    f.line = m_xml.lineNumber();
    const QXmlStreamAttributes attrs = m_xml.attributes();
    f.currencyId = attrs.value(QLatin1String("currencyID")).toString();
    f.unitCode = attrs.value(QLatin1String("unitCode")).toString();
    f.format = attrs.value(QLatin1String("format")).toString();
    if (m_stack.isEmpty()) {
        m_stack.append(f);
        root();
        m_stack.last().key = QStringLiteral("doc");
        return;
    }
    m_stack.append(f);
    const qsizetype depth = m_stack.size() - 1;
    const QString parent = m_stack.at(depth - 1).key;
    const bool ubl = m_inv.syntax == u"ubl-2.1";
    if (m_lineDepth < 0
        && ((ubl && depth == 1 && (f.key == u"cac:InvoiceLine" || f.key == u"cac:CreditNoteLine"))
            || (!ubl && depth == 2 && f.key == u"ram:IncludedSupplyChainTradeLineItem"))) {
        if (m_inv.lines.size() >= m_limits.maxLines) {
            fail(QStringLiteral("more than %1 invoice lines").arg(m_limits.maxLines));
            return;
        }
        m_lineDepth = depth;
        m_inv.lines.append(InvoiceLineItem {});
        m_inv.lines.last().sourceLine = f.line;
    } else if (m_acDepth < 0
        && ((f.key == u"cac:AllowanceCharge" && parent != u"cac:Price")
            || f.key == u"ram:SpecifiedTradeAllowanceCharge")) {
        m_acDepth = depth;
        m_ac = {};
    } else if (m_lineDepth < 0 && m_subDepth < 0
        && ((ubl && f.key == u"cac:TaxSubtotal" && depth == 2)
            || (!ubl && f.key == u"ram:ApplicableTradeTax" && parent == u"ram:ApplicableHeaderTradeSettlement"))) {
        m_subDepth = depth;
        m_sub = {};
    } else if (m_lineDepth >= 0 && m_propDepth < 0
        && (f.key == u"cac:AdditionalItemProperty" || f.key == u"ram:ApplicableProductCharacteristic")) {
        m_propDepth = depth;
        m_propName.clear();
        m_propValue.clear();
    }
}

void Reader::root()
{
    const QStringView ns = m_xml.namespaceUri();
    const QStringView name = m_xml.name();
    const QString prefix = prefixOf(ns);
    if (prefix == u"inv" && name == u"Invoice") {
        m_inv.syntax = QStringLiteral("ubl-2.1");
    } else if (prefix == u"cn" && name == u"CreditNote") {
        m_inv.syntax = QStringLiteral("ubl-2.1");
        m_inv.creditNote = true;
    } else if (prefix == u"rsm" && name == u"CrossIndustryInvoice") {
        m_inv.syntax = QStringLiteral("cii-d16b");
    } else {
        fail(QStringLiteral("root element {%1}%2 is not a UBL 2.1 Invoice or CreditNote or a CII CrossIndustryInvoice")
                 .arg(ns, name));
    }
}

void Reader::end()
{
    if (m_stack.isEmpty())
        return;
    const qsizetype depth = m_stack.size() - 1;
    const Frame& f = m_stack.last();
    auto rel = [&](qsizetype below) { return pathBelow(below + 1); };
    if (depth == m_propDepth) {
        const QString key = m_propName.trimmed().toLower();
        InvoiceLineItem& line = m_inv.lines.last();
        if (key == u"resource-class")
            line.resourceClass = m_propValue.trimmed();
        else if (key == u"tenant")
            line.tenant = m_propValue.trimmed();
        m_propDepth = -1;
    } else if (m_propDepth >= 0) {
        const QString r = rel(m_propDepth);
        if (r == u"cbc:Name" || r == u"ram:Description")
            m_propName = f.text;
        else if (r == u"cbc:Value" || r == u"ram:Value")
            m_propValue = f.text;
    } else if (depth == m_acDepth) {
        if (m_lineDepth >= 0)
            m_inv.lines.last().allowanceCharges.append(m_ac);
        else
            m_inv.allowanceCharges.append(m_ac);
        m_acDepth = -1;
    } else if (m_acDepth >= 0) {
        allowanceValue(rel(m_acDepth), f);
    } else if (depth == m_subDepth) {
        m_inv.taxSubtotals.append(m_sub);
        m_subDepth = -1;
    } else if (m_subDepth >= 0) {
        subtotalValue(rel(m_subDepth), f);
    } else if (depth == m_lineDepth) {
        m_lineDepth = -1;
    } else if (m_lineDepth >= 0) {
        lineValue(rel(m_lineDepth), f);
    } else if (depth > 0) {
        document(pathBelow(1), f);
    }
    m_stack.removeLast();
}

double Reader::number(const Frame& f)
{
    static const QRegularExpression re(QStringLiteral("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$"));
    const QString text = f.text.trimmed();
    if (!re.match(text).hasMatch()) {
        fail(QStringLiteral("'%1' is not a decimal number").arg(text.left(40)));
        return kMissing;
    }
    const double v = text.toDouble();
    if (!std::isfinite(v) || std::abs(v) > 1e15) {
        // Beyond any invoice and beyond what a double holds to the cent.
        fail(QStringLiteral("'%1' is out of range").arg(text.left(40)));
        return kMissing;
    }
    return v;
}

double Reader::amount(const Frame& f)
{
    if (!f.currencyId.isEmpty())
        m_amountCurrencies.insert(f.currencyId);
    return number(f);
}

qint64 Reader::date(const Frame& f, bool endOfDay)
{
    const QString text = f.text.trimmed();
    QDate d;
    if (m_inv.syntax == u"cii-d16b") {
        if (!f.format.isEmpty() && f.format != u"102") {
            fail(QStringLiteral("date format '%1' is not 102 (YYYYMMDD)").arg(f.format));
            return 0;
        }
        d = QDate::fromString(text, QStringLiteral("yyyyMMdd"));
    } else {
        d = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    }
    if (!d.isValid()) {
        fail(QStringLiteral("'%1' is not a date").arg(text.left(40)));
        return 0;
    }
    // Periods are half-open here: an EndDate names the last day invoiced, so its end is the next midnight.
    return QDateTime(endOfDay ? d.addDays(1) : d, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

void Reader::party(InvoiceParty& p, const QString& r, const QString& text)
{
    const QString t = text.trimmed();
    if (r == u"cac:PartyLegalEntity/cbc:RegistrationName" || r == u"ram:Name")
        p.name = t;
    else if (r == u"cac:PartyName/cbc:Name" && p.name.isEmpty())
        p.name = t;
    else if ((r == u"cbc:EndpointID" || r == u"cac:PartyIdentification/cbc:ID" || r == u"ram:ID" || r == u"ram:GlobalID"
                 || r == u"ram:SpecifiedLegalOrganization/ram:ID")
        && p.id.isEmpty())
        p.id = t;
    else if (r == u"cac:PartyTaxScheme/cbc:CompanyID" || r == u"ram:SpecifiedTaxRegistration/ram:ID")
        p.vatId = p.vatId.isEmpty() ? t : p.vatId;
    else if (r == u"cac:PostalAddress/cac:Country/cbc:IdentificationCode"
        || r == u"ram:PostalTradeAddress/ram:CountryID")
        p.country = t;
}

} // namespace detail
} // namespace capaudit
