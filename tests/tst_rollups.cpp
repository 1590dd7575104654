// SPDX-License-Identifier: GPL-3.0-or-later
// RollupBuilder on its own: streamed rollups must equal the full fold bit for bit, and late rows be rescanned exactly.
#include "store/rollupbuilder.h"
#include "store/sqlitedb.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <tuple>

using namespace capaudit;

namespace {

constexpr qint64 kStart = 1767225600; // 2026-01-01T00:00:00Z

// One sample row as RollupBuilder::add() takes it.
struct RollupInput {
    qint64 seq, time, resource, tenant;
    double allocated, used, capacity;
};

// SAMPLES fed to a builder of MODE, in their order; the largest pendingSteps() seen on the way in *PEAK. The step
// budget is 0 unless given: hours are folded as soon as they may be, which is what these tests look at.
RollupBuilder feedRollups(
    const QList<RollupInput>& samples, RollupBuilder::Mode mode, qsizetype* peak = nullptr, qsizetype budget = 0)
{
    RollupBuilder builder(mode, budget);
    for (const RollupInput& s : samples) {
        builder.add(s.seq, s.time, s.resource, s.tenant, s.allocated, s.used, s.capacity);
        if (peak)
            *peak = std::max(*peak, builder.pendingSteps());
    }
    return builder;
}

// The fold as RollupBuilder did it before it streamed (every step kept, one sort at the end), written out again as the
// reference that streaming must match bit for bit.
std::pair<QList<RollupRow>, QList<CoverageRow>> referenceRollups(const QList<RollupInput>& samples)
{
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    auto addTo = [](double& sum, double v) {
        if (!std::isnan(v))
            sum = std::isnan(sum) ? v : sum + v;
    };
    auto maxInto = [](double& max, double v) {
        if (!std::isnan(v) && (std::isnan(max) || v > max))
            max = v;
    };
    struct Sums {
        double allocated = none, used = none, capacity = none;
        qint64 samples = 0, firstSeq = 0, lastSeq = 0;
    };
    std::map<std::tuple<qint64, qint64, qint64>, Sums> steps; // sorted by (time, resource, tenant)
    for (const RollupInput& s : samples) {
        auto [it, fresh] = steps.try_emplace({ s.time, s.resource, s.tenant });
        if (fresh)
            it->second.firstSeq = it->second.lastSeq = s.seq;
        it->second.firstSeq = std::min(it->second.firstSeq, s.seq);
        it->second.lastSeq = std::max(it->second.lastSeq, s.seq);
        addTo(it->second.allocated, s.allocated);
        addTo(it->second.used, s.used);
        addTo(it->second.capacity, s.capacity);
        ++it->second.samples;
    }
    std::map<std::tuple<qint64, qint64, qint64, qint64>, RollupRow> rows;
    std::map<std::pair<qint64, qint64>, CoverageRow> coverage;
    qint64 previousTime = std::numeric_limits<qint64>::min();
    for (const auto& [key, sums] : steps) {
        const auto [time, resource, tenant] = key;
        const bool newTime = time != previousTime;
        previousTime = time;
        for (const qint64 level : kRollupLevels) {
            const qint64 bucket = time - ((time % level) + level) % level;
            auto [cover, fresh] = coverage.try_emplace({ level, bucket });
            if (fresh)
                cover->second = { level, bucket, 0, sums.firstSeq, sums.lastSeq };
            cover->second.steps += newTime ? 1 : 0;
            cover->second.firstSeq = std::min(cover->second.firstSeq, sums.firstSeq);
            cover->second.lastSeq = std::max(cover->second.lastSeq, sums.lastSeq);
            auto [it, inserted] = rows.try_emplace({ level, resource, bucket, tenant });
            RollupRow& row = it->second;
            if (inserted)
                row = { level, resource, bucket, tenant, 0, 0, none, none, none, none, none, none };
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
    std::pair<QList<RollupRow>, QList<CoverageRow>> out;
    for (const auto& entry : rows)
        out.first.append(entry.second);
    for (const auto& entry : coverage)
        out.second.append(entry.second);
    return out;
}

// DAYS of one-minute steps in time order: per step, 3 resource classes x 2 nodes x (one capacity row + 3 tenants).
// Values are sevenths and thirteenths, so a different addition order would change the low bits of the sums; some are
// missing (NaN). Seq numbers are assigned by the caller, in feeding order.
QList<RollupInput> rollupSteps(qint64 start, int days)
{
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    QList<RollupInput> out;
    quint32 rng = 12345;
    auto next = [&rng] { return (rng = rng * 1103515245u + 12345u) >> 8; };
    for (qint64 t = start; t < start + days * 86400; t += 60) {
        for (qint64 resource = 1; resource <= 3; ++resource) {
            for (int node = 0; node < 2; ++node) {
                out.append({
                    0,
                    t,
                    resource,
                    0,
                    none,
                    none,
                    64.0 + double(next() % 7) / 7.0,
                });
                for (qint64 tenant = 1; tenant <= 3; ++tenant) {
                    const double allocated = double(next() % 1000) / 7.0;
                    const double used = next() % 50 == 0 ? none : allocated * double(next() % 13) / 13.0;
                    out.append({ 0, t, resource, tenant, allocated, used, none });
                }
            }
        }
    }
    return out;
}

void numberRollupInput(QList<RollupInput>& samples)
{
    for (qsizetype i = 0; i < samples.size(); ++i)
        samples[i].seq = i + 1;
}

// A scratch database with the two sample tables SampleCursor reads; the rows go into the layout of cases imported
// before schema 8 (one row per sample), which SampleCursor reads like blocks.
Status storeRollupInput(sql::Database& db, const QString& path, qint64 bundle, const QList<RollupInput>& samples)
{
    if (Status s = db.open(path, sql::Database::Mode::Create); !s)
        return s;
    if (Status s = db.exec(
            "CREATE TABLE IF NOT EXISTS samples (bundle INTEGER NOT NULL, seq INTEGER NOT NULL, payload INTEGER NOT "
            "NULL "
            "DEFAULT 0, line INTEGER NOT NULL DEFAULT 0, time INTEGER NOT NULL, provider INTEGER NOT NULL DEFAULT 1, "
            "node INTEGER NOT NULL DEFAULT 1, resource INTEGER NOT NULL, tenant INTEGER NOT NULL, allocated REAL, "
            "used REAL, capacity REAL, state INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (bundle, seq)) WITHOUT ROWID;"
            "CREATE TABLE IF NOT EXISTS sample_blocks (id INTEGER PRIMARY KEY, bundle INTEGER NOT NULL, first_seq "
            "INTEGER NOT NULL, last_seq INTEGER NOT NULL, codec INTEGER NOT NULL, raw_size INTEGER NOT NULL, bytes "
            "BLOB NOT NULL)");
        !s)
        return s;
    if (Status s = db.exec("BEGIN"); !s)
        return s;
    sql::Statement* insert = db.prepare("INSERT INTO samples (bundle, seq, time, resource, tenant, allocated, used, "
                                        "capacity) VALUES (?, ?, ?, ?, ?, ?, "
                                        "?, ?)");
    if (!insert)
        return db.lastError();
    for (const RollupInput& r : samples) {
        insert->bind(1, bundle)
            .bind(2, r.seq)
            .bind(3, r.time)
            .bind(4, r.resource)
            .bind(5, r.tenant)
            .bind(6, r.allocated)
            .bind(7, r.used)
            .bind(8, r.capacity);
        if (Status s = insert->exec(); !s)
            return s;
    }
    return db.exec("COMMIT");
}

} // namespace

class TestRollups : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const
    {
        return m_dir.filePath(name);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void rollupsStreamInOrder_data()
    {
        QTest::addColumn<int>("window"); // rows shuffled within windows of this many steps; 0: in time order
        QTest::newRow("in time order") << 0;
        QTest::newRow("shuffled within 40 minutes") << 40; // across hour boundaries
    }

    // Rows in time order (or out of order by less than an hour) are folded hour by hour while they arrive: the result
    // is bit for bit the one of the old fold over all steps at the end, and memory stays at two hours of steps.
    void rollupsStreamInOrder()
    {
        QFETCH(int, window);
        QList<RollupInput> samples = rollupSteps(kStart, 5);
        if (window > 0) {
            const qsizetype rowsPerWindow = qsizetype(window) * 3 * 2 * 4;
            std::mt19937 rng(7);
            for (qsizetype i = 0; i < samples.size(); i += rowsPerWindow)
                std::shuffle(samples.begin() + i, samples.begin() + std::min(i + rowsPerWindow, samples.size()), rng);
        }
        numberRollupInput(samples);
        const qsizetype stepsPerHour = 60 * 3 * 4; // times x resources x tenants (0 for the capacity rows)

        qsizetype peak = 0;
        RollupBuilder streaming = feedRollups(samples, RollupBuilder::Mode::Streaming, &peak);
        QVERIFY(!streaming.needsRescan());
        QVERIFY2(peak <= 2 * stepsPerHour + 1, qPrintable(QString::number(peak)));
        QVERIFY(streaming.pendingSteps() <= 2 * stepsPerHour);
        RollupBuilder unbounded = feedRollups(samples, RollupBuilder::Mode::Unbounded);
        QCOMPARE(unbounded.pendingSteps(), 5 * 24 * stepsPerHour);
        streaming.finish();
        unbounded.finish();
        QCOMPARE(streaming.pendingSteps(), qsizetype(0));

        const auto [rows, coverage] = referenceRollups(samples);
        QCOMPARE(rows.size(), qsizetype((5 * 24 + 5) * 3 * 4));
        QCOMPARE(coverage.size(), qsizetype(5 * 24 + 5));
        QVERIFY(streaming.rows() == rows); // RollupRow::operator== compares exactly, NaN equal to NaN
        QVERIFY(streaming.coverage() == coverage);
        QVERIFY(unbounded.rows() == rows);
        QVERIFY(unbounded.coverage() == coverage);
        QCOMPARE(coverage.first().steps, qint64(60));
        QCOMPARE(coverage.last().steps, qint64(1440));
    }

    // A row for an hour already folded cannot be added exactly: the builder says so and gives no rows; the unbounded
    // builder and the rescans from the store give the exact sums.
    void rollupsLateRowNeedsRescan()
    {
        constexpr double none = std::numeric_limits<double>::quiet_NaN();
        const QList<RollupInput> samples { { 0, 0, 1, 2, 1, 0.5, none }, { 1, 0, 1, 2, 2, none, none },
            { 2, 3600, 1, 2, 4, 1, none }, { 3, 7200, 1, 2, 8, 2, none }, { 4, 60, 1, 2, 16, 4, none } };
        const QList<RollupRow> expected { { kRollupLevelHour, 1, 0, 2, 3, 2, 19, 4.5, none, 16, 4, none },
            { kRollupLevelHour, 1, 3600, 2, 1, 1, 4, 1, none, 4, 1, none },
            { kRollupLevelHour, 1, 7200, 2, 1, 1, 8, 2, none, 8, 2, none },
            { kRollupLevelDay, 1, 0, 2, 5, 4, 31, 7.5, none, 16, 4, none } };
        const QList<CoverageRow> expectedCoverage { { kRollupLevelHour, 0, 2, 0, 4 },
            { kRollupLevelHour, 3600, 1, 2, 2 }, { kRollupLevelHour, 7200, 1, 3, 3 }, { kRollupLevelDay, 0, 4, 0, 4 } };

        RollupBuilder streaming = feedRollups(samples.mid(0, 4), RollupBuilder::Mode::Streaming);
        QVERIFY(!streaming.needsRescan());
        QCOMPARE(streaming.pendingSteps(), qsizetype(2)); // hour 0 was folded when hour 2 began
        const RollupInput& late = samples[4];
        streaming.add(late.seq, late.time, late.resource, late.tenant, late.allocated, late.used, late.capacity);
        QVERIFY(streaming.needsRescan());
        QCOMPARE(streaming.pendingSteps(), qsizetype(0));
        streaming.finish();
        QVERIFY(streaming.rows().isEmpty());

        RollupBuilder unbounded = feedRollups(samples, RollupBuilder::Mode::Unbounded);
        QVERIFY(!unbounded.needsRescan());
        unbounded.finish();
        QVERIFY(unbounded.rows() == expected);
        QVERIFY(unbounded.coverage() == expectedCoverage);

        // From the store: the disordered builder merges its two time-ordered runs; rebuildFromStore reads in seq
        // order. Another bundle's samples in the same table must not count.
        sql::Database db;
        QVERIFY(storeRollupInput(db, path(QStringLiteral("late-row.db")), 7, samples));
        QVERIFY(storeRollupInput(db, path(QStringLiteral("late-row.db")), 8, samples.mid(1, 2)));
        const Status refused = streaming.write(db, 1, 7);
        QVERIFY(!refused);
        QVERIFY2(refused.error().reason.contains(u"time order"), qPrintable(refused.error().toString()));
        QVERIFY(streaming.rescanIfNeeded(db, 7));
        QVERIFY(!streaming.needsRescan());
        QVERIFY(streaming.rows() == expected);
        QVERIFY(streaming.coverage() == expectedCoverage);
        Result<RollupBuilder> rebuilt = RollupBuilder::rebuildFromStore(db, 7);
        QVERIFY(rebuilt);
        QVERIFY(rebuilt->rows() == expected);
        QVERIFY(rebuilt->coverage() == expectedCoverage);
    }

    void rollupsRescanFromStore_data()
    {
        QTest::addColumn<int>("runs");
        QTest::newRow("three payloads") << 3; // e.g. kube-state-metrics, dcgm-exporter, custom metrics
        QTest::newRow("too many runs to merge") << 100;
    }

    // Rows in several time-ordered runs, each over the whole span (one per payload), with steps that get rows from
    // more than one run: the rescan from the store is bit for bit the old fold over all steps.
    void rollupsRescanFromStore()
    {
        QFETCH(int, runs);
        const QList<RollupInput> all = rollupSteps(kStart, 2);
        QList<RollupInput> samples;
        for (int run = 0; run < runs; ++run) {
            for (qsizetype i = 0; i < all.size(); ++i) {
                // Every run gets rows of every hour; the first four also all rows of one tenant, so many steps get
                // rows from two runs.
                if (i % runs == run || (run < 4 && all[i].tenant == run))
                    samples.append(all[i]);
            }
        }
        numberRollupInput(samples);
        RollupBuilder streaming = feedRollups(samples, RollupBuilder::Mode::Streaming);
        QVERIFY(streaming.needsRescan());
        streaming.finish();
        const auto [rows, coverage] = referenceRollups(samples);

        sql::Database db;
        QVERIFY(storeRollupInput(db, path(QStringLiteral("runs-%1.db").arg(runs)), 3, samples));
        QVERIFY(streaming.rescanIfNeeded(db, 3));
        QVERIFY(!streaming.needsRescan());
        QCOMPARE(streaming.rows().size(), rows.size());
        QVERIFY(streaming.rows() == rows);
        QVERIFY(streaming.coverage() == coverage);
        RollupBuilder unbounded = feedRollups(samples, RollupBuilder::Mode::Unbounded);
        unbounded.finish();
        QVERIFY(unbounded.rows() == rows);
        QVERIFY(unbounded.coverage() == coverage);

        // Within the step budget nothing is folded before the last run: no rescan, and the same rows bit for bit.
        qsizetype peak = 0;
        RollupBuilder budgeted = feedRollups(samples, RollupBuilder::Mode::Streaming, &peak, samples.size());
        QVERIFY(!budgeted.needsRescan());
        budgeted.finish();
        QVERIFY(budgeted.rows() == rows);
        QVERIFY(budgeted.coverage() == coverage);
        // A budget smaller than the steps folds on the way: memory stays near it, and the late runs need the rescan.
        peak = 0;
        RollupBuilder small = feedRollups(samples, RollupBuilder::Mode::Streaming, &peak, 100);
        QVERIFY(small.needsRescan());
        QVERIFY(peak > 100 && peak <= 100 + 2 * 60 * 3 * 4); // the budget and at most two hours of steps (720 each)
    }
};

QTEST_GUILESS_MAIN(TestRollups)
#include "tst_rollups.moc"
