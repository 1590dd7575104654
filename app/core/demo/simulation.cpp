// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/simulation.h"

#include "demo/demorandom.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace capaudit::demo {

namespace {
bool inRange(qint64 step, qint64 first, qint64 end)
{
    return step >= first && step < end;
}

// Allocation in the node's unit: CPUs and GPUs are handed out whole (never rounded up, so the sum of tenants stays
// within what was planned), storage in GiB-precise TiB.
double quantise(const DemoNode& node, double value)
{
    if (node.resourceClass == u"storage")
        return roundTo3(value);
    return std::floor(value);
}
} // namespace

double roundTo3(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

double demandShape(const DemoModel& model, int tenant, int provider, int nodeKey, qint64 step)
{
    const DemoTenant& t = model.tenants[tenant];
    const qint64 time = model.stepTime(step);
    const double progress = double(step) / double(model.config.stepCount());
    // Growth is per 30 days; normalised so the end of the period is 1.
    const double growthTotal = t.monthlyGrowth * model.config.days / 30.0;
    const double growth = (1.0 + growthTotal * progress) / (1.0 + growthTotal);
    const double hour = double(time % 86400) / 3600.0;
    const double diurnal =
        1.0 - t.diurnalAmplitude * 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * (hour - t.peakHour) / 24.0));
    // 1970-01-01 was a Thursday, hence the offset of 3 (Monday = 0).
    const qint64 weekday = (time / 86400 + 3) % 7; // 0 = Monday
    const double weekly = weekday >= 5 ? 1.0 - t.weekendDip : 1.0;
    const double noise = 1.0
        + 0.05
            * symmetric(model.config.seed,
                { hashName("demand"), quint64(provider), quint64(nodeKey), quint64(tenant), quint64(step) });
    return std::clamp(growth * diurnal * weekly * noise, 0.01, 1.05);
}

NodeStep simulateNode(const DemoModel& model, int provider, int nodeIndex, qint64 step)
{
    const DemoProvider& p = model.providers[provider];
    const DemoNode& node = p.nodes[nodeIndex];
    const FaultPlan& f = model.faults;
    NodeStep out;
    if (step < node.firstStep)
        return out;
    if (provider == f.gapProvider && nodeIndex == f.gapNode && inRange(step, f.gapFirst, f.gapEnd))
        return out;
    if (provider == f.silentProvider && nodeIndex == f.silentNode && step >= f.silentFirst)
        return out;
    out.reported = true;
    out.capacity = node.capacity;

    // An outage relabelled as maintenance is an outage all the same: no allocations, only the state differs.
    const bool relabelled = provider == f.maintenanceProvider && nodeIndex == f.maintenanceNode
        && inRange(step, f.maintenanceFirst, f.maintenanceEnd);
    const bool down = relabelled
        || (provider == f.slaProvider && f.slaNodes.contains(nodeIndex) && inRange(step, f.slaFirst, f.slaEnd));
    const bool shortfall = provider == f.shortfallProvider && f.shortfallNodes.contains(nodeIndex)
        && inRange(step, f.shortfallFirst, f.shortfallEnd);
    const bool overcommit = provider == f.overcommitProvider && nodeIndex == f.overcommitNode
        && inRange(step, f.overcommitFirst, f.overcommitEnd);
    if (shortfall)
        out.capacity = std::max(1.0, std::floor(node.capacity * f.shortfallFactor));
    if (provider == f.capacityProvider && nodeIndex == f.capacityNode && inRange(step, f.capacityFirst, f.capacityEnd))
        out.capacity = quantise(node, node.capacity * f.capacityFactor);
    if (down)
        out.state = relabelled ? NodeState::Maintenance : NodeState::Down;

    double shareTotal = 0;
    for (const Placement& pl : node.tenants)
        shareTotal += pl.share;
    double usedTotal = 0;
    for (const Placement& pl : node.tenants) {
        TenantStep ts;
        ts.tenant = pl.tenant;
        if (!down) {
            double allocated = 0;
            if (overcommit) // reservations packed far beyond the node: flat, no diurnal pattern
                allocated = out.capacity * f.overcommitRatio * pl.share / shareTotal;
            else
                allocated = out.capacity * pl.share * demandShape(model, pl.tenant, provider, node.key, step);
            ts.allocated = quantise(node, allocated);
            const double u = model.tenants[pl.tenant].utilisation
                * (1.0
                    + 0.06
                        * symmetric(model.config.seed,
                            { hashName("use"), quint64(provider), quint64(node.key), quint64(pl.tenant),
                                quint64(step) }));
            ts.used = roundTo3(ts.allocated * std::clamp(u, 0.05, 1.0));
            usedTotal += ts.used;
        }
        out.tenants.append(ts);
    }
    // Physical use can never exceed the hardware, even when reservations do.
    if (usedTotal > 0.98 * out.capacity) {
        const double scale = 0.98 * out.capacity / usedTotal;
        for (TenantStep& ts : out.tenants)
            ts.used = std::floor(ts.used * scale * 1000.0) / 1000.0;
    }
    return out;
}

} // namespace capaudit::demo
