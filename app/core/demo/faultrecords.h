// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/billingfaults.h"
#include "demo/demomodel.h"
#include "demo/invoicewriter.h"
#include "demo/splitview.h"

#include <QJsonArray>
#include <QMap>

namespace capaudit::demo {

// Facts about injected faults that only exist once the bundles are written.
struct FaultEvidence {
    double measuredQuantity = 0, billedQuantity = 0, overBilledAmount = 0; // over-billing, summed over invoices
    QString tamperedBundle, tamperedFile;
    qint64 tamperedLine = 0;
    QString tamperedOriginal, tamperedReplacement;
    QString expiredBundle;
    qint64 expiredSignedAt = 0, expiredNotAfter = 0;
    QMap<int, QString> reissuedBundles; // provider -> path of its re-issued attestation
    QMap<int, qint64> reissuedSignedAt;
    BillingFaultTruth billing;
    SplitViewTruth splitView;
    InvoiceFaultTruth invoice;
};

// The ground truth written to faults.json: one object per injected fault with its id, the rule expected to report
// it, its scope (provider, node, tenant, resource class, time range) and the expected measurement or amount.
QJsonArray faultRecords(const DemoModel& model, const FaultEvidence& evidence);

// The invoice faults' records, without ids (invoicefaultrecords.cpp).
QList<QJsonObject> invoiceFaultRecords(const DemoModel& model, const InvoiceFaultTruth& truth);

} // namespace capaudit::demo
