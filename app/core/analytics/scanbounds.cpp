// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/scanbounds.h"

#include "store/samplecursor.h"
#include "store/sqlitedb.h"

#include <algorithm>

namespace capaudit::analytics::detail {
namespace {
constexpr qint64 kHour = 3600;
constexpr qint64 kCheckEvery = 1 << 16;

quint64 keyOf(qint64 payload, qint64 node, qint64 resource)
{
    return (quint64(payload) << 44) | (quint64(node) << 16) | quint64(resource);
}
} // namespace

void StepSpacing::addGroups(const QList<NodeHourRow>& groups)
{
    const NodeHourRow* previous = nullptr;
    for (const NodeHourRow& g : groups) {
        if (g.nodeSteps == 0)
            continue;
        if (previous && previous->payload == g.payload && previous->node == g.node && previous->resource == g.resource)
            add(g.nodeFirst - previous->nodeLast, 1);
        if (g.nodeSteps >= 2 && g.spacing > 0)
            add(g.spacing, g.nodeSteps - 1);
        previous = &g;
    }
}

Status StepSpacing::addRows(sql::Database& db, qint64 bundleId, const std::atomic_bool* cancel)
{
    SampleCursor select(db, bundleId);
    std::unordered_map<quint64, qint64> last; // by payload, node and class: the previous node row's time
    qint64 rows = 0;
    while (select.next()) {
        if ((++rows % kCheckEvery) == 0 && cancel && cancel->load())
            return Error(QStringLiteral("check cancelled"));
        const StoredSample& s = select.row();
        if (s.tenant != 0)
            continue;
        const qint64 time = s.time;
        auto [it, inserted] = last.try_emplace(keyOf(s.payload, s.node, s.resource), time);
        if (!inserted) {
            add(time - it->second, 1);
            it->second = time;
        }
    }
    return select.failed() ? Status(select.error()) : Status::success();
}

qint64 StepSpacing::decide(qint64 declared, BundleScan& scan) const
{
    qint64 best = 0, bestCount = 0, total = 0;
    for (const auto& [delta, count] : m_counts) {
        total += count;
        if (count > bestCount) {
            best = delta;
            bestCount = count;
        }
    }
    scan.declaredStep = declared;
    scan.effectiveStep = best > 0 ? best : declared;
    scan.spacingSamples = total;
    scan.effectiveSpacingSamples = bestCount;
    return scan.effectiveStep;
}

void SourceRuns::add(
    qint64 payload, qint64 node, qint64 resource, qint64 first, qint64 last, qint64 firstSeq, qint64 lastSeq)
{
    const SourceRun fresh { m_bundleId, int(payload), node, resource, first, last, firstSeq, lastSeq };
    auto [it, inserted] = m_open.try_emplace(keyOf(payload, node, resource), fresh);
    if (inserted)
        return;
    SourceRun& run = it->second;
    if (floorTo(first, kHour) <= floorTo(run.last, kHour) + kHour
        && floorTo(last, kHour) + kHour >= floorTo(run.first, kHour)) {
        run.first = qMin(run.first, first);
        run.last = qMax(run.last, last);
        run.firstSeq = qMin(run.firstSeq, firstSeq);
        run.lastSeq = qMax(run.lastSeq, lastSeq);
        return;
    }
    m_closed.append(run);
    run = fresh;
}

QList<SourceRun> SourceRuns::finish()
{
    QList<SourceRun> runs = m_closed;
    for (const auto& [key, run] : m_open)
        runs.append(run);
    std::sort(runs.begin(), runs.end(), [](const SourceRun& a, const SourceRun& b) {
        return std::tie(a.payload, a.node, a.resource, a.first) < std::tie(b.payload, b.node, b.resource, b.first);
    });
    QList<SourceRun> merged;
    for (const SourceRun& r : std::as_const(runs)) {
        if (!merged.isEmpty()) {
            SourceRun& m = merged.last();
            if (m.payload == r.payload && m.node == r.node && m.resource == r.resource
                && floorTo(r.first, kHour) <= floorTo(m.last, kHour) + kHour) {
                m.last = qMax(m.last, r.last);
                m.firstSeq = qMin(m.firstSeq, r.firstSeq);
                m.lastSeq = qMax(m.lastSeq, r.lastSeq);
                continue;
            }
        }
        merged.append(r);
    }
    return merged;
}

} // namespace capaudit::analytics::detail
