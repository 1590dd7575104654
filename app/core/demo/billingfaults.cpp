// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/billingfaults.h"

#include <algorithm>
#include <cmath>

namespace capaudit::demo {

namespace {

// The first attested node of CLS at PROVIDER that hosts tenants; -1 when there is none.
int hostingNode(const DemoProvider& p, const QString& cls)
{
    for (int i = 0; i < p.nodes.size(); ++i)
        if (p.nodes[i].attested && p.nodes[i].resourceClass == cls && !p.nodes[i].tenants.isEmpty())
            return i;
    return -1;
}

// A fault on PROVIDER's tenant (first or last placement of the node hosting CLS) for days [FIRST, END).
BillingFault placed(const DemoModel& model, int provider, const QString& cls, bool lastTenant, qint64 first, qint64 end)
{
    BillingFault f;
    const int node = hostingNode(model.providers[provider], cls);
    if (node < 0)
        return f;
    const DemoNode& n = model.providers[provider].nodes[node];
    f.provider = provider;
    f.node = node;
    f.tenant = lastTenant ? n.tenants.last().tenant : n.tenants.first().tenant;
    f.resourceClass = cls;
    f.firstDay = first;
    f.endDay = std::min<qint64>(end, model.config.days);
    return f;
}

bool covers(const BillingFault& f, int provider, int tenant, const QString& cls, qint64 day)
{
    return f.provider == provider && f.tenant == tenant && f.resourceClass == cls && day >= f.firstDay
        && day < f.endDay;
}

} // namespace

void planBillingFaults(DemoModel& model)
{
    const DemoConfig& c = model.config;
    BillingFaultPlan& b = model.faults.billing;
    const int providers = int(model.providers.size());
    auto day = [&](double fraction) { return qint64(std::floor(fraction * c.days)); };
    // The first invoice covers the days up to the end of the first calendar month.
    const QDate start = c.start.date();
    const qint64 firstInvoiceEnd =
        std::min<qint64>(c.days, start.daysTo(QDate(start.year(), start.month(), 1).addMonths(1)));

    if (c.hasFault(FaultKind::UnreconciledCharge)) {
        b.unreconciled.provider = 1 % providers;
        b.unreconciled.firstDay = 0;
        b.unreconciled.endDay = firstInvoiceEnd;
    }
    if (c.hasFault(FaultKind::ListPriceBilling))
        b.listPrice = placed(model, 0, QStringLiteral("cpu"), false, day(0.5), day(0.5) + 5);
    if (c.hasFault(FaultKind::OverlappingCharges))
        b.overlap = placed(model, 0, QStringLiteral("gpu"), true, day(0.3), day(0.3) + 3);
    if (c.hasFault(FaultKind::SubToleranceOverbilling))
        b.subTolerance = placed(model, 2 % providers, QStringLiteral("gpu"), false, 0, firstInvoiceEnd);
    if (c.hasFault(FaultKind::ForeignCurrency))
        b.currency = placed(model, 1 % providers, QStringLiteral("storage"), true, day(0.6), day(0.6) + 2);
    if (c.hasFault(FaultKind::UnknownTenant)) {
        b.unknownTenant = placed(model, 2 % providers, QStringLiteral("cpu"), false, day(0.8), day(0.8) + 2);
        b.unknownTenant.tenant = -1;
    }
}

BillingRowFault billingRowFault(const DemoModel& model, int provider, int node, int tenant, qint64 day)
{
    const BillingFaultPlan& b = model.faults.billing;
    const QString& cls = model.providers[provider].nodes[node].resourceClass;
    BillingRowFault out;
    if (covers(b.subTolerance, provider, tenant, cls, day))
        out.quantityFactor = b.subToleranceFactor;
    out.atListPrice = covers(b.listPrice, provider, tenant, cls, day);
    if (covers(b.currency, provider, tenant, cls, day))
        out.currency = b.foreignCurrency;
    out.duplicateAfternoon = covers(b.overlap, provider, tenant, cls, day) && b.overlap.node == node;
    return out;
}

BillingFaultTruth& BillingFaultTruth::operator+=(const BillingFaultTruth& o)
{
    adjustment += o.adjustment;
    listPriceExcess += o.listPriceExcess;
    overlapAmount += o.overlapAmount;
    overlapHours += o.overlapHours;
    subToleranceBilled += o.subToleranceBilled;
    subToleranceMeasured += o.subToleranceMeasured;
    subToleranceAmount += o.subToleranceAmount;
    foreignAmount += o.foreignAmount;
    unknownTenantAmount += o.unknownTenantAmount;
    unknownTenantQuantity += o.unknownTenantQuantity;
    return *this;
}

} // namespace capaudit::demo
