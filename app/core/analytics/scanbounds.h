// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to the telemetry scan (samplescan.cpp): what bounds telemetry by itself — the step its samples show and
// where two sources report tenant allocations of the same node and class (telemetrybounds.cpp drills there).
#include "analytics/checkcontext.h"
#include "store/nodehourbuilder.h"

#include <atomic>
#include <map>
#include <unordered_map>

namespace capaudit {
namespace sql {
class Database;
}
} // namespace capaudit

namespace capaudit::analytics::detail {

inline qint64 floorTo(qint64 time, qint64 unit)
{
    return time - ((time % unit) + unit) % unit;
}

// What a node row delivers and makes available: a missing or non-positive capacity is none, a capacity above the
// attested one counts as the attested one.
inline double boundedCapacity(double reported, double attested)
{
    if (isMissing(reported) || reported <= 0)
        return 0;
    return !isMissing(attested) && reported > attested ? attested : reported;
}

// The step the samples bear out: the most frequent interval between consecutive node rows of one payload, node and
// class (the smaller on a tie). A declared resolution is a claim; gaps and jitter are the minority. Counted over the
// whole bundle, not only the checked period: the step is a property of the bundle.
class StepSpacing {
public:
    void add(qint64 delta, qint64 count)
    {
        if (delta > 0 && count > 0)
            m_counts[delta] += count;
    }
    // From node-hour aggregates (in their stored order): the spacing within each hour, and from one hour's last to
    // the next hour's first node row of the same payload, node and class.
    void addGroups(const QList<NodeHourRow>& groups);
    // From the raw node rows in import order (a case without aggregates). Fails only on I/O or CANCEL.
    Status addRows(sql::Database& db, qint64 bundleId, const std::atomic_bool* cancel);
    // Fills BundleScan's step fields; returns the effective step (DECLARED when no interval was seen).
    qint64 decide(qint64 declared, BundleScan& scan) const;

private:
    std::map<qint64, qint64> m_counts; // interval -> how often
};

// Hours in which one payload of one bundle reports tenant allocations of a node and class, as runs of hours. The
// node-hour and the raw path feed it differently (a group, or a row, at a time) and get the same runs.
class SourceRuns {
public:
    explicit SourceRuns(qint64 bundleId)
        : m_bundleId(bundleId)
    {
    }
    void add(qint64 payload, qint64 node, qint64 resource, qint64 first, qint64 last, qint64 firstSeq, qint64 lastSeq);
    QList<SourceRun> finish(); // sorted by payload, node, class and time; runs whose hours touch are joined

private:
    qint64 m_bundleId;
    std::unordered_map<quint64, SourceRun> m_open; // by payload, node and class
    QList<SourceRun> m_closed;
};

} // namespace capaudit::analytics::detail
