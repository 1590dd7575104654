// SPDX-License-Identifier: GPL-3.0-or-later
// The one pass over raw samples that the per-node rules need (coverage, delivered capacity, over-commitment,
// availability, time sanity). Rollups cannot answer these: they sum across nodes. Bundles are scanned in parallel,
// each on its own SQLite connection (WAL readers do not block each other); results are merged in import order, so the
// outcome does not depend on thread timing.
#include "analytics/checkcontext.h"
#include "store/sqlitedb.h"
#include "util/timeutil.h"

#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <cmath>
#include <unordered_map>

namespace capaudit::analytics::detail {
namespace {

constexpr qint64 kCheckEvery = 1 << 16;

struct StepAccumulator {
    qint64 time = -1;
    qint64 node = 0, resource = 0;
    int payload = 0;
    double allocated = 0;
    bool hasAllocation = false;
    double capacity = kMissing;
    int state = -1; // -1: no node-level row at this step
    qint64 line = 0;
};

struct ScanJob {
    qint64 bundleId = 0;
    Period bundlePeriod;
    qint64 step = 0;
    Period contract; // {0,0}: no attestation
    qint64 signedAt = 0;
};

void note(TimeAnomaly& anomaly, qint64 time, qint64 line, int payload)
{
    if (anomaly.count++ == 0) {
        anomaly.firstTime = anomaly.lastTime = time;
        anomaly.firstLine = line;
        anomaly.payload = payload;
    }
    anomaly.firstTime = qMin(anomaly.firstTime, time);
    anomaly.lastTime = qMax(anomaly.lastTime, time);
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
    {
        m_scan.bundleId = job.bundleId;
    }

    Result<BundleScan> run(const QString& casePath)
    {
        sql::Database db;
        if (Status s = db.open(casePath, sql::Database::Mode::OpenExisting); !s)
            return s.error();
        const Period& period = m_context.options.period;
        const bool filtered = period.end > period.start;
        std::unique_ptr<sql::Statement> select =
            db.prepareOnce(QStringLiteral(
                "SELECT payload, line, time, node, resource, tenant, allocated, capacity, state FROM samples "
                "WHERE bundle = ?1 %1 ORDER BY seq")
                               .arg(filtered ? QStringLiteral("AND time >= ?2 AND time < ?3") : QString()));
        if (!select)
            return db.lastError();
        select->bind(1, m_job.bundleId);
        if (filtered)
            select->bind(2, period.start).bind(3, period.end);
        while (select->next()) {
            if ((++m_scan.samples % kCheckEvery) == 0 && m_context.options.cancel && m_context.options.cancel->load())
                return Error(QStringLiteral("check cancelled"));
            row(*select);
        }
        if (select->failed())
            return select->error();
        for (auto& [key, a] : m_steps)
            flush(a);
        for (const auto& [key, run] : m_openRuns)
            m_closedRuns[qint64(key & ((quint64(1) << 44) - 1))].append(run);
        for (auto node = m_closedRuns.begin(); node != m_closedRuns.end(); ++node)
            m_scan.nodes[node.key()].runs = node.value();
        return m_scan;
    }

private:
    void row(const sql::Statement& s)
    {
        const int payload = int(s.int64(0));
        const qint64 line = s.int64(1), time = s.int64(2), node = s.int64(3), resource = s.int64(4);
        const bool nodeRow = s.int64(5) == 0;
        const double allocated = s.real(6);

        if (m_job.bundlePeriod.end > m_job.bundlePeriod.start
            && (time < m_job.bundlePeriod.start || time >= m_job.bundlePeriod.end))
            note(m_scan.outsideBundlePeriod, time, line, payload);
        if (m_job.contract.end > m_job.contract.start && (time < m_job.contract.start || time >= m_job.contract.end))
            note(m_scan.outsideContract, time, line, payload);
        if (m_job.signedAt > 0 && time > m_job.signedAt + m_futureTolerance)
            note(m_scan.afterSigning, time, line, payload);

        NodeScan& ns = nodeScan(node);
        if (ns.firstTime == 0 || time < ns.firstTime) {
            ns.firstTime = time;
            ns.firstLine = line;
        }
        if (time >= ns.lastTime) {
            ns.lastTime = time;
            ns.lastLine = line;
        }
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
            a = StepAccumulator { time, node, resource, payload, 0, false, kMissing, -1, line };
        }
        if (nodeRow) {
            a.capacity = s.real(7);
            a.state = int(s.int64(8));
            a.line = line;
            extendRun(node, payload, time, line);
        } else if (!isMissing(allocated)) {
            a.allocated += allocated;
            a.hasAllocation = true;
        }
    }

    NodeScan& nodeScan(qint64 node)
    {
        if (node != m_lastNode || !m_lastScan) {
            m_lastNode = node;
            m_lastScan = &m_scan.nodes[node];
        }
        return *m_lastScan;
    }

    void extendRun(qint64 node, int payload, qint64 time, qint64 line)
    {
        const quint64 key = (quint64(payload) << 44) | quint64(node);
        auto [it, inserted] = m_openRuns.try_emplace(key, TimeRun { time, time, line, line, m_job.bundleId, payload });
        if (inserted)
            return;
        TimeRun& run = it->second;
        if (time >= run.last && time <= run.last + m_job.step) {
            run.last = time;
            run.lastLine = line;
            return;
        }
        m_closedRuns[node].append(run);
        run = TimeRun { time, time, line, line, m_job.bundleId, payload };
    }

    void flush(StepAccumulator& a)
    {
        if (a.time < 0 || a.state < 0)
            return;
        NodeScan& ns = nodeScan(a.node);
        const int stateKey = a.payload * 1000 + int(a.resource);
        if (a.state == int(NodeState::Up))
            ++ns.upSteps[stateKey];
        else if (a.state == int(NodeState::Down)) {
            ++ns.downSteps[stateKey];
            ns.downFirst = ns.downFirst ? qMin(ns.downFirst, a.time) : a.time;
            ns.downLast = qMax(ns.downLast, a.time);
        }
        if (isMissing(a.capacity) || a.capacity <= 0)
            return;
        if (a.hasAllocation) {
            const double limit =
                m_limitOverride > 0 ? m_limitOverride : m_context.overcommitLimit.value({ a.node, a.resource }, 1.0);
            // A relative epsilon: 1.25 x 96 cores must not count as above a 1.25 limit through rounding.
            if (a.allocated > a.capacity * limit * (1 + 1e-9))
                ns.overcommit.append(
                    { a.time, a.resource, a.allocated, a.capacity, limit, a.line, m_job.bundleId, a.payload });
        }
        const int region = m_context.nodeRegion.value(a.node, -1);
        if (region >= 0) {
            const bool up = a.state != int(NodeState::Down) && a.state != int(NodeState::Maintenance);
            m_scan.delivered[{ a.resource, region }][a.time] += up ? a.capacity : 0.0;
        }
    }

    const CheckContext& m_context;
    const ScanJob m_job;
    const double m_limitOverride;
    const qint64 m_futureTolerance;
    BundleScan m_scan;
    std::unordered_map<quint64, StepAccumulator> m_steps; // by payload, node and class
    quint64 m_lastKey = 0;
    StepAccumulator* m_lastStep = nullptr;
    std::unordered_map<quint64, TimeRun> m_openRuns; // by payload and node
    QHash<qint64, QList<TimeRun>> m_closedRuns; // per node
    qint64 m_lastNode = -1;
    NodeScan* m_lastScan = nullptr;
};

} // namespace

Status scanTelemetry(CheckContext& c)
{
    QList<ScanJob> jobs;
    for (const StoredBundle& b : std::as_const(c.bundles)) {
        if (b.kind != BundleKind::Telemetry || b.meter != QLatin1String("provider"))
            continue;
        const ProviderAttestation a = c.attestations.value(b.provider);
        const std::optional<QDateTime> signedAt = parseTimestamp(b.signingTime);
        jobs.append({ b.id, b.period, b.resolutionSeconds > 0 ? b.resolutionSeconds : 60, a.period,
            signedAt ? signedAt->toSecsSinceEpoch() : 0 });
    }
    const QString path = c.store.info().path;
    std::atomic_int done { 0 };
    const int total = int(jobs.size());
    QList<BundleScan> scans(total);
    QList<std::optional<Error>> errors(total);
    QList<int> indices;
    for (int i = 0; i < total; ++i)
        indices.append(i);
    QThreadPool pool;
    pool.setMaxThreadCount(c.options.threads > 0 ? c.options.threads : QThread::idealThreadCount());
    QtConcurrent::blockingMap(&pool, indices, [&](int i) {
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
    }
    c.scans = std::move(scans);
    return Status::success();
}

} // namespace capaudit::analytics::detail
