// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/democonfig.h"

#include <QList>
#include <QMap>
#include <QString>

namespace capaudit::demo {

// The buyer's teams; every provider hosts some of their workloads.
struct DemoTenant {
    QString id; // "acme-research"
    QString name;
    QMap<QString, double> weight; // resource class -> relative demand on that class
    double diurnalAmplitude = 0; // 0..1: trough = 1 - amplitude
    double peakHour = 14; // UTC hour of the daily peak
    double weekendDip = 0; // 0..1: weekend demand = 1 - dip
    double monthlyGrowth = 0; // 0.1 = +10 % over 30 days
    double utilisation = 0.8; // used / allocated
};

struct DemoRegion {
    QString id; // "eu-central-1"
    QString name; // "Frankfurt"
    QString jurisdiction; // ISO 3166-1 alpha-2
};

struct Placement {
    int tenant = 0; // index into DemoModel::tenants
    double share = 0; // fraction of the node's capacity at the tenant's peak
};

struct DemoNode {
    QString id; // "a-gpu-02"
    QString hardwareClass; // "gpu-h100-sxm"
    QString resourceClass; // "cpu" | "gpu" | "storage"
    QString gpuModel; // DCGM modelName for GPU nodes
    double capacity = 0; // cores, devices or TiB
    int region = 0; // index into DemoProvider::regions
    QString regionId, jurisdiction; // resolved (the jurisdiction fault moves a node)
    bool attested = true; // false only for the unattested-node fault
    qint64 firstStep = 0; // first step at which the node reports
    QList<Placement> tenants;
    int key = 0; // stable number for the random streams
};

enum class TelemetryFormat { NativeCsv, OpenMetrics };

struct DemoCommitment {
    QString resourceClass;
    QString region;
    double quantity = 0;
    double overcommitLimit = 1.0;
};

struct DemoProvider {
    int index = 0;
    QString id; // "provider-a"
    QString letter; // "a"
    QString name; // "Aurora Compute"
    QString contractId;
    QString billingAccountId;
    QList<DemoRegion> regions;
    QList<DemoNode> nodes; // attested nodes first, then any unattested one
    QMap<QString, double> prices; // resource class -> contracted unit price (EUR per unit-hour)
    double listMarkup = 1.2; // list price = contracted x markup
    QList<DemoCommitment> commitments;
    double availabilityTarget = 0.995;
    double slaCreditPercent = 10;
    TelemetryFormat telemetryFormat = TelemetryFormat::NativeCsv;
    bool spaceSeparatedBillingDates = false; // real-world FOCUS quirks: "YYYY-MM-DD HH:MM:SS" and NULL literals

    int nodeIndex(const QString& nodeId) const;
};

// One billing fault (issue 13): where it sits; days are demo day indices [firstDay, endDay).
struct BillingFault {
    int provider = -1;
    int node = -1; // overlapping-charges, unknown-tenant: the node whose rows carry it
    int tenant = -1; // index into DemoModel::tenants; -1 for unknown-tenant (a tenant outside the model)
    QString resourceClass;
    qint64 firstDay = 0, endDay = 0;
    bool active() const
    {
        return provider >= 0;
    }
};

struct BillingFaultPlan {
    BillingFault unreconciled; // the Adjustment row's charge period spans the first invoice's days
    double adjustmentAmount = 400.0;
    BillingFault listPrice;
    BillingFault overlap;
    BillingFault subTolerance; // the first invoice's days
    double subToleranceFactor = 1.009;
    BillingFault currency;
    QString foreignCurrency = QStringLiteral("CHF");
    BillingFault unknownTenant;
    QString unknownTenantId = QStringLiteral("acme-shadow");
    double unknownTenantShare = 0.1; // of the node's capacity, all day
};

// Where and when each fault is injected. Times are step indices (half-open ranges).
// The invoice faults of issue 18 (demo/invoicewriter.h); provider -1: not injected. Days are demo day indices.
struct InvoiceFaultPlan {
    int doubleProvider = -1; // a week of one class invoiced twice on the provider's first invoice
    QString doubleClass;
    qint64 doubleFirstDay = 0, doubleEndDay = 0;
    int aboveProvider = -1; // a week of one class invoiced above the delivered allocation
    QString aboveClass;
    qint64 aboveFirstDay = 0, aboveEndDay = 0;
    double aboveFactor = 1.3;
    int missingCreditProvider = -1; // the SLA breach provider's first invoice leaves out the SLA credit
    int ciiProvider = -1; // its first invoice is written in CII
};

struct FaultPlan {
    int overBillingProvider = -1, overBillingTenant = -1;
    QString overBillingResource;
    qint64 overBillingFirstDay = 0, overBillingEndDay = 0;
    double overBillingFactor = 1.075;

    int gapProvider = -1, gapNode = -1;
    qint64 gapFirst = 0, gapEnd = 0;

    int unattestedProvider = -1, unattestedNode = -1;

    int overcommitProvider = -1, overcommitNode = -1;
    qint64 overcommitFirst = 0, overcommitEnd = 0;
    double overcommitRatio = 1.6;

    int slaProvider = -1;
    QList<int> slaNodes;
    qint64 slaFirst = 0, slaEnd = 0;
    bool slaEmptiesGroup = false; // tiny banks only: the outage also leaves a class/region below its commitment

    int shortfallProvider = -1;
    QString shortfallResource, shortfallRegion;
    QList<int> shortfallNodes;
    qint64 shortfallFirst = 0, shortfallEnd = 0;
    double shortfallFactor = 0.25;

    int jurisdictionProvider = -1, jurisdictionNode = -1;

    int tamperedProvider = -1, tamperedPeriod = -1; // index of the telemetry period whose copy is edited
    int expiredProvider = -1; // its first billing bundle is re-issued with an expired certificate

    // Re-issued attestations, signed after the period: the relocation one puts jurisdictionNode back in its region
    // (the original attests it in us-east-1 / US, where it is); the SLA one lowers the availability target.
    int relocationProvider = -1;
    int slaTargetProvider = -1;
    double reissuedSlaTarget = 0.9;

    bool reissues(int provider) const
    {
        return provider == relocationProvider || provider == slaTargetProvider;
    }
    int meterProvider = -1, meterNode = -1; // the metered provider's GPU node the meter cannot reach
    qint64 meterFirst = 0, meterEnd = 0;
    int declaredStepProvider = -1; // its first telemetry bundle declares resolutionSeconds = 2 x the step
    int splitViewProvider = -1; // its attestation and first telemetry bundle carry checkpoints of a forked log

    int duplicateProvider = -1, duplicateNode = -1; // tenant rows written twice
    qint64 duplicateFirst = 0, duplicateEnd = 0;

    int tenantOnlyProvider = -1, tenantOnlyNode = -1; // an extra bundle with only these tenant rows
    qint64 tenantOnlyFirst = 0, tenantOnlyEnd = 0;

    int capacityProvider = -1, capacityNode = -1;
    qint64 capacityFirst = 0, capacityEnd = 0;
    double capacityFactor = 1.5;

    int maintenanceProvider = -1, maintenanceNode = -1;
    qint64 maintenanceFirst = 0, maintenanceEnd = 0;

    int silentProvider = -1, silentNode = -1;
    qint64 silentFirst = 0; // silent from here to the end of the period

    int neverProvider = -1, neverNode = -1; // attested, never reports (firstStep = the step count)
    BillingFaultPlan billing;
    InvoiceFaultPlan invoice;
};

// The provider (index into DemoModel::providers) whose GPU nodes the independent meter also measures.
inline constexpr int kMeteredProvider = 0;

struct DemoModel {
    DemoConfig config;
    QList<DemoTenant> tenants;
    QList<DemoProvider> providers;
    QStringList allowedJurisdictions;
    QString buyer = QStringLiteral("Acme Corp");
    QString currency = QStringLiteral("EUR");
    FaultPlan faults;

    qint64 stepTime(qint64 step) const
    {
        return config.startSeconds() + step * config.stepSeconds;
    }
    qint64 stepsPerDay() const
    {
        return 86400 / config.stepSeconds;
    }
};

// Builds providers, nodes, tenants, prices, commitments and the fault plan from the configuration (which must
// be valid). Pure function of the configuration.
DemoModel buildModel(const DemoConfig& config);

// Units as written in the attestation and the FOCUS files.
QString capacityUnit(const QString& resourceClass); // "core", "GPU", "TiB"
QString pricingUnit(const QString& resourceClass); // "Core-Hours", "GPU-Hours", "TiB-Hours"

} // namespace capaudit::demo
