// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rollupbuilder.h"

#include "store/samplecursor.h"
#include "store/sqlitedb.h"

#include <QSet>
#include <queue>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

namespace capaudit {

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

void addTo(double& sum, double value)
{
    if (!std::isnan(value))
        sum = std::isnan(sum) ? value : sum + value;
}

void maxInto(double& max, double value)
{
    if (!std::isnan(value) && (std::isnan(max) || value > max))
        max = value;
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

qint64 bucketOf(qint64 time, qint64 level)
{
    return time - ((time % level) + level) % level;
}

} // namespace

bool RollupRow::operator==(const RollupRow& o) const
{
    return level == o.level && resource == o.resource && bucket == o.bucket && tenant == o.tenant
        && samples == o.samples && steps == o.steps && sameValue(sumAllocated, o.sumAllocated)
        && sameValue(sumUsed, o.sumUsed) && sameValue(sumCapacity, o.sumCapacity)
        && sameValue(maxAllocated, o.maxAllocated) && sameValue(maxUsed, o.maxUsed)
        && sameValue(maxCapacity, o.maxCapacity);
}

// Why streaming gives bit for bit the result of one fold over all steps (the unbounded mode):
// - A step's sums (allocated, used, capacity, samples) are added up as its rows arrive, in seq order, in both modes.
// - The unbounded fold visits all steps sorted by (time, resource, tenant). Streaming folds whole hours, oldest first,
//   each hour's steps sorted the same way: since the hour is the leading part of the time, that is the same sequence,
//   cut into pieces (how many hours a piece holds, which the step budget decides, changes nothing). An hour is folded
//   only when it can no longer change: a later row for it or any earlier hour makes the builder disordered (no result
//   at all) instead of adding to it.
// - What the fold carries from one step to the next (the previous time, for coverage steps; the rollup and coverage
//   rows of open buckets, e.g. the day) lives in members, so it carries across hours exactly as across steps.
// Hence every rollup row receives the same values in the same order, and each floating-point sum is the same.
void RollupBuilder::add(
    qint64 seq, qint64 time, qint64 resource, qint64 tenant, double allocated, double used, double capacity)
{
    if (time < m_lastTime) {
        if (m_runStarts.size() < kMaxRuns)
            m_runStarts.append(seq);
        else
            m_tooManyRuns = true;
    }
    m_lastTime = time;
    if (m_disordered)
        return;
    if (!m_current || time < m_currentHour || time - m_currentHour >= kRollupLevelHour) {
        const qint64 hour = bucketOf(time, kRollupLevelHour);
        if (m_mode == Mode::Streaming) {
            if (hour <= m_lastFoldedHour) {
                dropAll();
                return;
            }
            if (hour > m_newestHour) {
                // One hour of lag: rows of the previous hour may still come (e.g. slightly unsorted CSV).
                m_newestHour = hour;
                if (m_pendingSteps > m_stepBudget)
                    foldBefore(hour - kRollupLevelHour);
            }
        }
        m_current = &m_pending[hour];
        m_currentHour = hour;
    }
    auto it = m_current->find({ time, resource, tenant });
    if (it == m_current->end()) {
        it = m_current->insert({ time, resource, tenant }, { kNone, kNone, kNone, 0, seq, seq });
        ++m_pendingSteps;
    }
    it->firstSeq = std::min(it->firstSeq, seq);
    it->lastSeq = std::max(it->lastSeq, seq);
    addTo(it->allocated, allocated);
    addTo(it->used, used);
    addTo(it->capacity, capacity);
    ++it->samples;
}

void RollupBuilder::foldBefore(qint64 hour)
{
    while (!m_pending.empty() && m_pending.begin()->first < hour) {
        const auto oldest = m_pending.begin();
        fold(oldest->second);
        m_pendingSteps -= oldest->second.size();
        m_lastFoldedHour = oldest->first;
        if (m_current == &oldest->second)
            m_current = nullptr;
        m_pending.erase(oldest);
    }
}

void RollupBuilder::fold(const Steps& pending)
{
    // QHash order differs between processes; sorting makes the fold, and so the floating-point sums, reproducible.
    QList<std::pair<StepKey, StepSums>> steps;
    steps.reserve(pending.size());
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        steps.append({ it.key(), it.value() });
    std::sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.time, a.first.resource, a.first.tenant)
            < std::tie(b.first.time, b.first.resource, b.first.tenant);
    });

    for (const auto& [key, sums] : steps) {
        const bool newTime = key.time != m_previousTime;
        m_previousTime = key.time;
        for (const qint64 level : kRollupLevels) {
            const qint64 bucket = bucketOf(key.time, level);
            auto [cover, fresh] = m_coverageMap.try_emplace({ level, bucket });
            if (fresh)
                cover->second = { level, bucket, 0, sums.firstSeq, sums.lastSeq };
            cover->second.steps += newTime ? 1 : 0;
            cover->second.firstSeq = std::min(cover->second.firstSeq, sums.firstSeq);
            cover->second.lastSeq = std::max(cover->second.lastSeq, sums.lastSeq);
            auto [it, inserted] = m_rowMap.try_emplace({ level, key.resource, bucket, key.tenant });
            RollupRow& row = it->second;
            if (inserted)
                row = { level, key.resource, bucket, key.tenant, 0, 0, kNone, kNone, kNone, kNone, kNone, kNone };
            row.samples += sums.samples;
            ++row.steps;
            addTo(row.sumAllocated, sums.allocated);
            addTo(row.sumUsed, sums.used);
            addTo(row.sumCapacity, sums.capacity);
            maxInto(row.maxAllocated, sums.allocated);
            maxInto(row.maxUsed, sums.used);
            maxInto(row.maxCapacity, sums.capacity);
        }
    }
}

void RollupBuilder::dropAll()
{
    // Nothing folded so far can be corrected by a late row: keep no memory for a result that will not be used.
    m_disordered = true;
    m_pending.clear();
    m_current = nullptr;
    m_pendingSteps = 0;
    m_rowMap.clear();
    m_coverageMap.clear();
}

void RollupBuilder::finish()
{
    m_rows.clear();
    m_coverage.clear();
    if (m_disordered)
        return;
    foldBefore(std::numeric_limits<qint64>::max());
    m_current = nullptr;
    m_rows.reserve(qsizetype(m_rowMap.size()));
    for (const auto& entry : m_rowMap)
        m_rows.append(entry.second);
    m_coverage.reserve(qsizetype(m_coverageMap.size()));
    for (const auto& entry : m_coverageMap)
        m_coverage.append(entry.second);
    m_rowMap.clear();
    m_coverageMap.clear();
}

Status RollupBuilder::rescanIfNeeded(sql::Database& db, qint64 bundle)
{
    if (!m_disordered)
        return {};
    Result<RollupBuilder> rebuilt =
        m_tooManyRuns ? rebuildFromStore(db, bundle) : mergeRunsFromStore(db, bundle, m_runStarts);
    if (!rebuilt)
        return rebuilt.error();
    *this = std::move(*rebuilt);
    return {};
}

Result<RollupBuilder> RollupBuilder::rebuildFromStore(sql::Database& db, qint64 bundle)
{
    SampleCursor select(db, bundle);
    RollupBuilder out(Mode::Unbounded);
    while (select.next()) {
        const StoredSample& s = select.row();
        out.add(s.seq, s.time, s.resource, s.tenant, s.allocated, s.used, s.capacity);
    }
    if (select.failed())
        return select.error();
    out.finish();
    return out;
}

// Each run (a seq range whose times never decrease) is read in seq order by its own cursor, and the runs are merged
// by (time, run): the rows come out in time order, so a streaming builder never gets disordered, and the rows of one
// step (all of one time) come out in seq order, so every step's sums are added up as in the unbounded mode.
Result<RollupBuilder> RollupBuilder::mergeRunsFromStore(
    sql::Database& db, qint64 bundle, const QList<qint64>& runStarts)
{
    struct Run {
        std::unique_ptr<SampleCursor> rows;
        qint64 time = 0;
    };
    std::vector<Run> runs;
    using Head = std::pair<qint64, size_t>; // (time, run): the smallest first
    std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
    for (qsizetype i = 0; i <= runStarts.size(); ++i) {
        auto rows = std::make_unique<SampleCursor>(
            db, bundle, i == 0 ? 0 : runStarts[i - 1], i == runStarts.size() ? SampleCursor::kAll : runStarts[i] - 1);
        if (rows->next())
            heads.push({ rows->row().time, runs.size() });
        else if (rows->failed())
            return rows->error();
        runs.push_back({ std::move(rows), 0 });
    }
    RollupBuilder out(Mode::Streaming);
    while (!heads.empty()) {
        const size_t i = heads.top().second;
        heads.pop();
        SampleCursor& rows = *runs[i].rows;
        const StoredSample& s = rows.row();
        runs[i].time = s.time;
        out.add(s.seq, s.time, s.resource, s.tenant, s.allocated, s.used, s.capacity);
        if (rows.next()) {
            if (rows.row().time < runs[i].time) // not the runs add() saw: no merge can be exact
                return rebuildFromStore(db, bundle);
            heads.push({ rows.row().time, i });
        } else if (rows.failed()) {
            return rows.error();
        }
    }
    if (out.needsRescan())
        return rebuildFromStore(db, bundle);
    out.finish();
    return out;
}

Status RollupBuilder::write(sql::Database& db, qint64 provider, qint64 bundle) const
{
    if (m_disordered)
        return Error(QStringLiteral("rollups"),
            QStringLiteral("samples came out of time order and the rollups were not rebuilt from the stored samples "
                           "(RollupBuilder::rescanIfNeeded)"));
    sql::Statement* insert = db.prepare(
        "INSERT INTO rollups (level, provider, resource, bucket, tenant, bundle, samples, steps, sum_allocated, "
        "sum_used, sum_capacity, max_allocated, max_used, max_capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)");
    if (!insert)
        return db.lastError();
    for (const RollupRow& r : m_rows) {
        insert->bind(1, r.level)
            .bind(2, provider)
            .bind(3, r.resource)
            .bind(4, r.bucket)
            .bind(5, r.tenant)
            .bind(6, bundle)
            .bind(7, r.samples)
            .bind(8, r.steps)
            .bind(9, r.sumAllocated)
            .bind(10, r.sumUsed)
            .bind(11, r.sumCapacity)
            .bind(12, r.maxAllocated)
            .bind(13, r.maxUsed)
            .bind(14, r.maxCapacity);
        if (Status s = insert->exec(); !s)
            return s;
    }
    sql::Statement* cover =
        db.prepare("INSERT INTO coverage (level, provider, bucket, bundle, steps, first_seq, last_seq) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!cover)
        return db.lastError();
    for (const CoverageRow& c : m_coverage) {
        cover->bind(1, c.level)
            .bind(2, provider)
            .bind(3, c.bucket)
            .bind(4, bundle)
            .bind(5, c.steps)
            .bind(6, c.firstSeq)
            .bind(7, c.lastSeq);
        if (Status s = cover->exec(); !s)
            return s;
    }
    return {};
}

Result<QList<RollupRow>> RollupBuilder::readRows(sql::Database& db, qint64 bundle)
{
    sql::Statement* select =
        db.prepare("SELECT level, resource, bucket, tenant, samples, steps, sum_allocated, sum_used, sum_capacity, "
                   "max_allocated, max_used, max_capacity FROM rollups WHERE bundle = ? "
                   "ORDER BY level, resource, bucket, tenant");
    if (!select)
        return db.lastError();
    select->bind(1, bundle);
    QList<RollupRow> out;
    while (select->next())
        out.append({ select->int64(0), select->int64(1), select->int64(2), select->int64(3), select->int64(4),
            select->int64(5), select->real(6), select->real(7), select->real(8), select->real(9), select->real(10),
            select->real(11) });
    if (select->failed())
        return select->error();
    return out;
}

Result<QList<CoverageRow>> RollupBuilder::readCoverage(sql::Database& db, qint64 bundle)
{
    sql::Statement* select = db.prepare(
        "SELECT level, bucket, steps, first_seq, last_seq FROM coverage WHERE bundle = ? ORDER BY level, bucket");
    if (!select)
        return db.lastError();
    select->bind(1, bundle);
    QList<CoverageRow> out;
    while (select->next())
        out.append({ select->int64(0), select->int64(1), select->int64(2), select->int64(3), select->int64(4) });
    if (select->failed())
        return select->error();
    return out;
}

} // namespace capaudit
