// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the check runner: what the rules share (dictionaries, attested inventory, the raw-sample scan).
#include "analytics/checkrunner.h"
#include "store/casestore.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <map>

namespace capaudit {
template <typename T> class Prefetch;
}

namespace capaudit::analytics::detail {

struct StoredBillingRow;

struct AttestedNodeInfo {
    qint64 nodeId = 0;
    QString name;
    QString region;
    QString jurisdiction;
    QString bundleDigest;
    qint64 line = 0; // position in the inventory (1-based), for the evidence reference
    QMap<QString, double> capacities; // resource class -> attested capacity
};

struct ProviderAttestation {
    qint64 providerId = 0;
    QString provider;
    QString contractId;
    QString currency;
    Period period;
    QStringList allowedJurisdictions;
    double availabilityTarget = kMissing;
    double creditPercent = 0; // SLA credit owed, % of the period's charges, when availability misses the target
    qint64 signedAt = 0; // from the verified signature (bundle signingTime), never from the statement itself
    qint64 bundleId = 0;
    QString bundleDigest; // this version's bundle
    QList<AttestedNodeInfo> nodes;
    QList<CommitmentLine> commitments;
    QMap<QString, double> prices; // resource class -> contracted unit price
    QSet<QString> tenants;
    qint64 measurementWindow = 0; // SLA measurement window, seconds (attestation_sla); 0: the whole period
    // (node id, resource id) -> attested capacity: telemetry above it is capped there (telemetrybounds.cpp)
    QHash<QPair<qint64, qint64>, double> nodeCapacity;
};

// A run of consecutive sample times of one node in one payload of one bundle.
struct TimeRun {
    qint64 first = 0, last = 0; // sample times (inclusive)
    qint64 firstSeq = 0, lastSeq = 0; // the node rows at FIRST and LAST (CheckContext::sampleLine gives their lines)
    qint64 bundleId = 0;
    int payload = 0;
};

// Steps FIRST, FIRST + STEP, ..., LAST that all have VALUE: delivered capacity of one node (per bundle scan), or of
// a whole region or class (after summing, see sumDelivered).
struct DeliveredRun {
    qint64 first = 0, last = 0, step = 0;
    double value = 0;
    qint64 node = 0;
    qint64 steps() const
    {
        return (last - first) / step + 1;
    }
};

// One step of one node above its over-commitment limit.
struct OvercommitStep {
    qint64 time = 0;
    qint64 resourceId = 0;
    double allocated = 0, capacity = 0, limit = 0;
    qint64 line = 0;
    qint64 bundleId = 0;
    int payload = 0;
};

// Node-level steps of one node and class in one time bucket (a UTC day or hour, see scanTelemetry): how many were
// available (state up, capacity above 0), how many in maintenance, and the first and last step that was not available.
struct StepTally {
    qint64 available = 0, maintenance = 0;
    qint64 badFirst = 0, badLast = 0; // 0: every reported step was available
};

// Steps of one node and class whose reported capacity exceeds the attested one (capped there for every rule).
struct CapacityExcess {
    qint64 first = 0, last = 0;
    qint64 resourceId = 0;
    double reported = 0, attested = 0;
    qint64 steps = 0;
    qint64 firstSeq = 0, lastSeq = 0;
    qint64 bundleId = 0;
    int payload = 0;
};

// Consecutive hours in which one (bundle, payload) reports tenant allocations of one node and class: where two such
// sources overlap, the same (time, node, class, tenant) key may be counted twice (telemetrybounds.cpp drills there).
struct SourceRun {
    qint64 bundleId = 0;
    int payload = 0;
    qint64 node = 0, resource = 0;
    qint64 first = 0, last = 0; // sample times (inclusive)
    qint64 firstSeq = 0, lastSeq = 0;
};

// A tenant row whose (time, node, class, tenant) key another row already carries: the second row is double counting.
struct DuplicateRow {
    qint64 time = 0, node = 0, resource = 0, tenant = 0;
    double allocated = 0; // of the second row: the quantity counted twice
    qint64 firstBundle = 0, secondBundle = 0;
    int firstPayload = 0, secondPayload = 0;
    qint64 firstLine = 0, secondLine = 0;
};

struct NodeScan {
    QList<TimeRun> runs; // node-level rows only
    QMap<int, qint64> upSteps, downSteps; // by payload*1000+resource: a node's states come from one payload
    QList<OvercommitStep> overcommit;
    qint64 firstTime = 0, lastTime = 0;
    double allocatedSum = 0; // any allocation at all (sovereignty: does the node hold tenant data?)
    qint64 downFirst = 0, downLast = 0; // first and last down step
    // By payload*1000+resource, then by time bucket: the step accounting of sla.availability.
    std::map<int, std::map<qint64, StepTally>> tallies; // node-based: element addresses stay valid
    QList<CapacityExcess> excess;
};

// Facts about samples that fall outside where they may be.
struct TimeAnomaly {
    qint64 count = 0;
    qint64 firstTime = 0, lastTime = 0;
    qint64 firstSeq = 0, firstLine = 0; // the first such sample in import order
    int payload = 0;
};

// Result of scanning one telemetry bundle's raw samples.
struct BundleScan {
    qint64 bundleId = 0;
    qint64 samples = 0; // in the checked period
    qint64 rawSamples = 0; // of which read row by row (the rest came from node-hour aggregates)
    QHash<qint64, NodeScan> nodes; // by node id
    // Delivered capacity per (resource id, region index): capacity of up, attested nodes, run by run.
    QHash<QPair<qint64, int>, QList<DeliveredRun>> delivered;
    TimeAnomaly outsideBundlePeriod, outsideContract, afterSigning;
    qint64 declaredStep = 0, effectiveStep = 0; // resolutionSeconds and the dominant spacing of the node rows
    qint64 spacingSamples = 0, effectiveSpacingSamples = 0; // node-row intervals seen, and of them at effectiveStep
    QList<SourceRun> sources; // tenant allocations per (payload, node, class), as runs of hours
    QList<DuplicateRow> duplicates; // repeated keys within one payload (read raw)
};

// Everything the rules read, loaded once per run.
struct CheckContext {
    CheckContext(CaseStore& s, const CheckOptions& o, CheckReport& r)
        : store(s)
        , options(o)
        , report(r)
    {
    }
    CaseStore& store;
    const CheckOptions& options;
    CheckReport& report;
    QList<StoredBundle> bundles; // considered (all stored bundles)
    QHash<qint64, const StoredBundle*> bundleById;
    QHash<qint64, QString> providerNames, nodeNames, resourceNames, tenantNames;
    QHash<qint64, qint64> nodeProvider; // node id -> provider id
    // The attestation version governing the checked period, by provider name (attestationAt at the period's start,
    // or at the earliest contract start when no period is set). Rules that judge day by day use attestationAt.
    QMap<QString, ProviderAttestation> attestations;
    // Every version of every provider's attestation, by provider name, ordered by signing time (then bundle digest):
    // never by import order.
    QMap<QString, QList<ProviderAttestation>> attestationVersions;
    QStringList regions; // index -> regionKeyOf(provider, region) (delivered-capacity keys)
    QHash<qint64, int> nodeRegion; // attested node id -> region index
    QHash<QPair<qint64, qint64>, double> overcommitLimit; // (node id, resource id) -> limit
    QList<BundleScan> scans; // provider-metered telemetry bundles, in import order
    QHash<qint64, NodeScan> mergedNodes; // per node over all scans (no runs / overcommit lists)
    // Seconds between a telemetry bundle's samples as the samples show it, by bundle id. A provider declares its own
    // resolution; quantities are integrated over the step the samples bear out, never over the declared one alone.
    QHash<qint64, qint64> effectiveSteps;
    qint64 tallyBucket =
        86400; // seconds per StepTally bucket (86400, or 3600 when a contract or window is not whole days)
    // Tenant rows counted twice, in import order of the second row (telemetry.duplicates); the rules that sum
    // allocation from rollups can subtract them.
    QList<DuplicateRow> duplicates;
    // The stored FOCUS rows, being read on another connection while the telemetry rules run (runChecks); null: the
    // billing rules read them themselves.
    Prefetch<Result<QList<StoredBillingRow>>>* billingPrefetch = nullptr;

    bool inPeriod(qint64 time) const
    {
        const Period& p = options.period;
        return p.end <= p.start || (time >= p.start && time < p.end);
    }
    const StoredBundle* bundle(qint64 id) const
    {
        return bundleById.value(id);
    }
    QString payloadPath(qint64 bundleId, int payload) const;
    qint64 sampleLine(qint64 bundleId, qint64 seq) const; // 0 when unknown
    // The step to integrate a telemetry bundle's samples over: effectiveSteps when known, else the declared
    // resolution (60 s when none is declared).
    qint64 effectiveStep(qint64 bundleId) const;
    // The attestation that governs PROVIDER at TIME (chosen by signing time, never import order): among the versions
    // whose contract period contains TIME, the latest signed at or before TIME; when none was signed yet, the earliest
    // signed of them; when no version's period contains TIME, the governing version (attestations). nullptr when the
    // provider has no attestation at all.
    const ProviderAttestation* attestationAt(const QString& provider, qint64 time) const;
    // Times at which attestationAt(PROVIDER, t) may change (period bounds and signing times), ascending.
    QList<qint64> attestationBreaks(const QString& provider) const;
    ProviderFacts& facts(const QString& provider);
    // Applies the policy's severity (minus DOWNGRADE levels, never below info), assigns the id and keeps the finding.
    void add(Finding finding, int downgrade = 0);
};

inline QString regionKeyOf(const QString& provider, const QString& region)
{
    return provider + QChar(0x1f) + region;
}

// The source line of sample SEQ of BUNDLEID through DB (0 when unknown): CheckContext::sampleLine on the check's own
// connection, or a lane's connection of its own.
qint64 sampleLineIn(sql::Database& db, qint64 bundleId, qint64 seq);

Status loadContext(CheckContext& context);
Status scanTelemetry(CheckContext& context); // fills context.scans, in parallel over bundles
// The per-step sum of RUNS (steps without any run are absent), as runs of equal value in time order.
QList<DeliveredRun> sumDelivered(QList<DeliveredRun> runs);

qint64 stepOfProvider(const CheckContext& context, const QString& provider); // effective telemetry step

// telemetrybounds.cpp: attested capacities and SLA windows (before the scan); telemetry.step, telemetry.duplicates
// and capacity.attested (after it).
Status loadAttestedBounds(CheckContext& context);
Status runBoundsRules(CheckContext& context);
// availability.cpp: every step of every attested node over the contract period is accounted for (sla.availability,
// and telemetry.coverage for silence at the ends and nodes that never report). RUNSBYNODE: merged node-row runs.
void runAvailabilityRules(CheckContext& context, const QHash<qint64, QList<TimeRun>>& runsByNode);
// The end of the evidence for PROVIDER: the latest declared period end or sample of any of its bundles (telemetry of
// any meter, billing), so no single bundle's declared period can shorten it.
qint64 evidenceEnd(const CheckContext& context, const QString& provider);
// The steps every attested node of PROVIDER must account for: its contract period within the checked period, up to
// evidenceEnd. {0, 0} when empty.
Period accountingSpan(const CheckContext& context, const ProviderAttestation& attestation);

void runEvidenceRules(CheckContext& context);
// evidence.log-consistency: the transparency-log history of the case (logconsistency.cpp).
Status runLogConsistencyRule(CheckContext& context);
// Evidence that is missing or flawed although nothing was rejected: verified bundles whose import failed
// (evidence.integrity), committed classes without telemetry (telemetry.coverage), non-conformant billing rows
// (billing.data-quality).
Status runEvidenceGapRules(CheckContext& context);
void runDeliveredRule(CheckContext& context); // capacity.delivered and the delivered-capacity facts
void runTelemetryRules(CheckContext& context); // coverage, delivered, overcommit, sla, time sanity
void runInventoryRules(CheckContext& context); // attestation coverage
void runSovereigntyRule(CheckContext& context); // sovereignty.jurisdiction over every version covering the period
void runAttestationVersionRule(CheckContext& context); // attestation.versions: late or weakened restatements
Status runBillingRules(CheckContext& context); // reconciliation, consistency, billing facts, three-way match

} // namespace capaudit::analytics::detail
