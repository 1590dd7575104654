// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The billing faults of issue 13: where they sit (planBillingFaults) and how they change or add FOCUS rows (read by
// focuswriter.cpp). Every one is signed by the provider and verifies; only the money checks find it.
#include "demo/demomodel.h"

namespace capaudit::demo {

// Places the billing faults the configuration asks for in MODEL.faults.billing (after the other faults).
void planBillingFaults(DemoModel& model);

// How the honest Usage row of tenant index TENANT on node NODE of PROVIDER for demo day DAY is billed.
struct BillingRowFault {
    double quantityFactor = 1; // sub-tolerance-overbilling
    bool atListPrice = false; // list-price-billing
    QString currency; // foreign-currency; empty: the contract currency
    bool duplicateAfternoon = false; // overlapping-charges: a second row for [12:00, 24:00) with half the quantity
};
BillingRowFault billingRowFault(const DemoModel& model, int provider, int node, int tenant, qint64 day);

// Ground truth of the billing faults, summed over invoices.
struct BillingFaultTruth {
    double adjustment = 0; // unreconciled-charge: the Adjustment row's BilledCost
    double listPriceExcess = 0; // list-price-billing: Σ quantity x (list - contracted price)
    double overlapAmount = 0; // overlapping-charges: Σ BilledCost of the duplicate rows
    double overlapHours = 0;
    double subToleranceBilled = 0, subToleranceMeasured = 0, subToleranceAmount = 0;
    double foreignAmount = 0; // foreign-currency: Σ BilledCost of the rows in the foreign currency
    double unknownTenantAmount = 0, unknownTenantQuantity = 0;

    BillingFaultTruth& operator+=(const BillingFaultTruth& o);
};

} // namespace capaudit::demo
