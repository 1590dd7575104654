// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QHash>
#include <QList>

namespace capaudit {

namespace sql {
class Database;
}

// Bucket sizes of the rollup levels, in seconds: hourly and daily.
inline constexpr qint64 kRollupLevelHour = 3600;
inline constexpr qint64 kRollupLevelDay = 86400;
inline constexpr qint64 kRollupLevels[] = { kRollupLevelHour, kRollupLevelDay };

// One rollup row of one bundle (see docs/case-file.md "Rollups"). Sums are over all samples of the bucket, maxima
// over the per-step totals (the sum across nodes at one sample time). NaN: no sample had the value.
struct RollupRow {
    qint64 level = 0, resource = 0, bucket = 0, tenant = 0;
    qint64 samples = 0, steps = 0;
    double sumAllocated, sumUsed, sumCapacity;
    double maxAllocated, maxUsed, maxCapacity;
    bool operator==(const RollupRow& other) const;
};

// Distinct sample times of a bundle in a bucket, and the range of the bundle's sample seq numbers that fall in it:
// the sparse time index raw-level queries use instead of a B-tree index over every sample.
struct CoverageRow {
    qint64 level = 0, bucket = 0, steps = 0;
    qint64 firstSeq = 0, lastSeq = 0;
    bool operator==(const CoverageRow&) const = default;
};

// Aggregates one bundle's samples in memory (one entry per time step, resource class and tenant: memory grows with
// the time span, not with the number of nodes) and writes its rollups at the end of the import. verify-case feeds
// the stored samples through the same code, so the fold order and hence every floating-point sum is reproduced.
class RollupBuilder {
public:
    void add(qint64 seq, qint64 time, qint64 resource, qint64 tenant, double allocated, double used, double capacity);
    void finish(); // computes rows() and coverage(), sorted by level, resource, bucket, tenant
    const QList<RollupRow>& rows() const
    {
        return m_rows;
    }
    const QList<CoverageRow>& coverage() const
    {
        return m_coverage;
    }

    Status write(sql::Database& db, qint64 provider, qint64 bundle) const;
    // The stored rollups / coverage of BUNDLE, in the order of rows() / coverage().
    static Result<QList<RollupRow>> readRows(sql::Database& db, qint64 bundle);
    static Result<QList<CoverageRow>> readCoverage(sql::Database& db, qint64 bundle);

private:
    struct StepKey {
        qint64 time, resource, tenant;
        bool operator==(const StepKey&) const = default;
        friend size_t qHash(const StepKey& k, size_t seed = 0)
        {
            return qHashMulti(seed, k.time, k.resource, k.tenant);
        }
    };
    struct StepSums {
        double allocated, used, capacity;
        qint64 samples = 0;
        qint64 firstSeq = 0, lastSeq = 0;
    };
    QHash<StepKey, StepSums> m_steps;
    QList<RollupRow> m_rows;
    QList<CoverageRow> m_coverage;
};

} // namespace capaudit
