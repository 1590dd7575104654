// SPDX-License-Identifier: GPL-3.0-or-later
// Telemetry samples in compressed column blocks (schema 8). The codec keeps every value bit for bit; the one reader
// (SampleCursor) returns what the row layout returned, so the checks are the same, byte for byte, on the demo banks
// with and without faults; `case upgrade` moves an older case's rows into blocks, all or nothing; and a damaged,
// removed, swapped or moved block is named by verify-case.
#include "casefixture.h"
#include "checksupport.h"
#include "guitestcase.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseupgrade.h"
#include "store/caseverifier.h"
#include "store/samplecursor.h"
#include "store/schema.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace capaudit;
using namespace capaudit::test;

namespace {

constexpr int kSteps = 1200, kNodes = 4, kTenants = 3; // 19,200 rows: blocks at seq 0, 8192 and 16384
constexpr qint64 kRows = qint64(kSteps) * kNodes * (1 + kTenants);

quint64 bitsOf(double v)
{
    quint64 bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

bool sameSample(const StoredSample& a, const StoredSample& b)
{
    auto same = [](double x, double y) { return isMissing(x) ? isMissing(y) : bitsOf(x) == bitsOf(y); };
    return a.seq == b.seq && a.payload == b.payload && a.line == b.line && a.time == b.time && a.provider == b.provider
        && a.node == b.node && a.resource == b.resource && a.tenant == b.tenant && a.state == b.state
        && same(a.allocated, b.allocated) && same(a.used, b.used) && same(a.capacity, b.capacity);
}

QString describe(const StoredSample& s)
{
    return QStringLiteral("seq %1 payload %2 line %3 time %4 ids %5/%6/%7/%8 state %9 a %10 u %11 c %12")
        .arg(s.seq)
        .arg(s.payload)
        .arg(s.line)
        .arg(s.time)
        .arg(s.provider)
        .arg(s.node)
        .arg(s.resource)
        .arg(s.tenant)
        .arg(s.state)
        .arg(s.allocated)
        .arg(s.used)
        .arg(s.capacity);
}

Result<std::vector<StoredSample>> readAll(const QString& file, qint64 bundle, qint64 from, qint64 to)
{
    sql::Database db;
    if (Status s = db.open(file, sql::Database::Mode::OpenExisting); !s)
        return s.error();
    SampleCursor cursor(db, bundle, from, to);
    std::vector<StoredSample> out;
    while (cursor.next())
        out.push_back(cursor.row());
    if (cursor.failed())
        return cursor.error();
    return out;
}

QByteArray checksJson(const QString& file)
{
    return canonicalJson(check(file).toJson());
}

} // namespace

class TestSampleBlocks : public QObject, protected CaseFixture {
    Q_OBJECT

    QString m_big; // a telemetry bundle of three blocks
    QString m_base; // a case holding it and the attestation
    qint64 m_bundleId = 0;
    QString m_bundleDigest;
    QTemporaryDir m_bankDir;

    QString copyOf(const QString& name)
    {
        const QString target = path(name + QStringLiteral(".capcase"));
        QFile::remove(target);
        if (!QFile::copy(m_base, target))
            qWarning() << "cannot copy the base case";
        return target;
    }

    std::unique_ptr<CaseStore> open(const QString& file)
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        if (!store)
            qWarning() << store.error().toString();
        return store ? std::move(*store) : nullptr;
    }

private slots:
    void initTestCase()
    {
        initFixture();
        m_big = writeTelemetry(m_provider, path(QStringLiteral("big")), QStringLiteral("provider-a"),
            usageCsv(kStart, kSteps, kNodes, kTenants), kStart, kSteps);
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("base.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_big);
        QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.error.toString() + r.verdict.summary()));
        QCOMPARE(r.rows, kRows);
        QCOMPARE(CaseImporter(*store).importBundle(m_attestation).outcome, ImportOutcome::Imported);
        m_bundleId = r.bundleId;
        m_bundleDigest = store->bundles()->first().digest;
        m_base = path(QStringLiteral("base.capcase"));
        QVERIFY(verifyCase(*store).intact());
    }

    void blocksHoldTheBundleInSeqOrder()
    {
        QCOMPARE(scalar(m_base, QStringLiteral("SELECT count(*) FROM samples")), qint64(0));
        QCOMPARE(
            scalar(m_base, QStringLiteral("SELECT count(*) FROM sample_blocks WHERE first_seq IN (0, 8192, 16384)")),
            qint64(3));
        QCOMPARE(scalar(m_base, QStringLiteral("SELECT count(*) FROM sample_blocks")), qint64(3));
        QCOMPARE(scalar(m_base, QStringLiteral("SELECT sum(last_seq - first_seq + 1) FROM sample_blocks")), kRows);
        // The point of the layout: a few bytes per sample instead of a B-tree row of ~40.
        const qint64 stored = scalar(m_base, QStringLiteral("SELECT sum(length(bytes)) FROM sample_blocks"));
        QVERIFY2(stored < kRows * 8, qPrintable(QStringLiteral("%1 bytes for %2 samples").arg(stored).arg(kRows)));
    }

    void codecKeepsEveryValue()
    {
        std::vector<StoredSample> rows;
        const double specials[] = { 0.0, -0.0, 1e-310, -1.5, 1e300, std::numeric_limits<double>::infinity(), kMissing,
            std::nan("7"), 3.25 };
        for (int i = 0; i < 1000; ++i) {
            StoredSample s;
            s.seq = 5000 + i;
            s.payload = i % 3;
            s.line = i % 7 == 0 ? std::numeric_limits<qint64>::max() - i : 2 + i;
            s.time = (i % 5 == 0 ? -1 : 1) * (qint64(1767225600) + 60 * (i / 4));
            s.provider = 1;
            s.node = std::numeric_limits<qint64>::min() + i;
            s.resource = i % 2;
            s.tenant = i % 4;
            s.state = i % 4;
            s.allocated = specials[i % 9];
            s.used = i * 0.1;
            s.capacity = specials[(i + 4) % 9];
            rows.push_back(s);
        }
        const blobcodec::StoredChunk chunk = sampleblocks::encode(42, rows);
        QCOMPARE(chunk.codec, blobcodec::Codec::Zstd);
        QByteArray scratch;
        Result<QByteArrayView> raw = blobcodec::decode(chunk.bytes, qint64(chunk.codec), chunk.rawSize, scratch);
        QVERIFY(raw);
        std::vector<StoredSample> back;
        QVERIFY(sampleblocks::decode(*raw, 42, 5000, 5999, back).ok());
        QCOMPARE(back.size(), rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            StoredSample expected = rows[i];
            // Every NaN reads back as the one missing value (the row layout stored NaN as NULL).
            for (double* v : { &expected.allocated, &expected.used, &expected.capacity })
                if (std::isnan(*v))
                    *v = kMissing;
            QVERIFY2(sameSample(back[i], expected),
                qPrintable(describe(back[i]) + QStringLiteral(" / ") + describe(expected)));
        }
        QCOMPARE(bitsOf(back[1].allocated), bitsOf(-0.0));
        QVERIFY(std::isinf(back[5].allocated));
    }

    void codecRefusesBlocksThatDoNotFit_data()
    {
        QTest::addColumn<qint64>("bundle");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("last");
        QTest::addColumn<int>("cut"); // bytes removed from the end (negative: bytes appended)
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("reason");
        QTest::newRow("another bundle's")
            << qint64(43) << qint64(0) << qint64(9) << 0 << 1 << QStringLiteral("belongs to bundle 42");
        QTest::newRow("another position")
            << qint64(42) << qint64(10) << qint64(19) << 0 << 1 << QStringLiteral("starts at seq 0");
        QTest::newRow("fewer rows than its row says")
            << qint64(42) << qint64(0) << qint64(10) << 0 << 1 << QStringLiteral("holds 10 rows");
        QTest::newRow("cut short") << qint64(42) << qint64(0) << qint64(9) << 3 << 1 << QStringLiteral("cut short");
        QTest::newRow("padded") << qint64(42) << qint64(0) << qint64(9) << -1 << 1
                                << QStringLiteral("bytes after the last column");
        QTest::newRow("unknown format") << qint64(42) << qint64(0) << qint64(9) << 0 << 9
                                        << QStringLiteral("unknown block format 9");
    }
    void codecRefusesBlocksThatDoNotFit()
    {
        QFETCH(qint64, bundle);
        QFETCH(qint64, first);
        QFETCH(qint64, last);
        QFETCH(int, cut);
        QFETCH(int, format);
        QFETCH(QString, reason);
        std::vector<StoredSample> rows(10);
        for (size_t i = 0; i < rows.size(); ++i)
            rows[i].seq = qint64(i);
        const blobcodec::StoredChunk chunk = sampleblocks::encode(42, rows);
        QByteArray scratch;
        QByteArray raw = blobcodec::decode(chunk.bytes, qint64(chunk.codec), chunk.rawSize, scratch)->toByteArray();
        raw[0] = char(format);
        if (cut > 0)
            raw.chop(cut);
        else if (cut < 0)
            raw.append(QByteArray(-cut, '\0'));
        std::vector<StoredSample> back;
        const Status decoded = sampleblocks::decode(raw, bundle, first, last, back);
        QVERIFY(!decoded.ok());
        QVERIFY2(decoded.error().reason.contains(reason), qPrintable(decoded.error().reason));
    }

    // Any seq range reads the same rows from blocks as from the row layout (the layout before schema 8).
    void rangesReadTheSameInBothLayouts_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::newRow("whole bundle") << qint64(0) << SampleCursor::kAll;
        QTest::newRow("across a block boundary") << qint64(8190) << qint64(8195);
        QTest::newRow("first row of a block") << qint64(8192) << qint64(8192);
        QTest::newRow("last row of a block") << qint64(16383) << qint64(16383);
        QTest::newRow("two whole blocks and more") << qint64(100) << qint64(17000);
        QTest::newRow("the tail") << qint64(19000) << SampleCursor::kAll;
        QTest::newRow("past the end") << kRows << SampleCursor::kAll;
    }
    void rangesReadTheSameInBothLayouts()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        const QString rows = rowLayoutCopy(m_base);
        QVERIFY(!rows.isEmpty());
        QVERIFY(execSql(rows,
            QStringLiteral("CREATE TABLE sample_blocks (id INTEGER PRIMARY KEY, bundle INTEGER, "
                           "first_seq INTEGER, last_seq INTEGER, codec INTEGER, raw_size INTEGER, "
                           "bytes BLOB)"))
                    .isEmpty());
        Result<std::vector<StoredSample>> blocks = readAll(m_base, m_bundleId, from, to);
        Result<std::vector<StoredSample>> legacy = readAll(rows, m_bundleId, from, to);
        QVERIFY2(blocks, qPrintable(blocks ? QString() : blocks.error().toString()));
        QVERIFY2(legacy, qPrintable(legacy ? QString() : legacy.error().toString()));
        const qint64 expected = std::max<qint64>(0, std::min(to, kRows - 1) - from + 1);
        QCOMPARE(qint64(blocks->size()), expected);
        QCOMPARE(blocks->size(), legacy->size());
        for (size_t i = 0; i < blocks->size(); ++i)
            QVERIFY2(sameSample(blocks->at(i), legacy->at(i)),
                qPrintable(describe(blocks->at(i)) + QStringLiteral(" / ") + describe(legacy->at(i))));
    }

    void damagedBlocksAreNamed_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("reason");
        QTest::newRow("a byte changed") << QStringLiteral(
            "UPDATE sample_blocks SET bytes = CAST(substr(bytes, 1, 200) || "
            "CASE WHEN substr(bytes, 201, 1) = x'5a' THEN x'5b' ELSE x'5a' END || substr(bytes, 202) AS BLOB) "
            "WHERE first_seq = 8192") << QStringLiteral("the block at seq 8192: corrupt zstd frame");
        QTest::newRow("a block removed") << QStringLiteral("DELETE FROM sample_blocks WHERE first_seq = 8192")
                                         << QStringLiteral("seqs 8192..16383 have no block: a block was removed");
        QTest::newRow("the last block removed") << QStringLiteral("DELETE FROM sample_blocks WHERE first_seq = 16384")
                                                << QStringLiteral("16384 rows stored, 19200 recorded at import");
        QTest::newRow("two blocks swapped")
            << QStringLiteral("CREATE TEMP TABLE b AS SELECT first_seq, raw_size, bytes FROM sample_blocks; "
                              "UPDATE sample_blocks SET bytes = (SELECT bytes FROM b WHERE b.first_seq = 8192 - "
                              "sample_blocks.first_seq), "
                              "raw_size = (SELECT raw_size FROM b WHERE b.first_seq = 8192 - sample_blocks.first_seq) "
                              "WHERE first_seq IN (0, 8192)")
            << QStringLiteral("the block at seq 0: the block says it starts at seq 8192");
        QTest::newRow("a block repeated") << QStringLiteral(
            "INSERT INTO sample_blocks (bundle, first_seq, last_seq, codec, raw_size, bytes) SELECT bundle, 8000, "
            "last_seq, codec, raw_size, bytes FROM sample_blocks WHERE first_seq = 8192")
                                          << QStringLiteral("the block at seq 8000 overlaps the one before it");
        QTest::newRow("a block moved to another bundle")
            << QStringLiteral("UPDATE sample_blocks SET bundle = (SELECT max(id) FROM bundles) WHERE first_seq = 0")
            << QStringLiteral("seqs 0..8191 have no block");
        QTest::newRow("a block's seqs rewritten")
            << QStringLiteral("UPDATE sample_blocks SET last_seq = last_seq - 1 WHERE first_seq = 16384")
            << QStringLiteral("holds 2816 rows where its row says seqs");
    }
    void damagedBlocksAreNamed()
    {
        QFETCH(QString, sql);
        QFETCH(QString, reason);
        const QString file = copyOf(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
        QCOMPARE(execSql(file, dropTriggersSql() + sql), QString());
        std::unique_ptr<CaseStore> store = open(file);
        QVERIFY(store);
        const CaseVerification v = verifyCase(*store);
        QVERIFY(!v.intact());
        bool named = false;
        for (const CaseProblem& p : v.problems)
            named = named || (p.toString().contains(m_bundleDigest) && p.toString().contains(reason));
        QVERIFY2(named, qPrintable(listed(v.problems)));
    }

    // A timeline window or a drill reads part of a bundle: one that starts inside a removed block names the gap as
    // a whole-bundle read does, instead of handing out fewer rows.
    void partialReadsNameARemovedBlock()
    {
        const QString file = copyOf(QStringLiteral("partial"));
        QCOMPARE(execSql(file, dropTriggersSql() + QStringLiteral("DELETE FROM sample_blocks WHERE first_seq = 8192")),
            QString());
        const Result<std::vector<StoredSample>> inside = readAll(file, m_bundleId, 9000, 10000);
        QVERIFY(!inside);
        QVERIFY2(inside.error().reason.contains(QLatin1String("seqs 9000..16383 have no block")),
            qPrintable(inside.error().toString()));
        const Result<std::vector<StoredSample>> across = readAll(file, m_bundleId, 8000, 9000);
        QVERIFY(!across);
        QVERIFY2(across.error().reason.contains(QLatin1String("seqs 8192..16383 have no block")),
            qPrintable(across.error().toString()));
        // Reads that do not touch the gap are whole.
        const Result<std::vector<StoredSample>> after = readAll(file, m_bundleId, 16400, 16500);
        QVERIFY2(after, qPrintable(after.error().toString()));
        QCOMPARE(after->size(), size_t(101));
        QCOMPARE(after->front().seq, 16400);
        const Result<std::vector<StoredSample>> before = readAll(file, m_bundleId, 100, 8191);
        QVERIFY2(before, qPrintable(before.error().toString()));
        QCOMPARE(before->size(), size_t(8092));
    }

    // An edit that keeps the block well formed (decoded, one value changed, encoded again) decodes cleanly: the
    // rows digest recorded at import is what catches it.
    void reencodedEditIsCaughtByTheRowsDigest()
    {
        const QString file = copyOf(QStringLiteral("reencoded"));
        Result<std::vector<StoredSample>> rows = readAll(file, m_bundleId, 8192, 16383);
        QVERIFY(rows);
        (*rows)[17].allocated += 1;
        const blobcodec::StoredChunk chunk = sampleblocks::encode(m_bundleId, *rows);
        {
            sql::Database db;
            QVERIFY(db.open(file, sql::Database::Mode::OpenExisting).ok());
            QVERIFY(db.exec(dropTriggersSql()).ok());
            sql::Statement* update =
                db.prepare("UPDATE sample_blocks SET bytes = ?, raw_size = ? WHERE bundle = ? AND first_seq = 8192");
            QVERIFY(update);
            update->bind(1, QByteArrayView(chunk.bytes)).bind(2, chunk.rawSize).bind(3, m_bundleId);
            QVERIFY(update->exec().ok());
        }
        std::unique_ptr<CaseStore> store = open(file);
        QVERIFY(store);
        const CaseVerification v = verifyCase(*store);
        QVERIFY(!v.intact());
        QVERIFY2(names(v.problems, QStringLiteral("parsed rows were edited")), qPrintable(listed(v.problems)));
    }

    // The compact reader gives the checks exactly what the row layout gave: the same report, byte for byte, before
    // and after `case upgrade`, on the demo bank with every fault and without any.
    void checksAreTheSameInBothLayouts_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::newRow("every fault") << QStringLiteral("all");
        QTest::newRow("no fault") << QStringLiteral("none");
    }
    void checksAreTheSameInBothLayouts()
    {
        QFETCH(QString, faults);
        const QString root = m_bankDir.filePath(faults);
        QVERIFY(QDir().mkpath(root));
        Result<DemoCase> bank = makeDemoCase(root, bankConfig(faults, 7));
        QVERIFY2(bank, qPrintable(bank ? QString() : bank.error().toString()));
        const QByteArray blocks = checksJson(bank->casePath);
        QVERIFY(blocks.contains("\"findings\""));

        const QString rows = rowLayoutCopy(bank->casePath);
        QVERIFY(!rows.isEmpty());
        const qint64 samples = scalar(rows, QStringLiteral("SELECT count(*) FROM samples"));
        QVERIFY2(samples > 65536, qPrintable(QString::number(samples)));
        QCOMPARE(checksJson(rows), blocks); // opened (migrated to schema 8), read from the rows
        const qint64 rowLayoutSize = QFileInfo(rows).size();
        QCOMPARE(scalar(rows, QStringLiteral("SELECT count(*) FROM sample_blocks")), qint64(0));
        {
            std::unique_ptr<CaseStore> store = open(rows);
            QVERIFY(store);
            QVERIFY(verifyCase(*store).intact());
            QList<std::pair<qint64, qint64>> progress;
            Result<CaseUpgrade> upgraded = upgradeCase(*store, [&](qint64 done, qint64 total) {
                progress.append({ done, total });
                return true;
            });
            QVERIFY2(upgraded, qPrintable(upgraded ? QString() : upgraded.error().toString()));
            QCOMPARE(upgraded->samples, samples);
            QVERIFY(upgraded->compacted);
            QVERIFY(progress.size() >= 2);
            QCOMPARE(progress.last(), std::make_pair(samples, samples));
            QCOMPARE(store->trail()->last().action, QLatin1String(trail::kCaseUpgraded));
            QCOMPARE(store->trail()->last().details.value(QStringLiteral("samples")).toInteger(), samples);
            const CaseVerification v = verifyCase(*store);
            QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        }
        QCOMPARE(scalar(rows, QStringLiteral("SELECT count(*) FROM samples")), qint64(0));
        QCOMPARE(scalar(rows, QStringLiteral("SELECT sum(last_seq - first_seq + 1) FROM sample_blocks")), samples);
        // The point of upgrading: the file no longer holds the rows' pages.
        QVERIFY2(QFileInfo(rows).size() < rowLayoutSize * 3 / 5,
            qPrintable(QStringLiteral("%1 -> %2 bytes").arg(rowLayoutSize).arg(QFileInfo(rows).size())));
        QCOMPARE(checksJson(rows), blocks);
    }

    // Cancelled or refused, an upgrade changes nothing: no block, every row, no trail entry.
    void upgradeIsAllOrNothing_data()
    {
        QTest::addColumn<QString>("sql"); // applied to a copy with its samples as rows
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<QString>("reason");
        QTest::newRow("cancelled") << QString() << true << QStringLiteral("upgrade cancelled; the case is unchanged");
        QTest::newRow("a row missing") << QStringLiteral(
            "DROP TRIGGER samples_no_delete; DELETE FROM samples WHERE seq = 9000")
                                       << false << QStringLiteral("row 9001 follows row 8999");
        QTest::newRow("a guard missing") << QStringLiteral("DROP TRIGGER samples_no_delete") << false
                                         << QStringLiteral("the append-only guard is missing");
    }
    void upgradeIsAllOrNothing()
    {
        QFETCH(QString, sql);
        QFETCH(bool, cancel);
        QFETCH(QString, reason);
        const QString file = rowLayoutCopy(m_base);
        QVERIFY(!file.isEmpty());
        if (!sql.isEmpty())
            QCOMPARE(execSql(file, sql), QString());
        const qint64 rows = scalar(file, QStringLiteral("SELECT count(*) FROM samples"));
        std::unique_ptr<CaseStore> store = open(file);
        QVERIFY(store);
        const qint64 trail = store->trail()->size();
        Result<CaseUpgrade> upgraded = upgradeCase(*store, [&](qint64, qint64) { return !cancel; });
        QVERIFY(!upgraded);
        QVERIFY2(upgraded.error().toString().contains(reason), qPrintable(upgraded.error().toString()));
        QCOMPARE(store->trail()->size(), trail);
        store.reset();
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM sample_blocks")), qint64(0));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM samples")), rows);
    }

    // A case from before schema 7 stored its evidence chunks raw: the upgrade compresses them as an import would, and
    // an edit made to a chunk before the upgrade is carried over as it is, so verify-case still names it.
    void upgradeCompressesOldEvidence_data()
    {
        QTest::addColumn<bool>("tampered");
        QTest::newRow("intact") << false;
        QTest::newRow("a chunk edited before the upgrade") << true;
    }
    void upgradeCompressesOldEvidence()
    {
        QFETCH(bool, tampered);
        const QString file = copyOf(tampered ? QStringLiteral("v6-tampered") : QStringLiteral("v6"));
        QCOMPARE(downgradeToVersion6(file), QString());
        const qint64 raw = scalar(file, QStringLiteral("SELECT count(*) FROM blob_chunks")); // all raw in schema 6
        QVERIFY(raw > 0);
        if (tampered)
            QCOMPARE(execSql(file,
                         QStringLiteral("DROP TRIGGER blob_chunks_no_update; UPDATE blob_chunks SET bytes = "
                                        "CAST(replace(CAST(bytes AS TEXT), 'node-1,', 'node-9,') AS BLOB) WHERE "
                                        "instr(bytes, 'node-1,') > 0;")
                             + schema::evidenceTrigger(QStringLiteral("blob_chunks"), QStringLiteral("UPDATE"))),
                QString());
        const qint64 before = QFileInfo(file).size();
        std::unique_ptr<CaseStore> store = open(file);
        QVERIFY(store);
        Result<CaseUpgrade> upgraded = upgradeCase(*store);
        QVERIFY2(upgraded, qPrintable(upgraded ? QString() : upgraded.error().toString()));
        QCOMPARE(upgraded->samples, kRows);
        QVERIFY(upgraded->chunks > 0);
        QVERIFY(upgraded->chunkBytesAfter * 4 < upgraded->chunkBytesBefore);
        const TrailEntry last = store->trail()->last();
        QCOMPARE(last.action, QLatin1String(trail::kCaseUpgraded));
        QCOMPARE(last.details.value(QStringLiteral("chunks")).toInteger(), upgraded->chunks);
        const CaseVerification v = verifyCase(*store);
        QCOMPARE(v.intact(), !tampered);
        if (tampered)
            QVERIFY2(names(v.problems, m_bundleDigest), qPrintable(listed(v.problems)));
        store.reset();
        QCOMPARE(scalar(file,
                     QStringLiteral("SELECT count(*) FROM blob_chunks WHERE codec = 0 AND raw_size IS NULL "
                                    "AND length(bytes) > 4096")),
            qint64(0));
        QVERIFY2(QFileInfo(file).size() * 3 < before,
            qPrintable(QStringLiteral("%1 -> %2 bytes").arg(before).arg(QFileInfo(file).size())));
    }

    void cliUpgradesInPlace()
    {
        const QString rows = rowLayoutCopy(m_base);
        QVERIFY(!rows.isEmpty());
        QProcess cli;
        cli.start(QStringLiteral(CAPAUDIT_CLI_PATH), { QStringLiteral("case"), QStringLiteral("upgrade"), rows });
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QVERIFY2(cli.readAllStandardOutput().contains(
                     "upgraded: 19200 samples of 1 bundles moved into 3 blocks; 0 evidence"),
            cli.readAllStandardError().constData());
        cli.start(QStringLiteral(CAPAUDIT_CLI_PATH), { QStringLiteral("case"), QStringLiteral("upgrade"), rows });
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(cli.readAllStandardOutput().contains("nothing to upgrade: the case already has the current layout"));
        cli.start(QStringLiteral(CAPAUDIT_CLI_PATH), { QStringLiteral("verify-case"), rows });
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSampleBlocks)
#include "tst_sampleblocks.moc"
