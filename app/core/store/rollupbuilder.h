// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QHash>
#include <QList>

#include <limits>
#include <map>
#include <tuple>
#include <utility>

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

// Aggregates one bundle's samples into its rollups and coverage. verify-case feeds the stored samples through the
// same code, so the fold order and hence every floating-point sum is reproduced.
//
// Streaming (the default) keeps per-step entries (one per time step, resource class and tenant) up to STEPBUDGET of
// them; beyond that, every hour older than the newest but one is folded into the rollups, so memory does not grow
// with the time span of the bundle (rows in time order, as metric payloads and most CSVs have them). A row for an
// hour that was already folded cannot be added exactly any more: the builder then drops what it has, needsRescan()
// turns true, and rescanIfNeeded() rebuilds the rollups from the stored samples. The budget spares that second pass
// to a bundle of several payloads whose steps fit in it: each payload starts again at the period's start, and nothing
// was folded yet. Unbounded keeps every step until finish(): the exact result for rows in any order, with memory
// growing with the time span. Every mode gives the same rows, bit for bit (see add()).
class RollupBuilder {
public:
    enum class Mode { Streaming, Unbounded };
    // ~10 MB of pending steps: a week of five-minute steps for 170 classes and tenants.
    static constexpr qsizetype kDefaultStepBudget = 1 << 16;
    explicit RollupBuilder(Mode mode = Mode::Streaming, qsizetype stepBudget = kDefaultStepBudget)
        : m_mode(mode)
        , m_stepBudget(stepBudget)
    {
    }
    // Move-only: m_current points into m_pending, whose nodes a move hands over but a copy would not.
    RollupBuilder(RollupBuilder&&) = default;
    RollupBuilder& operator=(RollupBuilder&&) = default;
    RollupBuilder(const RollupBuilder&) = delete;
    RollupBuilder& operator=(const RollupBuilder&) = delete;

    // SEQ must increase from call to call (the samples' seq numbers, in the order they are stored).
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
    // True once a row arrived for an hour already folded: rows() and coverage() stay empty, write() fails.
    bool needsRescan() const
    {
        return m_disordered;
    }
    // Per-step entries held for hours not folded yet (what memory grows with).
    qsizetype pendingSteps() const
    {
        return m_pendingSteps;
    }

    // Call after finish(), once BUNDLE's samples are stored: when needsRescan(), replaces this builder by one finished
    // over the stored samples. Rows that came as a few time-ordered runs (one per metric payload, say) are merged by
    // time from the store and streamed in bounded memory; any other order goes through rebuildFromStore(). Either
    // result is exactly the unbounded one. Does nothing otherwise.
    Status rescanIfNeeded(sql::Database& db, qint64 bundle);
    // An unbounded builder fed BUNDLE's stored samples in seq order, finished: exact for any order, memory grows with
    // the bundle's time span.
    static Result<RollupBuilder> rebuildFromStore(sql::Database& db, qint64 bundle);

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
    using Steps = QHash<StepKey, StepSums>;
    // More time-ordered runs than this are not merged from the store but rebuilt in memory.
    static constexpr qsizetype kMaxRuns = 64;

    void foldBefore(qint64 hour); // folds every pending hour earlier than HOUR, oldest first
    void fold(const Steps& steps);
    void dropAll();
    static Result<RollupBuilder> mergeRunsFromStore(sql::Database& db, qint64 bundle, const QList<qint64>& runStarts);

    Mode m_mode;
    qsizetype m_stepBudget;
    bool m_disordered = false;
    // Pending steps by hour bucket; the hour rows last went to is cached (map nodes do not move).
    std::map<qint64, Steps> m_pending;
    Steps* m_current = nullptr;
    qint64 m_currentHour = 0;
    qint64 m_newestHour = std::numeric_limits<qint64>::min();
    qint64 m_lastFoldedHour = std::numeric_limits<qint64>::min();
    qsizetype m_pendingSteps = 0;
    // Fold state carried from one hour to the next, exactly as one fold over all steps would carry it.
    qint64 m_previousTime = std::numeric_limits<qint64>::min();
    std::map<std::tuple<qint64, qint64, qint64, qint64>, RollupRow> m_rowMap;
    std::map<std::pair<qint64, qint64>, CoverageRow> m_coverageMap;
    // Seq numbers where the rows' time went backwards: the starts of time-ordered runs after the first.
    qint64 m_lastTime = std::numeric_limits<qint64>::min();
    QList<qint64> m_runStarts;
    bool m_tooManyRuns = false;

    QList<RollupRow> m_rows;
    QList<CoverageRow> m_coverage;
};

} // namespace capaudit
