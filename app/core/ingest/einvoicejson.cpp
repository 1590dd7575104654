// SPDX-License-Identifier: GPL-3.0-or-later
// The parsed invoice as stored in invoices.document_json: every business term CapAudit reads, so the checks rebuild
// the document without the XML, and verify-case's rows digest covers all of it.
#include "ingest/einvoice.h"

#include <QJsonArray>

namespace capaudit {

namespace {

void put(QJsonObject& o, const char* key, double v)
{
    if (!isMissing(v))
        o.insert(QLatin1String(key), v);
}

void put(QJsonObject& o, const char* key, const QString& v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), v);
}

double num(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : kMissing;
}

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject partyJson(const InvoiceParty& p)
{
    QJsonObject o;
    put(o, "name", p.name);
    put(o, "id", p.id);
    put(o, "vatId", p.vatId);
    put(o, "country", p.country);
    return o;
}

InvoiceParty partyFrom(const QJsonObject& o)
{
    return { str(o, "name"), str(o, "id"), str(o, "vatId"), str(o, "country") };
}

QJsonArray allowancesJson(const QList<InvoiceAllowanceCharge>& list)
{
    QJsonArray out;
    for (const InvoiceAllowanceCharge& ac : list) {
        QJsonObject o { { QStringLiteral("charge"), ac.charge } };
        put(o, "amount", ac.amount);
        put(o, "baseAmount", ac.baseAmount);
        put(o, "percent", ac.percent);
        put(o, "reason", ac.reason);
        put(o, "reasonCode", ac.reasonCode);
        put(o, "taxCategory", ac.taxCategory);
        put(o, "taxPercent", ac.taxPercent);
        out.append(o);
    }
    return out;
}

QList<InvoiceAllowanceCharge> allowancesFrom(const QJsonArray& array)
{
    QList<InvoiceAllowanceCharge> out;
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        out.append({ o.value(QStringLiteral("charge")).toBool(), num(o, "amount"), num(o, "baseAmount"),
            num(o, "percent"), str(o, "reason"), str(o, "reasonCode"), str(o, "taxCategory"), num(o, "taxPercent") });
    }
    return out;
}

void putPeriod(QJsonObject& o, const Period& p)
{
    if (p.end > p.start) {
        o.insert(QStringLiteral("start"), double(p.start));
        o.insert(QStringLiteral("end"), double(p.end));
    }
}

Period periodFrom(const QJsonObject& o)
{
    return { qint64(o.value(QStringLiteral("start")).toDouble()), qint64(o.value(QStringLiteral("end")).toDouble()) };
}

} // namespace

QJsonObject einvoiceToJson(const EInvoice& inv)
{
    QJsonObject o { { QStringLiteral("syntax"), inv.syntax }, { QStringLiteral("creditNote"), inv.creditNote },
        { QStringLiteral("id"), inv.id }, { QStringLiteral("issueDate"), double(inv.issueDate) },
        { QStringLiteral("currency"), inv.currency }, { QStringLiteral("seller"), partyJson(inv.seller) },
        { QStringLiteral("buyer"), partyJson(inv.buyer) } };
    put(o, "typeCode", inv.typeCode);
    putPeriod(o, inv.period);
    if (!inv.precedingInvoices.isEmpty())
        o.insert(QStringLiteral("precedingInvoices"), QJsonArray::fromStringList(inv.precedingInvoices));
    if (!inv.foreignAmountCurrencies.isEmpty())
        o.insert(QStringLiteral("foreignAmountCurrencies"), QJsonArray::fromStringList(inv.foreignAmountCurrencies));
    QJsonArray lines;
    for (const InvoiceLineItem& l : inv.lines) {
        QJsonObject j { { QStringLiteral("id"), l.id }, { QStringLiteral("sourceLine"), double(l.sourceLine) } };
        put(j, "item", l.item);
        put(j, "sellerItemId", l.sellerItemId);
        put(j, "resourceClass", l.resourceClass);
        put(j, "tenant", l.tenant);
        put(j, "quantity", l.quantity);
        put(j, "unitCode", l.unitCode);
        put(j, "price", l.price);
        put(j, "baseQuantity", l.baseQuantity);
        put(j, "lineAmount", l.lineAmount);
        put(j, "taxCategory", l.taxCategory);
        put(j, "taxPercent", l.taxPercent);
        putPeriod(j, l.period);
        if (!l.allowanceCharges.isEmpty())
            j.insert(QStringLiteral("allowanceCharges"), allowancesJson(l.allowanceCharges));
        lines.append(j);
    }
    o.insert(QStringLiteral("lines"), lines);
    if (!inv.allowanceCharges.isEmpty())
        o.insert(QStringLiteral("allowanceCharges"), allowancesJson(inv.allowanceCharges));
    QJsonArray taxes;
    for (const InvoiceTaxSubtotal& s : inv.taxSubtotals) {
        QJsonObject j;
        put(j, "taxableAmount", s.taxableAmount);
        put(j, "taxAmount", s.taxAmount);
        put(j, "percent", s.percent);
        put(j, "category", s.category);
        taxes.append(j);
    }
    if (!taxes.isEmpty())
        o.insert(QStringLiteral("taxSubtotals"), taxes);
    QJsonObject t;
    put(t, "lineExtension", inv.totals.lineExtension);
    put(t, "allowanceTotal", inv.totals.allowanceTotal);
    put(t, "chargeTotal", inv.totals.chargeTotal);
    put(t, "taxExclusive", inv.totals.taxExclusive);
    put(t, "taxTotal", inv.totals.taxTotal);
    put(t, "taxInclusive", inv.totals.taxInclusive);
    put(t, "prepaid", inv.totals.prepaid);
    put(t, "rounding", inv.totals.rounding);
    put(t, "payable", inv.totals.payable);
    o.insert(QStringLiteral("totals"), t);
    return o;
}

EInvoice einvoiceFromJson(const QJsonObject& o)
{
    EInvoice inv;
    inv.syntax = str(o, "syntax");
    inv.creditNote = o.value(QStringLiteral("creditNote")).toBool();
    inv.typeCode = str(o, "typeCode");
    inv.id = str(o, "id");
    inv.issueDate = qint64(o.value(QStringLiteral("issueDate")).toDouble());
    inv.currency = str(o, "currency");
    inv.period = periodFrom(o);
    inv.seller = partyFrom(o.value(QStringLiteral("seller")).toObject());
    inv.buyer = partyFrom(o.value(QStringLiteral("buyer")).toObject());
    for (const QJsonValue& v : o.value(QStringLiteral("precedingInvoices")).toArray())
        inv.precedingInvoices.append(v.toString());
    for (const QJsonValue& v : o.value(QStringLiteral("foreignAmountCurrencies")).toArray())
        inv.foreignAmountCurrencies.append(v.toString());
    for (const QJsonValue& v : o.value(QStringLiteral("lines")).toArray()) {
        const QJsonObject j = v.toObject();
        InvoiceLineItem l;
        l.id = str(j, "id");
        l.sourceLine = qint64(j.value(QStringLiteral("sourceLine")).toDouble());
        l.item = str(j, "item");
        l.sellerItemId = str(j, "sellerItemId");
        l.resourceClass = str(j, "resourceClass");
        l.tenant = str(j, "tenant");
        l.quantity = num(j, "quantity");
        l.unitCode = str(j, "unitCode");
        l.price = num(j, "price");
        l.baseQuantity = num(j, "baseQuantity");
        l.lineAmount = num(j, "lineAmount");
        l.taxCategory = str(j, "taxCategory");
        l.taxPercent = num(j, "taxPercent");
        l.period = periodFrom(j);
        l.allowanceCharges = allowancesFrom(j.value(QStringLiteral("allowanceCharges")).toArray());
        inv.lines.append(l);
    }
    inv.allowanceCharges = allowancesFrom(o.value(QStringLiteral("allowanceCharges")).toArray());
    for (const QJsonValue& v : o.value(QStringLiteral("taxSubtotals")).toArray()) {
        const QJsonObject j = v.toObject();
        inv.taxSubtotals.append(
            { num(j, "taxableAmount"), num(j, "taxAmount"), num(j, "percent"), str(j, "category") });
    }
    const QJsonObject t = o.value(QStringLiteral("totals")).toObject();
    inv.totals = { num(t, "lineExtension"), num(t, "allowanceTotal"), num(t, "chargeTotal"), num(t, "taxExclusive"),
        num(t, "taxTotal"), num(t, "taxInclusive"), num(t, "prepaid"), num(t, "rounding"), num(t, "payable") };
    return inv;
}

} // namespace capaudit
