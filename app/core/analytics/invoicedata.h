// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the invoice rules and the three-way match: the EN 16931 invoices of the case, loaded once
// (invoiceload.cpp) and read by invoicerules.cpp, invoiceduplicates.cpp and threewaymatch.cpp.
#include "analytics/billingdata.h"
#include "ingest/einvoice.h"

namespace capaudit::analytics::detail {

struct InvoiceDocument {
    qint64 bundleId = 0;
    int payload = 0; // invoices.seq
    QString bundleDigest, path, provider;
    qint64 signedAt = 0; // verified signing time of its bundle
    EInvoice doc;
    // What it claims for: its invoice period (BG-14), else the span of its line periods, else the bundle's period,
    // else the day of issue.
    Period period;
};

// One invoice line as the three-way match reads it: the period it claims for (its own, else its invoice's) and its
// quantity and net amount signed (negative on a credit note).
struct ClaimedLine {
    const InvoiceDocument* invoice = nullptr;
    const InvoiceLineItem* line = nullptr;
    Period period;
    double quantity = 0, amount = 0;
};

struct InvoiceData {
    // Invoices meeting the checked period, ordered by signing time, then bundle digest, then payload: never by
    // import order.
    QList<InvoiceDocument> invoices;
    QList<ClaimedLine> lines; // in invoice order, then document order (pointers into invoices)
};

// A part of a claimed line that an earlier line already claims (invoice.duplicate); the three-way match counts it
// once.
struct DuplicatePart {
    const ClaimedLine* line = nullptr;
    Period overlap;
    double quantity = 0, amount = 0;
};

Status loadInvoices(CheckContext& context, InvoiceData& data);
// The part of PERIOD that overlaps WITHIN, in seconds.
qint64 overlapSeconds(const Period& period, const Period& within);
// Evidence: the invoice file and the XML lines of LINES (all of the document when empty).
EvidenceRef invoiceEvidence(
    const InvoiceDocument& invoice, const QList<const InvoiceLineItem*>& lines, const QString& note);

void runInvoiceDocumentRules(CheckContext& context, const InvoiceData& data); // invoice.arithmetic, invoice.mismatch
QList<DuplicatePart> runDuplicateRule(CheckContext& context, const InvoiceData& data); // invoice.duplicate
// The three-way table and invoice.not-billed, not-delivered, commitment-shortfall, sla-credit.
void runThreeWayMatch(
    CheckContext& context, const BillingData& billing, const InvoiceData& invoices, const QList<DuplicatePart>& dups);

} // namespace capaudit::analytics::detail
