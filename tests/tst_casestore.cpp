// SPDX-License-Identifier: GPL-3.0-or-later
// The case file: schema, import (verified, rejected, untrusted, failed, cancelled, repeated), audit
// trail and trust anchors, rollups of imported bundles (RollupBuilder itself: tst_rollups), queries, and crash safety
// under SIGKILL. Append-only triggers and verify-case tamper detection: tst_caseverify; migrations of older cases and
// anchor scopes: tst_casemigration.
#include "casefixture.h"
#include "crypto/digest.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "store/schema.h"
#include "store/sqlitedb.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>

using namespace capaudit;
using namespace capaudit::test;

namespace {
// How many samples the case stores (they are in blocks of consecutive seqs).
const QString kStoredSamples = QStringLiteral("SELECT coalesce(sum(last_seq - first_seq + 1), 0) FROM sample_blocks");

// Child mode for the crash test: imports every BUNDLE into CASE and exits.
int importChild(const QStringList& args)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(args.at(0));
    if (!store)
        return 2;
    CaseImporter importer(**store);
    for (const QString& bundle : args.mid(1)) {
        if (!importer.importBundle(bundle).ok())
            return 1;
    }
    return 0;
}

} // namespace

class TestCaseStore : public QObject, protected CaseFixture {
    Q_OBJECT

private:
    QStringList problems(CaseStore& store)
    {
        QStringList out;
        for (const CaseProblem& p : verifyCase(store).problems)
            out << p.toString();
        return out;
    }

    // Every rollup row of the case FILE equals the aggregate of the raw samples it summarises.
    void checkRollupsMatchRawRows(const QString& caseFile)
    {
        const QString file = rowLayoutCopy(caseFile);
        QVERIFY(!file.isEmpty());
        for (const qint64 level : kRollupLevels) {
            // Every rollup row equals the aggregate of the raw samples it summarises.
            const QString mismatches = QStringLiteral(
                "SELECT count(*) FROM rollups r LEFT JOIN (SELECT resource, tenant, time - time % %1 AS bucket, "
                " count(*) AS n, count(DISTINCT time) AS steps, sum(allocated) AS a, sum(used) AS u, sum(capacity) AS "
                "c "
                " FROM samples GROUP BY resource, tenant, bucket) s "
                "ON s.resource = r.resource AND s.tenant = r.tenant AND s.bucket = r.bucket "
                "WHERE r.level = %1 AND (s.n IS NOT r.samples OR s.steps IS NOT r.steps "
                " OR abs(coalesce(s.a, 0) - coalesce(r.sum_allocated, 0)) > 1e-6 "
                " OR abs(coalesce(s.u, 0) - coalesce(r.sum_used, 0)) > 1e-6 "
                " OR abs(coalesce(s.c, 0) - coalesce(r.sum_capacity, 0)) > 1e-6)")
                                           .arg(level);
            QCOMPARE(scalar(file, mismatches), qint64(0));
            const QString peaks = QStringLiteral(
                "SELECT count(*) FROM rollups r WHERE r.level = %1 AND r.tenant <> 0 AND abs(r.max_allocated - "
                "(SELECT max(a) FROM (SELECT sum(allocated) AS a FROM samples s WHERE s.tenant = r.tenant "
                " AND s.resource = r.resource AND s.time >= r.bucket AND s.time < r.bucket + %1 GROUP BY s.time))) "
                "> 1e-9")
                                      .arg(level);
            QCOMPARE(scalar(file, peaks), qint64(0));
            const QString groups =
                QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT resource, tenant, time - time % %1 "
                               "FROM samples)")
                    .arg(level);
            QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM rollups WHERE level = %1").arg(level)),
                scalar(file, groups));
        }
    }

private slots:
    void initTestCase()
    {
        initFixture();
    }

    void createAndOpen()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("create.capcase"));
        QVERIFY(store);
        QCOMPARE(store->info().name, QStringLiteral("Test case"));
        QCOMPARE(store->info().schemaVersion, schema::currentVersion());
        const QString id = store->info().id;
        store.reset();
        const QString file = path(QStringLiteral("create.capcase"));
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA application_id")), qint64(schema::kApplicationId));
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        QCOMPARE(
            scalar(file, QStringLiteral("SELECT count(*) FROM schema_migrations")), qint64(schema::currentVersion()));
        Result<std::unique_ptr<CaseStore>> reopened = CaseStore::open(file);
        QVERIFY2(reopened, qPrintable(reopened.error().toString()));
        QCOMPARE((*reopened)->info().id, id);
        Result<QList<TrailEntry>> trail = (*reopened)->trail();
        QVERIFY(trail);
        QCOMPARE(trail->size(), 2);
        QCOMPARE(trail->at(0).action, QLatin1String(trail::kCaseCreated));
        QCOMPARE(trail->at(1).action, QLatin1String(trail::kAnchorAdded));
        QVERIFY(!CaseStore::create(file, QStringLiteral("again"), {}));
    }

    void refusesNonCases_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << QByteArray("time,node\n1,2\n") << QString()
                                   << QStringLiteral("not a CapAudit case");
        QTest::newRow("empty file") << QByteArray() << QString() << QStringLiteral("not a CapAudit case");
        QTest::newRow("other sqlite db") << QByteArray()
                                         << QStringLiteral("CREATE TABLE t (x); PRAGMA application_id = 7;")
                                         << QStringLiteral("application_id is 0x00000007");
        QTest::newRow("plain sqlite db") << QByteArray() << QStringLiteral("CREATE TABLE t (x);")
                                         << QStringLiteral("not a CapAudit case");
    }
    void refusesNonCases()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const QString file =
            path(QStringLiteral("noncase-%1").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        if (!sql.isEmpty()) {
            QFile::remove(file);
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(file.toUtf8().constData(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
        }
        const QByteArray before = test::readAll(file);
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(!store);
        QVERIFY2(store.error().toString().contains(expected), qPrintable(store.error().toString()));
        QCOMPARE(test::readAll(file), before); // refused without touching it
    }

    void refusesNewerSchema()
    {
        QVERIFY(newCase(QStringLiteral("newer.capcase")));
        const QString file = path(QStringLiteral("newer.capcase"));
        QCOMPARE(execSql(file, QStringLiteral("PRAGMA user_version = 99")), QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(!store);
        QVERIFY2(store.error().reason.contains(QLatin1String("newer")), qPrintable(store.error().toString()));
    }

    void importsAndReimports()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("import.capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        QList<double> fractions;
        ImportOptions options;
        options.progress = [&](double f, const QString&) { fractions << f; };
        const ImportResult r = importer.importBundle(m_bundle, options);
        QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.error.toString() + r.verdict.summary()));
        QCOMPARE(r.rows, qint64(300 * 4 * 4));
        QVERIFY(!fractions.isEmpty());
        QCOMPARE(fractions.last(), 1.0);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));

        const QString file = path(QStringLiteral("import.capcase"));
        QCOMPARE(scalar(file, kStoredSamples), r.rows);
        QCOMPARE(scalar(rowLayoutCopy(file), QStringLiteral("SELECT count(*) FROM samples WHERE state = 2")),
            qint64(4)); // "down"
        Result<QList<StoredBundle>> bundles = store->bundles();
        QVERIFY(bundles);
        QCOMPARE(bundles->size(), 1);
        const StoredBundle b = bundles->first();
        QCOMPARE(b.digest, r.digest);
        QCOMPARE(b.provider, QStringLiteral("provider-a"));
        QCOMPARE(b.verdict, VerdictKind::Verified);
        QVERIFY(!b.untrusted());
        QCOMPARE(b.rowCount, r.rows);
        QCOMPARE(b.resolutionSeconds, kStep);
        QCOMPARE(b.details.verdict, VerdictKind::Verified);
        QVERIFY(b.signerSubject.contains(QLatin1String("Provider A Meter")));

        // Every bundle file is stored byte for byte; the payload is the CSV that was signed.
        Result<QList<BundleFileRef>> files = store->bundleFiles(b.id);
        QVERIFY(files);
        bool sawPayload = false;
        for (const BundleFileRef& f : *files) {
            QByteArray bytes;
            QVERIFY(store->readBlob(f.blobId, [&](QByteArrayView chunk) {
                bytes += chunk;
                return Status();
            }));
            QCOMPARE(bytes.size(), f.size);
            QCOMPARE(QString::fromLatin1(crypto::sha256(bytes).toHex()), f.sha256);
            if (f.path == u"data/usage.csv") {
                QCOMPARE(bytes, m_csv);
                sawPayload = true;
            }
        }
        QVERIFY(sawPayload);

        QCOMPARE(*store->providers(), QStringList { QStringLiteral("provider-a") });
        QCOMPARE(*store->resourceClasses(), QStringList { QStringLiteral("cpu") });
        QCOMPARE(*store->tenants(),
            (QStringList { QStringLiteral("tenant-0"), QStringLiteral("tenant-1"), QStringLiteral("tenant-2") }));
        QCOMPARE(store->nodes()->size(), 4);
        const Period covered = *store->periodCovered();
        QCOMPARE(covered.start, kStart);
        QCOMPARE(covered.end, kStart + 300 * kStep);

        const qint64 trailBefore = store->trail()->size();
        const ImportResult again = importer.importBundle(m_bundle);
        QCOMPARE(again.outcome, ImportOutcome::AlreadyPresent);
        QCOMPARE(again.bundleId, b.id);
        QCOMPARE(scalar(file, kStoredSamples), r.rows);
        QCOMPARE(store->trail()->size(), trailBefore);
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void rollupsMatchRawRows()
    {
        checkRollupsMatchRawRows(path(QStringLiteral("import.capcase")));
    }

    void importUnsortedRebuildsRollups_data()
    {
        QTest::addColumn<QString>("order");
        QTest::newRow("two time-ordered runs") << QStringLiteral("rotated"); // merged from the store
        QTest::newRow("shuffled") << QStringLiteral("shuffled"); // too many runs: rebuilt in memory from the store
        QTest::newRow("reversed") << QStringLiteral("reversed"); // never a later hour: nothing folded before finish()
    }

    // Native CSV rows need not be sorted: the rollups of a bundle whose rows go back in time are rebuilt from the
    // stored samples, exactly as verify-case rebuilds them.
    void importUnsortedRebuildsRollups()
    {
        QFETCH(QString, order);
        QList<QByteArray> lines = usageCsv(kStart, 300, 2, 2).split('\n');
        const QByteArray header = lines.takeFirst();
        lines.removeLast(); // after the last newline
        if (order == u"rotated")
            std::rotate(lines.begin(), lines.begin() + lines.size() / 2, lines.end());
        else if (order == u"shuffled")
            std::shuffle(lines.begin(), lines.end(), std::mt19937(11));
        else
            std::reverse(lines.begin(), lines.end());
        const QByteArray csv = header + '\n' + lines.join('\n') + '\n';
        const QString bundle = writeTelemetry(
            m_provider, path(order + QStringLiteral("-bundle")), QStringLiteral("provider-a"), csv, kStart, 300);
        std::unique_ptr<CaseStore> store = newCase(order + QStringLiteral(".capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        const ImportResult r = importer.importBundle(bundle);
        QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        QCOMPARE(r.rows, qint64(lines.size()));
        checkRollupsMatchRawRows(path(order + QStringLiteral(".capcase")));
        if (QTest::currentTestFailed())
            return;
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void seriesPicksLevel_data()
    {
        QTest::addColumn<qint64>("to");
        QTest::addColumn<int>("maxPoints");
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("points");
        QTest::newRow("raw") << kStart + 100 * kStep << 200 << int(SeriesLevel::Raw) << 100;
        QTest::newRow("hourly") << kStart + 300 * kStep << 100 << int(SeriesLevel::Hourly) << 25;
        QTest::newRow("daily") << kStart + 300 * kStep << 10 << int(SeriesLevel::Daily) << 2;
    }
    void seriesPicksLevel()
    {
        QFETCH(qint64, to);
        QFETCH(int, maxPoints);
        QFETCH(int, level);
        QFETCH(int, points);
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path(QStringLiteral("import.capcase")));
        QVERIFY(store);
        SeriesQuery q { QStringLiteral("provider-a"), QStringLiteral("cpu"), kStart, to, maxPoints };
        Result<TimeSeries> s = (*store)->series(q);
        QVERIFY2(s, qPrintable(s.error().toString()));
        QCOMPARE(int(s->level), level);
        QCOMPARE(s->times.size(), points);
        QCOMPARE(s->tenants.size(), 3);
        QCOMPARE(s->capacity.first(), 4 * 64.0);
        // Mean allocation over a bucket equals the mean of the raw per-step totals in it.
        q.to = q.from + s->stepSeconds;
        q.maxPoints = 100000;
        Result<TimeSeries> raw = (*store)->series(q);
        QVERIFY(raw);
        QCOMPARE(raw->level, SeriesLevel::Raw);
        double sum = 0;
        for (double v : raw->tenants.first().allocated)
            sum += v;
        QVERIFY(std::abs(sum / raw->times.size() - s->tenants.first().allocated.first()) < 1e-9);
    }

    void attestationAndCoverage()
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path(QStringLiteral("import.capcase")));
        QVERIFY(store);
        const ImportResult r = CaseImporter(**store).importBundle(m_attestation);
        QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.error.toString() + r.verdict.summary()));
        QCOMPARE(r.rows, qint64(6)); // contract, sla, tenant, commitment, node, price
        Result<QList<CommitmentLine>> lines =
            (*store)->commitments(QStringLiteral("provider-a"), QStringLiteral("cpu"));
        QVERIFY(lines);
        QCOMPARE(lines->size(), 1);
        QCOMPARE(lines->first().quantity, 100.0);
        QCOMPARE(lines->first().overcommitLimit, 1.25);
        QCOMPARE(lines->first().bundleDigest, r.digest);
        Result<TimeSeries> s =
            (*store)->series({ QStringLiteral("provider-a"), QStringLiteral("cpu"), kStart, kStart + 3600 });
        QVERIFY(s);
        QCOMPARE(s->commitments.size(), 1);

        Result<QList<CoverageBucket>> cover =
            (*store)->coverage(QStringLiteral("provider-a"), kStart, kStart + 3 * 86400, SeriesLevel::Hourly);
        QVERIFY(cover);
        QCOMPARE(cover->size(), 72);
        QCOMPARE(cover->at(0).status, CoverageBucket::Status::Verified);
        QCOMPARE(cover->at(0).verifiedSteps, 12);
        QCOMPARE(cover->at(24).status, CoverageBucket::Status::Verified); // 300 steps of 5 minutes: 25 hours
        QCOMPARE(cover->at(25).status, CoverageBucket::Status::Missing);
        const QStringList found = problems(**store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void rejectedIsRecordedNotImported()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("rejected.capcase"));
        QVERIFY(store);
        const ImportResult r = CaseImporter(*store).importBundle(m_tampered);
        QCOMPARE(r.outcome, ImportOutcome::Rejected);
        QVERIFY(r.trailSeq > 0);
        QVERIFY(store->bundles()->isEmpty());
        QCOMPARE(
            scalar(path(QStringLiteral("rejected.capcase")), QStringLiteral("SELECT count(*) FROM blobs")), qint64(0));
        const TrailEntry last = store->trail()->last();
        QCOMPARE(last.action, QLatin1String(trail::kImportRejected));
        QCOMPARE(last.details.value(QStringLiteral("digest")).toString(), r.digest);
        const QJsonArray reasons = last.details.value(QStringLiteral("reasons")).toArray();
        QVERIFY(!reasons.isEmpty());
        QVERIFY(QString::fromUtf8(QJsonDocument(reasons).toJson()).contains(QLatin1String("usage.csv")));
    }

    void untrustedNeedsExplicitFlag()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("untrusted.capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        const ImportResult refused = importer.importBundle(m_untrusted);
        QCOMPARE(refused.outcome, ImportOutcome::UntrustedRefused);
        QCOMPARE(store->trail()->last().action, QLatin1String(trail::kImportRefused));
        QVERIFY(store->bundles()->isEmpty());
        ImportOptions allow;
        allow.allowUntrusted = true;
        const ImportResult imported = importer.importBundle(m_untrusted, allow);
        QCOMPARE(imported.outcome, ImportOutcome::Imported);
        const StoredBundle b = store->bundles()->first();
        QVERIFY(b.untrusted());
        QCOMPARE(scalar(path(QStringLiteral("untrusted.capcase")), QStringLiteral("SELECT untrusted FROM bundles")),
            qint64(1));
        // Untrusted data stays out of series unless asked for.
        SeriesQuery q { QStringLiteral("provider-s"), QStringLiteral("cpu"), kStart, kStart + 3600 };
        q.includeUntrusted = false;
        QVERIFY(store->series(q)->times.isEmpty());
        q.includeUntrusted = true;
        QCOMPARE(store->series(q)->times.size(), 10);
        QCOMPARE(
            store->coverage(QStringLiteral("provider-s"), kStart, kStart + 3600, SeriesLevel::Hourly)->first().status,
            CoverageBucket::Status::Untrusted);
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void parseErrorRollsBackEverything()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("badrow.capcase"));
        QVERIFY(store);
        const QString file = path(QStringLiteral("badrow.capcase"));
        const ImportResult r = CaseImporter(*store).importBundle(m_badRow);
        QCOMPARE(r.outcome, ImportOutcome::Failed);
        QCOMPARE(r.error.file, QStringLiteral("data/usage.csv"));
        QVERIFY(r.error.line > 1);
        QCOMPARE(r.error.field, QStringLiteral("allocated"));
        for (const char* table : { "bundles", "samples", "sample_blocks", "blobs", "blob_chunks", "bundle_files",
                 "rollups", "coverage", "nodes" })
            QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), qint64(0));
        const TrailEntry last = store->trail()->last();
        QCOMPARE(last.action, QLatin1String(trail::kImportFailed));
        QCOMPARE(last.details.value(QStringLiteral("error")).toObject().value(QStringLiteral("line")).toInteger(),
            r.error.line);
        QVERIFY(verifyCase(*store).intact());
    }

    void cancelRollsBack()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("cancel.capcase"));
        QVERIFY(store);
        std::atomic<bool> cancel { false };
        ImportOptions options;
        options.cancel = &cancel;
        options.progress = [&](double fraction, const QString&) {
            if (fraction > 0) // verified; the flag is seen at the next checkpoint, inside the transaction
                cancel = true;
        };
        const qint64 trailBefore = store->trail()->size();
        const ImportResult r = CaseImporter(*store).importBundle(m_bundle, options);
        QCOMPARE(r.outcome, ImportOutcome::Cancelled);
        const QString file = path(QStringLiteral("cancel.capcase"));
        QCOMPARE(scalar(file, kStoredSamples), qint64(0));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM blobs")), qint64(0));
        QCOMPARE(store->trail()->size(), trailBefore);
        cancel = false;
        options.progress = {};
        QCOMPARE(CaseImporter(*store).importBundle(m_bundle, options).outcome, ImportOutcome::Imported);
    }

    void batchRollsBackAsOne()
    {
        // A batch (the GUI's multi-bundle import) is one outer transaction; each bundle a savepoint inside it.
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("batch.capcase"));
        QVERIFY(store);
        const qint64 trailBefore = store->trail()->size();
        {
            sql::Transaction batch(store->database());
            QVERIFY(batch.begun().ok());
            QCOMPARE(CaseImporter(*store).importBundle(m_attestation).outcome, ImportOutcome::Imported);
            QCOMPARE(CaseImporter(*store).importBundle(m_tampered).outcome, ImportOutcome::Rejected);
            // An inner failure rolls back only its own savepoint.
            QCOMPARE(CaseImporter(*store).importBundle(m_badRow).outcome, ImportOutcome::Failed);
            QCOMPARE(store->bundles()->size(), 1);
            batch.rollback();
        }
        QCOMPARE(store->bundles()->size(), 0);
        QCOMPARE(store->trail()->size(), trailBefore);
        {
            sql::Transaction batch(store->database());
            QCOMPARE(CaseImporter(*store).importBundle(m_attestation).outcome, ImportOutcome::Imported);
            QCOMPARE(CaseImporter(*store).importBundle(m_bundle).outcome, ImportOutcome::Imported);
            QVERIFY(batch.commit().ok());
        }
        QCOMPARE(store->bundles()->size(), 2);
        QVERIFY(verifyCase(*store).intact());
    }

    void anchorsAreTrailed()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("anchors.capcase"));
        QVERIFY(store);
        Result<CaseAnchor> added = store->addAnchor(m_stranger.anchor);
        QVERIFY2(added, qPrintable(added.error().toString()));
        QVERIFY(!store->addAnchor(m_stranger.anchor)); // already trusted
        QCOMPARE(store->trail()->last().action, QLatin1String(trail::kAnchorAdded));
        QCOMPARE(CaseImporter(*store).importBundle(m_untrusted).outcome, ImportOutcome::Imported);
        const qint64 importSeq = store->bundles()->first().importSeq;
        QVERIFY(!store->removeAnchor(QStringLiteral("0000")));
        Result<CaseAnchor> removed = store->removeAnchor(m_stranger.anchor.fingerprint.left(12));
        QVERIFY2(removed, qPrintable(removed.error().toString()));
        QCOMPARE(store->trail()->last().action, QLatin1String(trail::kAnchorRemoved));
        QCOMPARE(store->anchors()->size(), 1);
        QCOMPARE(store->anchors(true)->size(), 2);
        QCOMPARE(store->trustStoreAt(importSeq)->anchors().size(), 2);
        QCOMPARE(store->trustStore()->anchors().size(), 1);
        // The bundle was verified under the anchors of its time: re-verification uses those, so the case is intact.
        const QStringList found = problems(*store);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        Result<ChainCheck> chain = verifyTrailChain(store->database());
        QVERIFY(chain);
        QCOMPARE(chain->firstBrokenSeq, 0);
        QCOMPARE(chain->entries, store->trail()->size());
    }

    void crashDuringImportLeavesNoHalfBundle()
    {
        // Three bundles large enough that a kill lands inside an import most of the time.
        QStringList bundles;
        for (int i = 0; i < 3; ++i)
            bundles << writeTelemetry(m_provider, path(QStringLiteral("crash-%1").arg(i)), QStringLiteral("provider-a"),
                usageCsv(kStart + i * 86400, 288, 12, 4), kStart + i * 86400, 288);
        QVERIFY(newCase(QStringLiteral("crash-template.capcase")));
        const QString program = QCoreApplication::applicationFilePath();
        auto runChild = [&](const QString& caseFile, int killAfterMs) {
            QProcess child;
            child.start(program, QStringList { QStringLiteral("--import-child"), caseFile } + bundles);
            if (!child.waitForStarted())
                return -1;
            if (killAfterMs >= 0 && !child.waitForFinished(killAfterMs))
                child.kill(); // SIGKILL: no destructor, no rollback, no WAL checkpoint
            child.waitForFinished();
            return child.exitStatus() == QProcess::CrashExit ? 9 : child.exitCode();
        };
        QElapsedTimer timer;
        const QString full = path(QStringLiteral("crash-full.capcase"));
        QVERIFY(QFile::copy(path(QStringLiteral("crash-template.capcase")), full));
        timer.start();
        QCOMPARE(runChild(full, -1), 0);
        const int duration = int(timer.elapsed());
        QCOMPARE(scalar(full, QStringLiteral("SELECT count(*) FROM bundles")), qint64(3));

        const quint32 seed = QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        int killed = 0, partial = 0;
        // Kill at random moments until at least 20 kills landed before the child finished (bounded, for slow hosts).
        int runs = 0;
        for (int run = 0; killed < 20 && run < 60; ++run, ++runs) {
            const QString file = path(QStringLiteral("crash-%1.capcase").arg(run));
            QVERIFY(QFile::copy(path(QStringLiteral("crash-template.capcase")), file));
            const int delay = int(random.bounded(duration * 9 / 10 + 1));
            if (runChild(file, delay) == 9)
                ++killed;
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
            QVERIFY2(store,
                qPrintable(QStringLiteral("seed %1 run %2: %3").arg(seed).arg(run).arg(store.error().toString())));
            const CaseVerification v = verifyCase(**store);
            QStringList found;
            for (const CaseProblem& p : v.problems)
                found << p.toString();
            QVERIFY2(v.intact(),
                qPrintable(QStringLiteral("seed %1 run %2 (kill at %3 ms): ").arg(seed).arg(run).arg(delay)
                    + found.join(u'\n')));
            // A bundle row exists exactly when all its rows do.
            QCOMPARE(scalar(file,
                         QStringLiteral("SELECT count(*) FROM bundles b WHERE row_count <> (SELECT "
                                        "coalesce(sum(last_seq - first_seq + 1), 0) FROM sample_blocks s "
                                        "WHERE s.bundle = b.id)")),
                qint64(0));
            QCOMPARE(
                scalar(file,
                    QStringLiteral("SELECT count(*) FROM sample_blocks WHERE bundle NOT IN (SELECT id FROM bundles)")),
                qint64(0));
            QCOMPARE(scalar(file,
                         QStringLiteral("SELECT count(*) FROM blobs WHERE id NOT IN (SELECT blob FROM bundle_files)")),
                qint64(0));
            const qint64 imported = scalar(file, QStringLiteral("SELECT count(*) FROM bundles"));
            if (imported > 0 && imported < 3)
                ++partial;
            // The case stays usable: finishing the import afterwards completes it.
            if (run % 6 == 0) {
                store->reset();
                QCOMPARE(runChild(file, -1), 0);
                QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM bundles")), qint64(3));
            }
        }
        qInfo("crash test: seed %u, full import %d ms, %d of %d runs killed mid-way, %d with some bundles imported",
            seed, duration, killed, runs, partial);
        QVERIFY(killed >= 20);
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 3 && qstrcmp(argv[1], "--import-child") == 0)
        return importChild(app.arguments().mid(2));
    TestCaseStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_casestore.moc"
