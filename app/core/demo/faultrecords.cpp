// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/faultrecords.h"

#include "demo/demoformat.h"
#include "demo/simulation.h"
#include "evidence/verdict.h"

#include <QJsonObject>

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
                    round(1.0 - down * double(f.slaNodes.size()) / (periodSeconds * attested), 6) } });
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
    appendBillingFaults(out, b, model, ev.billing);
    return out;
}

} // namespace capaudit::demo
