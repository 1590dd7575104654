// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/faultrecords.h"

#include "demo/demoformat.h"
#include "demo/simulation.h"
#include "evidence/verdict.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace capaudit::demo {

namespace {

double round(double v, int decimals)
{
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}

class Builder {
public:
    explicit Builder(const DemoModel& model)
        : m_model(model)
    {
    }

    QJsonObject fault(FaultKind kind, int provider, const QString& description)
    {
        const DemoProvider& p = m_model.providers[provider];
        return { { QStringLiteral("id"), QStringLiteral("F%1").arg(++m_count) },
            { QStringLiteral("fault"), faultKindName(kind) }, { QStringLiteral("rule"), faultRuleId(kind) },
            { QStringLiteral("provider"), p.name }, { QStringLiteral("providerId"), p.id },
            { QStringLiteral("description"), description } };
    }

    QString nextId()
    {
        return QStringLiteral("F%1").arg(++m_count);
    }

    QString time(qint64 step) const
    {
        return QString::fromLatin1(rfc3339(m_model.stepTime(step)));
    }
    void setRange(QJsonObject& o, qint64 first, qint64 end) const
    {
        o.insert(QStringLiteral("start"), time(first));
        o.insert(QStringLiteral("end"), time(end));
    }

private:
    const DemoModel& m_model;
    int m_count = 0;
};

// Rows and quantity a fault writes a second time: every tenant row of NODE in [FIRST, END) (allocated x step / 3600).
QJsonObject doubled(const DemoModel& model, int provider, int node, qint64 first, qint64 end)
{
    double rows = 0, quantity = 0;
    for (qint64 s = first; s < end; ++s) {
        const NodeStep ns = simulateNode(model, provider, node, s);
        rows += double(ns.tenants.size());
        for (const TenantStep& ts : ns.tenants)
            quantity += ts.allocated * double(model.config.stepSeconds) / 3600.0;
    }
    return { { QStringLiteral("duplicatedRows"), rows },
        { QStringLiteral("doubleCountedQuantity"), round(quantity, 6) },
        { QStringLiteral("unit"), pricingUnit(model.providers[provider].nodes[node].resourceClass) } };
}

// The telemetry tricks of issue 13 (docs/demo.md "Telemetry bounds").
void appendTelemetryBoundsFaults(const DemoModel& model, Builder& b, QJsonArray& out)
{
    const FaultPlan& f = model.faults;
    const DemoConfig& c = model.config;
    const double periodSeconds = double(c.days) * 86400.0;
    const QString kNode = QStringLiteral("node"), kResource = QStringLiteral("resourceClass"),
                  kExpected = QStringLiteral("expected");
    auto withNode = [&](QJsonObject& o, int provider, int node) {
        o.insert(kNode, model.providers[provider].nodes[node].id);
        o.insert(kResource, model.providers[provider].nodes[node].resourceClass);
    };
    if (c.hasFault(FaultKind::DeclaredStep)) {
        QJsonObject o = b.fault(FaultKind::DeclaredStep, f.declaredStepProvider,
            QStringLiteral("the provider's first telemetry bundle declares resolutionSeconds twice the step its "
                           "samples show, which would double every quantity integrated over the declared step"));
        b.setRange(o, 0, std::min<qint64>(c.stepCount(), 7 * model.stepsPerDay()));
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("declaredSeconds"), double(2 * c.stepSeconds) },
                { QStringLiteral("effectiveSeconds"), double(c.stepSeconds) } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::DuplicateTenantRows)) {
        QJsonObject o = b.fault(FaultKind::DuplicateTenantRows, f.duplicateProvider,
            QStringLiteral("every tenant row of one node written twice in the same payload for ten hours "
                           "(the same time, node, class and tenant): allocation counted twice"));
        withNode(o, f.duplicateProvider, f.duplicateNode);
        b.setRange(o, f.duplicateFirst, f.duplicateEnd);
        o.insert(kExpected, doubled(model, f.duplicateProvider, f.duplicateNode, f.duplicateFirst, f.duplicateEnd));
        out.append(o);
    }
    if (c.hasFault(FaultKind::TenantOnlyBundle)) {
        QJsonObject o = b.fault(FaultKind::TenantOnlyBundle, f.tenantOnlyProvider,
            QStringLiteral("a second signed telemetry bundle holding only the tenant rows of one node for a day "
                           "that the regular bundle already reports: allocation counted twice"));
        withNode(o, f.tenantOnlyProvider, f.tenantOnlyNode);
        b.setRange(o, f.tenantOnlyFirst, f.tenantOnlyEnd);
        o.insert(kExpected, doubled(model, f.tenantOnlyProvider, f.tenantOnlyNode, f.tenantOnlyFirst, f.tenantOnlyEnd));
        out.append(o);
    }
    if (c.hasFault(FaultKind::CapacityAboveAttested)) {
        const DemoProvider& p = model.providers[f.capacityProvider];
        const DemoNode& node = p.nodes[f.capacityNode];
        double reported = 0, maxRatio = 0;
        for (qint64 s = f.capacityFirst; s < f.capacityEnd; ++s) {
            const NodeStep ns = simulateNode(model, f.capacityProvider, f.capacityNode, s);
            double total = 0;
            for (const TenantStep& ts : ns.tenants)
                total += ts.allocated;
            reported = std::max(reported, ns.capacity);
            maxRatio = std::max(maxRatio, total / node.capacity);
        }
        double limit = 1.0;
        for (const DemoCommitment& cm : p.commitments)
            if (cm.resourceClass == node.resourceClass)
                limit = cm.overcommitLimit;
        QJsonObject o = b.fault(FaultKind::CapacityAboveAttested, f.capacityProvider,
            QStringLiteral("one node reports 1.5x its attested capacity for two days and its reservations grow with "
                           "it, hiding an over-commitment against the attested capacity"));
        withNode(o, f.capacityProvider, f.capacityNode);
        b.setRange(o, f.capacityFirst, f.capacityEnd);
        if (maxRatio > limit)
            o.insert(QStringLiteral("alsoTriggers"), QJsonArray { faultRuleId(FaultKind::OverCommitment) });
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("reported"), reported }, { QStringLiteral("attested"), node.capacity },
                { QStringLiteral("maxRatioToAttested"), round(maxRatio, 4) }, { QStringLiteral("limit"), limit } });
        out.append(o);
    }
    auto availabilityFault = [&](FaultKind kind, int provider, int node, qint64 first, qint64 end,
                                 const QString& description) {
        QJsonObject o = b.fault(kind, provider, description);
        withNode(o, provider, node);
        b.setRange(o, first, end);
        const double missing = double((end - first) * c.stepSeconds);
        QJsonObject expected { { QStringLiteral("missingSteps"), double(end - first) },
            { QStringLiteral("nodeAvailability"), round(1.0 - missing / periodSeconds, 6) } };
        // Small banks: when the node's class/region group without it falls below its commitment, the lost steps
        // are also undelivered capacity.
        QJsonArray also;
        if (kind != FaultKind::OutageAsMaintenance)
            also.append(faultRuleId(FaultKind::SlaBreach));
        const DemoProvider& p = model.providers[provider];
        const DemoNode& lost = p.nodes[node];
        double up = 0;
        for (int i = 0; i < p.nodes.size(); ++i)
            if (i != node && p.nodes[i].attested && p.nodes[i].resourceClass == lost.resourceClass
                && p.nodes[i].regionId == lost.regionId)
                up += p.nodes[i].capacity;
        for (const DemoCommitment& cm : p.commitments)
            if (cm.resourceClass == lost.resourceClass && cm.region == lost.regionId && up < cm.quantity)
                also.append(faultRuleId(FaultKind::CapacityShortfall));
        if (!also.isEmpty())
            o.insert(QStringLiteral("alsoTriggers"), also);
        o.insert(kExpected, expected);
        out.append(o);
    };
    if (c.hasFault(FaultKind::OutageAsMaintenance))
        availabilityFault(FaultKind::OutageAsMaintenance, f.maintenanceProvider, f.maintenanceNode, f.maintenanceFirst,
            f.maintenanceEnd,
            QStringLiteral("a node down for twelve hours, reported as 'maintenance' (the contract allows none)"));
    if (c.hasFault(FaultKind::SilentNode))
        availabilityFault(FaultKind::SilentNode, f.silentProvider, f.silentNode, f.silentFirst, c.stepCount(),
            QStringLiteral("a node that stops reporting for the last two days of the period"));
    if (c.hasFault(FaultKind::NeverReportingNode))
        availabilityFault(FaultKind::NeverReportingNode, f.neverProvider, f.neverNode, 0, c.stepCount(),
            QStringLiteral("a CPU node in the attested inventory that never reports any telemetry"));
}

// The billing faults of issue 13: scope (provider, tenant, class, node, days) and the amount each rule should report.
void appendBillingFaults(QJsonArray& out, Builder& b, const DemoModel& model, const BillingFaultTruth& t)
{
    const BillingFaultPlan& plan = model.faults.billing;
    const qint64 perDay = model.stepsPerDay();
    auto record = [&](FaultKind kind, const BillingFault& f, const QString& description, QJsonObject expected) {
        QJsonObject o = b.fault(kind, f.provider, description);
        if (f.tenant >= 0)
            o.insert(QStringLiteral("tenant"), model.tenants[f.tenant].id);
        if (!f.resourceClass.isEmpty())
            o.insert(QStringLiteral("resourceClass"), f.resourceClass);
        b.setRange(o, f.firstDay * perDay, f.endDay * perDay);
        expected.insert(QStringLiteral("currency"), model.currency);
        o.insert(QStringLiteral("expected"), expected);
        return o;
    };
    const QString amount = QStringLiteral("amount");
    if (model.config.hasFault(FaultKind::UnreconciledCharge))
        out.append(record(FaultKind::UnreconciledCharge, plan.unreconciled,
            QStringLiteral("an Adjustment row without tenant or quantity over the first invoice's days"),
            { { amount, round(t.adjustment, 6) }, { QStringLiteral("reason"), QStringLiteral("Adjustment") } }));
    if (model.config.hasFault(FaultKind::ListPriceBilling))
        out.append(record(FaultKind::ListPriceBilling, plan.listPrice,
            QStringLiteral("one tenant's CPU usage billed at the list price for five days; ContractedUnitPrice and "
                           "ContractedCost stay honest and BilledCost equals ListCost"),
            { { amount, round(t.listPriceExcess, 6) } }));
    if (model.config.hasFault(FaultKind::OverlappingCharges)) {
        QJsonObject o = record(FaultKind::OverlappingCharges, plan.overlap,
            QStringLiteral("a second Usage row for the afternoon (12:00-24:00) of days already billed in full, for "
                           "one GPU node and tenant"),
            { { amount, round(t.overlapAmount, 6) }, { QStringLiteral("overlappedHours"), t.overlapHours } });
        o.insert(QStringLiteral("node"), model.providers[plan.overlap.provider].nodes[plan.overlap.node].id);
        // The afternoons are the overlapped part.
        o.insert(QStringLiteral("start"), b.time(plan.overlap.firstDay * perDay + perDay / 2));
        o.insert(QStringLiteral("end"), b.time(plan.overlap.endDay * perDay));
        o.insert(QStringLiteral("alsoTriggers"), QJsonArray { faultRuleId(FaultKind::SubToleranceOverbilling) });
        out.append(o);
    }
    if (model.config.hasFault(FaultKind::SubToleranceOverbilling))
        out.append(record(FaultKind::SubToleranceOverbilling, plan.subTolerance,
            QStringLiteral("one tenant's GPU quantities +0.9 % every day of the first invoice: each day within the "
                           "1 % tolerance, the invoice total not"),
            { { amount, round(t.subToleranceAmount, 6) },
                { QStringLiteral("billedQuantity"), round(t.subToleranceBilled, 6) },
                { QStringLiteral("measuredQuantity"), round(t.subToleranceMeasured, 6) } }));
    if (model.config.hasFault(FaultKind::ForeignCurrency)) {
        QJsonObject o = record(FaultKind::ForeignCurrency, plan.currency,
            QStringLiteral("one tenant's storage rows for two days billed in CHF (same numbers) against the EUR "
                           "contract"),
            { { amount, round(t.foreignAmount, 6) } });
        QJsonObject expected = o.value(QStringLiteral("expected")).toObject();
        expected.insert(QStringLiteral("currency"), plan.foreignCurrency);
        expected.insert(QStringLiteral("contractCurrency"), model.currency);
        o.insert(QStringLiteral("expected"), expected);
        out.append(o);
    }
    if (model.config.hasFault(FaultKind::UnknownTenant)) {
        QJsonObject o = record(FaultKind::UnknownTenant, plan.unknownTenant,
            QStringLiteral("two days of CPU usage billed to a tenant the attestation does not list (and the "
                           "telemetry never shows)"),
            { { amount, round(t.unknownTenantAmount, 6) },
                { QStringLiteral("quantity"), round(t.unknownTenantQuantity, 6) } });
        o.insert(QStringLiteral("tenant"), plan.unknownTenantId);
        o.insert(
            QStringLiteral("node"), model.providers[plan.unknownTenant.provider].nodes[plan.unknownTenant.node].id);
        o.insert(QStringLiteral("alsoTriggers"), QJsonArray { faultRuleId(FaultKind::SubToleranceOverbilling) });
        out.append(o);
    }
}

} // namespace

QJsonArray faultRecords(const DemoModel& model, const FaultEvidence& ev)
{
    const FaultPlan& f = model.faults;
    const DemoConfig& c = model.config;
    const qint64 perDay = model.stepsPerDay();
    const double periodSeconds = double(c.days) * 86400.0;
    Builder b(model);
    QJsonArray out;
    const QString kNode = QStringLiteral("node"), kTenant = QStringLiteral("tenant"),
                  kResource = QStringLiteral("resourceClass"), kExpected = QStringLiteral("expected");

    if (c.hasFault(FaultKind::OverBilling)) {
        const DemoProvider& p = model.providers[f.overBillingProvider];
        QJsonObject o = b.fault(FaultKind::OverBilling, f.overBillingProvider,
            QStringLiteral("FOCUS quantities for one tenant's GPU usage inflated by %1 % for a week; "
                           "costs stay quantity x contracted price, so only reconciliation with "
                           "the telemetry finds it")
                .arg(decimalText((f.overBillingFactor - 1.0) * 100.0, 2)));
        o.insert(kTenant, model.tenants[f.overBillingTenant].id);
        o.insert(kResource, f.overBillingResource);
        b.setRange(o, f.overBillingFirstDay * perDay, f.overBillingEndDay * perDay);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("inflationPercent"), round((f.overBillingFactor - 1.0) * 100.0, 4) },
                { QStringLiteral("unit"), pricingUnit(f.overBillingResource) },
                { QStringLiteral("measuredQuantity"), round(ev.measuredQuantity, 6) },
                { QStringLiteral("billedQuantity"), round(ev.billedQuantity, 6) },
                { QStringLiteral("overBilledAmount"), round(ev.overBilledAmount, 6) },
                { QStringLiteral("currency"), model.currency },
                { QStringLiteral("unitPrice"), p.prices.value(f.overBillingResource) } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::TelemetryGap)) {
        const DemoNode& node = model.providers[f.gapProvider].nodes[f.gapNode];
        QJsonObject o = b.fault(FaultKind::TelemetryGap, f.gapProvider,
            QStringLiteral("no telemetry rows at all for one node (which kept running)"));
        o.insert(kNode, node.id);
        o.insert(kResource, node.resourceClass);
        b.setRange(o, f.gapFirst, f.gapEnd);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("missingSeconds"), double((f.gapEnd - f.gapFirst) * c.stepSeconds) },
                { QStringLiteral("missingSteps"), double(f.gapEnd - f.gapFirst) },
                { QStringLiteral("lastSampleBefore"), b.time(f.gapFirst - 1) },
                { QStringLiteral("firstSampleAfter"), b.time(f.gapEnd) } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::UnattestedNode)) {
        const DemoNode& node = model.providers[f.unattestedProvider].nodes[f.unattestedNode];
        QJsonObject o = b.fault(FaultKind::UnattestedNode, f.unattestedProvider,
            QStringLiteral("a GPU node reports telemetry (and is billed) but is missing from the "
                           "attested inventory"));
        o.insert(kNode, node.id);
        o.insert(kResource, node.resourceClass);
        b.setRange(o, node.firstStep, c.stepCount());
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("firstSeen"), b.time(node.firstStep) },
                { QStringLiteral("capacity"), node.capacity } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::OverCommitment)) {
        const DemoProvider& p = model.providers[f.overcommitProvider];
        const DemoNode& node = p.nodes[f.overcommitNode];
        double maxRatio = 0, maxAllocated = 0;
        for (qint64 s = f.overcommitFirst; s < f.overcommitEnd; ++s) {
            const NodeStep ns = simulateNode(model, f.overcommitProvider, f.overcommitNode, s);
            double total = 0;
            for (const TenantStep& ts : ns.tenants)
                total += ts.allocated;
            maxAllocated = std::max(maxAllocated, total);
            maxRatio = std::max(maxRatio, total / ns.capacity);
        }
        double limit = 1.0;
        for (const DemoCommitment& cm : p.commitments) {
            if (cm.resourceClass == node.resourceClass)
                limit = cm.overcommitLimit;
        }
        QJsonObject o = b.fault(FaultKind::OverCommitment, f.overcommitProvider,
            QStringLiteral("reservations on one CPU node far beyond its capacity x the contract's "
                           "over-commitment limit"));
        o.insert(kNode, node.id);
        o.insert(kResource, node.resourceClass);
        b.setRange(o, f.overcommitFirst, f.overcommitEnd);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("limit"), limit }, { QStringLiteral("capacity"), node.capacity },
                { QStringLiteral("maxAllocated"), maxAllocated }, { QStringLiteral("maxRatio"), round(maxRatio, 4) } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::SlaBreach)) {
        const DemoProvider& p = model.providers[f.slaProvider];
        int attested = 0;
        for (const DemoNode& n : p.nodes)
            attested += n.attested ? 1 : 0;
        const double down = double((f.slaEnd - f.slaFirst) * c.stepSeconds);
        QJsonArray nodes;
        for (int n : f.slaNodes)
            nodes.append(p.nodes[n].id);
        // sla.availability decides on capacity-weighted availability by default: per class, attested capacity x
        // available time over attested capacity x the period; the lowest class counts.
        QMap<QString, std::pair<double, double>> byClass;
        for (int i = 0; i < p.nodes.size(); ++i) {
            if (!p.nodes[i].attested)
                continue;
            const double available = f.slaNodes.contains(i) ? 1.0 - down / periodSeconds : 1.0;
            byClass[p.nodes[i].resourceClass].first += p.nodes[i].capacity * available;
            byClass[p.nodes[i].resourceClass].second += p.nodes[i].capacity;
        }
        double lowestClass = 1.0;
        for (const auto& [weighted, total] : byClass)
            lowestClass = std::min(lowestClass, weighted / total);
        QJsonObject o = b.fault(FaultKind::SlaBreach, f.slaProvider,
            QStringLiteral("several nodes down at once (state 'down' in the telemetry) long enough "
                           "that each of them and the provider as a whole miss the availability "
                           "target"));
        o.insert(kNode, p.nodes[f.slaNodes.first()].id);
        o.insert(QStringLiteral("nodes"), nodes);
        if (f.slaEmptiesGroup)
            o.insert(QStringLiteral("alsoTriggers"), QJsonArray { faultRuleId(FaultKind::CapacityShortfall) });
        b.setRange(o, f.slaFirst, f.slaEnd);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("target"), p.availabilityTarget },
                { QStringLiteral("downSecondsPerNode"), down },
                { QStringLiteral("nodeAvailability"), round(1.0 - down / periodSeconds, 6) },
                { QStringLiteral("providerAvailability"),
                    round(1.0 - down * double(f.slaNodes.size()) / (periodSeconds * attested), 6) },
                { QStringLiteral("providerCapacityWeightedAvailability"), round(lowestClass, 6) } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::CapacityShortfall)) {
        const DemoProvider& p = model.providers[f.shortfallProvider];
        double committed = 0, delivered = 0;
        for (const DemoCommitment& cm : p.commitments) {
            if (cm.resourceClass == f.shortfallResource && cm.region == f.shortfallRegion)
                committed = cm.quantity;
        }
        for (int n : f.shortfallNodes)
            delivered += simulateNode(model, f.shortfallProvider, n, f.shortfallFirst).capacity;
        QJsonArray nodes;
        for (int n : f.shortfallNodes)
            nodes.append(p.nodes[n].id);
        QJsonObject o = b.fault(FaultKind::CapacityShortfall, f.shortfallProvider,
            QStringLiteral("the GPU nodes of one region report a quarter of their capacity for "
                           "three days, below the committed quantity"));
        o.insert(kResource, f.shortfallResource);
        o.insert(QStringLiteral("region"), f.shortfallRegion);
        o.insert(QStringLiteral("nodes"), nodes);
        b.setRange(o, f.shortfallFirst, f.shortfallEnd);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("committed"), committed }, { QStringLiteral("delivered"), delivered },
                { QStringLiteral("shortfall"), committed - delivered },
                { QStringLiteral("unit"), capacityUnit(f.shortfallResource) } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::Jurisdiction)) {
        const DemoNode& node = model.providers[f.jurisdictionProvider].nodes[f.jurisdictionNode];
        QJsonObject o = b.fault(FaultKind::Jurisdiction, f.jurisdictionProvider,
            QStringLiteral("an attested storage node sits in a jurisdiction the contract does not "
                           "allow; it holds tenant data all period"));
        o.insert(kNode, node.id);
        o.insert(kResource, node.resourceClass);
        b.setRange(o, 0, c.stepCount());
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("jurisdiction"), node.jurisdiction },
                { QStringLiteral("region"), node.regionId },
                { QStringLiteral("allowed"), QJsonArray::fromStringList(model.allowedJurisdictions) } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::TamperedPayload)) {
        QJsonObject o = b.fault(FaultKind::TamperedPayload, f.tamperedProvider,
            QStringLiteral("a second copy of a telemetry bundle whose data file was edited after "
                           "signing; the verifier rejects it (digest mismatch)"));
        o.insert(QStringLiteral("bundle"), ev.tamperedBundle);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("verdict"), QStringLiteral("rejected") },
                { QStringLiteral("check"), QLatin1String(checks::kSubjects) },
                { QStringLiteral("file"), ev.tamperedFile }, { QStringLiteral("line"), double(ev.tamperedLine) },
                { QStringLiteral("original"), ev.tamperedOriginal },
                { QStringLiteral("tampered"), ev.tamperedReplacement } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::ExpiredCertificate)) {
        QJsonObject o = b.fault(FaultKind::ExpiredCertificate, f.expiredProvider,
            QStringLiteral("a re-issued billing bundle signed with a retired certificate that had "
                           "expired before the signing time; the verifier rejects it"));
        o.insert(QStringLiteral("bundle"), ev.expiredBundle);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("verdict"), QStringLiteral("rejected") },
                { QStringLiteral("check"), QLatin1String(checks::kValidity) },
                { QStringLiteral("signedAt"), QString::fromLatin1(rfc3339(ev.expiredSignedAt)) },
                { QStringLiteral("certificateNotAfter"), QString::fromLatin1(rfc3339(ev.expiredNotAfter)) } });
        out.append(o);
    }
    auto reissued = [&](FaultKind kind, int provider, const QString& description) {
        QJsonObject o = b.fault(kind, provider, description);
        o.insert(QStringLiteral("bundle"), ev.reissuedBundles.value(provider));
        b.setRange(o, 0, c.stepCount());
        o.insert(QStringLiteral("signedAt"), QString::fromLatin1(rfc3339(ev.reissuedSignedAt.value(provider))));
        return o;
    };
    if (c.hasFault(FaultKind::ReissuedRelocation)) {
        const DemoProvider& p = model.providers[f.relocationProvider];
        const DemoNode& node = p.nodes[f.jurisdictionNode];
        QJsonObject o = reissued(FaultKind::ReissuedRelocation, f.relocationProvider,
            QStringLiteral("the attestation is re-issued two days after the period, signed by the provider, moving a "
                           "tenant-holding node from a forbidden jurisdiction to an allowed one; the node stays where "
                           "the original attestation put it"));
        o.insert(kNode, node.id);
        o.insert(kResource, node.resourceClass);
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("fromRegion"), node.regionId },
                { QStringLiteral("fromJurisdiction"), node.jurisdiction },
                { QStringLiteral("toRegion"), p.regions[node.region].id },
                { QStringLiteral("toJurisdiction"), p.regions[node.region].jurisdiction },
                { QStringLiteral("sovereignty"), QStringLiteral("sovereignty.jurisdiction") } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::ReissuedSlaTarget)) {
        const DemoProvider& p = model.providers[f.slaTargetProvider];
        QJsonObject o = reissued(FaultKind::ReissuedSlaTarget, f.slaTargetProvider,
            QStringLiteral("the attestation is re-issued two days after the period, signed by the provider, with a "
                           "lower SLA availability target; the original target still governs the period"));
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("originalTarget"), p.availabilityTarget },
                { QStringLiteral("restatedTarget"), f.reissuedSlaTarget } });
        out.append(o);
    }
    if (c.hasFault(FaultKind::MeterDisagreement) && f.meterProvider >= 0) {
        const DemoNode& node = model.providers[f.meterProvider].nodes[f.meterNode];
        QJsonObject o = b.fault(FaultKind::MeterDisagreement, f.meterProvider,
            QStringLiteral("the provider's telemetry reports a GPU node up for a day while the independent meter, "
                           "scraping the provider's other GPU nodes, cannot reach it"));
        o.insert(kNode, node.id);
        o.insert(kResource, node.resourceClass);
        b.setRange(o, f.meterFirst, f.meterEnd);
        const double hours = double((f.meterEnd - f.meterFirst) * c.stepSeconds) / 3600.0;
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("disagreement"), QStringLiteral("unavailable") },
                { QStringLiteral("providerCapacity"), node.capacity },
                { QStringLiteral("unitHours"), node.capacity * hours } });
        out.append(o);
    }
    appendTelemetryBoundsFaults(model, b, out);
    appendBillingFaults(out, b, model, ev.billing);
    if (c.hasFault(FaultKind::LogSplitView)) {
        QJsonObject o = b.fault(FaultKind::LogSplitView, f.splitViewProvider,
            QStringLiteral("the provider's attestation and first telemetry bundle each carry a valid inclusion proof "
                           "with a checkpoint signed by the trusted demo log, but of two different trees of the same "
                           "size: the log showed each bundle another history"));
        o.insert(QStringLiteral("bundles"), QJsonArray::fromStringList(ev.splitView.bundles));
        // No roots here: they hash the envelopes, whose ECDSA signatures differ from run to run, and faults.json is
        // byte-identical for a seed. The roots are in the two bundles' tlog/proof.json.
        o.insert(kExpected,
            QJsonObject { { QStringLiteral("kind"), QStringLiteral("split-view") },
                { QStringLiteral("origin"), QLatin1String(kDemoLogOrigin) },
                { QStringLiteral("treeSize"), double(ev.splitView.treeSize) } });
        out.append(o);
    }
    for (QJsonObject o : invoiceFaultRecords(model, ev.invoice)) {
        o.insert(QStringLiteral("id"), b.nextId());
        out.append(o);
    }
    return out;
}

} // namespace capaudit::demo
