// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/demomodel.h"
#include "model/records.h"

#include <QList>

namespace capaudit::demo {

struct TenantStep {
    int tenant = 0;
    double allocated = 0; // whole cores / devices, TiB with 3 decimals
    double used = 0; // 3 decimals
};

// What one node reports at one step (after the faults of the plan are applied).
struct NodeStep {
    bool reported = false; // false: no telemetry row at all (gap, or node not yet present)
    NodeState state = NodeState::Up;
    double capacity = 0;
    QList<TenantStep> tenants; // in placement order
};

// Demand of a tenant relative to its peak, in (0, 1]: growth over the period x diurnal curve x weekday dip x noise.
double demandShape(const DemoModel& model, int tenant, int provider, int nodeKey, qint64 step);

// Pure function of (model, provider, node, step): telemetry, billing and the fault ground truth all call it, so they
// agree by construction.
NodeStep simulateNode(const DemoModel& model, int provider, int node, qint64 step);

// Values are rounded as they are written (3 decimals), so sums over parsed files equal sums over these values.
double roundTo3(double value);

} // namespace capaudit::demo
