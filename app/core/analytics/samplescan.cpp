// SPDX-License-Identifier: GPL-3.0-or-later
// The pass over telemetry that the per-node rules need (coverage, delivered capacity, over-commitment, availability,
// time sanity). Rollups cannot answer these: they sum across nodes. Each bundle's node-hour aggregates (written at
// import) answer them for every group the check can decide from the aggregate alone; the other groups — irregular
// ones, ones that may hold a step above the over-commitment limit or a sample outside its period — are re-read from
// the raw samples, which is exact by construction. Bundles are scanned in parallel, each on its own SQLite connection
// (WAL readers do not block each other); results are merged in import order, so thread timing cannot change them.
//
// Telemetry is bounded by itself here: the step is the dominant spacing of the node rows, not the declared resolution;
// a reported capacity above the attested one is capped there (and recorded); capacity 0 or missing delivers nothing
// and is not available; a (time, node, class, tenant) key repeated within a payload is counted once (and recorded).
#include "analytics/checkcontext.h"
#include "analytics/scanbounds.h"
#include "store/nodehourbuilder.h"
#include "store/samplecursor.h"
#include "store/sqlitedb.h"
#include "util/parallel.h"
#include "util/timeutil.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace capaudit::analytics::detail {
namespace {

constexpr qint64 kCheckEvery = 1 << 16;
constexpr qint64 kHour = 3600;

struct StepAccumulator {
    qint64 time = -1;
    qint64 node = 0, resource = 0;
    int payload = 0;
    double allocated = 0;
    bool hasAllocation = false;
    double capacity = kMissing;
    int state = -1; // -1: no node-level row at this step
    qint64 line = 0;
    qint64 seq = 0; // of the node row
};

struct ScanJob {
    qint64 bundleId = 0;
    Period bundlePeriod;
    qint64 declaredStep = 0;
    QString provider;
    Period contract; // {0,0}: no attestation
    qint64 signedAt = 0;
};

struct GroupKey {
    qint64 payload, node, resource, hour;
    bool operator==(const GroupKey&) const = default;
};
struct GroupKeyHash {
    size_t operator()(const GroupKey& k) const noexcept
    {
        return qHashMulti(0, k.payload, k.node, k.resource, k.hour);
    }
};

// A tenant row's key within one payload; the value is the first row's line.
struct RowKey {
    qint64 payload, node, resource, tenant, time;
    bool operator==(const RowKey&) const = default;
};
struct RowKeyHash {
    size_t operator()(const RowKey& k) const noexcept
    {
        return qHashMulti(0, k.payload, k.node, k.resource, k.tenant, k.time);
    }
};

bool outside(const Period& p, qint64 first, qint64 last)
{
    return p.end > p.start && (first < p.start || last >= p.end);
}

class BundleScanner {
public:
    BundleScanner(const CheckContext& context, const ScanJob& job)
        : m_context(context)
        , m_job(job)
        , m_limitOverride(
              context.options.policy.threshold(QStringLiteral("capacity.overcommit"), QStringLiteral("limitOverride")))
        , m_futureTolerance(qint64(
              context.options.policy.threshold(QStringLiteral("time.sanity"), QStringLiteral("futureToleranceMinutes"))
              * 60))
        , m_sources(job.bundleId)
    {
        m_scan.bundleId = job.bundleId;
    }

    Result<BundleScan> run(const QString& casePath)
    {
        sql::Database db;
        if (Status s = db.open(casePath, sql::Database::Mode::OpenExisting); !s)
            return s.error();
        Result<bool> aggregated =
            m_context.options.useNodeHours ? NodeHourBuilder::hasAggregates(db, m_job.bundleId) : Result<bool>(false);
        if (!aggregated)
            return aggregated.error();
        if (*aggregated) {
            Result<QList<NodeHourRow>> groups = NodeHourBuilder::read(db, m_job.bundleId);
            if (!groups)
                return groups.error();
            m_spacing.addGroups(*groups);
            m_step = m_spacing.decide(m_job.declaredStep, m_scan);
            for (const NodeHourRow& g : std::as_const(*groups))
                if (Status s = group(g); !s)
                    return s.error();
            if (Status s = drill(db); !s)
                return s.error();
        } else {
            if (Status s = m_spacing.addRows(db, m_job.bundleId, m_context.options.cancel); !s)
                return s.error();
            m_step = m_spacing.decide(m_job.declaredStep, m_scan);
            if (Status s = readRaw(db, {}); !s)
                return s.error();
        }
        finishRaw();
        mergeRuns();
        m_scan.sources = m_sources.finish();
        return m_scan;
    }

private:
    bool cancelled() const
    {
        return m_context.options.cancel && m_context.options.cancel->load();
    }

    double limitOf(qint64 node, qint64 resource) const
    {
        return m_limitOverride > 0 ? m_limitOverride : m_context.overcommitLimit.value({ node, resource }, 1.0);
    }

    // The attested capacity of NODE for RESOURCE under the attestation in force at TIME; kMissing when none.
    double attestedCapacity(qint64 node, qint64 resource, qint64 time) const
    {
        const ProviderAttestation* a = m_context.attestationAt(m_job.provider, time);
        return a ? a->nodeCapacity.value({ node, resource }, kMissing) : kMissing;
    }

    // One node's STEPS node-level steps FIRST..LAST of one payload and class, all in one tally bucket.
    void tally(NodeScan& ns, qint64 node, int payload, qint64 resource, int state, double capacity, qint64 steps,
        qint64 first, qint64 last)
    {
        const int key = payload * 1000 + int(resource);
        const qint64 bucket = floorTo(first, m_context.tallyBucket);
        if (!m_tally || m_tallyNode != node || m_tallyKey != key || m_tallyBucketStart != bucket) {
            m_tally = &ns.tallies[key][bucket];
            m_tallyNode = node;
            m_tallyKey = key;
            m_tallyBucketStart = bucket;
        }
        StepTally& t = *m_tally;
        if (state == int(NodeState::Up) && capacity > 0) {
            t.available += steps;
            return;
        }
        if (state == int(NodeState::Maintenance))
            t.maintenance += steps;
        t.badFirst = t.badFirst ? qMin(t.badFirst, first) : first;
        t.badLast = qMax(t.badLast, last);
    }

    void excess(NodeScan& ns, qint64 resource, double reported, double attested, qint64 steps, qint64 first,
        qint64 last, qint64 firstSeq, qint64 lastSeq, int payload)
    {
        if (!ns.excess.isEmpty()) {
            CapacityExcess& e = ns.excess.last();
            if (e.resourceId == resource && e.payload == payload && first >= e.last && first <= e.last + m_step
                && e.attested == attested) {
                e.last = last;
                e.lastSeq = lastSeq;
                e.reported = qMax(e.reported, reported);
                e.steps += steps;
                return;
            }
        }
        ns.excess.append(
            { first, last, resource, reported, attested, steps, firstSeq, lastSeq, m_job.bundleId, payload });
    }

    // Uses the aggregate when it decides every rule exactly, else queues the group for the raw re-read.
    Status group(const NodeHourRow& g)
    {
        if ((++m_groups % 4096) == 0 && cancelled())
            return Error(QStringLiteral("check cancelled"));
        const Period& period = m_context.options.period;
        if (period.end > period.start && (g.maxTime < period.start || g.minTime >= period.end))
            return {};
        if (!isMissing(g.sumAllocated) && g.rows > g.nodeSteps)
            m_sources.add(g.payload, g.node, g.resource, g.minTime, g.maxTime, g.firstSeq, g.lastSeq);
        const double attested = g.nodeSteps > 0 ? attestedCapacity(g.node, g.resource, g.nodeFirst) : kMissing;
        const double capacity = boundedCapacity(g.capacity, attested);
        const bool exact = g.regular && (g.nodeSteps < 2 || g.spacing == m_step)
            && !outside(period, g.minTime, g.maxTime) && !outside(m_job.bundlePeriod, g.minTime, g.maxTime)
            && !outside(m_job.contract, g.minTime, g.maxTime)
            && !(m_job.signedAt > 0 && g.maxTime > m_job.signedAt + m_futureTolerance)
            && !(g.nodeSteps > 0 && capacity > 0 && !isMissing(g.maxStepAllocated)
                && g.maxStepAllocated > capacity * limitOf(g.node, g.resource) * (1 + 1e-9));
        if (!exact) {
            m_dirty.insert({ g.payload, g.node, g.resource, g.hour });
            m_ranges.append({ g.firstSeq, g.lastSeq });
            return {};
        }
        m_scan.samples += g.rows;
        NodeScan& ns = nodeScan(g.node);
        seen(ns, g.minTime);
        seen(ns, g.maxTime);
        if (!isMissing(g.sumAllocated))
            ns.allocatedSum += g.sumAllocated;
        if (g.nodeSteps == 0)
            return {};
        countState(ns, int(g.payload), g.resource, g.state, g.nodeSteps, g.nodeFirst, g.nodeLast);
        tally(ns, g.node, int(g.payload), g.resource, g.state, capacity, g.nodeSteps, g.nodeFirst, g.nodeLast);
        m_pieces[g.node].append(
            { g.nodeFirst, g.nodeLast, g.nodeFirstSeq, g.nodeLastSeq, m_job.bundleId, int(g.payload) });
        if (!isMissing(attested) && g.capacity > attested * (1 + 1e-9))
            excess(ns, g.resource, g.capacity, attested, g.nodeSteps, g.nodeFirst, g.nodeLast, g.nodeFirstSeq,
                g.nodeLastSeq, int(g.payload));
        deliver(g.node, g.resource, g.state, capacity, g.nodeFirst, g.nodeLast);
        return {};
    }

    // Reads the raw samples of the queued groups: their seq ranges, merged, in import order.
    Status drill(sql::Database& db)
    {
        if (m_ranges.isEmpty())
            return {};
        std::sort(m_ranges.begin(), m_ranges.end());
        QList<std::pair<qint64, qint64>> merged { m_ranges.first() };
        for (const auto& r : std::as_const(m_ranges)) {
            if (r.first <= merged.last().second + 1)
                merged.last().second = std::max(merged.last().second, r.second);
            else
                merged.append(r);
        }
        for (const auto& r : std::as_const(merged))
            if (Status s = readRaw(db, r); !s)
                return s;
        return {};
    }

    // RANGE {0, 0}: every sample of the bundle (no aggregates); else the queued groups' samples in that seq range.
    Status readRaw(sql::Database& db, std::pair<qint64, qint64> range)
    {
        const bool whole = range == std::pair<qint64, qint64>();
        m_wholeRaw = whole;
        const Period& period = m_context.options.period;
        const bool filtered = period.end > period.start;
        SampleCursor select(db, m_job.bundleId, whole ? 0 : range.first, whole ? SampleCursor::kAll : range.second);
        while (select.next()) {
            if ((++m_rowsRead % kCheckEvery) == 0 && cancelled())
                return Error(QStringLiteral("check cancelled"));
            const StoredSample& s = select.row();
            const qint64 time = s.time;
            if (filtered && (time < period.start || time >= period.end))
                continue;
            if (!whole && !m_dirty.contains({ s.payload, s.node, s.resource, time - ((time % kHour) + kHour) % kHour }))
                continue;
            row(s);
        }
        return select.failed() ? Status(select.error()) : Status::success();
    }

    void row(const StoredSample& s)
    {
        ++m_scan.samples;
        ++m_scan.rawSamples;
        const int payload = int(s.payload);
        const qint64 line = s.line, time = s.time, node = s.node, resource = s.resource;
        const qint64 seq = s.seq;
        const bool nodeRow = s.tenant == 0;
        const double allocated = s.allocated;

        if (outside(m_job.bundlePeriod, time, time))
            note(m_scan.outsideBundlePeriod, time, seq, line, payload);
        if (outside(m_job.contract, time, time))
            note(m_scan.outsideContract, time, seq, line, payload);
        if (m_job.signedAt > 0 && time > m_job.signedAt + m_futureTolerance)
            note(m_scan.afterSigning, time, seq, line, payload);

        NodeScan& ns = nodeScan(node);
        seen(ns, time);
        if (!isMissing(allocated))
            ns.allocatedSum += allocated;

        const quint64 key = (quint64(payload) << 44) | (quint64(node) << 16) | quint64(resource);
        // Rows of one node and class follow each other (node row, then its tenants): most rows hit the cached entry.
        // unordered_map keeps element addresses stable across inserts, so the cache stays valid.
        if (key != m_lastKey || !m_lastStep) {
            m_lastKey = key;
            m_lastStep = &m_steps[key];
        }
        StepAccumulator& a = *m_lastStep;
        if (a.time != time) {
            flush(a);
            a = StepAccumulator { time, node, resource, payload, 0, false, kMissing, -1, line, 0 };
        }
        if (nodeRow) {
            a.capacity = s.capacity;
            a.state = int(s.state);
            a.line = line;
            a.seq = seq;
            extendRun(node, payload, time, seq);
        } else if (!isMissing(allocated)) {
            if (m_wholeRaw)
                m_sources.add(payload, node, resource, time, time, seq, seq);
            // A key seen before in this payload is double counting: recorded, and its allocation counted once.
            const RowKey rowKey { payload, node, resource, s.tenant, time };
            if (m_wholeRaw)
                ageKeys(time);
            const auto earlier = m_olderKeys.find(rowKey);
            const auto [seen, inserted] = m_keys.try_emplace(rowKey, line);
            if (!inserted || earlier != m_olderKeys.end()) {
                m_scan.duplicates.append({ time, node, resource, s.tenant, allocated, m_job.bundleId, m_job.bundleId,
                    payload, payload, inserted ? earlier->second : seen->second, line });
                return;
            }
            a.allocated += allocated;
            a.hasAllocation = true;
        }
    }

    // Reading every sample (a case without aggregates), the keys of the current and the previous hour are kept, so
    // memory stays bounded on a year of samples; with aggregates only the re-read hours' keys are kept, all of them.
    void ageKeys(qint64 time)
    {
        const qint64 hour = floorTo(time, kHour);
        if (hour <= m_keysHour)
            return;
        if (hour == m_keysHour + kHour)
            m_olderKeys = std::move(m_keys);
        else
            m_olderKeys.clear();
        m_keys.clear();
        m_keysHour = hour;
    }

    static void note(TimeAnomaly& anomaly, qint64 time, qint64 seq, qint64 line, int payload)
    {
        if (anomaly.count++ == 0 || seq < anomaly.firstSeq) {
            anomaly.firstSeq = seq;
            anomaly.firstLine = line;
            anomaly.payload = payload;
        }
        anomaly.firstTime = anomaly.count == 1 ? time : qMin(anomaly.firstTime, time);
        anomaly.lastTime = anomaly.count == 1 ? time : qMax(anomaly.lastTime, time);
    }

    static void seen(NodeScan& ns, qint64 time)
    {
        if (ns.firstTime == 0 || time < ns.firstTime)
            ns.firstTime = time;
        ns.lastTime = qMax(ns.lastTime, time);
    }

    NodeScan& nodeScan(qint64 node)
    {
        if (node != m_lastNode || !m_lastScan) {
            m_lastNode = node;
            m_lastScan = &m_scan.nodes[node];
        }
        return *m_lastScan;
    }

    void countState(NodeScan& ns, int payload, qint64 resource, int state, qint64 steps, qint64 first, qint64 last)
    {
        const int stateKey = payload * 1000 + int(resource);
        if (state == int(NodeState::Up))
            ns.upSteps[stateKey] += steps;
        else if (state == int(NodeState::Down)) {
            ns.downSteps[stateKey] += steps;
            ns.downFirst = ns.downFirst ? qMin(ns.downFirst, first) : first;
            ns.downLast = qMax(ns.downLast, last);
        }
    }

    // Consecutive steps of one node with the same value extend one run, so a steady node is a single run per bundle.
    void deliver(qint64 node, qint64 resource, int state, double capacity, qint64 first, qint64 last)
    {
        const int region = m_context.nodeRegion.value(node, -1);
        if (region < 0)
            return;
        // Only a node reported up with a capacity delivers: down, maintenance, unknown or an empty state deliver 0.
        const double value = state == int(NodeState::Up) ? capacity : 0.0;
        QList<DeliveredRun>& runs = m_scan.delivered[{ resource, region }];
        const auto open = m_openDelivery.find({ node, resource });
        if (open != m_openDelivery.end()) {
            DeliveredRun& run = runs[open->second];
            if (run.value == value && first == run.last + m_step) {
                run.last = last;
                return;
            }
        }
        runs.append({ first, last, m_step, value, node });
        m_openDelivery[{ node, resource }] = runs.size() - 1;
    }

    void extendRun(qint64 node, int payload, qint64 time, qint64 seq)
    {
        const quint64 key = (quint64(payload) << 44) | quint64(node);
        auto [it, inserted] = m_openRuns.try_emplace(key, TimeRun { time, time, seq, seq, m_job.bundleId, payload });
        if (inserted)
            return;
        TimeRun& run = it->second;
        if (time >= run.last && time <= run.last + m_step) {
            run.last = time;
            run.lastSeq = seq;
            return;
        }
        m_pieces[node].append(run);
        run = TimeRun { time, time, seq, seq, m_job.bundleId, payload };
    }

    void flush(StepAccumulator& a)
    {
        if (a.time < 0 || a.state < 0)
            return;
        NodeScan& ns = nodeScan(a.node);
        countState(ns, a.payload, a.resource, a.state, 1, a.time, a.time);
        const double attested = attestedCapacity(a.node, a.resource, a.time);
        const double capacity = boundedCapacity(a.capacity, attested);
        tally(ns, a.node, a.payload, a.resource, a.state, capacity, 1, a.time, a.time);
        if (!isMissing(attested) && a.capacity > attested * (1 + 1e-9))
            excess(ns, a.resource, a.capacity, attested, 1, a.time, a.time, a.seq, a.seq, a.payload);
        if (capacity > 0 && a.hasAllocation) {
            const double limit = limitOf(a.node, a.resource);
            // A relative epsilon: 1.25 x 96 cores must not count as above a 1.25 limit through rounding.
            if (a.allocated > capacity * limit * (1 + 1e-9))
                ns.overcommit.append(
                    { a.time, a.resource, a.allocated, capacity, limit, a.line, m_job.bundleId, a.payload });
        }
        deliver(a.node, a.resource, a.state, capacity, a.time, a.time);
    }

    void finishRaw()
    {
        for (auto& [key, a] : m_steps)
            flush(a);
        for (const auto& [key, run] : m_openRuns)
            m_pieces[qint64(key & ((quint64(1) << 44) - 1))].append(run);
    }

    // Pieces from aggregates and from raw rows become the runs the raw rows alone would give: sorted, and joined
    // where the next one starts at most one step after the current one ends.
    void mergeRuns()
    {
        for (auto it = m_pieces.begin(); it != m_pieces.end(); ++it) {
            QList<TimeRun>& pieces = it.value();
            std::sort(pieces.begin(), pieces.end(), [](const TimeRun& a, const TimeRun& b) {
                return std::tie(a.payload, a.first, a.firstSeq) < std::tie(b.payload, b.first, b.firstSeq);
            });
            QList<TimeRun>& runs = m_scan.nodes[it.key()].runs;
            for (const TimeRun& p : std::as_const(pieces)) {
                if (runs.isEmpty() || runs.last().payload != p.payload || p.first > runs.last().last + m_step) {
                    runs.append(p);
                    continue;
                }
                TimeRun& r = runs.last();
                if (p.last > r.last || (p.last == r.last && p.lastSeq > r.lastSeq)) {
                    r.last = p.last;
                    r.lastSeq = p.lastSeq;
                }
            }
        }
    }

    const CheckContext& m_context;
    const ScanJob m_job;
    const double m_limitOverride;
    const qint64 m_futureTolerance;
    qint64 m_step = 0; // effective (StepSpacing::decide)
    StepSpacing m_spacing;
    SourceRuns m_sources;
    bool m_wholeRaw = false; // reading every sample (no aggregates): sources come from the rows
    std::unordered_map<RowKey, qint64, RowKeyHash> m_keys, m_olderKeys; // tenant rows read raw -> first line
    qint64 m_keysHour = std::numeric_limits<qint64>::min();
    StepTally* m_tally = nullptr;
    qint64 m_tallyNode = -1, m_tallyBucketStart = 0;
    int m_tallyKey = -1;
    BundleScan m_scan;
    qint64 m_groups = 0, m_rowsRead = 0;
    std::unordered_set<GroupKey, GroupKeyHash> m_dirty;
    QList<std::pair<qint64, qint64>> m_ranges; // seq ranges of the dirty groups
    std::unordered_map<quint64, StepAccumulator> m_steps; // by payload, node and class
    quint64 m_lastKey = 0;
    StepAccumulator* m_lastStep = nullptr;
    std::unordered_map<quint64, TimeRun> m_openRuns; // by payload and node
    QHash<qint64, QList<TimeRun>> m_pieces; // per node
    std::map<std::pair<qint64, qint64>, qsizetype> m_openDelivery; // (node, class) -> its last delivered run
    qint64 m_lastNode = -1;
    NodeScan* m_lastScan = nullptr;
};

} // namespace

Status scanTelemetry(CheckContext& c)
{
    if (Status s = loadAttestedBounds(c); !s)
        return s;
    QList<ScanJob> jobs;
    for (const StoredBundle& b : std::as_const(c.bundles)) {
        if (b.kind != BundleKind::Telemetry || b.meter != QLatin1String("provider"))
            continue;
        const ProviderAttestation* a = c.attestationAt(b.provider, b.period.start);
        const std::optional<QDateTime> signedAt = parseTimestamp(b.signingTime);
        jobs.append({ b.id, b.period, b.resolutionSeconds > 0 ? b.resolutionSeconds : 60, b.provider,
            a ? a->period : Period {}, signedAt ? signedAt->toSecsSinceEpoch() : 0 });
    }
    const QString path = c.store.info().path;
    std::atomic_int done { 0 };
    const int total = int(jobs.size());
    QList<BundleScan> scans(total);
    QList<std::optional<Error>> errors(total);
    parallelFor(total, c.options.threads, [&](qsizetype i) {
        Result<BundleScan> scan = BundleScanner(c, jobs.at(i)).run(path);
        if (scan)
            scans[i] = std::move(*scan);
        else
            errors[i] = scan.error();
        const int n = ++done;
        if (c.options.progress)
            c.options.progress(
                0.9 * n / qMax(1, total), QStringLiteral("scanned telemetry bundle %1 of %2").arg(n).arg(total));
    });
    for (int i = 0; i < total; ++i) {
        if (errors.at(i))
            return *errors.at(i);
        c.report.samplesScanned += scans.at(i).samples;
        c.report.rawSamplesRead += scans.at(i).rawSamples;
        c.effectiveSteps.insert(scans.at(i).bundleId, scans.at(i).effectiveStep);
    }
    c.scans = std::move(scans);
    return Status::success();
}

} // namespace capaudit::analytics::detail
