// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demomodel.h"

#include "demo/billingfaults.h"
#include "demo/demorandom.h"
#include "demo/invoicewriter.h"

#include <algorithm>
#include <cmath>

namespace capaudit::demo {

namespace {

struct ProviderTemplate {
    const char* name;
    DemoRegion regions[2];
};

const ProviderTemplate kProviders[kMaxProviders] = {
    { "Aurora Compute", { { "eu-central-1", "Frankfurt", "DE" }, { "eu-west-1", "Dublin", "IE" } } },
    { "Borealis Cloud", { { "fr-par-1", "Paris", "FR" }, { "nl-ams-1", "Amsterdam", "NL" } } },
    { "Cirrus Systems", { { "de-fra-2", "Frankfurt", "DE" }, { "se-sto-1", "Stockholm", "SE" } } },
    { "Deltawave Hosting", { { "fi-hel-1", "Helsinki", "FI" }, { "at-vie-1", "Vienna", "AT" } } },
    { "Equinox Cloud", { { "be-bru-1", "Brussels", "BE" }, { "dk-cph-1", "Copenhagen", "DK" } } },
    { "Fjord Compute", { { "pl-waw-1", "Warsaw", "PL" }, { "es-mad-1", "Madrid", "ES" } } },
    { "Granite Grid", { { "it-mil-1", "Milan", "IT" }, { "pt-lis-1", "Lisbon", "PT" } } },
    { "Helios Racks", { { "cz-prg-1", "Prague", "CZ" }, { "de-ber-1", "Berlin", "DE" } } },
};

struct Hardware {
    const char* hardwareClass;
    const char* resourceClass;
    double capacity;
    const char* gpuModel;
};

const Hardware kCpu[] = { { "cpu-epyc-9654", "cpu", 96, "" }, { "cpu-xeon-8480", "cpu", 112, "" },
    { "cpu-epyc-7763", "cpu", 128, "" } };
const Hardware kGpu[] = { { "gpu-h100-sxm", "gpu", 8, "NVIDIA H100 80GB HBM3" },
    { "gpu-a100-80g", "gpu", 8, "NVIDIA A100-SXM4-80GB" }, { "gpu-l40s", "gpu", 4, "NVIDIA L40S" } };
const Hardware kStorage[] = { { "storage-nvme", "storage", 240, "" }, { "storage-hdd", "storage", 960, "" } };

QList<DemoTenant> makeTenants()
{
    auto tenant = [](const char* id, const char* name, QMap<QString, double> weight, double diurnal, double peak,
                      double weekend, double growth, double util) {
        DemoTenant t;
        t.id = QLatin1String(id);
        t.name = QLatin1String(name);
        t.weight = std::move(weight);
        t.diurnalAmplitude = diurnal;
        t.peakHour = peak;
        t.weekendDip = weekend;
        t.monthlyGrowth = growth;
        t.utilisation = util;
        return t;
    };
    const QString cpu = QStringLiteral("cpu"), gpu = QStringLiteral("gpu"), storage = QStringLiteral("storage");
    return {
        tenant("acme-research", "Acme Research", { { gpu, 1.0 }, { cpu, 0.3 } }, 0.15, 15, 0.05, 0.25, 0.92),
        tenant("acme-vision", "Acme Vision", { { gpu, 0.8 }, { cpu, 0.5 } }, 0.40, 14, 0.20, 0.12, 0.81),
        tenant("acme-search", "Acme Search", { { cpu, 1.0 }, { storage, 0.3 } }, 0.55, 20, 0.25, 0.08, 0.68),
        tenant("acme-analytics", "Acme Analytics", { { cpu, 0.7 }, { storage, 0.5 } }, 0.60, 11, 0.50, 0.05, 0.60),
        tenant("acme-batch", "Acme Batch", { { cpu, 0.8 } }, 0.50, 3, 0.10, 0.10, 0.95),
        tenant("acme-archive", "Acme Archive", { { storage, 1.0 } }, 0.05, 12, 0.0, 0.20, 0.86),
    };
}

// Each node hosts up to three of the tenants that use its resource class, rotating so that every tenant lands on
// several nodes; shares are proportional to the tenants' weights and leave headroom (peak total <= 85 %).
void placeTenants(DemoProvider& provider, const QList<DemoTenant>& tenants)
{
    QMap<QString, int> perClassIndex;
    for (DemoNode& node : provider.nodes) {
        QList<int> users;
        for (int t = 0; t < tenants.size(); ++t) {
            if (tenants[t].weight.value(node.resourceClass) > 0)
                users.append(t);
        }
        const int j = perClassIndex[node.resourceClass]++;
        const int hosted = std::min<int>(3, int(users.size()));
        double total = 0;
        QList<int> chosen;
        for (int i = 0; i < hosted; ++i) {
            const int t = users[(j + i + provider.index) % users.size()];
            chosen.append(t);
            total += tenants[t].weight.value(node.resourceClass);
        }
        std::sort(chosen.begin(), chosen.end());
        for (int t : chosen)
            node.tenants.append({ t, 0.85 * tenants[t].weight.value(node.resourceClass) / total });
    }
}

DemoProvider makeProvider(const DemoConfig& config, int p, const QList<DemoTenant>& tenants)
{
    DemoProvider provider;
    provider.index = p;
    provider.letter = QString(QLatin1Char(char('a' + p)));
    provider.id = QStringLiteral("provider-") + provider.letter;
    provider.name = QLatin1String(kProviders[p].name);
    provider.contractId = QStringLiteral("ACME-%1-2026-%2").arg(provider.letter.toUpper()).arg(101 + p);
    provider.billingAccountId = QStringLiteral("acct-%1-%2").arg(provider.letter).arg(470021 + 7919 * p);
    for (const DemoRegion& r : kProviders[p].regions)
        provider.regions.append(r);

    const quint64 seed = config.seed;
    const int n = config.nodesPerProvider > 0 ? config.nodesPerProvider
                                              : 8 + int(uniform(seed, { hashName("nodes"), quint64(p) }) * 5.0);
    const int gpus = std::max(1, int(std::lround(0.3 * n)));
    const int storage = std::max(1, int(std::lround(0.2 * n)));
    const int cpus = std::max(1, n - gpus - storage);
    auto add = [&](const Hardware& hw, const char* tag, int count) {
        for (int i = 0; i < count; ++i) {
            DemoNode node;
            node.id =
                QStringLiteral("%1-%2-%3").arg(provider.letter, QLatin1String(tag)).arg(i + 1, 2, 10, QLatin1Char('0'));
            node.hardwareClass = QLatin1String(hw.hardwareClass);
            node.resourceClass = QLatin1String(hw.resourceClass);
            node.gpuModel = QLatin1String(hw.gpuModel);
            node.capacity = hw.capacity;
            node.region = i % 2;
            node.key = int(provider.nodes.size());
            provider.nodes.append(node);
        }
    };
    add(kCpu[p % 3], "cpu", cpus);
    add(kGpu[p % 3], "gpu", gpus);
    add(kStorage[p % 2], "sto", storage);

    // Competing offers: prices differ by a few per cent to a few tens of per cent between providers.
    auto price = [&](const char* cls, double base, double spread) {
        const double f = 1.0 + spread * symmetric(seed, { hashName("price"), hashName(cls), quint64(p) });
        provider.prices[QLatin1String(cls)] = std::round(base * f * 10000.0) / 10000.0;
    };
    price("cpu", 0.038, 0.18);
    price("gpu", 2.60, 0.25);
    price("storage", 0.016, 0.20);
    provider.listMarkup = 1.15 + 0.05 * (p % 3);
    provider.availabilityTarget = 0.995;
    provider.telemetryFormat = p % 2 == 1 ? TelemetryFormat::OpenMetrics : TelemetryFormat::NativeCsv;
    provider.spaceSeparatedBillingDates = p % 2 == 1;
    placeTenants(provider, tenants);
    return provider;
}

void resolveRegions(DemoProvider& provider)
{
    for (DemoNode& node : provider.nodes) {
        node.regionId = provider.regions[node.region].id;
        node.jurisdiction = provider.regions[node.region].jurisdiction;
    }
}

// Commitment = 40 % of the attested capacity per resource class and region (rounded up), so that the SLA outage (which
// keeps at least half of each group up) never looks like undelivered capacity, while the shortfall fault (at most
// 25 %) always does.
void makeCommitments(DemoProvider& provider)
{
    QMap<QPair<QString, QString>, double> capacity;
    for (const DemoNode& node : provider.nodes) {
        if (node.attested && node.jurisdiction != u"US")
            capacity[{ node.resourceClass, node.regionId }] += node.capacity;
    }
    for (auto it = capacity.cbegin(); it != capacity.cend(); ++it) {
        DemoCommitment c;
        c.resourceClass = it.key().first;
        c.region = it.key().second;
        c.quantity = std::ceil(0.4 * it.value());
        c.overcommitLimit = c.resourceClass == u"cpu" ? 1.25 : 1.0;
        if (c.quantity > 0)
            provider.commitments.append(c);
    }
}

int firstNodeOfClass(
    const DemoProvider& provider, const QString& resourceClass, const QList<int>& avoid, int region = -1)
{
    for (int i = 0; i < provider.nodes.size(); ++i) {
        const DemoNode& node = provider.nodes[i];
        if (node.resourceClass == resourceClass && node.attested && !avoid.contains(i)
            && (region < 0 || node.region == region))
            return i;
    }
    return -1;
}

// A node of PROVIDER for a new fault: the first attested one of the first class in CLASSES that carries no fault yet,
// else any attested node without one, else the first node.
int pickNode(const DemoProvider& provider, const QStringList& classes, const QList<int>& avoid)
{
    for (const QString& cls : classes)
        if (const int n = firstNodeOfClass(provider, cls, avoid); n >= 0)
            return n;
    for (int i = 0; i < provider.nodes.size(); ++i)
        if (provider.nodes[i].attested && !avoid.contains(i))
            return i;
    return 0;
}

// The telemetry tricks of issue 13 (docs/demo.md): placed on providers 0 and 2 and on nodes without another fault, so
// provider 1's SLA figures and the other faults' ground truth stay as they were.
void planTelemetryBoundsFaults(DemoModel& model, QMap<int, QList<int>>& used)
{
    const DemoConfig& c = model.config;
    FaultPlan& f = model.faults;
    const int providers = int(model.providers.size());
    const qint64 perDay = model.stepsPerDay();
    const qint64 perHour = 3600 / c.stepSeconds;
    const qint64 steps = c.stepCount();
    auto dayStep = [&](double fraction) { return qint64(std::floor(fraction * c.days)) * perDay; };
    const QStringList anyClass { QStringLiteral("storage"), QStringLiteral("gpu"), QStringLiteral("cpu") };

    if (c.hasFault(FaultKind::DeclaredStep))
        f.declaredStepProvider = 2 % providers;
    if (c.hasFault(FaultKind::LogSplitView))
        f.splitViewProvider = 0;
    if (c.hasFault(FaultKind::DuplicateTenantRows)) {
        f.duplicateProvider = 0;
        f.duplicateNode = pickNode(model.providers[0], anyClass, used[0]);
        f.duplicateFirst = dayStep(0.3) + 6 * perHour;
        f.duplicateEnd = f.duplicateFirst + 10 * perHour;
        used[0].append(f.duplicateNode);
    }
    if (c.hasFault(FaultKind::TenantOnlyBundle)) {
        f.tenantOnlyProvider = 0;
        f.tenantOnlyNode = pickNode(model.providers[0], anyClass, used[0]);
        f.tenantOnlyFirst = dayStep(0.5);
        f.tenantOnlyEnd = f.tenantOnlyFirst + perDay;
        used[0].append(f.tenantOnlyNode);
    }
    if (c.hasFault(FaultKind::CapacityAboveAttested)) {
        f.capacityProvider = 0;
        f.capacityNode = pickNode(model.providers[0], { QStringLiteral("gpu"), QStringLiteral("cpu") }, used[0]);
        f.capacityFirst = dayStep(0.2);
        f.capacityEnd = f.capacityFirst + 2 * perDay;
        used[0].append(f.capacityNode);
    }
    if (c.hasFault(FaultKind::OutageAsMaintenance)) {
        f.maintenanceProvider = 2 % providers;
        const int p = f.maintenanceProvider;
        f.maintenanceNode = pickNode(model.providers[p], { QStringLiteral("cpu"), QStringLiteral("gpu") }, used[p]);
        f.maintenanceFirst = dayStep(0.35) + 3 * perHour;
        f.maintenanceEnd = f.maintenanceFirst + 12 * perHour;
        used[p].append(f.maintenanceNode);
    }
    if (c.hasFault(FaultKind::SilentNode)) {
        f.silentProvider = 2 % providers;
        const int p = f.silentProvider;
        f.silentNode = pickNode(model.providers[p], { QStringLiteral("cpu"), QStringLiteral("storage") }, used[p]);
        f.silentFirst = steps - 2 * perDay;
        used[p].append(f.silentNode);
    }
    if (c.hasFault(FaultKind::NeverReportingNode)) {
        // Added after the commitments were made: the node pads the inventory, it does not change what was committed.
        f.neverProvider = 2 % providers;
        DemoProvider& p = model.providers[f.neverProvider];
        DemoNode node = p.nodes[pickNode(p, { QStringLiteral("cpu") }, {})];
        node.id = QStringLiteral("%1-cpu-91").arg(p.letter);
        node.firstStep = steps;
        node.key = 910;
        node.attested = true;
        // Attested nodes come first: insert before the unattested one, whose index moves up by one.
        int at = 0;
        while (at < p.nodes.size() && p.nodes[at].attested)
            ++at;
        p.nodes.insert(at, node);
        if (f.unattestedProvider == f.neverProvider && f.unattestedNode >= at)
            ++f.unattestedNode;
        f.neverNode = at;
    }
}

void planFaults(DemoModel& model)
{
    const DemoConfig& c = model.config;
    FaultPlan& f = model.faults;
    const int providers = int(model.providers.size());
    const qint64 perDay = model.stepsPerDay();
    const qint64 steps = c.stepCount();
    const qint64 perHour = 3600 / c.stepSeconds;
    auto dayStep = [&](double fraction) { return qint64(std::floor(fraction * c.days)) * perDay; };
    QMap<int, QList<int>> used; // provider -> nodes already carrying a fault

    // The relocation re-issue needs a node the original attestation places in a forbidden jurisdiction: the same
    // storage node the jurisdiction fault moves (moved here too when that fault is off).
    if (c.hasFault(FaultKind::Jurisdiction) || c.hasFault(FaultKind::ReissuedRelocation)) {
        f.jurisdictionProvider = 2 % providers;
        if (c.hasFault(FaultKind::ReissuedRelocation))
            f.relocationProvider = f.jurisdictionProvider;
        DemoProvider& p = model.providers[f.jurisdictionProvider];
        f.jurisdictionNode = firstNodeOfClass(p, QStringLiteral("storage"), {});
        DemoNode& node = p.nodes[f.jurisdictionNode];
        node.regionId = QStringLiteral("us-east-1");
        node.jurisdiction = QStringLiteral("US");
        used[f.jurisdictionProvider].append(f.jurisdictionNode);
    }
    if (c.hasFault(FaultKind::ReissuedSlaTarget))
        f.slaTargetProvider = 1 % providers;
    if (c.hasFault(FaultKind::UnattestedNode)) {
        f.unattestedProvider = 2 % providers;
        DemoProvider& p = model.providers[f.unattestedProvider];
        const int templ = firstNodeOfClass(p, QStringLiteral("gpu"), {});
        DemoNode node = p.nodes[templ];
        node.id = QStringLiteral("%1-gpu-90").arg(p.letter);
        node.attested = false;
        node.region = 1;
        node.regionId = p.regions[1].id;
        node.jurisdiction = p.regions[1].jurisdiction;
        node.firstStep = dayStep(0.5);
        node.key = 900;
        p.nodes.append(node);
        f.unattestedNode = int(p.nodes.size()) - 1;
        used[f.unattestedProvider].append(f.unattestedNode);
    }
    for (DemoProvider& p : model.providers)
        makeCommitments(p);

    if (c.hasFault(FaultKind::OverBilling)) {
        f.overBillingProvider = 1 % providers;
        f.overBillingTenant = 1; // acme-vision
        f.overBillingResource = QStringLiteral("gpu");
        f.overBillingFirstDay = qint64(std::floor(0.25 * c.days));
        f.overBillingEndDay = std::min<qint64>(f.overBillingFirstDay + 7, c.days);
    }
    if (c.hasFault(FaultKind::TelemetryGap)) {
        f.gapProvider = 0;
        f.gapNode = firstNodeOfClass(model.providers[0], QStringLiteral("cpu"), used[0]);
        f.gapFirst = dayStep(0.4) + 9 * perHour;
        f.gapEnd = f.gapFirst + 6 * perHour;
        used[0].append(f.gapNode);
    }
    if (c.hasFault(FaultKind::OverCommitment)) {
        f.overcommitProvider = 0;
        f.overcommitNode = firstNodeOfClass(model.providers[0], QStringLiteral("cpu"), used[0]);
        if (f.overcommitNode < 0) // a single CPU node already carries the gap (at another time)
            f.overcommitNode = firstNodeOfClass(model.providers[0], QStringLiteral("cpu"), {});
        f.overcommitFirst = dayStep(0.6);
        f.overcommitEnd = f.overcommitFirst + 36 * perHour;
        used[0].append(f.overcommitNode);
    }
    if (c.hasFault(FaultKind::CapacityShortfall)) {
        f.shortfallProvider = 2 % providers;
        const DemoProvider& p = model.providers[f.shortfallProvider];
        f.shortfallResource = QStringLiteral("gpu");
        f.shortfallRegion = p.regions[0].id;
        for (int i = 0; i < p.nodes.size(); ++i) {
            if (p.nodes[i].attested && p.nodes[i].resourceClass == f.shortfallResource
                && p.nodes[i].regionId == f.shortfallRegion)
                f.shortfallNodes.append(i);
        }
        used[f.shortfallProvider] += f.shortfallNodes;
        f.shortfallFirst = dayStep(0.45);
        f.shortfallEnd = f.shortfallFirst + 3 * perDay;
    }
    if (c.hasFault(FaultKind::SlaBreach)) {
        f.slaProvider = 1 % providers;
        const DemoProvider& p = model.providers[f.slaProvider];
        const QList<int>& avoid = used[f.slaProvider];
        int attested = 0;
        QMap<QPair<QString, QString>, int> groupSize, groupDown;
        for (int i = 0; i < p.nodes.size(); ++i) {
            if (p.nodes[i].attested) {
                ++attested;
                ++groupSize[{ p.nodes[i].resourceClass, p.nodes[i].regionId }];
            }
        }
        // Up to 40 % of the nodes, never more than half of a class/region group (see makeCommitments).
        const int wanted = (attested * 4 + 9) / 10;
        for (int i = 0; i < p.nodes.size() && f.slaNodes.size() < wanted; ++i) {
            const DemoNode& node = p.nodes[i];
            const QPair<QString, QString> g { node.resourceClass, node.regionId };
            if (!node.attested || avoid.contains(i) || 2 * (groupDown[g] + 1) > groupSize[g])
                continue;
            ++groupDown[g];
            f.slaNodes.append(i);
        }
        if (f.slaNodes.isEmpty()) { // every group is a single node: take one anyway (documented side effect)
            int node = firstNodeOfClass(p, QStringLiteral("cpu"), avoid);
            if (node < 0)
                node = firstNodeOfClass(p, QStringLiteral("gpu"), avoid);
            if (node < 0)
                node = firstNodeOfClass(p, QStringLiteral("storage"), avoid);
            if (node < 0) // one provider with three nodes: share the node whose fault has no time window
                node = f.jurisdictionProvider == f.slaProvider ? f.jurisdictionNode
                                                               : firstNodeOfClass(p, QStringLiteral("cpu"), {});
            f.slaNodes.append(node);
        }
        for (const DemoCommitment& cm : p.commitments) {
            double up = 0;
            for (int i = 0; i < p.nodes.size(); ++i) {
                const DemoNode& n = p.nodes[i];
                if (n.attested && n.resourceClass == cm.resourceClass && n.regionId == cm.region
                    && !f.slaNodes.contains(i))
                    up += n.capacity;
            }
            f.slaEmptiesGroup = f.slaEmptiesGroup || up < cm.quantity;
        }
        // Down long enough that both the per-node and the provider-wide availability miss the target:
        // unavailability 1.2 % of all node-hours, against an allowed 0.5 %.
        const double hours = std::ceil(0.012 * attested * 24.0 * c.days / double(f.slaNodes.size()));
        f.slaFirst = dayStep(0.7) + 2 * perHour;
        f.slaEnd = std::min(steps, f.slaFirst + qint64(hours) * perHour);
    }
    if (c.hasFault(FaultKind::TamperedPayload)) {
        f.tamperedProvider = 0;
        f.tamperedPeriod = c.days > 7 ? 1 : 0; // the second week when there is one
    }
    if (c.hasFault(FaultKind::ExpiredCertificate))
        f.expiredProvider = 1 % providers;
    if (c.hasFault(FaultKind::MeterDisagreement)) {
        // Only the metered provider has an independent meter, and the meter scrapes only GPU nodes.
        f.meterProvider = kMeteredProvider;
        f.meterNode = firstNodeOfClass(model.providers[kMeteredProvider], QStringLiteral("gpu"), {});
        f.meterFirst = dayStep(0.55) + 6 * perHour;
        f.meterEnd = std::min(steps, f.meterFirst + perDay);
        if (f.meterNode < 0) // no GPU node to meter: the fault cannot be placed (docs/demo.md)
            f.meterProvider = -1;
    }
    planTelemetryBoundsFaults(model, used);
}

} // namespace

int DemoProvider::nodeIndex(const QString& nodeId) const
{
    for (int i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == nodeId)
            return i;
    }
    return -1;
}

QString capacityUnit(const QString& resourceClass)
{
    if (resourceClass == u"cpu")
        return QStringLiteral("core");
    if (resourceClass == u"gpu")
        return QStringLiteral("GPU");
    return QStringLiteral("TiB");
}

QString pricingUnit(const QString& resourceClass)
{
    if (resourceClass == u"cpu")
        return QStringLiteral("Core-Hours");
    if (resourceClass == u"gpu")
        return QStringLiteral("GPU-Hours");
    return QStringLiteral("TiB-Hours");
}

DemoModel buildModel(const DemoConfig& config)
{
    DemoModel model;
    model.config = config;
    model.tenants = makeTenants();
    model.allowedJurisdictions = { QStringLiteral("AT"), QStringLiteral("BE"), QStringLiteral("CZ"),
        QStringLiteral("DE"), QStringLiteral("DK"), QStringLiteral("ES"), QStringLiteral("FI"), QStringLiteral("FR"),
        QStringLiteral("IE"), QStringLiteral("IT"), QStringLiteral("NL"), QStringLiteral("PL"), QStringLiteral("PT"),
        QStringLiteral("SE") };
    for (int p = 0; p < config.providers; ++p) {
        model.providers.append(makeProvider(config, p, model.tenants));
        resolveRegions(model.providers.last());
    }
    planFaults(model);
    planBillingFaults(model);
    planInvoiceFaults(model);
    return model;
}

} // namespace capaudit::demo
