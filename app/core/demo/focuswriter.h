// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/billingfaults.h"
#include "demo/demomodel.h"

#include <QByteArray>
#include <QMap>

namespace capaudit::demo {

struct FocusInvoice {
    QByteArray csv; // FOCUS 1.2 cost-and-usage rows
    QString invoiceId;
    qint64 periodStart = 0, periodEnd = 0; // the calendar month (billing period), Unix seconds
    qint64 firstDay = 0, endDay = 0; // demo days charged in this invoice
    int rows = 0;
    double totalCost = 0;
    // Over-billing ground truth (zero unless the fault falls into this invoice):
    double measuredQuantity = 0; // unit-hours of allocation in the telemetry
    double billedQuantity = 0; // what the FOCUS rows charge for the same scope
    double overBilledAmount = 0; // billed cost minus the cost of the measured quantity
    BillingFaultTruth billing; // the billing faults of issue 13 that fall into this invoice
    // Honest allocated unit-hours per resource class and demo day, before any billing fault: the e-invoice's lines.
    QMap<QString, QMap<qint64, double>> measuredByClassDay;
};

// Daily Usage rows per tenant and node for the demo days [FIRSTDAY, ENDDAY) of one billing period. Quantities are
// the allocated unit-hours of the telemetry (allocated x step length), so billing reconciles with the telemetry to
// rounding (6 decimals) unless the over-billing fault inflates them. Costs are quantity x unit price exactly. The
// billing faults (demo/billingfaults.h) change or add rows.
FocusInvoice focusInvoice(
    const DemoModel& model, int provider, qint64 firstDay, qint64 endDay, qint64 periodStart, qint64 periodEnd);

} // namespace capaudit::demo
