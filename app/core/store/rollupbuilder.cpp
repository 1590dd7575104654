// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/rollupbuilder.h"

#include "store/sqlitedb.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

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

} // namespace

bool RollupRow::operator==(const RollupRow& o) const
{
    return level == o.level && resource == o.resource && bucket == o.bucket && tenant == o.tenant
        && samples == o.samples && steps == o.steps && sameValue(sumAllocated, o.sumAllocated)
        && sameValue(sumUsed, o.sumUsed) && sameValue(sumCapacity, o.sumCapacity)
        && sameValue(maxAllocated, o.maxAllocated) && sameValue(maxUsed, o.maxUsed)
        && sameValue(maxCapacity, o.maxCapacity);
}

void RollupBuilder::add(
    qint64 seq, qint64 time, qint64 resource, qint64 tenant, double allocated, double used, double capacity)
{
    auto it = m_steps.find({ time, resource, tenant });
    if (it == m_steps.end())
        it = m_steps.insert({ time, resource, tenant }, { kNone, kNone, kNone, 0, seq, seq });
    it->firstSeq = std::min(it->firstSeq, seq);
    it->lastSeq = std::max(it->lastSeq, seq);
    addTo(it->allocated, allocated);
    addTo(it->used, used);
    addTo(it->capacity, capacity);
    ++it->samples;
}

void RollupBuilder::finish()
{
    // QHash order differs between processes; sorting makes the fold, and so the floating-point sums, reproducible.
    QList<std::pair<StepKey, StepSums>> steps;
    steps.reserve(m_steps.size());
    for (auto it = m_steps.cbegin(); it != m_steps.cend(); ++it)
        steps.append({ it.key(), it.value() });
    m_steps.clear();
    std::sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.time, a.first.resource, a.first.tenant)
            < std::tie(b.first.time, b.first.resource, b.first.tenant);
    });

    std::map<std::tuple<qint64, qint64, qint64, qint64>, RollupRow> rows;
    std::map<std::pair<qint64, qint64>, CoverageRow> coverage;
    qint64 previousTime = std::numeric_limits<qint64>::min();
    for (const auto& [key, sums] : steps) {
        const bool newTime = key.time != previousTime;
        previousTime = key.time;
        for (const qint64 level : kRollupLevels) {
            const qint64 bucket = key.time - ((key.time % level) + level) % level;
            auto [cover, fresh] = coverage.try_emplace({ level, bucket });
            if (fresh)
                cover->second = { level, bucket, 0, sums.firstSeq, sums.lastSeq };
            cover->second.steps += newTime ? 1 : 0;
            cover->second.firstSeq = std::min(cover->second.firstSeq, sums.firstSeq);
            cover->second.lastSeq = std::max(cover->second.lastSeq, sums.lastSeq);
            auto [it, inserted] = rows.try_emplace({ level, key.resource, bucket, key.tenant });
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
    m_rows.clear();
    for (const auto& entry : rows)
        m_rows.append(entry.second);
    m_coverage.clear();
    for (const auto& entry : coverage)
        m_coverage.append(entry.second);
}

Status RollupBuilder::write(sql::Database& db, qint64 provider, qint64 bundle) const
{
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
