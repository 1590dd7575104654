// SPDX-License-Identifier: GPL-3.0-or-later
// Tamper evidence of the case file: the append-only triggers refuse every change through plain SQL, and with the
// triggers dropped verify-case names what was changed (samples, blobs, rollups, node-hours, bundles, trail, anchors).
#include "casefixture.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "store/rowscheck.h"

#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace capaudit;
using namespace capaudit::test;

class TestCaseVerify : public QObject, protected CaseFixture {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        initFixture();
        if (QTest::currentTestFailed())
            return;
        // The case the trigger tests write to: telemetry and an attestation, so every evidence table has rows for an
        // UPDATE or DELETE to reach its trigger.
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("import.capcase"));
        QVERIFY(store);
        for (const QString& bundle : { m_bundle, m_attestation }) {
            const ImportResult r = CaseImporter(*store).importBundle(bundle);
            QVERIFY2(r.outcome == ImportOutcome::Imported, qPrintable(r.error.toString() + r.verdict.summary()));
        }
    }

    void triggersRefuseChanges_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("update sample block") << QStringLiteral("UPDATE sample_blocks SET bytes = x'00'");
        QTest::newRow("delete sample block") << QStringLiteral("DELETE FROM sample_blocks");
        QTest::newRow("update trail") << QStringLiteral("UPDATE audit_trail SET os_user = 'x'");
        QTest::newRow("delete trail") << QStringLiteral("DELETE FROM audit_trail WHERE seq = 1");
        QTest::newRow("update blob") << QStringLiteral("UPDATE blob_chunks SET bytes = x'00'");
        QTest::newRow("delete bundle") << QStringLiteral("DELETE FROM bundles");
        QTest::newRow("update rollup") << QStringLiteral("UPDATE rollups SET sum_used = 0");
        QTest::newRow("update node hour") << QStringLiteral("UPDATE node_hours SET regular = 1");
        QTest::newRow("delete node hours marker") << QStringLiteral("DELETE FROM node_hours_built");
        QTest::newRow("rename node") << QStringLiteral("UPDATE nodes SET name = 'x'");
        QTest::newRow("delete commitment") << QStringLiteral("DELETE FROM attestation_commitments");
        QTest::newRow("delete anchor") << QStringLiteral("DELETE FROM trust_anchors");
    }
    void triggersRefuseChanges()
    {
        QFETCH(QString, sql);
        const QString file = path(QStringLiteral("import.capcase"));
        const QString error = execSql(file, sql);
        QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
    }

    void cancelledVerificationIsNeverIntact()
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path(QStringLiteral("import.capcase")));
        QVERIFY(store);
        QVERIFY(verifyCase(**store).intact());
        // Cancelled before the first bundle: nothing was re-derived, so it must not read as a clean case, and a report
        // (which runs verify-case last) stops instead of printing it.
        std::atomic_bool cancel { true };
        const CaseVerification stopped = verifyCase(**store, {}, &cancel);
        QVERIFY(stopped.cancelled);
        QVERIFY(!stopped.intact());
        QCOMPARE(stopped.bundles, qint64(0));
        QCOMPARE(stopped.toJson().value(QStringLiteral("intact")).toBool(), false);
    }

    // verify-case re-derives the rows on a second connection, beside the files; it may only do so when that
    // connection's snapshot is the first one's, else an import committed in between would be half seen.
    void rowsLaneOnlyWithTheSameSnapshot()
    {
        const QString file = path(QStringLiteral("lane.capcase"));
        QFile::remove(file);
        QVERIFY(QFile::copy(path(QStringLiteral("import.capcase")), file));
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(store);
        sql::Database& db = (*store)->database();
        const QHash<qint64, TrailEntry> trail;
        {
            sql::ReadTransaction snapshot(db);
            QVERIFY(snapshot.begun());
            QVERIFY(RowsLane::open(db, trail));
        }
        sql::ReadTransaction snapshot(db);
        QVERIFY(snapshot.begun());
        {
            // Another process writes to the case after this snapshot was taken.
            Result<std::unique_ptr<CaseStore>> other = CaseStore::open(file);
            QVERIFY(other);
            QVERIFY(appendTrailEntry((*other)->database(), QLatin1String(trail::kCaseVerified), QJsonObject()));
        }
        QVERIFY(!RowsLane::open(db, trail));
    }

    void verifyCaseFindsTampering_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected"); // %1: digest of the telemetry bundle
        // Samples are compressed blocks (schema 8): a byte in the middle of the block, the block removed, a copy of
        // it added further on, a row of the old layout slipped in beside it.
        QTest::newRow("sample block bytes")
            << QStringLiteral("UPDATE sample_blocks SET bytes = CAST(substr(bytes, 1, length(bytes) / 2) || x'5a' || "
                              "substr(bytes, length(bytes) / 2 + 2) AS BLOB) "
                              "WHERE substr(bytes, length(bytes) / 2 + 1, 1) != x'5a'")
            << QStringLiteral("bundle %1");
        QTest::newRow("sample block deleted")
            << QStringLiteral("DELETE FROM sample_blocks") << QStringLiteral("bundle %1");
        QTest::newRow("sample block copied") << QStringLiteral(
            "INSERT INTO sample_blocks (bundle, first_seq, last_seq, codec, raw_size, bytes) "
            "SELECT bundle, last_seq + 1, 2 * last_seq - first_seq + 1, codec, raw_size, bytes FROM sample_blocks")
                                             << QStringLiteral("bundle %1");
        QTest::newRow("legacy sample inserted") << QStringLiteral(
            "INSERT INTO samples (bundle, seq, payload, line, time, provider, node, resource, tenant, allocated, "
            "used, capacity, state) SELECT bundle, 0, 0, 2, 0, 1, 1, 1, 0, 1, 1, 1, 1 FROM sample_blocks")
                                                << QStringLiteral("bundle %1");
        QTest::newRow("node renamed") << QStringLiteral("UPDATE nodes SET name = 'node-x' WHERE name = 'node-1'")
                                      << QStringLiteral("bundle %1");
        // Chunks are stored zstd-compressed (schema 7), so a text edit would miss them: one byte in the middle of every
        // chunk is overwritten instead (the frame's checksum or the blob's SHA-256 catches it).
        QTest::newRow("blob bytes") << QStringLiteral(
            "UPDATE blob_chunks SET bytes = CAST(substr(bytes, 1, length(bytes) / 2) || x'5a' || "
            "substr(bytes, length(bytes) / 2 + 2) AS BLOB) WHERE substr(bytes, length(bytes) / 2 + 1, 1) != x'5a'")
                                    << QStringLiteral("bundle %1");
        QTest::newRow("rollup") << QStringLiteral("UPDATE rollups SET sum_used = sum_used * 2 WHERE tenant = 1")
                                << QStringLiteral("bundle %1");
        // The check trusts a regular node-hour below the over-commitment limit without reading its raw samples.
        QTest::newRow("node hour") << QStringLiteral(
            "UPDATE node_hours SET max_step_allocated = 0 WHERE hour = (SELECT max(hour) FROM node_hours)")
                                   << QStringLiteral("bundle %1");
        QTest::newRow("node hours removed")
            << QStringLiteral("DELETE FROM node_hours; DELETE FROM node_hours_built") << QStringLiteral("bundle %1");
        QTest::newRow("rows digest") << QStringLiteral(
            "UPDATE bundles SET rows_digest = 'ab' || substr(rows_digest, 3)")
                                     << QStringLiteral("bundle %1");
        QTest::newRow("verdict") << QStringLiteral("UPDATE bundles SET verdict = 'untrusted'")
                                 << QStringLiteral("bundle %1");
        QTest::newRow("trail details") << QStringLiteral(
            "UPDATE audit_trail SET details = replace(details, 'provider-a', "
            "'provider-b') WHERE seq = 3")
                                       << QStringLiteral("trail entry 3");
        QTest::newRow("trail user") << QStringLiteral("UPDATE audit_trail SET os_user = 'mallory' WHERE seq = 1")
                                    << QStringLiteral("trail entry 1");
        QTest::newRow("bundle deleted") << QStringLiteral("DELETE FROM bundles") << QStringLiteral("%1");
        QTest::newRow("anchor swapped") << QStringLiteral(
            "UPDATE trust_anchors SET fingerprint = 'ff' || substr(fingerprint, 3)")
                                        << QStringLiteral("anchor");
        // Who may say what lives in the anchor rows: widened behind the app's back, it would authorize a signer
        // nobody authorized, so it must match what the trail recorded.
        QTest::newRow("anchor scope widened")
            << QStringLiteral("UPDATE trust_anchors SET providers = '[\"provider-a\",\"provider-b\"]'")
            << QStringLiteral("scope [\"provider-a\",\"provider-b\"] is not the recorded");
        QTest::newRow("anchor role changed") << QStringLiteral("UPDATE trust_anchors SET role = 'independent-meter'")
                                             << QStringLiteral("role 'independent-meter' is not the recorded");
        QTest::newRow("anchor identity changed") << QStringLiteral("UPDATE trust_anchors SET identity_san = 'x@y'")
                                                 << QStringLiteral("signer identity 'x@y'");
    }
    void verifyCaseFindsTampering()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const QString name =
            QStringLiteral("tamper-%1.capcase").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        QString digest;
        {
            std::unique_ptr<CaseStore> store = newCase(name);
            QVERIFY(store);
            const ImportResult r = CaseImporter(*store).importBundle(m_bundle);
            QCOMPARE(r.outcome, ImportOutcome::Imported);
            digest = r.digest;
            QVERIFY(verifyCase(*store).intact());
        }
        const QString file = path(name);
        QCOMPARE(execSql(file, dropTriggersSql() + sql), QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY2(store, qPrintable(store.error().toString()));
        const CaseVerification v = verifyCase(**store);
        QVERIFY(!v.intact());
        const QString all = QJsonDocument(v.toJson()).toJson();
        const QString needle = expected.contains(QLatin1String("%1")) ? expected.arg(digest) : expected;
        const bool named = std::any_of(v.problems.cbegin(), v.problems.cend(),
            [&](const CaseProblem& p) { return p.toString().contains(needle); });
        QVERIFY2(named, qPrintable(needle + QStringLiteral(" not named in:\n") + all));
    }
};

QTEST_GUILESS_MAIN(TestCaseVerify)

#include "tst_caseverify.moc"
