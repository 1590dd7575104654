// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The demo bank's EN 16931 invoices (issue 18): one per provider and month beside the FOCUS file, UBL 2.1 (the last
// provider's first invoice in CII), with a PDF rendition, and the invoice faults (double-invoiced week, missing SLA
// credit, invoiced above delivery).
#include "demo/focuswriter.h"

#include <QByteArray>

namespace capaudit::demo {

struct DemoInvoiceLine {
    QString id;
    QString item;
    QString resourceClass;
    qint64 start = 0, end = 0; // half-open, whole days
    double quantity = 0; // unit-hours, 3 decimals
    double price = 0; // contracted unit price
    double amount = 0; // quantity x price, rounded to the cent
};

struct DemoInvoice {
    QString id;
    QString syntax = QStringLiteral("ubl-2.1"); // or "cii-d16b"
    qint64 issueDate = 0;
    qint64 periodStart = 0, periodEnd = 0; // the calendar month, half-open
    QString currency;
    QString seller, sellerVat, sellerCountry, buyer;
    QList<DemoInvoiceLine> lines;
    double credit = 0; // document-level allowance: the SLA credit owed
    double vatPercent = 19;

    double lineTotal() const;
    double taxExclusive() const;
    double vat() const;
};

// Ground truth of the invoice faults (docs/demo.md), summed over invoices; periods are half-open Unix seconds.
struct InvoiceFaultTruth {
    double doubleAmount = 0, doubleQuantity = 0;
    qint64 doubleStart = 0, doubleEnd = 0;
    double aboveExcessQuantity = 0, aboveAmount = 0;
    qint64 aboveStart = 0, aboveEnd = 0; // the invoice period within the contract
    double missingCredit = 0, missingCreditInvoiced = 0;
    qint64 missingCreditStart = 0, missingCreditEnd = 0;
};

// The invoice for INV's month: per resource class and week of the month's demo days, the honest allocated unit-hours
// at the contracted price; the SLA breach provider credits its SLA credit as a document allowance. FIRST: the
// provider's first invoice (where the faults sit).
DemoInvoice demoInvoice(const DemoModel& model, int provider, const FocusInvoice& inv, qint64 issuedAt, bool first,
    InvoiceFaultTruth& truth);

QByteArray invoiceXml(const DemoInvoice& invoice); // UBL 2.1 Invoice or CII CrossIndustryInvoice
QByteArray invoicePdf(const DemoInvoice& invoice); // a one-page PDF 1.4 rendition (text only)

// Places the invoice faults the configuration asks for in MODEL.faults.invoice.
void planInvoiceFaults(DemoModel& model);

} // namespace capaudit::demo
