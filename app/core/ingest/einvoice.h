// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace capaudit {

// An EN 16931 invoice or credit note as read from UBL 2.1 or UN/CEFACT CII XML (docs/formats.md, "Invoice").
// Amounts are decimal numbers as written (kMissing when the element is absent); a credit note keeps its positive
// amounts and says so in creditNote, so the arithmetic rules read what the document states.
struct InvoiceParty {
    QString name; // legal registration name, else the trading name
    QString id; // endpoint, party identifier or global id
    QString vatId;
    QString country;
};

// BG-20/BG-21 (document level) and BG-27/BG-28 (line level).
struct InvoiceAllowanceCharge {
    bool charge = false; // false: allowance
    double amount = kMissing;
    double baseAmount = kMissing;
    double percent = kMissing;
    QString reason;
    QString reasonCode;
    QString taxCategory;
    double taxPercent = kMissing;
};

struct InvoiceLineItem {
    QString id; // BT-126
    qint64 sourceLine = 0; // XML line of the line element, for evidence
    QString item; // BT-153 item name
    QString sellerItemId; // BT-155
    // CapAudit's join keys: item properties (BT-160/161) named "resource-class" and "tenant"; the resource class
    // falls back to the seller's item id.
    QString resourceClass;
    QString tenant;
    double quantity = kMissing; // BT-129
    QString unitCode; // BT-130 (UN/ECE Rec 20: HUR = hour)
    double price = kMissing; // BT-146 net price
    double baseQuantity = kMissing; // BT-149
    double lineAmount = kMissing; // BT-131 line net amount
    QList<InvoiceAllowanceCharge> allowanceCharges;
    Period period; // BG-26, half-open ({0, 0} when absent)
    QString taxCategory;
    double taxPercent = kMissing;
};

struct InvoiceTaxSubtotal {
    double taxableAmount = kMissing; // BT-116
    double taxAmount = kMissing; // BT-117
    double percent = kMissing; // BT-119
    QString category; // BT-118
};

struct InvoiceTotals {
    double lineExtension = kMissing; // BT-106
    double allowanceTotal = kMissing; // BT-107
    double chargeTotal = kMissing; // BT-108
    double taxExclusive = kMissing; // BT-109
    double taxTotal = kMissing; // BT-110
    double taxInclusive = kMissing; // BT-112
    double prepaid = kMissing; // BT-113
    double rounding = kMissing; // BT-114
    double payable = kMissing; // BT-115
};

struct EInvoice {
    QString syntax; // "ubl-2.1" | "cii-d16b"
    bool creditNote = false; // UBL CreditNote, or type code 381 / 261 / 396 / 532
    QString typeCode; // BT-3
    QString id; // BT-1
    qint64 issueDate = 0; // BT-2, Unix seconds at 00:00 UTC
    QString currency; // BT-5
    Period period; // BG-14, half-open (the EndDate's day included); {0, 0} when absent
    InvoiceParty seller, buyer;
    QStringList precedingInvoices; // BT-25: the invoices a credit note corrects
    QList<InvoiceLineItem> lines;
    QList<InvoiceAllowanceCharge> allowanceCharges; // document level
    QList<InvoiceTaxSubtotal> taxSubtotals;
    InvoiceTotals totals;
    QStringList foreignAmountCurrencies; // currencyID attributes other than BT-5 on amounts (BT-111 excepted)

    // Signed factor for amounts in reconciliation: -1 for a credit note.
    double sign() const
    {
        return creditNote ? -1.0 : 1.0;
    }
};

struct EInvoiceLimits {
    qint64 maxBytes = 16 * 1024 * 1024;
    int maxDepth = 48;
    qint64 maxElements = 2'000'000;
    int maxLines = 100'000;
    qint64 maxTextLength = 64 * 1024;
};

// Reads XML as the EN 16931 syntax it declares by its root element (UBL Invoice, UBL CreditNote, CII
// CrossIndustryInvoice). Hostile input is refused, never expanded: any DTD (so no entity declarations, internal or
// external), unresolved entity references, documents above the size, depth or element limits. Elements are matched by
// namespace URI and local name, never by prefix. Errors name FILENAME, the XML line, the element path and the reason.
Result<EInvoice> parseEInvoice(const QByteArray& xml, const QString& fileName, const EInvoiceLimits& limits = {});

// A breach of an EN 16931 arithmetic rule (BR-CO-10 ... BR-CO-17, BR-27, and the line net amount of Peppol
// PEPPOL-EN16931-R120), as the CEN schematron states it: stated value vs the value recomputed and rounded to 2
// decimals.
struct ArithmeticBreach {
    QString rule; // "BR-CO-10"
    QString subject; // "document", "line 2", "VAT subtotal S 19"
    double stated = kMissing;
    double computed = kMissing;
    QString statement; // what the rule says
};

QList<ArithmeticBreach> checkEn16931Arithmetic(const EInvoice& invoice);

// The stored form (invoices.document_json) and back.
QJsonObject einvoiceToJson(const EInvoice& invoice);
EInvoice einvoiceFromJson(const QJsonObject& json);

// XPath round(x * 100) div 100: halves round toward +infinity, as the schematron bindings compute.
double roundCents(double value);

} // namespace capaudit
